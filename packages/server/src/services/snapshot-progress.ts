// The progress table of a published snapshot, computed once (issue 17 §1): rows cached in memory by
// (snapshot id, plan version, period, options) and used only while that snapshot is the latest and
// nothing has been written since; a newer snapshot drops them.
import { createHash } from 'node:crypto';
import { progressCompute, type Period, type Plan, type ProgressOptions, type ProgressRow } from '@ding/core';
import type { ObservationRecord } from '../repositories/index.ts';
import type { Workspace } from './workspace.ts';

export interface SnapshotProgress {
  /** The snapshot the rows were computed from; null when none is in force (see snapshotProgress). */
  snapshotId: number | null;
  /** Shared with other callers when cached: read, never mutate. */
  rows: ProgressRow[];
  /** Whether the rows came from the cache. */
  cached: boolean;
}

/** Tables kept per workspace for the latest snapshot (periods × region/indicator selections). */
const MAX_TABLES = 256;

interface SnapshotCache {
  snapshotId: number;
  /** The snapshot's best-vintage observations, loaded once. */
  observations: Promise<ObservationRecord[]>;
  tables: Map<string, Promise<ProgressRow[]>>;
}

const caches = new WeakMap<Workspace, SnapshotCache>();
const planKeys = new WeakMap<Plan, string>();

/**
 * The plan's version as its content hash: the same SHA-256 of the same JSON that PlanRepository.save
 * stores as `checksum`, so two stored versions never share a key and a re-parsed copy of one version
 * (a new object per request) still hits the cache.
 */
export function snapshotPlanKey(plan: Plan): string {
  let key = planKeys.get(plan);
  if (key === undefined) {
    key = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
    planKeys.set(plan, key);
  }
  return key;
}

/** Options as a stable string: key order and list order do not matter, duplicates neither. */
function optionsKey(options: ProgressOptions): string {
  const list = (xs: readonly string[] | undefined) => (xs ? [...new Set(xs)].sort().join(',') : '*');
  return [list(options.regions), list(options.indicators), options.includeComponents ? 1 : 0].join('|');
}

/**
 * `progressCompute(plan, observationsAt(latest snapshot), period, options)`, cached. When observations
 * were written after the latest snapshot (a direct repository write; every service write makes one) or
 * there is no snapshot, the rows are computed from the values in force and not cached (snapshotId null),
 * so the table is never stale. Same rows as workspaceProgress: the snapshot of the current state holds
 * exactly the current rows (tested).
 */
export async function snapshotProgress(
  ws: Workspace,
  plan: Plan,
  period: Period,
  options: ProgressOptions = {},
): Promise<SnapshotProgress> {
  const { latest, fresh } = await ws.repos.snapshots.freshness();
  if (!latest || !fresh) {
    const observations = await ws.repos.observations.current({ vintage: 'best' });
    return { snapshotId: null, rows: progressCompute(plan, observations, period, options), cached: false };
  }
  let cache = caches.get(ws);
  if (!cache || cache.snapshotId < latest.id) {
    // A newer snapshot supersedes everything computed before it.
    const id = latest.id;
    cache = {
      snapshotId: id,
      observations: ws.repos.snapshots.observationsAt(id, { vintage: 'best' }),
      tables: new Map(),
    };
    const loading = cache;
    loading.observations.catch(() => {
      if (caches.get(ws) === loading) caches.delete(ws);
    });
    caches.set(ws, cache);
  } else if (cache.snapshotId > latest.id) {
    // Cannot happen with ids in commit order; computed afresh rather than trusted if it ever does.
    const rows = progressCompute(plan, await ws.repos.snapshots.observationsAt(latest.id), period, options);
    return { snapshotId: latest.id, rows, cached: false };
  }
  const key = `${snapshotPlanKey(plan)}|${period}|${optionsKey(options)}`;
  let table = cache.tables.get(key);
  const cached = table !== undefined;
  if (!table) {
    const observations = cache.observations;
    table = observations.then((obs) => progressCompute(plan, obs, period, options));
    const tables = cache.tables;
    tables.set(key, table);
    table.catch(() => tables.delete(key));
    if (tables.size > MAX_TABLES) tables.delete(tables.keys().next().value!);
  }
  return { snapshotId: cache.snapshotId, rows: await table, cached };
}

/** The rows only (what /api/progress returns). */
export async function snapshotProgressRows(
  ws: Workspace,
  plan: Plan,
  period: Period,
  options: ProgressOptions = {},
): Promise<ProgressRow[]> {
  return (await snapshotProgress(ws, plan, period, options)).rows;
}

/**
 * The table of a given snapshot (an archived report's), whatever was published since: not cached —
 * reports of old snapshots are rare, and the cache holds the latest snapshot only.
 */
export async function snapshotProgressAt(
  ws: Workspace,
  snapshotId: number,
  plan: Plan,
  period: Period,
  options: ProgressOptions = {},
): Promise<ProgressRow[]> {
  const observations = await ws.repos.snapshots.observationsAt(snapshotId, { vintage: 'best' });
  return progressCompute(plan, observations, period, options);
}

/** Forget the cached tables of a workspace (tests, or a plan reload that should free memory). */
export function snapshotProgressClear(ws: Workspace): void {
  caches.delete(ws);
}
