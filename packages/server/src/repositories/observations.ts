// ObservationRepository: append-only versions of reported figures; one current value per key.
import { randomUUID } from 'node:crypto';
import type { IndicatorCode, Period, PeriodKind, Provenance, RegionCode, Result, Vintage } from '@ding/core';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  bestVintage,
  newObservationProblem,
  observationFromRow,
  observationKeyString,
  observationToRow,
  observationUnchanged,
  periodOrder,
  type NewObservation,
  type ObservationKey,
  type ObservationRecord,
} from './records.ts';
import { RepositoryError, type Clock, type Transactional } from './support.ts';

export interface ObservationQuery {
  indicators?: readonly (IndicatorCode | string)[];
  regions?: readonly (RegionCode | string)[];
  /** Inclusive, chronological (a year sorts after its Q4): from 2024Q1 to 2025Q4 includes '2024'. */
  from?: Period;
  to?: Period;
  /** Exactly these periods. */
  periods?: readonly Period[];
  /** Only quarters or only years. */
  periodKind?: PeriodKind;
  provenance?: Provenance;
  /**
   * One vintage, or 'best': per (indicator, region, period) the most final one (revised > annual > flash).
   * Default: every vintage's current value.
   */
  vintage?: Vintage | 'best';
}

export interface InsertOptions {
  createdBy: string;
  batchId?: string;
}

export interface InsertSummary {
  /** Rows written: first values and revisions, in input order. */
  written: ObservationRecord[];
  /** Keys that had no value before. */
  created: number;
  /** Keys whose current value was replaced by a new revision (the old one is kept). */
  revised: number;
  /** Rows identical to the current value (value and metadata): nothing written for them. */
  unchanged: number;
}

export interface RevisionChange {
  value: number;
  createdBy: string;
  note?: string;
  source?: string;
  citation?: string;
  provenance?: Provenance;
}

/** Why a revision was refused: the row is gone, or someone else revised it first (HTTP 409 later). */
export type ReviseError =
  | { kind: 'not_found'; id: string; message: string }
  | { kind: 'not_current'; id: string; current: ObservationRecord | undefined; message: string };

/** Thrown when a concurrent writer replaced a current value between our read and our write. */
export class ConcurrentUpdateError extends RepositoryError {
  constructor(message: string) {
    super(message);
    this.name = 'ConcurrentUpdateError';
  }
}

/** Rows per INSERT: 18 columns × 500 stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;
/** Ids / codes per IN (…) list. */
const IN_CHUNK = 500;

export class ObservationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tx: Transactional,
    private readonly clock: Clock,
  ) {}

  /**
   * Record figures in one transaction (all or none). A key that already has a current value gets
   * a new revision superseding it — nothing is overwritten; an identical row is left alone.
   * Two rows for the same key in one call are a programming error (imports reject duplicates first).
   */
  async insertMany(rows: readonly NewObservation[], options: InsertOptions): Promise<InsertSummary> {
    const seen = new Map<string, number>();
    rows.forEach((o, i) => {
      const problem = newObservationProblem(o);
      if (problem) throw new RepositoryError(`observation #${i + 1} (${describe(o)}): ${problem}`);
      const key = observationKeyString(o);
      const first = seen.get(key);
      if (first !== undefined)
        throw new RepositoryError(`observation #${i + 1} (${describe(o)}) repeats observation #${first + 1}`);
      seen.set(key, i);
    });
    if (rows.length === 0) return { written: [], created: 0, revised: 0, unchanged: 0 };

    return this.tx(async (db) => {
      const existing = await currentByKey(db, rows);
      const createdAt = this.clock();
      const toRetire: string[] = [];
      const toInsert: ReturnType<typeof observationToRow>[] = [];
      let created = 0;
      let revised = 0;
      let unchanged = 0;
      for (const o of rows) {
        const before = existing.get(observationKeyString(o));
        if (before && observationUnchanged(before, o)) {
          unchanged++;
          continue;
        }
        if (before) {
          toRetire.push(before.id);
          revised++;
        } else created++;
        toInsert.push(
          observationToRow(o, {
            id: randomUUID(),
            revision: before ? before.revision + 1 : 1,
            supersedes: before?.id ?? null,
            batchId: options.batchId ?? null,
            createdAt,
            createdBy: options.createdBy,
          }),
        );
      }
      await retire(db, toRetire);
      for (const part of chunks(toInsert, INSERT_CHUNK))
        await db.insertInto('observations').values(part).execute();
      return { written: toInsert.map(observationFromRow), created, revised, unchanged };
    });
  }

  /** The values in force, filtered; ordered by indicator, region, period, vintage. */
  async current(query: ObservationQuery = {}): Promise<ObservationRecord[]> {
    const rows = await filtered(
      this.db.selectFrom('observations').selectAll().where('is_current', '=', 1),
      query,
    )
      .orderBy('indicator')
      .orderBy('region')
      .orderBy('period_order')
      .orderBy('vintage')
      .execute();
    const records = rows.map(observationFromRow);
    return query.vintage === 'best' ? bestVintage(records) : records;
  }

  /** Every version ever stored for one figure (all vintages unless one is given), oldest first. */
  async history(key: Omit<ObservationKey, 'vintage'> & { vintage?: Vintage }): Promise<ObservationRecord[]> {
    let q = this.db
      .selectFrom('observations')
      .selectAll()
      .where('indicator', '=', key.indicator)
      .where('region', '=', key.region)
      .where('period', '=', key.period);
    if (key.vintage) q = q.where('vintage', '=', key.vintage);
    const rows = await q.orderBy('created_at').orderBy('vintage').orderBy('revision').execute();
    return rows.map(observationFromRow);
  }

  async get(id: string): Promise<ObservationRecord | undefined> {
    const row = await this.db.selectFrom('observations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && observationFromRow(row);
  }

  /**
   * Replace the current value `id` with a new revision (same key, revision + 1); the old row stays.
   * Refused (nothing written) when `id` is not the value in force any more — the caller saw a stale value.
   */
  async revise(id: string, change: RevisionChange): Promise<Result<ObservationRecord, ReviseError>> {
    return this.tx(async (db) => {
      const before = await db.selectFrom('observations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before)
        return {
          ok: false,
          errors: [{ kind: 'not_found', id, message: `observation ${id} does not exist` }],
        };
      const old = observationFromRow(before);
      const next: NewObservation = {
        indicator: old.indicator,
        region: old.region,
        period: old.period,
        vintage: old.vintage,
        value: change.value,
        provenance: change.provenance ?? old.provenance,
        citation: change.citation ?? old.citation,
        source: change.source ?? old.source,
        note: change.note ?? old.note,
      };
      const problem = newObservationProblem(next);
      if (problem) throw new RepositoryError(`revision of observation ${id} (${describe(old)}): ${problem}`);
      // Retire first, conditionally: if someone else retired it since we read it, 0 rows change.
      const retired = await db
        .updateTable('observations')
        .set({ is_current: 0 })
        .where('id', '=', id)
        .where('is_current', '=', 1)
        .executeTakeFirst();
      if (BigInt(retired.numUpdatedRows) !== 1n) {
        const current = await db
          .selectFrom('observations')
          .selectAll()
          .where('indicator', '=', old.indicator)
          .where('region', '=', old.region)
          .where('period', '=', old.period)
          .where('vintage', '=', old.vintage)
          .where('is_current', '=', 1)
          .executeTakeFirst();
        const now = current && observationFromRow(current);
        return {
          ok: false,
          errors: [
            {
              kind: 'not_current',
              id,
              current: now,
              message: now
                ? `observation ${id} (${describe(old)}) was already replaced by revision ${now.revision} (value ${now.value})`
                : `observation ${id} (${describe(old)}) is no longer current`,
            },
          ],
        };
      }
      const row = observationToRow(next, {
        id: randomUUID(),
        revision: old.revision + 1,
        supersedes: old.id,
        batchId: null,
        createdAt: this.clock(),
        createdBy: change.createdBy,
      });
      await db.insertInto('observations').values(row).execute();
      return { ok: true, value: observationFromRow(row) };
    });
  }

  /** Number of current values matching the query; with `includeHistory`, of all stored versions. */
  async count(
    query: Omit<ObservationQuery, 'vintage'> & { vintage?: Vintage; includeHistory?: boolean } = {},
  ) {
    let q = this.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
    if (!query.includeHistory) q = q.where('is_current', '=', 1);
    const row = await filtered(q, query).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function filtered<O>(
  q: SelectQueryBuilder<Database, 'observations', O>,
  query: ObservationQuery,
): SelectQueryBuilder<Database, 'observations', O> {
  // `in ()` is a syntax error: an empty filter list matches nothing.
  const none = sql<boolean>`1 = 0`;
  if (query.indicators)
    q = query.indicators.length ? q.where('indicator', 'in', query.indicators) : q.where(none);
  if (query.regions) q = query.regions.length ? q.where('region', 'in', query.regions) : q.where(none);
  if (query.from) q = q.where('period_order', '>=', periodOrder(query.from));
  if (query.to) q = q.where('period_order', '<=', periodOrder(query.to));
  if (query.periods) q = query.periods.length ? q.where('period', 'in', query.periods) : q.where(none);
  if (query.periodKind === 'year') q = q.where((eb) => eb(eb('period_order', '%', 10), '=', 5));
  if (query.periodKind === 'quarter') q = q.where((eb) => eb(eb('period_order', '%', 10), '<>', 5));
  if (query.provenance) q = q.where('provenance', '=', query.provenance);
  if (query.vintage && query.vintage !== 'best') q = q.where('vintage', '=', query.vintage);
  return q;
}

/** Current rows for the keys of `rows`, by key. */
async function currentByKey(db: Kysely<Database>, rows: readonly NewObservation[]) {
  const wanted = new Set(rows.map(observationKeyString));
  const orders = rows.map((o) => periodOrder(o.period as Period));
  const from = Math.min(...orders);
  const to = Math.max(...orders);
  const byKey = new Map<string, ObservationRecord>();
  // Query by indicators × regions × period span, then keep the wanted keys: bounded IN lists even
  // for province-scale batches (1,400 regions), and no rows fetched for regions outside the batch.
  const regions = chunks([...new Set(rows.map((o) => o.region))], IN_CHUNK);
  for (const indicators of chunks([...new Set(rows.map((o) => o.indicator))], IN_CHUNK)) {
    for (const regionPart of regions) {
      const found = await db
        .selectFrom('observations')
        .selectAll()
        .where('is_current', '=', 1)
        .where('indicator', 'in', indicators)
        .where('region', 'in', regionPart)
        .where('period_order', '>=', from)
        .where('period_order', '<=', to)
        .execute();
      for (const row of found) {
        const record = observationFromRow(row);
        const key = observationKeyString(record);
        if (wanted.has(key)) byKey.set(key, record);
      }
    }
  }
  return byKey;
}

/** Mark rows as no longer current; every one must still have been current, else a writer raced us. */
async function retire(db: Kysely<Database>, ids: string[]) {
  for (const part of chunks(ids, IN_CHUNK)) {
    const result = await db
      .updateTable('observations')
      .set({ is_current: 0 })
      .where('id', 'in', part)
      .where('is_current', '=', 1)
      .executeTakeFirst();
    if (BigInt(result.numUpdatedRows) !== BigInt(part.length)) {
      throw new ConcurrentUpdateError(
        `another writer replaced ${part.length - Number(result.numUpdatedRows)} of the values being revised; nothing was written — retry`,
      );
    }
  }
}

function describe(o: { indicator: string; region: string; period: string; vintage?: string }): string {
  return [o.indicator, o.region, o.period, o.vintage].filter(Boolean).join(', ');
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
