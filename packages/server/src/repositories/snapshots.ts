// SnapshotRepository: published snapshots — which observation revisions were in force when a
// publication, an import or `ding init` committed — and the figures of any snapshot read back exactly.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Vintage } from '@ding/core';
import type { Database, SnapshotReason, SnapshotsTable } from '../db/schema.ts';
import { bestVintage, observationFromRow, type ObservationRecord } from './records.ts';
import { RepositoryError, type Clock, type Transactional } from './support.ts';

export type { SnapshotReason } from '../db/schema.ts';

export interface Snapshot {
  /** 1, 2, 3 … in commit order. */
  id: number;
  createdAt: string;
  createdBy: string;
  /** The stored plan version in force (plans.id), its plan id and version number. */
  planVersionId?: string;
  planId?: string;
  planVersion?: number;
  reason: SnapshotReason;
  /** The collection round published (reason 'publication'). */
  roundId?: string;
  /** The import batch written (reason 'import'). */
  batchId?: string;
  detail?: string;
  /** Figures pinned (every vintage's value in force). */
  observationCount: number;
}

export interface NewSnapshot {
  createdBy: string;
  reason: SnapshotReason;
  roundId?: string;
  batchId?: string;
  detail?: string;
  /** plans.id of the plan version; default the active plan. */
  planVersionId?: string;
}

export interface SnapshotObservationQuery {
  /** One vintage, or 'best' (revised > annual > flash per figure); default every vintage. */
  vintage?: Vintage | 'best';
}

/** Whether the latest snapshot still holds every figure in force (nothing written since it). */
export interface SnapshotFreshness {
  latest: Snapshot | undefined;
  /** False when observations were written after the latest snapshot (or there is none). */
  fresh: boolean;
}

const IN_CHUNK = 500;

export class SnapshotRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tx: Transactional,
    private readonly clock: Clock,
  ) {}

  /**
   * Pin the observations in force now. Call it in the transaction that wrote them (publication,
   * import, init), after the writes: the snapshot commits with them or not at all.
   */
  async create(input: NewSnapshot): Promise<Snapshot> {
    return this.tx(async (db) => {
      // Takes snapshot_state's row lock (PostgreSQL): every writer not yet committed finishes first,
      // so ids follow commit order and the SELECT below sees everything committed before us (0004).
      const state = await db
        .updateTable('snapshot_state')
        .set((eb) => ({ last_snapshot_id: eb('last_snapshot_id', '+', 1) }))
        .where('id', '=', 1)
        .returning(['last_snapshot_id', 'observation_writes'])
        .executeTakeFirst();
      if (!state) throw new RepositoryError('snapshot_state has no row: run the migrations (0004_snapshots)');
      const id = Number(state.last_snapshot_id);
      let planVersionId = input.planVersionId;
      if (planVersionId === undefined) {
        const active = await db.selectFrom('plans').select('id').where('active', '=', 1).executeTakeFirst();
        planVersionId = active?.id;
      }
      const row: Selectable<SnapshotsTable> = {
        id,
        created_at: this.clock(),
        created_by: input.createdBy,
        plan_version_id: planVersionId ?? null,
        reason: input.reason,
        round_id: input.roundId ?? null,
        batch_id: input.batchId ?? null,
        detail: input.detail ?? null,
        observation_count: 0,
        write_stamp: state.observation_writes,
      };
      await db.insertInto('snapshots').values(row).execute();
      const pinned = await db
        .insertInto('snapshot_observations')
        .columns(['snapshot_id', 'observation_id'])
        .expression((eb) =>
          eb
            .selectFrom('observations')
            .select([sql.lit(id).as('snapshot_id'), 'id'])
            .where('is_current', '=', 1),
        )
        .executeTakeFirst();
      const count = Number(pinned.numInsertedOrUpdatedRows ?? 0n);
      await db.updateTable('snapshots').set({ observation_count: count }).where('id', '=', id).execute();
      const created = await this.getIn(db, id);
      if (!created) throw new RepositoryError(`snapshot ${id} vanished while being created`);
      return created;
    });
  }

  async get(id: number): Promise<Snapshot | undefined> {
    return this.getIn(this.db, id);
  }

  /** The newest snapshot (highest id), if any. */
  async latest(): Promise<Snapshot | undefined> {
    const row = await selectSnapshots(this.db).orderBy('s.id', 'desc').limit(1).executeTakeFirst();
    return row && snapshotFromRow(row);
  }

  /** Newest first. */
  async list(options: { limit?: number; before?: number } = {}): Promise<Snapshot[]> {
    let q = selectSnapshots(this.db);
    if (options.before !== undefined) q = q.where('s.id', '<', options.before);
    const rows = await q
      .orderBy('s.id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(snapshotFromRow);
  }

  /**
   * How many statements have written observations, ever (snapshot_state.observation_writes, kept by the
   * 0004 triggers): a change stamp for caches of the figures in force, read from one row however many
   * observations and revisions there are.
   */
  async observationWrites(): Promise<string> {
    const row = await this.db
      .selectFrom('snapshot_state')
      .select('observation_writes')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) throw new RepositoryError('snapshot_state has no row: run the migrations (0004_snapshots)');
    return String(row.observation_writes);
  }

  /**
   * The latest snapshot and whether it still holds every figure in force: one read of two small rows,
   * however many observations there are (snapshot_state.observation_writes against its write_stamp).
   */
  async freshness(): Promise<SnapshotFreshness> {
    const row = await this.db
      .selectFrom('snapshot_state as st')
      .leftJoin('snapshots as s', 's.id', 'st.last_snapshot_id')
      .select(['st.observation_writes', 's.write_stamp'])
      .where('st.id', '=', 1)
      .executeTakeFirst();
    if (!row) throw new RepositoryError('snapshot_state has no row: run the migrations (0004_snapshots)');
    const latest = await this.latest();
    const fresh =
      latest !== undefined &&
      row.write_stamp !== null &&
      BigInt(row.write_stamp) === BigInt(row.observation_writes);
    return { latest, fresh };
  }

  /**
   * Exactly the observation rows that were in force when snapshot `id` was taken, whatever was revised
   * since; ordered like ObservationRepository.current (indicator, region, period, vintage).
   * Throws RepositoryError for a snapshot that does not exist.
   */
  async observationsAt(id: number, query: SnapshotObservationQuery = {}): Promise<ObservationRecord[]> {
    const snapshot = await this.db
      .selectFrom('snapshots')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!snapshot) throw new RepositoryError(`snapshots: no snapshot with id ${id}`);
    let q = this.db
      .selectFrom('snapshot_observations as so')
      .innerJoin('observations as o', 'o.id', 'so.observation_id')
      .selectAll('o')
      .where('so.snapshot_id', '=', id);
    if (query.vintage && query.vintage !== 'best') q = q.where('o.vintage', '=', query.vintage);
    const rows = await q
      .orderBy('o.indicator')
      .orderBy('o.region')
      .orderBy('o.period_order')
      .orderBy('o.vintage')
      .execute();
    const records = rows.map(observationFromRow);
    return query.vintage === 'best' ? bestVintage(records) : records;
  }

  /** Which of these observation ids snapshot `id` pins (e.g. to say whether a figure was in a report). */
  async pins(id: number, observationIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < observationIds.length; i += IN_CHUNK) {
      const part = observationIds.slice(i, i + IN_CHUNK);
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('snapshot_observations')
        .select('observation_id')
        .where('snapshot_id', '=', id)
        .where('observation_id', 'in', part)
        .execute();
      for (const r of rows) out.add(r.observation_id);
    }
    return out;
  }

  private async getIn(db: Kysely<Database>, id: number): Promise<Snapshot | undefined> {
    const row = await selectSnapshots(db).where('s.id', '=', id).executeTakeFirst();
    return row && snapshotFromRow(row);
  }
}

function selectSnapshots(db: Kysely<Database>) {
  return db
    .selectFrom('snapshots as s')
    .leftJoin('plans as p', 'p.id', 's.plan_version_id')
    .select([
      's.id',
      's.created_at',
      's.created_by',
      's.plan_version_id',
      's.reason',
      's.round_id',
      's.batch_id',
      's.detail',
      's.observation_count',
      'p.plan_id',
      'p.version',
    ]);
}

function snapshotFromRow(
  row: Omit<Selectable<SnapshotsTable>, 'write_stamp'> & { plan_id: string | null; version: number | null },
): Snapshot {
  const s: Snapshot = {
    id: Number(row.id),
    createdAt: row.created_at,
    createdBy: row.created_by,
    reason: row.reason,
    observationCount: Number(row.observation_count),
  };
  if (row.plan_version_id !== null) s.planVersionId = row.plan_version_id;
  if (row.plan_id !== null) s.planId = row.plan_id;
  if (row.version !== null) s.planVersion = Number(row.version);
  if (row.round_id !== null) s.roundId = row.round_id;
  if (row.batch_id !== null) s.batchId = row.batch_id;
  if (row.detail !== null) s.detail = row.detail;
  return s;
}
