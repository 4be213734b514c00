// First schema: stored plan versions, append-only observation versions, import batches.
// Portable DDL only (Kysely's schema builder, types and partial indexes that SQLite and PostgreSQL share).
// Never edit this file once it has landed: add 0002_… instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('plans_plan_version_unique', ['plan_id', 'version'])
    .addCheckConstraint('plans_active_flag', sql`active in (0, 1)`)
    .addCheckConstraint('plans_version_positive', sql`version >= 1`)
    .execute();
  // One plan is in force at a time.
  await db.schema
    .createIndex('plans_one_active')
    .on('plans')
    .column('active')
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint('import_batches_format', sql`format in ('csv', 'xlsx')`)
    .addCheckConstraint('import_batches_row_count', sql`row_count >= 0`)
    .execute();
  await db.schema.createIndex('import_batches_checksum').on('import_batches').column('checksum').execute();

  await db.schema
    .createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_order', 'integer', (c) => c.notNull())
    // 'double precision' is binary64 in PostgreSQL and has REAL affinity (also binary64) in SQLite.
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('citation', 'text')
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('supersedes', 'text', (c) => c.references('observations.id'))
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.references('import_batches.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint('observations_vintage', sql`vintage in ('flash', 'annual', 'revised')`)
    .addCheckConstraint('observations_provenance', sql`provenance in ('real', 'synthetic')`)
    .addCheckConstraint('observations_is_current_flag', sql`is_current in (0, 1)`)
    // Revision 1 replaces nothing; every later revision names the row it replaced.
    .addCheckConstraint(
      'observations_revision_chain',
      sql`(revision = 1 and supersedes is null) or (revision > 1 and supersedes is not null)`,
    )
    // A real figure must say where it was published (MISSION: honest numbers).
    .addCheckConstraint('observations_real_cited', sql`provenance <> 'real' or citation is not null`)
    // Every version of a figure is kept: two writers cannot both add revision n + 1 …
    .addUniqueConstraint('observations_key_revision_unique', [
      'indicator',
      'region',
      'period',
      'vintage',
      'revision',
    ])
    // … nor both replace the same row: the history of a figure is a single chain.
    .addUniqueConstraint('observations_supersedes_unique', ['supersedes'])
    .execute();
  // Exactly one value in force per (indicator, region, period, vintage).
  await db.schema
    .createIndex('observations_one_current')
    .on('observations')
    .columns(['indicator', 'region', 'period', 'vintage'])
    .unique()
    .where(sql.ref('is_current'), '=', 1)
    .execute();
  await db.schema
    .createIndex('observations_current_by_period')
    .on('observations')
    .columns(['period_order', 'indicator', 'region'])
    .where(sql.ref('is_current'), '=', 1)
    .execute();
  await db.schema.createIndex('observations_batch').on('observations').column('batch_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('observations').execute();
  await db.schema.dropTable('import_batches').execute();
  await db.schema.dropTable('plans').execute();
}
