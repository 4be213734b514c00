// openDatabase: which backend, where the SQLite file goes, its pragmas, and clear errors.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_FILE, DatabaseOpenError, openDatabase, redactUrl } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase on SQLite', () => {
  it('defaults to ./data/ding.db under the working directory, creating the folder', async () => {
    expect(DEFAULT_DATABASE_FILE).toBe('./data/ding.db');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const h = await openDatabase({ env: {} });
      expect(h.dialect).toBe('sqlite');
      expect(h.location).toBe(join(dir, 'data', 'ding.db'));
      await h.close();
      expect(existsSync(join(dir, 'data', 'ding.db'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('turns on WAL and foreign keys', async () => {
    const h = await openDatabase({ file: join(dir, 'a', 'b', 'x.db'), env: {} });
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(h.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(h.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('an explicit file wins over DATABASE_URL', async () => {
    const h = await openDatabase({ file: ':memory:', env: { DATABASE_URL: 'postgres://nowhere/x' } });
    expect(h.dialect).toBe('sqlite');
    await h.close();
  });

  it('a path that cannot be a database is reported with the path', async () => {
    await expect(openDatabase({ file: dir, env: {} })).rejects.toThrow(`cannot open SQLite database ${dir}`);
  });
});

describe('openDatabase on PostgreSQL', () => {
  it('DATABASE_URL selects PostgreSQL; a URL that is not postgres:// is refused', async () => {
    await expect(openDatabase({ env: { DATABASE_URL: 'mysql://root@localhost/ding' } })).rejects.toThrow(
      "DATABASE_URL must start with postgres:// or postgresql:// (got 'mysql://root@localhost/ding')",
    );
  });

  it('an unreachable server is named without its password', async () => {
    const error = await openDatabase({ url: 'postgres://ding:s3cret@127.0.0.1:1/ding' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(
      /^cannot connect to PostgreSQL at postgres:\/\/ding:\*\*\*@127\.0\.0\.1:1\/ding: /,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('a schema name must be a plain identifier (it goes into search_path)', async () => {
    await expect(openDatabase({ url: 'postgres://x@127.0.0.1/x', schema: 'a"; drop' })).rejects.toThrow(
      'is not a plain lower-case identifier',
    );
  });

  it('redactUrl hides only the password', () => {
    expect(redactUrl('postgresql://u:p@h:5432/d?sslmode=require')).toBe(
      'postgresql://u:***@h:5432/d?sslmode=require',
    );
    expect(redactUrl('postgres://u@h/d')).toBe('postgres://u@h/d');
  });
});
