// Editing the plan in force (admin): a target replaced or an indicator changed becomes the plan's next
// stored version, validated as a whole, activated, and audited old → new with the editor's reason.
import {
  planPathToString,
  planValidate,
  type Indicator,
  type LocalizedName,
  type Plan,
  type PlanError,
  type Target,
} from '@ding/core';
import { auditAppend } from '../audit/audit.ts';
import type { Repositories, StoredPlanContent } from '../repositories/index.ts';

export type PlanEditError =
  | { kind: 'no_plan'; message: LocalizedName }
  | { kind: 'not_found'; message: LocalizedName }
  | { kind: 'invalid'; message: LocalizedName; errors: { path: string; message: string }[] }
  /** The plan changed since the editor loaded it (expectedVersion), or a concurrent edit won. */
  | { kind: 'stale'; message: LocalizedName; currentVersion: number | undefined };

export type PlanEditResult = { ok: true; value: StoredPlanContent } | { ok: false; error: PlanEditError };

export interface PlanEditContext {
  actor: string;
  reason: string;
  /** The version the editor saw; undefined: apply to whatever is in force now. */
  expectedVersion?: number;
}

export interface PlanEdit {
  plan: Plan;
  audit: { action: string; entity: string; entityId: string; old: unknown; new: unknown };
}

/** Unique-key violations (two editors saving the same next version) on either backend. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Apply `edit` to the plan in force and save the result as its next version, audited (one transaction). */
export async function planEdit(
  repos: Repositories,
  ctx: PlanEditContext,
  edit: (plan: Plan) => PlanEdit | PlanEditError,
): Promise<PlanEditResult> {
  try {
    return await repos.transaction(async (tx): Promise<PlanEditResult> => {
      const active = await tx.plans.active();
      if (!active) {
        return {
          ok: false,
          error: { kind: 'no_plan', message: { zh: '尚未加载计划', en: 'no plan is loaded' } },
        };
      }
      if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== active.version) {
        return { ok: false, error: stale(active.version) };
      }
      // The edit is applied to the plan in force now (read in this transaction): edits of
      // different targets or indicators by two people never undo each other.
      const edited = edit(structuredClone(active.plan));
      if ('kind' in edited) return { ok: false, error: edited };
      const checked = planValidate(edited.plan);
      if (!checked.ok) return { ok: false, error: invalid(checked.errors) };
      const { stored, created } = await tx.plans.save(checked.value, { loadedBy: ctx.actor, activate: true });
      if (created || stored.id !== active.id) {
        await auditAppend(tx, { actor: ctx.actor, reason: ctx.reason, ...edited.audit });
      }
      return { ok: true, value: { ...stored, plan: checked.value } };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, error: stale(undefined) };
    throw e;
  }
}

function stale(currentVersion: number | undefined): PlanEditError {
  return {
    kind: 'stale',
    currentVersion,
    message: {
      zh: '计划已被他人修改，请刷新后重试',
      en: 'the plan was changed by someone else; reload and try again',
    },
  };
}

function invalid(errors: PlanError[]): PlanEditError {
  return {
    kind: 'invalid',
    errors: errors.map((e) => ({ path: planPathToString(e.path), message: e.message })),
    message: {
      zh: `修改后的计划不合规：${errors[0] ? `${planPathToString(errors[0].path)}：${errors[0].message}` : ''}`,
      en: `the edited plan does not validate: ${errors[0] ? `${planPathToString(errors[0].path)}: ${errors[0].message}` : ''}`,
    },
  };
}

/** PUT /plan/targets/:index — replace target number `index` (0-based) of the plan in force. */
export function planTargetReplace(
  repos: Repositories,
  index: number,
  target: Target,
  ctx: PlanEditContext,
): Promise<PlanEditResult> {
  return planEdit(repos, ctx, (plan) => {
    const old = plan.targets[index];
    if (!old) {
      return {
        kind: 'not_found',
        message: { zh: `计划中没有第 ${index} 个目标`, en: `the plan has no target number ${index}` },
      };
    }
    plan.targets[index] = target;
    return {
      plan,
      audit: {
        action: 'plan.target.update',
        entity: 'target',
        entityId: `${plan.id}:targets[${index}]`,
        old,
        new: target,
      },
    };
  });
}

/** PATCH /plan/indicators/:code — change fields of one indicator (not its code). */
export function planIndicatorUpdate(
  repos: Repositories,
  code: string,
  changes: Partial<Omit<Indicator, 'code'>>,
  ctx: PlanEditContext,
): Promise<PlanEditResult> {
  return planEdit(repos, ctx, (plan) => {
    const i = plan.indicators.findIndex((ind) => ind.code === code);
    const old = plan.indicators[i];
    if (!old) {
      return {
        kind: 'not_found',
        message: { zh: `计划中没有指标 ${code}`, en: `the plan has no indicator ${code}` },
      };
    }
    const updated: Indicator = { ...old, ...changes, code: old.code };
    plan.indicators[i] = updated;
    // Only the fields that changed, before and after: the entry reads as the edit it was.
    const keys = Object.keys(changes) as (keyof Indicator)[];
    return {
      plan,
      audit: {
        action: 'plan.indicator.update',
        entity: 'indicator',
        entityId: code,
        old: Object.fromEntries(keys.map((k) => [k, old[k] ?? null])),
        new: Object.fromEntries(keys.map((k) => [k, updated[k] ?? null])),
      },
    };
  });
}
