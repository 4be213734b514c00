// Brings a database up to the latest schema with Kysely's Migrator; safe to run on every start.
import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import type { DatabaseDialect } from './open.ts';

export interface MigrationReport {
  /** Migrations applied by this call, in order (empty when the schema was already current). */
  applied: string[];
  /** Every migration the database now has. */
  all: string[];
}

export class MigrationError extends Error {
  constructor(
    /** The migration that failed, when one did (otherwise the migrator itself failed). */
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      migration
        ? `database migration ${migration} failed: ${reason}`
        : `database migration failed: ${reason}`,
      { cause },
    );
    this.name = 'MigrationError';
  }
}

/** Apply every pending migration; idempotent. Throws MigrationError naming the migration that failed. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping table in every schema it can see; pin it to the schema our
    // tables live in, so two deployments (or two test runs) in one PostgreSQL database stay apart.
    ...(dialect === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    all: Object.keys(migrations).sort(),
  };
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema)
    throw new MigrationError(undefined, new Error('PostgreSQL has no current schema (search_path)'));
  return schema;
}
