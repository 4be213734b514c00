// GET /api/trace: how one number on a screen was computed (core's screenTrace) and the stored observations
// behind it, each joined with the collection round that published it — who submitted and who approved it.
import {
  periodIsValid,
  screenIndexExplain,
  screenTrace,
  traceIndicatorName,
  traceRegionName,
  type ScreenIndexExplain,
  type TraceObservation,
  type TraceResult,
  type TraceKey,
} from '@ding/core';
import type { ObservationRecord, Submission } from '../repositories/index.ts';
import { workspaceIndex } from './index-scores.ts';
import { ScreenError, screenData, screenPeriod, screenTownPeerSet } from './screen.ts';
import type { Workspace } from './workspace.ts';

export interface IndexExplainQuery {
  region: string;
  /** YYYY or YYYYQn; default the screens' period. */
  period?: string;
  /** A peer set of the plan; default the towns' (cixi-towns). */
  set?: string;
}

/**
 * GET /api/index/explain: why a region scored and ranked as it did in the 科技创新指数 of a peer set and
 * period — its score, rank, each indicator's contribution with its observations, the change since the
 * previous period by indicator (and who overtook whom), the method. As the screens compute the index.
 */
export async function indexExplainCompute(
  ws: Workspace,
  query: IndexExplainQuery,
): Promise<ScreenIndexExplain> {
  const { plan } = await screenData(ws);
  const period = await screenPeriod(ws, query.period);
  const set = query.set ?? screenTownPeerSet(plan);
  if (set === undefined || !plan.peerSets.some((s) => s.code === set))
    throw new ScreenError('not_found', {
      zh: set === undefined ? '方案中没有镇街比较组' : `方案中没有比较组 ${set}`,
      en: set === undefined ? 'the plan has no peer set of its towns' : `the plan has no peer set ${set}`,
    });
  if (![...plan.regions, ...plan.regionGroups].some((r) => r.code === query.region))
    throw new ScreenError('not_found', {
      zh: `方案中没有地区 ${query.region}`,
      en: `the plan has no region ${query.region}`,
    });
  const r = await workspaceIndex(ws, plan, { period, peerSet: set });
  if (!r.ok)
    throw new ScreenError('not_found', {
      zh: `${period} 无法计算${set}的科技创新指数：${r.errors.map((e) => e.message).join('; ')}`,
      en: `no index of ${set} for ${period}: ${r.errors.map((e) => e.message).join('; ')}`,
    });
  const explained = screenIndexExplain(plan, r.value, query.region, {
    ...(r.value.spec.name !== undefined ? { name: r.value.spec.name } : {}),
  });
  if (!explained)
    throw new ScreenError('not_found', {
      zh: `${query.region} 不是 ${period} 比较组 ${set} 的成员`,
      en: `${query.region} is not a member of ${set} in ${period}`,
    });
  return explained;
}

/** The trace of indicator × region × period over the published data. */
export async function traceCompute(ws: Workspace, key: TraceKey): Promise<TraceResult> {
  const { plan, observations } = await screenData(ws);
  if (!periodIsValid(key.period))
    throw new ScreenError('bad_period', {
      zh: '期别格式应为 YYYY 或 YYYYQn（如 2025Q3）',
      en: 'a period is YYYY or YYYYQn (e.g. 2025Q3)',
    });
  if (!plan.indicators.some((i) => i.code === key.indicator))
    throw new ScreenError('not_found', {
      zh: `方案中没有指标 ${key.indicator}`,
      en: `the plan has no indicator ${key.indicator}`,
    });
  if (![...plan.regions, ...plan.regionGroups].some((r) => r.code === key.region))
    throw new ScreenError('not_found', {
      zh: `方案中没有地区 ${key.region}`,
      en: `the plan has no region ${key.region}`,
    });
  const trace = screenTrace(plan, observations, key);
  const byId = new Map(observations.map((o) => [o.id, o]));
  const seen = new Set<string>();
  const used = [
    ...trace.observationIds.value.map((id) => ({ id, usedFor: 'value' as const })),
    ...trace.observationIds.target.map((id) => ({ id, usedFor: 'target' as const })),
  ].filter((u) => !seen.has(u.id) && seen.add(u.id));
  const submissions = await ws.repos.submissions.byObservationIds(used.map((u) => u.id));
  // The earliest published submission of an observation is the one that created it; a later identical
  // one only confirmed it (publication wrote nothing new).
  const firstSubmission = new Map<string, Submission>();
  for (const s of submissions)
    if (s.observationId !== undefined && s.status === 'published' && !firstSubmission.has(s.observationId))
      firstSubmission.set(s.observationId, s);
  return {
    key: trace.key,
    name: trace.name,
    ...(trace.regionName ? { regionName: trace.regionName } : {}),
    unit: trace.unit,
    decimals: trace.decimals,
    value: trace.value,
    rule: trace.rule,
    synthetic: trace.synthetic,
    status: trace.status,
    explanation: trace.explanation,
    inputs: trace.inputs,
    observations: used.flatMap(({ id, usedFor }) => {
      const o = byId.get(id);
      return o
        ? [
            {
              ...traceObservation(o, firstSubmission.get(id), usedFor),
              indicatorName: traceIndicatorName(plan, o.indicator),
              regionName: traceRegionName(plan, o.region),
            },
          ]
        : [];
    }),
  };
}

function traceObservation(
  o: ObservationRecord,
  s: Submission | undefined,
  usedFor: TraceObservation['usedFor'],
): TraceObservation {
  return {
    id: o.id,
    indicator: o.indicator,
    region: o.region,
    period: o.period,
    value: o.value,
    vintage: o.vintage,
    provenance: o.provenance,
    citation: o.citation ?? null,
    source: o.source ?? null,
    note: o.note ?? null,
    revision: o.revision,
    createdAt: o.createdAt,
    createdBy: o.createdBy,
    submittedBy: s?.submittedBy ?? null,
    submittedAt: s?.submittedAt ?? null,
    approvedBy: s?.reviewedBy ?? null,
    approvedAt: s?.reviewedAt ?? null,
    usedFor,
  };
}
