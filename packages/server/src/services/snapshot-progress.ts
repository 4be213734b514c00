// The progress table of a published snapshot, computed once (issue 17 §1): rows cached in memory by
// (snapshot id, plan version, period, options). A snapshot's figures never change, so the tables of the
// snapshot cached are right whenever that snapshot is asked for; /api/progress uses them only while it is
// the latest and nothing has been written since, and a newer snapshot replaces them.
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
  return snapshotTable(latestCache(ws, latest.id), plan, period, options);
}

/**
 * The cache of the latest snapshot `id`: a newer snapshot supersedes everything computed before it. A
 * request that read an older "latest" while a newer one was cached gets a one-off cache (not kept).
 */
function latestCache(ws: Workspace, id: number): SnapshotCache {
  const held = caches.get(ws);
  if (held?.snapshotId === id) return held;
  const cache: SnapshotCache = {
    snapshotId: id,
    observations: ws.repos.snapshots.observationsAt(id, { vintage: 'best' }),
    tables: new Map(),
  };
  if (held && held.snapshotId > id) return cache;
  cache.observations.catch(() => {
    if (caches.get(ws) === cache) caches.delete(ws);
  });
  caches.set(ws, cache);
  return cache;
}

async function snapshotTable(
  cache: SnapshotCache,
  plan: Plan,
  period: Period,
  options: ProgressOptions,
): Promise<SnapshotProgress> {
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
 * The table of a given snapshot (a report's), whatever was published since: from the cache when it is the
 * snapshot cached (the latest, usually: a report's preview), else computed — reports of old snapshots are
 * rare, and the cache holds one snapshot only, so they do not displace it.
 */
export async function snapshotProgressAt(
  ws: Workspace,
  snapshotId: number,
  plan: Plan,
  period: Period,
  options: ProgressOptions = {},
): Promise<ProgressRow[]> {
  const cache = caches.get(ws);
  if (cache?.snapshotId === snapshotId) return (await snapshotTable(cache, plan, period, options)).rows;
  const observations = await ws.repos.snapshots.observationsAt(snapshotId, { vintage: 'best' });
  return progressCompute(plan, observations, period, options);
}

/** The best-vintage figures a snapshot pins: the cached load when it is the snapshot cached. */
export function snapshotObservationsAt(ws: Workspace, snapshotId: number): Promise<ObservationRecord[]> {
  const cache = caches.get(ws);
  if (cache?.snapshotId === snapshotId) return cache.observations;
  return ws.repos.snapshots.observationsAt(snapshotId, { vintage: 'best' });
}
