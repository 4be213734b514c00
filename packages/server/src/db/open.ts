// Opens the database: PostgreSQL when a URL is given (or DATABASE_URL is set), else an embedded SQLite file.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import type { Database } from './schema.ts';

export type DatabaseDialect = 'sqlite' | 'postgres';

/** The embedded default: one file beside the working directory, created on first use. */
export const DEFAULT_DATABASE_FILE = './data/ding.db';

export interface DatabaseOptions {
  /** postgres://… — takes precedence over DATABASE_URL and `file`. */
  url?: string;
  /** SQLite file (default ./data/ding.db; ':memory:' for a throw-away database). */
  file?: string;
  /** PostgreSQL only: the schema to work in (created if missing, first on search_path). */
  schema?: string;
  /** Environment to read DATABASE_URL from (default process.env). */
  env?: Record<string, string | undefined>;
  /**
   * SQLite only: how long a write waits for another process's write transaction (a `ding import`)
   * before it fails (default 120 s, DING_SQLITE_WRITE_WAIT_MS).
   */
  writeWaitMs?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** Where the data lives, safe to print: the SQLite path or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseOpenError';
  }
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const env = options.env ?? process.env;
  const url = options.url ?? (options.file === undefined ? env.DATABASE_URL || undefined : undefined);
  return url === undefined
    ? openSqlite(options.file ?? DEFAULT_DATABASE_FILE, writeWaitOf(options.writeWaitMs, env))
    : openPostgres(url, options.schema);
}

const DEFAULT_WRITE_WAIT_MS = 120_000;

function writeWaitOf(given: number | undefined, env: Record<string, string | undefined>): number {
  const fromEnv = Number(env.DING_SQLITE_WRITE_WAIT_MS);
  return given ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WRITE_WAIT_MS);
}

/**
 * SQLite does roll back DDL inside a transaction, but Kysely's adapter says it does not, so the
 * Migrator would run migrations outside one and a failing migration could leave half a schema.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class TransactionalSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly wait: { ms: number; location: string },
  ) {
    super({ database: sqlite });
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
  override createDriver(): Driver {
    return new WaitingSqliteDriver(this.sqlite, this.wait);
  }
}

/** A write that waited `writeWaitMs` for another process's write transaction and gave up. */
export class DatabaseBusyError extends Error {
  constructor(location: string, ms: number, cause: unknown) {
    super(
      `SQLite database ${location} stayed locked by another writer for ${Math.round(ms / 1000)} s ` +
        `(an import in another process?); nothing was written, try again when it has finished`,
      { cause },
    );
    this.name = 'DatabaseBusyError';
  }
}

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test(String((e as { code?: unknown } | null)?.code ?? ''));

/**
 * Writers queue instead of failing with "database is locked" (issue 16 §1), for two reasons:
 *
 * - Kysely begins SQLite transactions with a plain BEGIN (DEFERRED): the transaction starts as a
 *   reader and asks for the write lock at its first write. If another process (a `ding import`)
 *   committed in between, SQLite cannot let it wait — its snapshot is stale — and fails at once with
 *   SQLITE_BUSY, busy timeout or not. BEGIN IMMEDIATE takes the write lock first, so there is
 *   nothing to upgrade: every transaction here begins IMMEDIATE (the same for the CLI and the server,
 *   both open the database through this function).
 * - Waiting for that lock with SQLite's busy timeout would freeze the server's event loop (better-sqlite3
 *   is synchronous) for as long as the import holds it, seconds for 100k rows. So the busy timeout is
 *   short, and a BEGIN IMMEDIATE or a single-statement write (outside a transaction) refused with
 *   SQLITE_BUSY is retried after an asynchronous pause, until `writeWaitMs`. A refused statement wrote
 *   nothing, so retrying it is safe. Inside a transaction that holds the write lock nothing is retried:
 *   WAL readers never block it.
 *
 * While one write waits, this process's other queries wait behind it (Kysely keeps one SQLite
 * connection); PostgreSQL has a pool and row locks and needs none of this.
 */
class WaitingSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly wait: { ms: number; location: string },
  ) {
    super({ database: sqlite });
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
        this.sqlite.inTransaction
          ? connection.executeQuery<R>(query)
          : this.untilFree(() => connection.executeQuery<R>(query)),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) =>
        connection.streamQuery<R>(query, chunkSize),
    };
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  private async untilFree<T>(run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        return await run();
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() - started >= this.wait.ms)
          throw new DatabaseBusyError(this.wait.location, this.wait.ms, e);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function openSqlite(file: string, writeWaitMs: number): DatabaseHandle {
  const inMemory = file === ':memory:';
  const path = inMemory ? file : resolve(file);
  let sqlite: SqliteDatabase.Database;
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    sqlite = new SqliteDatabase(path);
    // WAL: readers (screens, reports) never wait for a writer (an import); several processes can share the file.
    sqlite.pragma('journal_mode = WAL');
    // SQLite ignores REFERENCES unless asked, per connection.
    sqlite.pragma('foreign_keys = ON');
    // Short on purpose: longer waits for another process's writes are asynchronous (WaitingSqliteDriver).
    sqlite.pragma('busy_timeout = 20');
  } catch (cause) {
    throw new DatabaseOpenError(`cannot open SQLite database ${path}: ${errorMessage(cause)}`, cause);
  }
  const db = new Kysely<Database>({
    dialect: new TransactionalSqliteDialect(sqlite, { ms: writeWaitMs, location: path }),
  });
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(url: string, schema: string | undefined): Promise<DatabaseHandle> {
  const location = redactUrl(url);
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseOpenError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got '${location}')`,
    );
  }
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new DatabaseOpenError(
      `PostgreSQL schema '${schema}' is not a plain lower-case identifier (a-z, 0-9, _)`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'ding',
    connectionTimeoutMillis: 10_000,
  });
  const db = new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({
      pool,
      // Every pooled connection works in the chosen schema; the name was checked above.
      ...(schema
        ? {
            onCreateConnection: async (conn) => {
              await conn.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
            },
          }
        : {}),
    }),
  });
  try {
    // Created only when missing: `create schema if not exists` needs CREATE on the database even when
    // the schema is there, which an app role without DDL rights (docs/DEPLOY.md) does not have.
    const { rows } = await sql<{ found: number }>`
      select count(*)::int as found from pg_namespace where nspname = ${schema ?? ''}`.execute(db);
    if (schema && rows[0]?.found === 0) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (cause) {
    await db.destroy();
    throw new DatabaseOpenError(`cannot connect to PostgreSQL at ${location}: ${errorMessage(cause)}`, cause);
  }
  return {
    db,
    dialect: 'postgres',
    location: schema ? `${location} (schema ${schema})` : location,
    close: () => db.destroy(),
  };
}

/**
 * Kysely's PostgreSQL introspector (used by the Migrator to find its bookkeeping tables) reads every
 * schema's catalogue, and fails when another session drops a schema at that moment ("relation … does
 * not exist" from a parallel worker). Ding only ever works in its own schema: look there alone.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    return rows.filter((r) => r.name !== null);
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; type: string }>`
      select table_name as name, table_schema as schema, table_type as type
      from information_schema.tables where table_schema = current_schema()`.execute(this.db);
    return rows
      .filter((r) => options.withInternalKyselyTables || !r.name.startsWith('kysely_'))
      .map((r) => ({ name: r.name, schema: r.schema, isView: r.type === 'VIEW', columns: [] }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** The URL with any password replaced by ***, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return e.errors.map(errorMessage).join('; ');
  if (e instanceof Error) return e.message || ('code' in e ? String(e.code) : e.name);
  return String(e);
}
