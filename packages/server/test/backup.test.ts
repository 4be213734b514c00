// Backup and restore (issue 15 §5): a round trip gives identical content, every table compared — SQLite →
// SQLite, SQLite → PostgreSQL, PostgreSQL → backup → SQLite — serial ids continue after a restore, and the
// refusals (an existing file, a target with data, a backup of another schema version) change nothing.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKUP_TABLES,
  createRepositories,
  databaseBackup,
  databaseDigest,
  databaseRestore,
  openDatabase,
  workspaceInit,
  workspaceOpen,
  type DatabaseHandle,
  type TableDigest,
} from '../src/index.ts';
import { TEST_POSTGRES_URL, dropPostgresSchema } from './support/databases.ts';

let dir: string;
let original: TableDigest[];
const schemas: string[] = [];
const file = (name: string) => join(dir, name);

async function postgresDatabase(): Promise<DatabaseHandle> {
  const schema = `ding_backup_${randomBytes(5).toString('hex')}`;
  schemas.push(schema);
  return openDatabase({ url: TEST_POSTGRES_URL, schema });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ding-backup-'));
  const ws = await workspaceOpen({ file: file('source.db') });
  await workspaceInit(ws, { demo: true });
  // bytes and a serial table beyond the demo: an attachment of a 督办 report
  const item = (await ws.repos.supervision.items())[0]!;
  await ws.repos.supervision.insertReport({
    itemId: item.id,
    period: '2026Q1',
    unit: item.leadUnits[0]!,
    role: 'lead',
    text: '附件测试',
    by: 'kjj',
    attachments: [
      {
        fileName: '照片.png',
        contentType: 'image/png',
        bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 255]),
      },
    ],
  });
  original = await databaseDigest(ws.db.db);
  await ws.close();
}, 120_000);

afterAll(async () => {
  for (const s of schemas) await dropPostgresSchema(s);
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('covers every table the migrations create', async () => {
    const db = await openDatabase({ file: file('source.db') });
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
      db.db,
    );
    await db.close();
    expect(BACKUP_TABLES.map((t) => t.name).sort()).toEqual(tables.rows.map((r) => r.name));
  });

  it('SQLite → backup → SQLite and → PostgreSQL: every table identical', async () => {
    const source = await openDatabase({ file: file('source.db') });
    const backup = await databaseBackup(source, file('a.backup'));
    await source.close();
    expect(backup.tables).toEqual(original);
    expect(backup.tables.find((t) => t.table === 'observations')!.rows).toBeGreaterThan(9000);
    expect(backup.tables.find((t) => t.table === 'supervision_attachments')!.rows).toBe(1);
    expect(existsSync(file('a.backup.partial'))).toBe(false);

    const sqliteTarget = await openDatabase({ file: file('restored.db') });
    const intoSqlite = await databaseRestore(file('a.backup'), sqliteTarget);
    expect(intoSqlite.identical).toBe(true);
    expect(await databaseDigest(sqliteTarget.db)).toEqual(original);
    await sqliteTarget.close();

    const pg = await postgresDatabase();
    const intoPg = await databaseRestore(file('a.backup'), pg);
    expect(intoPg.identical).toBe(true);
    expect(await databaseDigest(pg.db)).toEqual(original);
    // serial ids continue after the copied ones: a new audit row and event do not collide
    const repos = createRepositories(pg.db);
    await repos.audit.append({ actor: 'test', action: 'backup.check', entity: 'backup', entityId: '1' });
    const item = (await repos.supervision.items())[0]!;
    await repos.supervision.appendEvent(item.id, { kind: 'reminded', by: 'test' });
    await pg.close();
  }, 120_000);

  it('PostgreSQL → backup (one consistent transaction) → SQLite: identical to the original', async () => {
    const pg = await postgresDatabase();
    await databaseRestore(file('a.backup'), pg);
    const fromPg = await databaseBackup(pg, file('pg.backup'));
    await pg.close();
    expect(fromPg.tables).toEqual(original);
    const target = await openDatabase({ file: file('from-pg.db') });
    const restored = await databaseRestore(file('pg.backup'), target);
    expect(restored.identical).toBe(true);
    expect(restored.tables).toEqual(original);
    // the restored file is a working Ding database
    await target.close();
    const ws = await workspaceOpen({ file: file('from-pg.db') });
    expect((await ws.repos.plans.active())?.plan.id).toBe('cixi');
    await ws.close();
  }, 120_000);

  it('refuses to overwrite a file, to restore into a database with data, and a backup of another schema version', async () => {
    const source = await openDatabase({ file: file('source.db') });
    await expect(databaseBackup(source, file('a.backup'))).rejects.toThrow(
      /exists: a backup never overwrites a file/,
    );
    await expect(databaseRestore(file('a.backup'), source)).rejects.toThrow(
      /the target database is not empty \(plans has \d+ rows\): restore into a new database/,
    );
    await source.close();
    const unchanged = await openDatabase({ file: file('source.db') });
    expect(await databaseDigest(unchanged.db)).toEqual(original);
    await unchanged.close();

    const old = await openDatabase({ file: file('restored.db') });
    await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(
      old.db,
    );
    await expect(databaseBackup(old, file('old.backup'))).rejects.toThrow(
      /is at migration \d{4}_\w+, this version of Ding at \d{4}_\w+: run `ding init`/,
    );
    await old.close();
    expect(existsSync(file('old.backup'))).toBe(false);
  });
});
