// Target allocation to towns (目标分解到镇街, issue 10): a draft is core's proposal over the stored data;
// approving it writes one `path` target per town into the plan's next version (plan-edit: audited, with the reason).
import {
  allocationPropose,
  observationStoreBuild,
  valueResolverCreate,
  type AllocationError,
  type AllocationProposal,
  type AllocationRequest,
  type LocalizedName,
  type Plan,
  type Target,
} from '@ding/core';
import type { StoredPlanContent } from '../repositories/index.ts';
import { planEdit, type PlanEditError } from './plan-edit.ts';
import type { Workspace } from './workspace.ts';

export type TargetAllocationError =
  | { kind: 'no_plan'; message: LocalizedName }
  | { kind: 'allocation'; message: LocalizedName; errors: AllocationError[] }
  /** The proposal does not meet the group target (a check failed): it cannot be approved. */
  | { kind: 'check_failed'; message: LocalizedName; proposal: AllocationProposal }
  | PlanEditError;

export type TargetAllocationProposeResult =
  | { ok: true; value: { proposal: AllocationProposal; planVersion: number } }
  | { ok: false; error: TargetAllocationError };

export type TargetAllocationApproveResult =
  | { ok: true; value: { version: StoredPlanContent; proposal: AllocationProposal } }
  | { ok: false; error: TargetAllocationError };

/** A request as the API and CLI take it: the group defaults to the plan's home county. */
export type TargetAllocationRequest = Omit<AllocationRequest, 'group'> & { group?: string | undefined };

/** The source written on an approved town target; the consistency check and replacement recognise it. */
export const ALLOCATION_SOURCE_PREFIX = '目标分解';

/** The proposal for `request` over the plan in force and the best-vintage observations (a draft: nothing saved). */
export async function targetAllocationPropose(
  ws: Workspace,
  request: TargetAllocationRequest,
): Promise<TargetAllocationProposeResult> {
  const stored = await ws.repos.plans.active();
  if (!stored)
    return {
      ok: false,
      error: { kind: 'no_plan', message: { zh: '尚未加载计划', en: 'no plan is loaded' } },
    };
  const proposal = await proposeOn(ws, stored.plan, request);
  if (!proposal.ok) return proposal;
  return { ok: true, value: { proposal: proposal.value, planVersion: stored.version } };
}

async function proposeOn(
  ws: Workspace,
  plan: Plan,
  request: TargetAllocationRequest,
): Promise<{ ok: true; value: AllocationProposal } | { ok: false; error: TargetAllocationError }> {
  const values = valueResolverCreate(
    plan,
    observationStoreBuild(await ws.repos.observations.current({ vintage: 'best' })),
  );
  const { group, ...rest } = request;
  const result = allocationPropose(plan, values, { ...rest, group: group ?? plan.home });
  if (result.ok) return result;
  const first = result.errors[0]!;
  return {
    ok: false,
    error: {
      kind: 'allocation',
      errors: result.errors,
      message: {
        zh: `${first.field}：${first.message.zh}`,
        en: `${first.field}: ${first.message.en}`,
      },
    },
  };
}

/**
 * The plan with the proposal's town targets: earlier town targets of the same indicator × year are
 * replaced (their year removed from a multi-year path; a path left empty is dropped), then one
 * `path` target per town is appended with the method as its source and who/why as its note.
 */
export function planWithTownTargets(
  plan: Plan,
  proposal: AllocationProposal,
  approval: { actor: string; reason: string; at: string },
): { plan: Plan; removed: Target[]; added: Target[] } {
  const towns = new Set<string>(proposal.rows.map((r) => r.region));
  const year = String(proposal.year);
  const removed: Target[] = [];
  const targets: Target[] = [];
  for (const t of plan.targets) {
    if (t.type === 'path' && t.indicator === proposal.indicator && towns.has(t.region) && year in t.values) {
      removed.push(t);
      const rest = Object.fromEntries(Object.entries(t.values).filter(([y]) => y !== year));
      if (Object.keys(rest).length > 0) targets.push({ ...t, values: rest });
    } else {
      targets.push(t);
    }
  }
  const groupName = proposal.groupName.zh;
  const added: Target[] = proposal.rows.map((r) => ({
    type: 'path',
    indicator: proposal.indicator,
    region: r.region,
    comparator: proposal.comparator,
    source: `${ALLOCATION_SOURCE_PREFIX}（${proposal.method}）`,
    values: { [year]: r.proposed },
    interpolate: false, // the towns' targets of earlier years are not implied by this one
    note: `${groupName} ${proposal.year} 年目标 ${proposal.groupTarget} 分解至镇街（基期 ${proposal.baseYear}${proposal.weight ? `，权重 ${proposal.weight}` : ''}）；${approval.actor} 于 ${approval.at.slice(0, 10)} 批准：${approval.reason}`,
  }));
  return { plan: { ...plan, targets: [...targets, ...added] }, removed, added };
}

/**
 * Approve: recompute the proposal on the plan in force (so what is saved is what the data give now),
 * refuse it if a check fails, and save the towns' targets as the plan's next version, audited.
 */
export async function targetAllocationApprove(
  ws: Workspace,
  request: TargetAllocationRequest,
  ctx: { actor: string; reason: string; expectedVersion?: number; now?: Date },
): Promise<TargetAllocationApproveResult> {
  const stored = await ws.repos.plans.active();
  if (!stored)
    return {
      ok: false,
      error: { kind: 'no_plan', message: { zh: '尚未加载计划', en: 'no plan is loaded' } },
    };
  const proposed = await proposeOn(ws, stored.plan, request);
  if (!proposed.ok) return proposed;
  const proposal = proposed.value;
  const { sum, ratio } = proposal.checks;
  if ((sum && !sum.ok) || (ratio && !ratio.ok)) {
    return {
      ok: false,
      error: {
        kind: 'check_failed',
        proposal,
        message: {
          zh: `分解结果未达到 ${proposal.groupName.zh} 目标 ${proposal.groupTarget}，不能批准`,
          en: `the allocation does not meet the ${proposal.groupName.en} target ${proposal.groupTarget}; it cannot be approved`,
        },
      },
    };
  }
  const at = (ctx.now ?? new Date()).toISOString();
  const result = await planEdit(
    ws.repos,
    // The proposal was computed on `stored`: a plan changed in between is a conflict, not a silent mix.
    { actor: ctx.actor, reason: ctx.reason, expectedVersion: ctx.expectedVersion ?? stored.version },
    (plan) => {
      const edited = planWithTownTargets(plan, proposal, { actor: ctx.actor, reason: ctx.reason, at });
      return {
        plan: edited.plan,
        audit: {
          action: 'plan.targets.allocate',
          entity: 'target',
          entityId: `${plan.id}:${proposal.indicator}:${proposal.year}:${proposal.group}`,
          old: edited.removed,
          new: { method: proposal.method, baseYear: proposal.baseYear, targets: edited.added },
        },
      };
    },
  );
  if (!result.ok) return result;
  return { ok: true, value: { version: result.value, proposal } };
}
