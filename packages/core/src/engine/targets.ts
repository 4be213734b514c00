// The annual target of an indicator for a region and year, derived from whichever plan target applies.
// Targets written only for the final year are spread over the plan years on a stated path, marked
// as estimated ('implied_*'), because 序时进度 needs a target for every year.
import type { Plan, Target } from '../plan/schema.ts';
import { periodOf, type Period } from '../period.ts';
import { assertNever, type LocalizedName, type RegionCode } from '../types.ts';
import type { ValueResolver } from './values.ts';

export type TargetRule =
  /** A value written in the plan for this year (e.g. the 分解表). */
  | 'explicit'
  /** Linear between the previous anchor (a written year, or the baseline actual) and the next written year. */
  | 'implied_linear'
  /** The yearly flow target of an annual_flow target (年新增 450). */
  | 'annual_flow'
  /** What remains of a cumulative target, shared equally over the remaining years. */
  | 'cumulative_remaining'
  /** base × factor^(elapsed/span): the constant-growth path to a multiple of the base year. */
  | 'implied_geometric'
  /** base × (1 + rate)^(elapsed): the path of an average annual growth rate. */
  | 'implied_compound'
  /** Growth of another indicator plus a margin, in the same period (高新投资增速 > 工业投资增速). */
  | 'relative';

export interface ResolvedTarget {
  value: number;
  comparator: '>=' | '<=';
  rule: TargetRule;
  targetType: Target['type'];
  /** Seed section the target comes from. */
  source: string;
  /** The final-year (e.g. 2026) target on the same target, when it has one. */
  finalValue?: number;
  finalYear?: number;
  /** Observation ids used to derive the target (baseline actuals, the compared indicator). */
  observationIds: string[];
  /**
   * The derivation in words, zh and en: e.g. {zh: '估算：由2021年实际值 663 线性推进至2026年目标 1750',
   * en: 'estimated: linear from 2021 actual 663 to 2026 target 1750'}.
   */
  explanation: LocalizedName;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function pathTarget(
  t: Extract<Target, { type: 'path' }>,
  year: number,
  plan: Plan,
  values: ValueResolver,
): ResolvedTarget | undefined {
  const written = Object.entries(t.values)
    .map(([y, v]) => ({ year: Number(y), value: v }))
    .sort((a, b) => a.year - b.year);
  const last = written[written.length - 1]!;
  const base = {
    comparator: t.comparator,
    targetType: t.type,
    source: t.source,
    finalValue: last.value,
    finalYear: last.year,
  };
  const exact = written.find((w) => w.year === year);
  if (exact)
    return {
      ...base,
      value: exact.value,
      rule: 'explicit',
      observationIds: [],
      explanation: { zh: `${year}年目标（方案明确）`, en: `${year} target written in the plan` },
    };
  const next = written.find((w) => w.year > year);
  if (!next || year < plan.startYear || t.interpolate === false) return undefined;
  const prevWritten = [...written].reverse().find((w) => w.year < year);
  let from: { year: number; value: number; ids: string[]; label: LocalizedName };
  if (prevWritten) {
    from = {
      ...prevWritten,
      ids: [],
      label: {
        zh: `${prevWritten.year}年目标 ${prevWritten.value}`,
        en: `${prevWritten.year} target ${prevWritten.value}`,
      },
    };
  } else {
    const actual = values.yearEnd(t.indicator, t.region as RegionCode, plan.baselineYear);
    if (!actual) return undefined;
    from = {
      year: plan.baselineYear,
      value: actual.value,
      ids: actual.observationIds,
      label: {
        zh: `${plan.baselineYear}年实际值 ${round(actual.value)}`,
        en: `${plan.baselineYear} actual ${round(actual.value)}`,
      },
    };
  }
  const value = from.value + ((next.value - from.value) * (year - from.year)) / (next.year - from.year);
  return {
    ...base,
    value,
    rule: 'implied_linear',
    observationIds: from.ids,
    explanation: {
      zh: `估算：由${from.label.zh} 线性推进至${next.year}年目标 ${next.value}`,
      en: `estimated: linear from ${from.label.en} to ${next.year} target ${next.value}`,
    },
  };
}

/** Sum of the indicator's annual flows over [from, to]; undefined if any year is missing. */
function flowSum(values: ValueResolver, indicator: string, region: RegionCode, from: number, to: number) {
  let total = 0;
  const ids: string[] = [];
  for (let y = from; y <= to; y++) {
    const v = values.yearEnd(indicator, region, y);
    if (!v) return undefined;
    total += v.value;
    ids.push(...v.observationIds);
  }
  return { total, ids };
}

/**
 * The target in force for `indicator` × `region` in the year of `period`. When several targets apply
 * (e.g. 分解表 "增速高于工业" and 三(五)1 "高于 1 个百分点"), the strictest one is used.
 */
export function targetResolve(
  plan: Plan,
  values: ValueResolver,
  indicator: string,
  region: RegionCode,
  period: Period,
  year: number,
): ResolvedTarget | undefined {
  const candidates = plan.targets
    .filter((t) => t.indicator === indicator && t.region === region)
    .map((t) => targetForYear(plan, values, t, period, year))
    .filter((t): t is ResolvedTarget => t !== undefined);
  if (candidates.length <= 1) return candidates[0];
  const stricter = candidates.reduce((a, b) =>
    a.comparator === '<=' ? (b.value < a.value ? b : a) : b.value > a.value ? b : a,
  );
  return {
    ...stricter,
    explanation: {
      zh: `${stricter.explanation.zh}（取 ${candidates.length} 项适用目标中最严格者）`,
      en: `${stricter.explanation.en} (strictest of ${candidates.length} targets)`,
    },
  };
}

function targetForYear(
  plan: Plan,
  values: ValueResolver,
  t: Target,
  period: Period,
  year: number,
): ResolvedTarget | undefined {
  const region = t.region as RegionCode;
  const common = { comparator: '>=' as const, targetType: t.type, source: t.source };
  switch (t.type) {
    case 'path':
      return pathTarget(t, year, plan, values);
    case 'annual_flow':
      if (year < t.from || year > t.to) return undefined;
      return {
        ...common,
        value: t.value,
        rule: 'annual_flow',
        finalValue: t.value,
        finalYear: t.to,
        observationIds: [],
        explanation: {
          zh: `${t.from}—${t.to}年每年目标 ${t.value}`,
          en: `${t.value} every year ${t.from}–${t.to}`,
        },
      };
    case 'cumulative': {
      if (year < t.from || year > t.to) return undefined;
      const done =
        year > t.from ? flowSum(values, t.indicator, region, t.from, year - 1) : { total: 0, ids: [] };
      if (!done) return undefined;
      const remainingYears = t.to - year + 1;
      return {
        ...common,
        value: Math.max(0, (t.value - done.total) / remainingYears),
        rule: 'cumulative_remaining',
        observationIds: done.ids,
        explanation: {
          zh: `（${t.from}—${t.to}年累计目标 ${t.value} − 已完成 ${round(done.total)}）÷ 剩余 ${remainingYears} 年`,
          en: `(${t.from}–${t.to} total ${t.value} − ${round(done.total)} done) / ${remainingYears} remaining years`,
        },
      };
    }
    case 'multiple_of_base':
    case 'average_growth': {
      if (year <= t.baseYear || year > t.year) return undefined;
      const base = values.yearEnd(t.indicator, region, t.baseYear);
      if (!base) return undefined;
      const elapsed = year - t.baseYear;
      const isMultiple = t.type === 'multiple_of_base';
      const value = isMultiple
        ? base.value * t.factor ** (elapsed / (t.year - t.baseYear))
        : base.value * (1 + t.rate / 100) ** elapsed;
      const finalValue = isMultiple
        ? base.value * t.factor
        : base.value * (1 + t.rate / 100) ** (t.year - t.baseYear);
      return {
        ...common,
        value,
        rule: isMultiple ? 'implied_geometric' : 'implied_compound',
        finalValue,
        finalYear: t.year,
        observationIds: base.observationIds,
        explanation: isMultiple
          ? {
              zh: `${t.baseYear}年实际值 ${round(base.value)} × ${t.factor}（${t.year}年目标），按等比增长路径分解至各年`,
              en: `${t.baseYear} actual ${round(base.value)} × ${t.factor} by ${t.year}, constant growth path`,
            }
          : {
              zh: `${t.baseYear}年实际值 ${round(base.value)} 按年均增长 ${t.rate}% 逐年推算`,
              en: `${t.baseYear} actual ${round(base.value)} growing ${t.rate}% a year`,
            },
      };
    }
    case 'relative_growth': {
      if (year < t.from || year > t.to) return undefined;
      const other = values.value(t.exceeds, region, period);
      if (!other) return undefined;
      const exceeds = plan.indicators.find((i) => i.code === t.exceeds)?.name;
      return {
        ...common,
        value: other.value + t.marginPp,
        rule: 'relative',
        observationIds: other.observationIds,
        explanation: {
          zh: `${exceeds?.zh ?? t.exceeds} ${round(other.value)}% + ${t.marginPp} 个百分点`,
          en: `${t.exceeds} ${round(other.value)}% + ${t.marginPp} pp`,
        },
      };
    }
    default:
      return assertNever(t, 'target type');
  }
}

/** The target for the plan's final year (e.g. 2026) as a level, for projection and required growth. */
export function targetFinal(
  plan: Plan,
  values: ValueResolver,
  indicator: string,
  region: RegionCode,
): ResolvedTarget | undefined {
  return targetResolve(plan, values, indicator, region, periodOf(plan.targetYear), plan.targetYear);
}
