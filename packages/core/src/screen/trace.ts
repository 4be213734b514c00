// How one number on a screen was computed (纵向可溯): the engine row for indicator × region × period, its
// rules in words, its inputs one level down (the members of a sum, the two parts of a ratio, this and last
// year of a growth rate) and the observations it rests on. Each input is itself a trace key to follow.
import type { ExpectedToDate, ProgressRow } from '../engine/progress.ts';
import { progressCompute } from '../engine/progress.ts';
import type { Status } from '../engine/progress-rules.ts';
import { observationStoreBuild } from '../engine/observation-store.ts';
import type { ResolvedTarget } from '../engine/targets.ts';
import { valueResolverCreate, type ValueRule } from '../engine/values.ts';
import type { Observation } from '../observation.ts';
import { periodEndDate, periodSameLastYear, type Period } from '../period.ts';
import type { Indicator, Plan } from '../plan/schema.ts';
import { regionMembersOn } from '../regions.ts';
import { assertNever, type IndicatorCode, type LocalizedName, type RegionCode } from '../types.ts';
import type { TraceKey } from './types.ts';

export interface ScreenTraceInput extends TraceKey {
  /** What the input is to the value: a member region of a sum, or a part of a ratio or growth rate. */
  role: 'member' | 'numerator' | 'denominator' | 'current' | 'last_year';
  value: number | null;
  rule: ValueRule | null;
  // Additions: the plan's names, so that a screen can label an input without the plan.
  indicatorName?: LocalizedName;
  regionName?: LocalizedName;
}

export interface ScreenTrace {
  key: TraceKey;
  name: LocalizedName;
  /** The region's name (addition). */
  regionName?: LocalizedName;
  unit: string;
  decimals: number;
  value: number | null;
  /** How the value was obtained; null without a value. */
  rule: ValueRule | null;
  synthetic: boolean;
  status: Status;
  explanation: {
    value: LocalizedName;
    target: Omit<ResolvedTarget, 'observationIds'> | null;
    expected: ExpectedToDate | null;
  };
  /** One level down; for a value that could not be computed, what it would need (missing ones are null). */
  inputs: ScreenTraceInput[];
  /** Observations behind the value, and behind the target (baseline actuals, the compared indicator). */
  observationIds: { value: string[]; target: string[] };
  /** The engine row itself. */
  row: ProgressRow;
}

/** A stored observation behind a traced number, with the collection round that published it. */
export interface TraceObservation {
  id: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: string;
  provenance: string;
  citation: string | null;
  /** The uploaded file (or 在线填报) it came from, when known. */
  source: string | null;
  note: string | null;
  revision: number;
  /** When and by whom it was stored (the publisher, the importer, or 'demo'). */
  createdAt: string;
  createdBy: string;
  /** From the collection round that published it; null when it did not come through a round. */
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** Whether the observation is behind the value or behind the target (a baseline, the compared indicator). */
  usedFor: 'value' | 'target';
  /** The plan's names of its indicator and region (additions). */
  indicatorName?: LocalizedName;
  regionName?: LocalizedName;
}

/** GET /api/trace: the trace without the engine row, with the stored observations behind it. */
export interface TraceResult extends Omit<ScreenTrace, 'observationIds' | 'row'> {
  observations: TraceObservation[];
}

/** The trace of one number over the given (published, best-vintage) observations. */
export function screenTrace(plan: Plan, observations: readonly Observation[], key: TraceKey): ScreenTrace {
  const ind = plan.indicators.find((i) => i.code === key.indicator);
  if (!ind) throw new Error(`trace: the plan has no indicator '${key.indicator}'`);
  const region = key.region as RegionCode;
  const period = key.period as Period;
  const [row] = progressCompute(plan, observations, period, {
    regions: [region],
    indicators: [ind.code as IndicatorCode],
    includeComponents: true,
  });
  if (!row) throw new Error(`trace: no engine row for ${key.indicator} × ${key.region} × ${key.period}`);
  const values = valueResolverCreate(plan, observationStoreBuild(observations));
  const rule = row.value?.rule ?? null;
  const input = (
    indicator: string,
    r: string,
    p: Period,
    role: ScreenTraceInput['role'],
  ): ScreenTraceInput => {
    const v = values.value(indicator, r as RegionCode, p);
    return {
      indicator,
      region: r,
      period: p,
      role,
      value: v?.value ?? null,
      rule: v?.rule ?? null,
      indicatorName: traceIndicatorName(plan, indicator),
      regionName: traceRegionName(plan, r),
    };
  };
  // The inputs of the rule used, or, without a value, of the rule the indicator aggregates by.
  const how: ValueRule =
    rule ??
    (ind.aggregation === 'sum'
      ? 'sum_of_members'
      : ind.aggregation === 'none'
        ? 'reported'
        : ind.aggregation === 'ratio_of_sums'
          ? 'ratio_of_sums'
          : 'growth_of_sums');
  let inputs: ScreenTraceInput[] = [];
  const members = row.value?.members ?? regionMembersOn(plan, region, periodEndDate(period));
  switch (how) {
    case 'reported':
      break;
    case 'sum_of_members':
      inputs = members.map((m) => input(ind.code, m, period, 'member'));
      break;
    case 'ratio_of_sums':
      inputs = [
        input(ind.ratio!.numerator, region, period, 'numerator'),
        input(ind.ratio!.denominator, region, period, 'denominator'),
      ];
      break;
    case 'growth_of_sums':
      inputs = [
        input(ind.growthOf!, region, period, 'current'),
        input(ind.growthOf!, region, periodSameLastYear(period), 'last_year'),
      ];
      break;
    default:
      assertNever(how, 'value rule');
  }
  const { observationIds: _targetIds, ...target } = row.target ?? { observationIds: [] };
  return {
    key: { indicator: ind.code, region, period },
    name: ind.name,
    regionName: traceRegionName(plan, region),
    unit: ind.unit,
    decimals: ind.decimals,
    value: row.value?.value ?? null,
    rule,
    synthetic: row.value?.synthetic ?? false,
    status: row.status,
    explanation: {
      value: valueExplanation(plan, ind, row, inputs, period),
      target: row.target ? (target as Omit<ResolvedTarget, 'observationIds'>) : null,
      expected: row.expected ?? null,
    },
    inputs,
    observationIds: { value: row.value?.observationIds ?? [], target: row.target?.observationIds ?? [] },
    row,
  };
}

/** An indicator's name from the plan (the code for one it does not have). */
export function traceIndicatorName(plan: Plan, code: string): LocalizedName {
  return plan.indicators.find((i) => i.code === code)?.name ?? { zh: code, en: code };
}

/** A region's or group's name from the plan (the code for one it does not have). */
export function traceRegionName(plan: Plan, code: string): LocalizedName {
  return (
    plan.regions.find((r) => r.code === code)?.name ??
    plan.regionGroups.find((g) => g.code === code)?.name ?? { zh: code, en: code }
  );
}

function valueExplanation(
  plan: Plan,
  ind: Indicator,
  row: ProgressRow,
  inputs: ScreenTraceInput[],
  period: Period,
): LocalizedName {
  const missing = inputs.filter((i) => i.value === null).length;
  if (!row.value) {
    if (row.status === 'not_due')
      return { zh: '年报指标，本季度尚未到报送期', en: 'an annual figure, not yet due this quarter' };
    if (inputs.length && missing)
      return {
        zh: `无法计算：${inputs.length} 项输入中缺 ${missing} 项（不以不完整的合计代替）`,
        en: `cannot be computed: ${missing} of ${inputs.length} inputs missing (an incomplete sum is not reported)`,
      };
    return { zh: '没有已发布的数据', en: 'no published figure' };
  }
  const date = periodEndDate(period);
  switch (row.value.rule) {
    case 'reported':
      return { zh: '直接报送的数值（已发布）', en: 'the figure as reported (published)' };
    case 'sum_of_members':
      return {
        zh: `${inputs.length} 个下级地区之和（按 ${date} 的区划）`,
        en: `sum of ${inputs.length} member regions (membership on ${date})`,
      };
    case 'ratio_of_sums': {
      const r = ind.ratio!;
      const num = traceIndicatorName(plan, r.numerator);
      const den = traceIndicatorName(plan, r.denominator);
      return {
        zh: `${num.zh} ÷ ${den.zh} × ${r.multiplier}（分子、分母各自汇总后相除，不对比率求平均）`,
        en: `${num.en} ÷ ${den.en} × ${r.multiplier} (numerator and denominator summed first; ratios are never averaged)`,
      };
    }
    case 'growth_of_sums': {
      const base = traceIndicatorName(plan, ind.growthOf!);
      return {
        zh: `（${base.zh} 本期 ÷ 上年同期 − 1）× 100`,
        en: `(${base.en} this period ÷ same period last year − 1) × 100`,
      };
    }
    default:
      return assertNever(row.value.rule, 'value rule');
  }
}
