// PlanRepository: stored versions of the plan file; exactly one is active (the plan in force).
import { createHash, randomUUID } from 'node:crypto';
import { planPathToString, planValidate, type Plan } from '@ding/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { storedPlanFromRow, type StoredPlan } from './records.ts';
import { RepositoryError, type Clock, type Transactional } from './support.ts';

export interface StoredPlanContent extends StoredPlan {
  plan: Plan;
}

export interface SavePlanOptions {
  loadedBy: string;
  /** Make this version the plan in force (default false). */
  activate?: boolean;
  /**
   * A content already stored as any version of the plan stores nothing and activates nothing (the
   * version in force stays): `ding init` runs at every `npm start`, and an unchanged plan file must not
   * replace the versions an admin saved since (town targets, corrected targets).
   */
  unlessStored?: boolean;
}

const META = ['id', 'plan_id', 'version', 'checksum', 'loaded_at', 'loaded_by', 'active'] as const;

/** Parsed versions kept in the process: a few plans, each a few hundred kB parsed. */
const PARSED_VERSIONS_KEPT = 16;

/**
 * Parsed and validated plans by stored version: `${row id}:${checksum}` (the checksum is the SHA-256 of
 * the stored content, so the key names the content exactly). Every request reads the plan in force;
 * parsing and validating it again each time cost ~7 ms of a cached /api/progress and ~40% of the server's
 * CPU on the cached screen payload (issue 17). Which version is in force is still read from the database
 * each time (one indexed row without its content): an admin's edit, here or on another instance in
 * server mode, is seen at the next request. Shared by every repository of the process (a transaction's
 * too), and deep-frozen: callers never mutate a plan (plan edits work on a structuredClone).
 */
const parsedPlans = new Map<string, Plan>();

export class PlanRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tx: Transactional,
    private readonly clock: Clock,
  ) {}

  /** The plan of a stored version: from the parsed cache, or its content read, parsed and validated. */
  private async planOf(row: {
    id: string;
    plan_id: string;
    version: number | string;
    checksum: string;
  }): Promise<Plan> {
    const key = `${row.id}:${row.checksum}`;
    const hit = parsedPlans.get(key);
    if (hit) return hit;
    const { content } = await this.db
      .selectFrom('plans')
      .select('content')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    const plan = deepFreeze(parseStored(row.id, row.plan_id, Number(row.version), content));
    if (parsedPlans.size >= PARSED_VERSIONS_KEPT) parsedPlans.delete(parsedPlans.keys().next().value!);
    parsedPlans.set(key, plan);
    return plan;
  }

  /**
   * Store a validated plan as the next version of its plan id. Saving content identical to the
   * latest version stores nothing and returns that version (`created: false`), so `ding init` is idempotent.
   */
  async save(plan: Plan, options: SavePlanOptions): Promise<{ stored: StoredPlan; created: boolean }> {
    const content = JSON.stringify(plan);
    const checksum = createHash('sha256').update(content).digest('hex');
    return this.tx(async (db) => {
      const latest = await db
        .selectFrom('plans')
        .select(META)
        .where('plan_id', '=', plan.id)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      if (options.unlessStored) {
        const known = await db
          .selectFrom('plans')
          .select(META)
          .where('plan_id', '=', plan.id)
          .where('checksum', '=', checksum)
          .orderBy('version', 'desc')
          .executeTakeFirst();
        if (known) return { stored: storedPlanFromRow(known), created: false };
      }
      let stored: StoredPlan;
      let created = false;
      if (latest && latest.checksum === checksum) {
        stored = storedPlanFromRow(latest);
      } else {
        const row = {
          id: randomUUID(),
          plan_id: plan.id,
          version: latest ? Number(latest.version) + 1 : 1,
          content,
          checksum,
          loaded_at: this.clock(),
          loaded_by: options.loadedBy,
          active: 0 as const,
        };
        await db.insertInto('plans').values(row).execute();
        stored = storedPlanFromRow(row);
        created = true;
      }
      if (options.activate && !stored.active) stored = await activateIn(db, stored.id);
      return { stored, created };
    });
  }

  /** Make a stored version the plan in force (the previous one stays stored, inactive). */
  async activate(id: string): Promise<StoredPlan> {
    return this.tx((db) => activateIn(db, id));
  }

  /**
   * The plan in force: its row looked up now, its content parsed and validated once per version (a stored
   * plan that no longer validates is an error). Shared and frozen: never mutate it.
   */
  async active(): Promise<StoredPlanContent | undefined> {
    const row = await this.db.selectFrom('plans').select(META).where('active', '=', 1).executeTakeFirst();
    if (!row) return undefined;
    return { ...storedPlanFromRow(row), plan: await this.planOf(row) };
  }

  async get(id: string): Promise<StoredPlanContent | undefined> {
    const row = await this.db.selectFrom('plans').select(META).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { ...storedPlanFromRow(row), plan: await this.planOf(row) };
  }

  /** Stored versions (without content), newest first; optionally of one plan id. */
  async list(planId?: string): Promise<StoredPlan[]> {
    let q = this.db.selectFrom('plans').select(META);
    if (planId !== undefined) q = q.where('plan_id', '=', planId);
    const rows = await q.orderBy('plan_id').orderBy('version', 'desc').execute();
    return rows.map(storedPlanFromRow);
  }
}

async function activateIn(db: Kysely<Database>, id: string): Promise<StoredPlan> {
  const row = await db.selectFrom('plans').select(META).where('id', '=', id).executeTakeFirst();
  if (!row) throw new RepositoryError(`plans: no stored plan with id ${id}`);
  // Clear first: the partial unique index plans_one_active allows one active row at any moment.
  await db.updateTable('plans').set({ active: 0 }).where('active', '=', 1).where('id', '<>', id).execute();
  await db.updateTable('plans').set({ active: 1 }).where('id', '=', id).execute();
  return storedPlanFromRow({ ...row, active: 1 });
}

function parseStored(id: string, planId: string, version: number, content: string): Plan {
  const where = `stored plan '${planId}' version ${version} (plans.id ${id})`;
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new RepositoryError(`${where}: content is not JSON: ${(e as Error).message}`);
  }
  const result = planValidate(json);
  if (!result.ok) {
    const first = result.errors
      .slice(0, 5)
      .map((e) => `${planPathToString(e.path) || '(root)'}: ${e.message}`)
      .join('; ');
    throw new RepositoryError(`${where} no longer validates against the plan schema: ${first}`);
  }
  return result.value;
}

/** `value` and everything in it frozen: a shared plan that someone mutated would change every request. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
