// The database options every command accepts: --db FILE (SQLite) or DATABASE_URL (PostgreSQL).
import type { Command } from 'commander';
import { workspaceOpen, type Workspace } from '@ding/server';

export function addDatabaseOption(cmd: Command): Command {
  return cmd.option(
    '--db <file>',
    'SQLite database file (default ./data/ding.db; DATABASE_URL selects PostgreSQL)',
  );
}

/** Open the workspace, run `fn`, and always close the database. */
export async function withWorkspace<T>(opts: { db?: string }, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await workspaceOpen(opts.db ? { file: opts.db } : {});
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}
