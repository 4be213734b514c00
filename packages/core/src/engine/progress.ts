// The progress engine: per indicator × region × period, the value, target, completion, 序时进度, gap,
// YoY, rank, status and 2026 projection — each with the observation ids and the rule it used.
import type { Indicator, Plan, ProgressRule } from '../plan/schema.ts';
import type { Observation } from '../observation.ts';
import {
  periodEndDate,
  periodMonthsElapsed,
  periodParse,
  periodSameLastYear,
  type Period,
} from '../period.ts';
import { regionsOn } from '../regions.ts';
import { assertNever, type IndicatorCode, type LocalizedName, type RegionCode } from '../types.ts';
import { observationStoreBuild } from './observation-store.ts';
import {
  completionPercent,
  expectedFlowLinear,
  expectedFlowSeasonal,
  expectedStock,
  linearTrend,
  progressRuleDefault,
  rankWithTies,
  requiredAnnualGrowth,
  statusBand,
  yoyChange,
  type Status,
  type YoyKind,
} from './progress-rules.ts';
import { targetFinal, targetResolve, type ResolvedTarget } from './targets.ts';
import { valueResolverCreate, type ResolvedValue, type ValueResolver } from './values.ts';

export interface ExpectedToDate {
  value: number;
  /** The rule actually applied (flow_seasonal falls back to flow_linear without last year's pattern). */
  rule: ProgressRule;
  /** Share of the annual target expected by now, in % (e.g. 75 at Q3 for a linear flow). */
  shareOfTarget: number;
  /** The rule applied, in words (zh and en), with the figures it used. */
  explanation: LocalizedName;
}

export interface Projection {
  /** Trend value in the plan's final year (OLS line through recent year-end values). */
  value: number;
  year: number;
  method: 'linear_trend';
  /** Points the trend was fitted on (t = year, or year − 1 + months/12 for the current quarter). */
  points: { t: number; v: number }[];
  willMeet: boolean;
}

export interface RequiredGrowth {
  /** Annual growth (%) or annual increase (pp) needed from now to reach the final target. */
  value: number;
  kind: YoyKind;
  from: number;
  years: number;
}

export interface ProgressRow {
  indicator: IndicatorCode;
  region: RegionCode;
  period: Period;
  unit: string;
  value?: ResolvedValue;
  target?: ResolvedTarget;
  /** 完成率 (%): value vs the annual target. */
  completion?: number;
  expected?: ExpectedToDate;
  /** value − 序时进度 (in the indicator's unit). */
  gapToExpected?: number;
  /** value − annual target (in the indicator's unit). */
  gapToTarget?: number;
  yoy?: { lastYear: number; change: number; kind: YoyKind };
  rank?: { rank: number; of: number; peerSet: string };
  status: Status;
  projection?: Projection;
  requiredGrowth?: RequiredGrowth;
}

export interface ProgressOptions {
  regions?: RegionCode[];
  indicators?: IndicatorCode[];
  /** Include component indicators (GDP, population …) that carry no target. Default false. */
  includeComponents?: boolean;
}

/** YoY and required growth are in pp for rates and levels, in % for counts and amounts. */
export function indicatorChangeKind(ind: Indicator): YoyKind {
  return ind.measure === 'stock' || ind.measure === 'flow' ? 'percent' : 'pp';
}

/** Regions reported by default: every region and group that exists on the period's end date. */
function defaultRegions(plan: Plan, period: Period): RegionCode[] {
  const date = periodEndDate(period);
  const codes = new Set([
    ...regionsOn(plan, date).map((r) => r.code),
    ...plan.regionGroups.map((g) => g.code),
  ]);
  return [...codes] as RegionCode[];
}

export function progressCompute(
  plan: Plan,
  observations: Iterable<Observation>,
  period: Period,
  options: ProgressOptions = {},
): ProgressRow[] {
  const values = valueResolverCreate(plan, observationStoreBuild(observations));
  const indicators = plan.indicators.filter(
    (i) =>
      (options.includeComponents || !i.component) &&
      (!options.indicators || options.indicators.includes(i.code as IndicatorCode)),
  );
  const regions = options.regions ?? defaultRegions(plan, period);
  const ranks = peerRanks(plan, values, indicators, period);
  return indicators.flatMap((ind) =>
    regions.map((region) =>
      progressRow(plan, values, ind, region, period, ranks.get(`${ind.code}\u0000${region}`)),
    ),
  );
}

function progressRow(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  rank: ProgressRow['rank'],
): ProgressRow {
  const year = periodParse(period).year;
  const kind = indicatorChangeKind(ind);
  const value = values.value(ind.code, region, period);
  const target = targetResolve(plan, values, ind.code, region, period, year);
  const row: ProgressRow = {
    indicator: ind.code as IndicatorCode,
    region,
    period,
    unit: ind.unit,
    value,
    target,
    status: value ? 'no_target' : notDueYet(ind, period) ? 'not_due' : 'no_data',
    rank,
  };
  const lastYear = values.value(ind.code, region, periodSameLastYear(period));
  if (value && lastYear) {
    const change = yoyChange(value.value, lastYear.value, kind);
    if (change !== undefined) row.yoy = { lastYear: lastYear.value, change, kind };
  }
  if (target) {
    row.expected = expectedToDate(plan, values, ind, region, period, target);
    if (value) {
      // A growth rate against another growth rate has a gap, not a completion ratio.
      if (target.rule !== 'relative')
        row.completion = completionPercent(value.value, target.value, target.comparator);
      row.gapToTarget = value.value - target.value;
      if (row.expected) {
        row.gapToExpected = value.value - row.expected.value;
        row.status = statusBand(
          value.value,
          row.expected.value,
          target.value,
          target.comparator,
          plan.statusBands,
          ind.measure === 'growth',
        );
      }
    }
  }
  if (ind.measure !== 'growth') {
    const final = targetFinal(plan, values, ind.code, region);
    if (final) Object.assign(row, projectToFinal(plan, values, ind, region, period, final));
  }
  return row;
}

/** An annual indicator has no figure before year-end: Q1–Q3 are 'not due', not 'no data'. */
function notDueYet(ind: Indicator, period: Period): boolean {
  const { quarter } = periodParse(period);
  return ind.frequency === 'annual' && quarter !== undefined && quarter < 4;
}

function expectedToDate(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  target: ResolvedTarget,
): ExpectedToDate | undefined {
  const { year } = periodParse(period);
  const months = periodMonthsElapsed(period);
  const rule = ind.progressRule ?? progressRuleDefault(ind);
  const share = (v: number) => (target.value === 0 ? 100 : (v / target.value) * 100);
  const linear = (why?: LocalizedName): ExpectedToDate => {
    const v = expectedFlowLinear(target.value, months);
    return {
      value: v,
      rule: 'flow_linear',
      shareOfTarget: share(v),
      explanation: {
        zh: `${why?.zh ?? ''}本年目标 × ${months}/12（按月均衡推进）`,
        en: `${why?.en ?? ''}target × ${months}/12`,
      },
    };
  };
  switch (rule) {
    case 'stock_interpolation': {
      const last = values.yearEnd(ind.code, region, year - 1);
      if (!last) return undefined;
      const v = expectedStock(last.value, target.value, months);
      return {
        value: v,
        rule,
        shareOfTarget: share(v),
        explanation: {
          zh: `按上年末实际值 ${round(last.value)} 向本年目标线性推进（已过 ${months}/12 个月）`,
          en: `${year - 1} year-end ${round(last.value)} + (target − it) × ${months}/12`,
        },
      };
    }
    case 'flow_linear':
      return linear();
    case 'flow_seasonal': {
      if (months === 12) return linear();
      const lastToDate = values.value(ind.code, region, periodSameLastYear(period));
      const lastTotal = values.yearEnd(ind.code, region, year - 1);
      if (!lastToDate || !lastTotal || lastTotal.value <= 0)
        return linear({
          zh: '上年同期数据不全，无法按季节规律推算，改为：',
          en: 'no seasonal pattern last year: ',
        });
      const v = expectedFlowSeasonal(target.value, lastToDate.value, lastTotal.value);
      return {
        value: v,
        rule,
        shareOfTarget: share(v),
        explanation: {
          zh: `按上年同期进度占全年比重（${round(lastToDate.value)}/${round(lastTotal.value)}）折算本年目标`,
          en: `target × ${year - 1} share by this quarter (${round(lastToDate.value)} / ${round(lastTotal.value)})`,
        },
      };
    }
    case 'level_constant':
      return {
        value: target.value,
        rule,
        shareOfTarget: 100,
        explanation: {
          zh: '水平类目标全年适用，序时进度即年度目标值',
          en: 'the target level applies all year',
        },
      };
    default:
      return assertNever(rule, 'progress rule');
  }
}

/**
 * Trend projection to the final year and the growth now required. Stocks, ratios and indices use
 * the last three year-ends plus the current quarter; flows use complete years' totals only
 * (a year-to-date flow is not comparable with annual totals).
 */
function projectToFinal(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  final: ResolvedTarget,
): Pick<ProgressRow, 'projection' | 'requiredGrowth'> {
  const { year, quarter } = periodParse(period);
  const lastCompleteYear = quarter ? year - 1 : year;
  const points: { t: number; v: number }[] = [];
  for (let y = lastCompleteYear - 2; y <= lastCompleteYear; y++) {
    const v = values.yearEnd(ind.code, region, y);
    if (v) points.push({ t: y, v: v.value });
  }
  if (quarter && ind.measure !== 'flow') {
    const current = values.value(ind.code, region, period);
    if (current) points.push({ t: year - 1 + periodMonthsElapsed(period) / 12, v: current.value });
  }
  const out: Pick<ProgressRow, 'projection' | 'requiredGrowth'> = {};
  const finalYear = final.finalYear ?? plan.targetYear;
  const finalValue = final.finalValue ?? final.value;
  const trend = linearTrend(points);
  if (trend) {
    const projected = trend.intercept + trend.slope * finalYear;
    out.projection = {
      value: projected,
      year: finalYear,
      method: 'linear_trend',
      points,
      willMeet: final.comparator === '>=' ? projected >= finalValue : projected <= finalValue,
    };
  }
  const latest = points[points.length - 1];
  if (latest) {
    const years = finalYear - latest.t;
    const kind = indicatorChangeKind(ind);
    const required = requiredAnnualGrowth(latest.v, finalValue, years, kind);
    if (required !== undefined) out.requiredGrowth = { value: required, kind, from: latest.v, years };
  }
  return out;
}

/** Rank of every region within the first peer set that contains it, for each indicator. */
function peerRanks(
  plan: Plan,
  values: ValueResolver,
  indicators: Indicator[],
  period: Period,
): Map<string, ProgressRow['rank']> {
  const date = periodEndDate(period);
  const existing = new Set([
    ...regionsOn(plan, date).map((r) => r.code),
    ...plan.regionGroups.map((g) => g.code),
  ]);
  const out = new Map<string, ProgressRow['rank']>();
  for (const ind of indicators) {
    for (const set of plan.peerSets) {
      const scored = new Map<string, number>();
      for (const m of set.members) {
        if (!existing.has(m)) continue;
        const v = values.value(ind.code, m as RegionCode, period);
        if (v) scored.set(m, v.value);
      }
      for (const [region, rank] of rankWithTies(scored, ind.polarity)) {
        const k = `${ind.code}\u0000${region}`;
        if (!out.has(k)) out.set(k, { rank, of: scored.size, peerSet: set.code });
      }
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
