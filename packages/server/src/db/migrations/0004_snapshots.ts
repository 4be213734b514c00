// Published snapshots (issue 9 §2, issue 17 §1): the unit of reading. A snapshot pins the observation
// revisions in force when a publication, an import or `ding init` committed, so a report or a progress
// table of snapshot N reads the same figures forever, whatever is revised later.
// Portable DDL plus one trigger per dialect; never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

/** The dialect, found through public API (as in 0002): a compiled parameter is `$1` in PostgreSQL. */
function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);

  // One row (id = 1). `last_snapshot_id` numbers snapshots; `observation_writes` counts write statements
  // on observations (trigger below). Both live on one row on purpose: a snapshot is created with an
  // UPDATE of this row, which in PostgreSQL waits for every transaction that wrote observations and
  // has not committed (their trigger holds the row), so snapshot ids follow commit order and each
  // snapshot sees every figure committed before it. SQLite has a single writer: the order holds anyway.
  // A reader compares `observation_writes` with the latest snapshot's `write_stamp` in one lookup to
  // know whether anything was written since (a repository write, a correction) without counting rows.
  await db.schema
    .createTable('snapshot_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_snapshot_id', 'integer', (c) => c.notNull())
    .addColumn('observation_writes', 'bigint', (c) => c.notNull())
    .addCheckConstraint('snapshot_state_one_row', sql`id = 1`)
    .execute();

  await db.schema
    .createTable('snapshots')
    // Assigned from snapshot_state.last_snapshot_id: 1, 2, 3 … in commit order, never reused.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    // The stored plan version in force (plans.id pins plan id and version). Null only for a snapshot
    // taken by this migration of a database that had figures but no plan.
    .addColumn('plan_version_id', 'text', (c) => c.references('plans.id'))
    // publication (of a round) | import (a file's batch) | init (`ding init`'s demo data) |
    // correction (an admin's revision of one figure) | migration (figures stored before this table).
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.references('rounds.id'))
    .addColumn('batch_id', 'text', (c) => c.references('import_batches.id'))
    // Free text: the correction's reason, the demo generator's name …
    .addColumn('detail', 'text')
    // Rows in snapshot_observations (the figures in force, every vintage).
    .addColumn('observation_count', 'integer', (c) => c.notNull())
    // snapshot_state.observation_writes when this snapshot was taken (see above).
    .addColumn('write_stamp', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'snapshots_reason',
      sql`reason in ('publication', 'import', 'init', 'correction', 'migration')`,
    )
    .addCheckConstraint('snapshots_publication_round', sql`reason <> 'publication' or round_id is not null`)
    .addCheckConstraint('snapshots_import_batch', sql`reason <> 'import' or batch_id is not null`)
    .execute();

  // What a snapshot pins: the id of every observation row in force at that moment. Observation ids are
  // UUIDs (not monotonic), so "the highest id at the snapshot" does not exist; a sequence column added
  // to observations would be exact only if sequence order were commit order, which PostgreSQL does not
  // promise, and reading "rows ≤ n not superseded by a row ≤ n" scans the whole history. The set is
  // exact by construction (one INSERT … SELECT in the writing transaction sees exactly what is current
  // for it) and reading it is an index join over the pinned rows only. Cost: one 2-column row per
  // figure in force per snapshot (Cixi's demo: 9,720 rows); at province scale a delta encoding
  // (rows added / removed since the previous snapshot) would be the next step.
  await db.schema
    .createTable('snapshot_observations')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('snapshots.id'))
    .addColumn('observation_id', 'text', (c) => c.notNull().references('observations.id'))
    .addPrimaryKeyConstraint('snapshot_observations_pk', ['snapshot_id', 'observation_id'])
    .execute();

  await db
    .insertInto('snapshot_state' as never)
    .values({ id: 1, last_snapshot_id: 0, observation_writes: 0 } as never)
    .execute();

  if (dialect === 'postgres') {
    // Once per statement (an INSERT of 500 rows counts once): the count only has to change, not to be exact.
    await sql
      .raw(
        `create function observations_count_writes() returns trigger language plpgsql as $$
begin
  update snapshot_state set observation_writes = observation_writes + 1 where id = 1;
  return null;
end
$$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger observations_count_writes after insert or update or delete on observations
         for each statement execute function observations_count_writes()`,
      )
      .execute(db);
  } else {
    // SQLite has row triggers only; one tiny UPDATE per written row.
    for (const op of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `create trigger observations_count_${op} after ${op} on observations
           begin update snapshot_state set observation_writes = observation_writes + 1 where id = 1; end`,
        )
        .execute(db);
  }

  // A database that already holds figures gets snapshot 1 of them, so readers have a snapshot at once.
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from observations where is_current = 1`.execute(db);
  const count = Number(rows[0]?.n ?? 0);
  if (count > 0) {
    const plan = await sql<{ id: string }>`select id from plans where active = 1`.execute(db);
    await sql`update snapshot_state set last_snapshot_id = 1 where id = 1`.execute(db);
    await sql`
      insert into snapshots (id, created_at, created_by, plan_version_id, reason, round_id, batch_id,
                             detail, observation_count, write_stamp)
      values (1, ${new Date().toISOString()}, 'migration 0004', ${plan.rows[0]?.id ?? null}, 'migration',
              null, null, 'figures stored before snapshots existed', ${count}, 0)`.execute(db);
    await sql`
      insert into snapshot_observations (snapshot_id, observation_id)
      select 1, id from observations where is_current = 1`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw('drop trigger observations_count_writes on observations').execute(db);
    await sql.raw('drop function observations_count_writes()').execute(db);
  } else {
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger observations_count_${op}`).execute(db);
  }
  await db.schema.dropTable('snapshot_observations').execute();
  await db.schema.dropTable('snapshots').execute();
  await db.schema.dropTable('snapshot_state').execute();
}
