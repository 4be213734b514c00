// Throw-away databases for tests: a SQLite file in a temp folder, or a fresh PostgreSQL schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, redactUrl, type DatabaseHandle } from '../../src/index.ts';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Close and delete everything the test database used. */
  dispose(): Promise<void>;
}

export type OpenTestDatabase = (options?: { migrate?: boolean }) => Promise<TestDatabase>;

export const TEST_POSTGRES_URL =
  process.env.DING_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export const openSqliteTestDatabase: OpenTestDatabase = async ({ migrate = true } = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'ding-test-'));
  const handle = await openDatabase({ file: join(dir, 'nested', 'ding.db') });
  if (migrate) await migrateToLatest(handle.db, handle.dialect);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Each call works in its own schema ding_test_<random>, dropped by dispose(). */
export const openPostgresTestDatabase: OpenTestDatabase = async ({ migrate = true } = {}) => {
  const schema = `ding_test_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase({ url: TEST_POSTGRES_URL, schema });
  if (migrate) await migrateToLatest(handle.db, handle.dialect);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await dropPostgresSchema(schema);
    },
  };
};

/** Drops a test's schema and everything in it. */
export async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Whether the test PostgreSQL answers; the reason when it does not. */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (e) {
    const reason =
      e instanceof AggregateError
        ? e.errors.map((x: Error) => x.message).join('; ')
        : e instanceof Error
          ? e.message || String((e as { code?: string }).code)
          : String(e);
    return { ok: false, reason: `PostgreSQL at ${redactUrl(TEST_POSTGRES_URL)} is unreachable (${reason})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
