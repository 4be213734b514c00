// Rows ↔ domain: the one place that knows how a stored row becomes a core Observation and back.
import {
  periodIsValid,
  periodParse,
  type Observation,
  type Period,
  type Provenance,
  type Vintage,
} from '@ding/core';
import { indicatorCode, regionCode } from '@ding/core';
import type { Selectable } from 'kysely';
import type { ImportBatchesTable, ObservationStatus, ObservationsTable, PlansTable } from '../db/schema.ts';

/** A stored observation: the core Observation plus where it came from and which version it is. */
export interface ObservationRecord extends Observation {
  source?: string;
  note?: string;
  status: ObservationStatus;
  /** 1 for the first value of (indicator, region, period, vintage), +1 per revision. */
  revision: number;
  /** Id of the row this revision replaced. */
  supersedes?: string;
  /** True for the value in force; false for a value a later revision replaced. */
  current: boolean;
  /** Import batch that wrote the row, if it came from a file. */
  batchId?: string;
  createdAt: string;
  createdBy: string;
}

/** What a caller supplies to record a figure; ids, revisions and timestamps are the repository's job. */
export interface NewObservation {
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: Vintage;
  provenance: Provenance;
  citation?: string;
  source?: string;
  note?: string;
}

/** The identity of a figure: at most one current value per key. */
export interface ObservationKey {
  indicator: string;
  region: string;
  period: string;
  vintage: Vintage;
}

export function observationKeyString(k: ObservationKey): string {
  return `${k.indicator}\u0000${k.region}\u0000${k.period}\u0000${k.vintage}`;
}

/** Chronological sort key: year × 10 + quarter; a whole year is 5 so that it sorts after its Q4. */
export function periodOrder(period: Period): number {
  const { year, quarter } = periodParse(period);
  return year * 10 + (quarter ?? 5);
}

/** Preference when several vintages of one figure exist: a revision beats the 年报, the 年报 beats the 快报. */
export const VINTAGE_RANK: Record<Vintage, number> = { flash: 1, annual: 2, revised: 3 };

/**
 * Per (indicator, region, period) the most final vintage (VINTAGE_RANK), in the input's order: what
 * ObservationRepository.current and SnapshotRepository.observationsAt return for `{ vintage: 'best' }`.
 */
export function bestVintage<R extends ObservationRecord>(records: readonly R[]): R[] {
  const best = new Map<string, R>();
  const keyOf = (r: R) => `${r.indicator}\u0000${r.region}\u0000${r.period}`;
  for (const r of records) {
    const held = best.get(keyOf(r));
    if (!held || VINTAGE_RANK[r.vintage] > VINTAGE_RANK[held.vintage]) best.set(keyOf(r), r);
  }
  return records.filter((r) => best.get(keyOf(r)) === r);
}

export function observationFromRow(row: Selectable<ObservationsTable>): ObservationRecord {
  const record: ObservationRecord = {
    id: row.id,
    indicator: indicatorCode(row.indicator),
    region: regionCode(row.region),
    period: row.period as Period,
    // pg returns double precision as a number already; Number() also guards a driver configured otherwise.
    value: Number(row.value),
    vintage: row.vintage,
    provenance: row.provenance,
    status: row.status,
    revision: Number(row.revision),
    current: Number(row.is_current) === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.citation !== null) record.citation = row.citation;
  if (row.source !== null) record.source = row.source;
  if (row.note !== null) record.note = row.note;
  if (row.supersedes !== null) record.supersedes = row.supersedes;
  if (row.batch_id !== null) record.batchId = row.batch_id;
  return record;
}

export function observationToRow(
  o: NewObservation,
  version: {
    id: string;
    revision: number;
    supersedes: string | null;
    batchId: string | null;
    createdAt: string;
    createdBy: string;
  },
): Selectable<ObservationsTable> {
  return {
    id: version.id,
    indicator: o.indicator,
    region: o.region,
    period: o.period,
    period_order: periodOrder(o.period as Period),
    value: o.value,
    vintage: o.vintage,
    provenance: o.provenance,
    citation: o.citation ?? null,
    source: o.source ?? null,
    note: o.note ?? null,
    status: 'published',
    revision: version.revision,
    supersedes: version.supersedes,
    is_current: 1,
    batch_id: version.batchId,
    created_at: version.createdAt,
    created_by: version.createdBy,
  };
}

/** Why a new observation cannot be stored (a programming error: imports validate before this). */
export function newObservationProblem(o: NewObservation): string | undefined {
  if (!o.indicator) return 'indicator is empty';
  if (!o.region) return 'region is empty';
  if (!periodIsValid(o.period)) return `period '${o.period}' is not YYYY or YYYYQn`;
  if (typeof o.value !== 'number' || !Number.isFinite(o.value))
    return `value ${String(o.value)} is not a finite number`;
  if (!(o.vintage in VINTAGE_RANK)) return `vintage '${String(o.vintage)}' is not flash, annual or revised`;
  if (o.provenance !== 'real' && o.provenance !== 'synthetic')
    return `provenance '${String(o.provenance)}' is not real or synthetic`;
  if (o.provenance === 'real' && !o.citation)
    return 'a real figure needs a citation (where it was published)';
  return undefined;
}

/** Same figure, same metadata: storing it again would add a revision that changes nothing. */
export function observationUnchanged(stored: ObservationRecord, o: NewObservation): boolean {
  return (
    stored.value === o.value &&
    stored.provenance === o.provenance &&
    (stored.citation ?? null) === (o.citation ?? null) &&
    (stored.source ?? null) === (o.source ?? null) &&
    (stored.note ?? null) === (o.note ?? null)
  );
}

export interface StoredPlan {
  /** Row id of this stored version. */
  id: string;
  /** The plan's own id (from the file). */
  planId: string;
  version: number;
  checksum: string;
  loadedAt: string;
  loadedBy: string;
  active: boolean;
}

export function storedPlanFromRow(row: Omit<Selectable<PlansTable>, 'content'>): StoredPlan {
  return {
    id: row.id,
    planId: row.plan_id,
    version: Number(row.version),
    checksum: row.checksum,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
    active: Number(row.active) === 1,
  };
}

export type ImportFormat = 'csv' | 'xlsx';

export interface ImportBatch {
  id: string;
  fileName: string;
  format: ImportFormat;
  rowCount: number;
  checksum: string;
  createdAt: string;
  createdBy: string;
}

export function importBatchFromRow(row: Selectable<ImportBatchesTable>): ImportBatch {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as ImportFormat,
    rowCount: Number(row.row_count),
    checksum: row.checksum,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
