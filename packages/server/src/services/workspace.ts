// A workspace is an open database with its repositories and active plan: what every command and request needs.
import {
  observationStoreBuild,
  planConsistencyReport,
  planPartitions,
  progressCompute,
  regionCode,
  valueResolverCreate,
  type ConsistencyCheck,
  type DenominatorValue,
  type Observation,
  type Period,
  type Plan,
  type ProgressOptions,
  type ProgressRow,
} from '@ding/core';
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from '../db/open.ts';
import { migrateToLatest, type MigrationReport } from '../db/migrate.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import { DEFAULT_PLAN_PATH, formatPlanFileError, loadPlanFile } from '../plan/load-plan-file.ts';
import { demoGenerate } from '../demo/generate.ts';
import { demoAccountsCreate, type DemoAccountsReport } from '../auth/demo-accounts.ts';
import { targetAllocationDemo } from './target-allocation.ts';
import { supervisionDemo } from './supervision-demo.ts';
import { supervisionPlanTasksLoad } from './supervision.ts';
import { chinaDate } from '../china-time.ts';

export interface Workspace {
  db: DatabaseHandle;
  repos: Repositories;
  close(): Promise<void>;
}

export async function workspaceOpen(options: DatabaseOptions = {}): Promise<Workspace> {
  const db = await openDatabase(options);
  return { db, repos: createRepositories(db.db), close: () => db.close() };
}

/** A problem a person can fix (plan file errors, an uninitialised database); printed without a stack. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** No plan has been loaded into the database yet: the API answers 404 no_plan, the CLI prints the fix. */
export class NoPlanError extends UserError {
  constructor() {
    super('no plan is loaded: run `ding init` first');
    this.name = 'NoPlanError';
  }
}

export interface InitOptions {
  planPath?: string;
  demo: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface InitReport {
  migrations: MigrationReport;
  /** `version`: the plan file's stored version; `inForce`: the active one (later if an admin edited the plan). */
  plan: { id: string; version: number; created: boolean; inForce: number };
  /** `townTargetsVersion`: the plan version holding the demo's town targets (targetAllocationDemo). */
  demo:
    | { inserted: number; alreadyPresent: boolean; townTargetsVersion?: number; supervisionItems?: number }
    | undefined;
  /** Demo accounts (with the demo data; only into an empty users table). */
  accounts?: DemoAccountsReport;
}

/**
 * `ding init`: migrate, load the plan file and make it active, and load the demo data if the database
 * has no observations yet. Running it again changes nothing unless the plan file changed.
 */
export async function workspaceInit(ws: Workspace, options: InitOptions): Promise<InitReport> {
  const migrations = await migrateToLatest(ws.db.db, ws.db.dialect);
  const loaded = await loadPlanFile(options.planPath ?? DEFAULT_PLAN_PATH);
  if (!loaded.ok) throw new UserError(loaded.errors.map((e) => formatPlanFileError(e)).join('\n'));
  const { stored, created } = await ws.repos.plans.save(loaded.value, {
    loadedBy: 'ding init',
    activate: true,
    unlessStored: true,
  });
  let demo: InitReport['demo'];
  if (options.demo) {
    const existing = await ws.repos.observations.count();
    if (existing > 0) {
      demo = { inserted: 0, alreadyPresent: true };
    } else {
      const { observations } = demoGenerate(loaded.value);
      const inserted = await insertInChunks(ws.repos, observations, options.onProgress);
      // The demo's last year and the next, split to the towns, so the town level judges out of the box.
      const lastYear = observations.reduce((y, o) => Math.max(y, Number(o.period.slice(0, 4))), 0);
      const townTargets = await targetAllocationDemo(ws, [lastYear, lastYear + 1]);
      demo = { inserted, alreadyPresent: false, ...(townTargets ? { townTargetsVersion: townTargets } : {}) };
    }
  }
  const accounts = options.demo ? await demoAccountsCreate(ws.repos, loaded.value) : undefined;
  // 督查督办: the plan's tasks of this year as items — with the demo's history, or 交办 today.
  const today = chinaDate();
  const plan = await workspacePlan(ws);
  if (options.demo && demo && !demo.alreadyPresent) {
    const leader = await ws.repos.users.getByUsername('leader');
    demo.supervisionItems = await supervisionDemo(ws, plan, {
      today,
      ...(leader ? { leaderUserId: leader.id } : {}),
    });
  } else {
    await supervisionPlanTasksLoad(ws, plan, {
      year: Number(today.slice(0, 4)),
      assignedOn: today,
      by: 'ding init',
    });
  }
  return {
    migrations,
    plan: {
      id: stored.planId,
      version: stored.version,
      created,
      inForce: (await ws.repos.plans.active())?.version ?? stored.version,
    },
    demo,
    ...(accounts ? { accounts } : {}),
  };
}

/** One transaction for all rows (nothing half-loaded), reporting progress chunk by chunk. */
async function insertInChunks(
  repos: Repositories,
  observations: Observation[],
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const chunk = 2000;
  await repos.transaction(async (tx) => {
    for (let i = 0; i < observations.length; i += chunk) {
      await tx.observations.insertMany(observations.slice(i, i + chunk), { createdBy: 'demo' });
      onProgress?.(Math.min(i + chunk, observations.length), observations.length);
    }
    // Pinned with the demo data, in the same transaction (issue 9 §2).
    await tx.snapshots.create({ createdBy: 'ding init', reason: 'init', detail: 'demo data' });
  });
  return observations.length;
}

export async function workspacePlan(ws: Workspace): Promise<Plan> {
  const stored = await ws.repos.plans.active();
  if (!stored) throw new NoPlanError();
  return stored.plan;
}

/** The engine's table for a period over the current (best-vintage) observations. */
export async function workspaceProgress(
  ws: Workspace,
  plan: Plan,
  period: Period,
  options: ProgressOptions = {},
): Promise<ProgressRow[]> {
  const observations = await ws.repos.observations.current({ vintage: 'best' });
  return progressCompute(plan, observations, period, options);
}

/**
 * The plan's consistency report (全市 = 市级 + 前湾 for counts; the 全市 ratio implied by the parts),
 * weighting ratio targets by the stored year-end denominators of each part (e.g. GDP for R&D/GDP).
 */
export async function workspaceConsistency(ws: Workspace, plan: Plan): Promise<ConsistencyCheck[]> {
  const values = valueResolverCreate(
    plan,
    observationStoreBuild(await ws.repos.observations.current({ vintage: 'best' })),
  );
  const denominators: DenominatorValue[] = [];
  for (const partition of planPartitions(plan)) {
    for (const ind of plan.indicators) {
      if (!ind.ratio) continue;
      for (let year = plan.startYear; year <= plan.targetYear; year++) {
        for (const region of [partition.whole, ...partition.parts]) {
          const v = values.yearEnd(ind.ratio.denominator, region, year);
          if (v) denominators.push({ indicator: ind.ratio.denominator, region, year, value: v.value });
        }
      }
    }
  }
  // Town targets (issue 10) are checked over the towns' denominators of the year, or the year before.
  const towns = plan.regions.filter((r) => r.parent === plan.home).map((r) => regionCode(r.code));
  for (const ind of plan.indicators) {
    if (!ind.ratio) continue;
    for (let year = plan.startYear - 1; year <= plan.targetYear; year++) {
      for (const region of towns) {
        const v = values.yearEnd(ind.ratio.denominator, region, year);
        if (v) denominators.push({ indicator: ind.ratio.denominator, region, year, value: v.value });
      }
    }
  }
  return planConsistencyReport(plan, denominators);
}
