// The event log (issue 15 §2): one row per announcement (a publication committed), ids increasing. Screens
// resume from their last id (SSE Last-Event-ID) and, in server mode, every instance reads the rows after an
// id-only NOTIFY — the payload stays in the table, far from NOTIFY's 8,000-byte limit. Portable DDL; never
// edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('events')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    // JSON: what a screen needs to know (e.g. {period}); never figures.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
}
