// 科技创新杯 evidence (佐证材料, issue 10 §5): a town's bonus/deduction entry for a year — quantity, a note or
// file reference — entered and then approved by an admin; only approved entries score. Portable DDL;
// never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('cup_evidence')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    // A bonus or deduction item code of the scheme in force when entered.
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addCheckConstraint('cup_evidence_status', sql`status in ('pending', 'approved', 'rejected')`)
    .addCheckConstraint('cup_evidence_quantity', sql`quantity >= 1`)
    .addCheckConstraint(
      'cup_evidence_decided',
      sql`(status = 'pending') = (decided_at is null) and (decided_at is null) = (decided_by is null)`,
    )
    .execute();
  await db.schema.createIndex('cup_evidence_year').on('cup_evidence').columns(['year', 'region']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cup_evidence').execute();
}
