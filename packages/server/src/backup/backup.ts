// Backup and restore (issue 15 §5). A backup is one SQLite file with the app's schema at the current
// migration: from SQLite it is `VACUUM INTO` (SQLite's own consistent online copy); from PostgreSQL every
// table is copied into such a file inside one REPEATABLE READ, READ ONLY transaction, so the copy is one
// consistent moment while the server keeps running. One format for both backends means a backup restores
// into either (an embedded county moving to server mode, or back), and the same table-by-table comparison
// verifies every backup and restore. pg_dump stays available to a DBA for PostgreSQL-native dumps
// (docs/DEPLOY.md); the app does not depend on its version matching the server's.
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { openDatabase, type DatabaseHandle } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import { UserError } from '../services/workspace.ts';

/**
 * Every table of the app, parents before children (foreign keys), with the order its rows are copied in.
 * A test compares this list with the tables the migrations create, so a new table cannot be left out.
 */
export const BACKUP_TABLES: ReadonlyArray<{
  name: keyof Database;
  orderBy: string[];
  /** PostgreSQL serial column whose sequence must continue after the copied ids. */
  serial?: string;
  /** One row the migrations insert (a counter): replaced by the backup's, not counted as data. */
  seeded?: boolean;
}> = [
  { name: 'plans', orderBy: ['id'] },
  { name: 'import_batches', orderBy: ['id'] },
  // `supersedes` points at an earlier revision of the same table: copied in dependency order (below).
  { name: 'observations', orderBy: ['id'] },
  { name: 'users', orderBy: ['id'] },
  { name: 'sessions', orderBy: ['id'] },
  { name: 'login_attempts', orderBy: ['username', 'ip', 'at', 'ok'] },
  { name: 'audit_log', orderBy: ['id'], serial: 'id' },
  { name: 'rounds', orderBy: ['id'] },
  { name: 'round_assignments', orderBy: ['round_id', 'submitter', 'indicator', 'region', 'period'] },
  { name: 'uploads', orderBy: ['id'] },
  { name: 'submission_rows', orderBy: ['id'] },
  { name: 'period_locks', orderBy: ['period'] },
  { name: 'notices', orderBy: ['id'] },
  { name: 'snapshot_state', orderBy: ['id'], seeded: true },
  { name: 'snapshots', orderBy: ['id'] },
  { name: 'snapshot_observations', orderBy: ['snapshot_id', 'observation_id'] },
  { name: 'reports', orderBy: ['id'] },
  { name: 'report_sequence', orderBy: ['id'], seeded: true },
  { name: 'report_files', orderBy: ['report_id', 'format'] },
  { name: 'jobs', orderBy: ['id'] },
  { name: 'cup_evidence', orderBy: ['id'], serial: 'id' },
  { name: 'supervision_items', orderBy: ['id'] },
  { name: 'supervision_events', orderBy: ['id'], serial: 'id' },
  { name: 'supervision_reports', orderBy: ['id'] },
  { name: 'supervision_attachments', orderBy: ['id'] },
  { name: 'notification_sends', orderBy: ['id'], serial: 'id' },
  { name: 'round_due_exceptions', orderBy: ['round_id', 'submitter'] },
  { name: 'round_reminders', orderBy: ['id'] },
  { name: 'events', orderBy: ['id'], serial: 'id' },
];

/** A problem a person can fix: the file exists, the target is not empty, the backup is of another version. */
export class BackupError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Row = Record<string, unknown>;
// Tables are named from BACKUP_TABLES only; the untyped handle copies any of them alike.
const anyDb = (db: Kysely<Database>) => db as unknown as Kysely<Record<string, Row>>;

const latestMigration = () => Object.keys(migrations).sort().at(-1)!;

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function requireLatest(db: Kysely<Database>, what: string): Promise<void> {
  const applied = await appliedMigrations(db).catch(() => []);
  if (applied.at(-1) !== latestMigration())
    throw new BackupError(
      `${what} is at migration ${applied.at(-1) ?? '(none)'}, this version of Ding at ${latestMigration()}: run \`ding init\` with the version that matches`,
    );
}

/** Rows of a table in a stable order; observations so that a revision comes after the one it supersedes. */
async function tableRows(db: Kysely<Database>, table: (typeof BACKUP_TABLES)[number]): Promise<Row[]> {
  let q = anyDb(db).selectFrom(table.name).selectAll();
  for (const c of table.orderBy) q = q.orderBy(c);
  const rows = (await q.execute()) as Row[];
  return table.name === 'observations' ? supersedesFirst(rows) : rows;
}

function supersedesFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const done = new Set<string>();
  const out: Row[] = [];
  const visit = (r: Row) => {
    const id = r.id as string;
    if (done.has(id)) return;
    done.add(id);
    const parent = r.supersedes as string | null;
    if (parent && byId.has(parent)) visit(byId.get(parent)!);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}

async function copyTables(
  from: Kysely<Database>,
  to: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
): Promise<void> {
  for (const table of BACKUP_TABLES) {
    const rows = await tableRows(from, table);
    if (table.seeded) await anyDb(to).deleteFrom(table.name).execute();
    // The parameter limit of one INSERT (SQLite 32,766; PostgreSQL 65,535) over the widest table.
    const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
    const chunk = Math.max(1, Math.floor(30_000 / columns));
    for (let i = 0; i < rows.length; i += chunk)
      await anyDb(to)
        .insertInto(table.name)
        .values(rows.slice(i, i + chunk))
        .execute();
    // A serial id column continues after the copied ids (PostgreSQL; SQLite's AUTOINCREMENT follows max(id)).
    if (dialect === 'postgres' && table.serial)
      await sql`select setval(pg_get_serial_sequence(${table.name}, ${table.serial}), coalesce(max(${sql.ref(table.serial)}), 1), max(${sql.ref(table.serial)}) is not null) from ${sql.table(table.name)}`.execute(
        to,
      );
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: TableDigest[];
}

/**
 * Writes a consistent copy of `source` to `outFile` (which must not exist). The file is written beside it
 * under a temporary name and renamed when complete, so a crash leaves no half backup under the real name.
 */
export async function databaseBackup(source: DatabaseHandle, outFile: string): Promise<BackupResult> {
  if (existsSync(outFile)) throw new BackupError(`${outFile} exists: a backup never overwrites a file`);
  await requireLatest(source.db, 'the database');
  const partial = `${outFile}.partial`;
  rmSync(partial, { force: true });
  try {
    if (source.dialect === 'sqlite') {
      await sql`vacuum into ${partial}`.execute(source.db);
    } else {
      const target = await openDatabase({ file: partial });
      try {
        await migrateToLatest(target.db, target.dialect);
        await source.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute((snapshot) => target.db.transaction().execute((tx) => copyTables(snapshot, tx, 'sqlite')));
      } finally {
        await target.close();
      }
    }
    const copy = await openDatabase({ file: partial });
    let tables: TableDigest[];
    try {
      tables = await databaseDigest(copy.db);
    } finally {
      await copy.close();
    }
    for (const f of ['-wal', '-shm']) rmSync(partial + f, { force: true });
    renameSync(partial, outFile);
    return { file: outFile, bytes: statSync(outFile).size, tables };
  } catch (e) {
    for (const f of ['', '-wal', '-shm']) rmSync(partial + f, { force: true });
    throw e;
  }
}

export interface RestoreResult {
  tables: TableDigest[];
  /** The restored database's digest equals the backup's, table by table. */
  identical: boolean;
}

/**
 * Restores `file` into `target`, which must hold no data (a fresh database or schema): the schema is
 * migrated, every table copied in one transaction (all or nothing), serial ids continued, and the result
 * compared with the backup table by table.
 */
export async function databaseRestore(file: string, target: DatabaseHandle): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file`);
  const source = await openDatabase({ file });
  try {
    await requireLatest(source.db, `the backup ${file}`);
    await migrateToLatest(target.db, target.dialect);
    for (const table of BACKUP_TABLES.filter((t) => !t.seeded)) {
      const n = await anyDb(target.db)
        .selectFrom(table.name)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) > 0)
        throw new BackupError(
          `the target database is not empty (${table.name} has ${Number(n.n)} rows): restore into a new database`,
        );
    }
    await target.db.transaction().execute((tx) => copyTables(source.db, tx, target.dialect));
    const [expected, actual] = [await databaseDigest(source.db), await databaseDigest(target.db)];
    return { tables: actual, identical: digestsEqual(expected, actual) };
  } finally {
    await source.close();
  }
}

export interface TableDigest {
  table: string;
  rows: number;
  /** SHA-256 of the table's rows in a canonical form (the same on SQLite and PostgreSQL). */
  sha256: string;
}

/**
 * The same value however a driver returns it: numbers and 64-bit integers (PostgreSQL returns bigint as
 * text) as their decimal text, bytes as base64, so a SQLite and a PostgreSQL copy of one table digest alike.
 */
function canonical(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return `b64:${Buffer.from(v).toString('base64')}`;
  return v;
}

/** Per table: row count and a hash of its rows, canonical and sorted (insertion order does not matter). */
export async function databaseDigest(db: Kysely<Database>): Promise<TableDigest[]> {
  const out: TableDigest[] = [];
  for (const table of BACKUP_TABLES) {
    const rows = (await anyDb(db).selectFrom(table.name).selectAll().execute()) as Row[];
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, canonical(r[k])]),
        ),
      )
      .sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\n');
    out.push({ table: table.name, rows: rows.length, sha256: hash.digest('hex') });
  }
  return out;
}

export function digestsEqual(a: readonly TableDigest[], b: readonly TableDigest[]): boolean {
  return a.length === b.length && a.every((t, i) => t.table === b[i]?.table && t.sha256 === b[i]?.sha256);
}
