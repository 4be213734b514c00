// `ding backup --out FILE` and `ding restore FILE` (issue 15 §5): a consistent online copy of the database
// (SQLite or PostgreSQL) as one SQLite file, and its restore into an empty database of either kind, checked
// table by table against the backup.
import type { Command } from 'commander';
import { databaseBackup, databaseRestore, openDatabase, type TableDigest } from '@ding/server';
import { addDatabaseOption } from './workspace-options.ts';

const rowsIn = (tables: readonly TableDigest[]) => tables.reduce((n, t) => n + t.rows, 0);

export function registerBackupCommands(program: Command): void {
  addDatabaseOption(program.command('backup'))
    .description(
      'write a consistent copy of the database (SQLite or PostgreSQL) to one SQLite file, while it runs',
    )
    .requiredOption('--out <file>', 'the backup file to write (must not exist)')
    .option('--json', 'print the tables and their digests as JSON')
    .action(async (opts: { db?: string; out: string; json?: boolean }) => {
      const db = await openDatabase(opts.db ? { file: opts.db } : {});
      try {
        const result = await databaseBackup(db, opts.out);
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else
          console.log(
            `backup of ${db.location}: ${result.tables.length} tables, ${rowsIn(result.tables)} rows → ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB)`,
          );
      } finally {
        await db.close();
      }
    });

  addDatabaseOption(program.command('restore'))
    .description(
      'restore a backup into an empty database (--db FILE, or DATABASE_URL), then compare every table',
    )
    .argument('<file>', 'a file written by ding backup')
    .option('--json', 'print the tables and their digests as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean }) => {
      const db = await openDatabase(opts.db ? { file: opts.db } : {});
      try {
        const result = await databaseRestore(file, db);
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else
          console.log(
            `restored ${file} into ${db.location}: ${result.tables.length} tables, ${rowsIn(result.tables)} rows; ` +
              (result.identical ? 'every table identical to the backup' : 'DIFFERENT from the backup'),
          );
        if (!result.identical) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
