// Target allocation to towns (目标分解到镇街, issue 10): a draft is core's proposal over the stored data;
// approving it writes one `path` target per town into the plan's next version (plan-edit: audited, with the reason).
import {
  ALLOCATION_METHOD_NAMES,
  allocationAllocatable,
  allocationChecksFail,
  allocationPropose,
  roundHalfAway,
  observationStoreBuild,
  valueResolverCreate,
  type AllocationError,
  type AllocationProposal,
  type AllocationRequest,
  type LocalizedName,
  type Plan,
  type Target,
  type ValueResolver,
} from '@ding/core';
import { chinaDate } from '../china-time.ts';
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
  const proposal = proposeOn(stored.plan, await storedValues(ws, stored.plan), request);
  if (!proposal.ok) return proposal;
  return { ok: true, value: { proposal: proposal.value, planVersion: stored.version } };
}

/** The best-vintage figures of the workspace as the engine reads them (one build for many proposals). */
async function storedValues(ws: Workspace, plan: Plan): Promise<ValueResolver> {
  return valueResolverCreate(
    plan,
    observationStoreBuild(await ws.repos.observations.current({ vintage: 'best' })),
  );
}

function proposeOn(
  plan: Plan,
  values: ValueResolver,
  request: TargetAllocationRequest,
): { ok: true; value: AllocationProposal } | { ok: false; error: TargetAllocationError } {
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
  const indicator = plan.indicators.find((i) => i.code === proposal.indicator);
  const unit = indicator?.unit ?? '';
  const groupTarget = roundHalfAway(proposal.groupTarget, indicator?.decimals ?? 2);
  const weight = proposal.weight
    ? `，权重：${plan.indicators.find((i) => i.code === proposal.weight)?.name.zh ?? proposal.weight}`
    : '';
  const added: Target[] = proposal.rows.map((r) => ({
    type: 'path',
    indicator: proposal.indicator,
    region: r.region,
    comparator: proposal.comparator,
    source: `目标分解（${ALLOCATION_METHOD_NAMES[proposal.method].zh}）`,
    values: { [year]: r.proposed },
    interpolate: false, // the towns' targets of earlier years are not implied by this one
    note: `${proposal.groupName.zh}${proposal.year}年目标${groupTarget}${unit}分解至镇街（基期${proposal.baseYear}年${weight}）；${approval.actor}于${chinaDate(approval.at)}批准：${approval.reason}`,
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
  ctx: TargetAllocationApproval,
): Promise<TargetAllocationApproveResult> {
  const result = await targetAllocationApproveMany(ws, [request], ctx);
  if (!result.ok) return result;
  return { ok: true, value: { version: result.value.version, proposal: result.value.proposals[0]! } };
}

export interface TargetAllocationApproval {
  actor: string;
  reason: string;
  /** The plan version the proposals were shown on (a plan changed since is a conflict). */
  expectedVersion?: number;
  now?: Date;
}

/**
 * Approve several allocations (indicators × years × groups) as ONE plan version and one audit entry:
 * all or none. Each is recomputed on the plan in force and refused if a check fails.
 */
export async function targetAllocationApproveMany(
  ws: Workspace,
  requests: readonly TargetAllocationRequest[],
  ctx: TargetAllocationApproval,
): Promise<
  | { ok: true; value: { version: StoredPlanContent; proposals: AllocationProposal[] } }
  | { ok: false; error: TargetAllocationError }
> {
  const stored = await ws.repos.plans.active();
  if (!stored)
    return {
      ok: false,
      error: { kind: 'no_plan', message: { zh: '尚未加载计划', en: 'no plan is loaded' } },
    };
  const values = await storedValues(ws, stored.plan);
  const proposals: AllocationProposal[] = [];
  for (const request of requests) {
    const proposed = proposeOn(stored.plan, values, request);
    if (!proposed.ok) return proposed;
    const proposal = proposed.value;
    if (allocationChecksFail(proposal.checks))
      return {
        ok: false,
        error: {
          kind: 'check_failed',
          proposal,
          message: {
            zh: `分解结果未达到${proposal.groupName.zh}目标${proposal.groupTarget}，不能批准`,
            en: `the allocation does not meet the ${proposal.groupName.en} target ${proposal.groupTarget}; it cannot be approved`,
          },
        },
      };
    proposals.push(proposal);
  }
  const at = (ctx.now ?? new Date()).toISOString();
  const result = await planEdit(
    ws.repos,
    // The proposals were computed on `stored`: a plan changed in between is a conflict, not a silent mix.
    { actor: ctx.actor, reason: ctx.reason, expectedVersion: ctx.expectedVersion ?? stored.version },
    (plan) => {
      const removed: Target[] = [];
      const allocations = proposals.map((proposal) => {
        const edited = planWithTownTargets(plan, proposal, { actor: ctx.actor, reason: ctx.reason, at });
        plan = edited.plan;
        removed.push(...edited.removed);
        return { method: proposal.method, baseYear: proposal.baseYear, targets: edited.added };
      });
      return {
        plan,
        audit: {
          action: 'plan.targets.allocate',
          entity: 'target',
          entityId: proposals.map((p) => `${plan.id}:${p.indicator}:${p.year}:${p.group}`).join(','),
          old: removed,
          new: allocations,
        },
      };
    },
  );
  if (!result.ok) return result;
  return { ok: true, value: { version: result.value, proposals } };
}

/**
 * The demo's town targets (合成演示数据, `ding init` with the demo data): the group targets of `years` of
 * every allocatable indicator split over the towns by their base-year share and approved as one plan
 * version, so the town screens judge and the 科技创新杯 scores out of the box. A combination that cannot
 * be split (no group target that year, no base data) is skipped. Returns the new version, if any.
 */
export async function targetAllocationDemo(
  ws: Workspace,
  years: readonly number[],
): Promise<number | undefined> {
  const stored = await ws.repos.plans.active();
  if (!stored) return undefined;
  const plan = stored.plan;
  const values = await storedValues(ws, plan);
  const requests: TargetAllocationRequest[] = [];
  for (const ind of plan.indicators.filter((i) => !i.component && allocationAllocatable(i)))
    for (const group of plan.regionGroups)
      for (const year of years) {
        const request = { indicator: ind.code, year, group: group.code, method: 'base-share' as const };
        const proposed = proposeOn(plan, values, request);
        if (proposed.ok && !allocationChecksFail(proposed.value.checks)) requests.push(request);
      }
  if (requests.length === 0) return undefined;
  const result = await targetAllocationApproveMany(ws, requests, {
    actor: 'ding init',
    reason: '演示数据：按基期占比分解的镇街目标（合成演示数据，非正式下达）',
  });
  if (!result.ok) throw new Error(`demo town targets: ${result.error.message.en}`);
  return result.value.version.version;
}
