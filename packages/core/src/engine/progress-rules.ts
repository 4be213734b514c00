// Small pure formulas of progress monitoring: 序时进度, completion, YoY, status bands, ranks, trend.
// Each states the convention it follows; the engine (progress.ts) only wires them together.
import type { Indicator, ProgressRule, StatusBands } from '../plan/schema.ts';
import { assertNever } from '../types.ts';

/** The 序时进度 rule an indicator uses when its plan entry does not set one. */
export function progressRuleDefault(ind: Indicator): ProgressRule {
  switch (ind.measure) {
    case 'stock':
    case 'ratio':
      return 'stock_interpolation';
    case 'flow':
      return 'flow_seasonal';
    case 'growth':
    case 'index':
      return 'level_constant';
    default:
      return assertNever(ind.measure, 'measure');
  }
}

/**
 * Stock 序时进度: the level moves from last year-end's actual toward this year's target in
 * proportion to the months elapsed — E = A(y−1) + (T − A(y−1)) · m / 12.
 */
export function expectedStock(lastYearEnd: number, target: number, monthsElapsed: number): number {
  return lastYearEnd + ((target - lastYearEnd) * monthsElapsed) / 12;
}

/** Flow 序时进度 by time (时间过半、任务过半): E = T · m / 12. */
export function expectedFlowLinear(target: number, monthsElapsed: number): number {
  return (target * monthsElapsed) / 12;
}

/**
 * Flow 序时进度 by last year's seasonal pattern: the share of last year's annual flow that had
 * been reached by the same quarter — E = T · A(y−1, to date) / A(y−1, year).
 */
export function expectedFlowSeasonal(target: number, lastYearToDate: number, lastYearTotal: number): number {
  return (target * lastYearToDate) / lastYearTotal;
}

/**
 * Completion (完成率, %) of a target: actual / target · 100; for a "no more than" target
 * (comparator '<=') target / actual · 100, so that 100% always means "met".
 */
export function completionPercent(
  actual: number,
  target: number,
  comparator: '>=' | '<=',
): number | undefined {
  if (comparator === '>=') return target === 0 ? undefined : (actual / target) * 100;
  return actual === 0 ? undefined : (target / actual) * 100;
}

export type YoyKind = 'percent' | 'pp';
/**
 * Year-on-year change (同比): growth in percent for counts and amounts, difference in percentage
 * points for ratios, growth rates and indices (a ratio's "growth of a growth" would mislead).
 */
export function yoyChange(current: number, lastYear: number, kind: YoyKind): number | undefined {
  if (kind === 'pp') return current - lastYear;
  return lastYear === 0 ? undefined : (current / lastYear - 1) * 100;
}

/** 'not_due': an annual indicator asked for Q1–Q3, before its figure is due (年报指标). */
export type Status = 'met' | 'on_track' | 'watch' | 'behind' | 'no_target' | 'no_data' | 'not_due';

/**
 * Status band from actual vs 序时进度 (expected). Ratio bands: ≥ onTrack → on_track; ≥ watch → watch;
 * else behind. For a value that is itself a rate (growth, or the expected value ≤ 0) the bands are in
 * percentage points: gap ≥ 0 → on_track; gap ≥ −1 pp → watch. 'met' once the annual target is reached,
 * unless `canBeMet` is false: a growth target is judged on the whole year (a 1–9月 growth rate above
 * the annual rate is 进度正常, not 已完成 — issue 8 item 7).
 */
export function statusBand(
  actual: number,
  expected: number,
  annualTarget: number,
  comparator: '>=' | '<=',
  bands: StatusBands,
  inPoints: boolean,
  canBeMet = true,
): Status {
  const sign = comparator === '>=' ? 1 : -1;
  if (canBeMet && sign * (actual - annualTarget) >= 0) return 'met';
  if (inPoints || expected <= 0 || actual <= 0) {
    const gap = sign * (actual - expected);
    return gap >= 0 ? 'on_track' : gap >= -1 ? 'watch' : 'behind';
  }
  const ratio = comparator === '>=' ? actual / expected : expected / actual;
  return ratio >= bands.onTrack ? 'on_track' : ratio >= bands.watch ? 'watch' : 'behind';
}

/**
 * Ranks with ties sharing a rank (standard competition ranking, "1224"): larger is better for a
 * positive indicator, smaller for a negative one. Missing values get no rank.
 */
export function rankWithTies(
  values: ReadonlyMap<string, number>,
  polarity: 'positive' | 'negative',
): Map<string, number> {
  const sorted = [...values.entries()].sort((a, b) => (polarity === 'positive' ? b[1] - a[1] : a[1] - b[1]));
  const ranks = new Map<string, number>();
  sorted.forEach(([region, v], i) => {
    const prev = sorted[i - 1];
    ranks.set(region, prev && prev[1] === v ? ranks.get(prev[0])! : i + 1);
  });
  return ranks;
}

/** Ordinary least squares line through (t, v) points; needs two distinct t. */
export function linearTrend(
  points: { t: number; v: number }[],
): { slope: number; intercept: number } | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const meanT = points.reduce((s, p) => s + p.t, 0) / n;
  const meanV = points.reduce((s, p) => s + p.v, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.t - meanT) ** 2, 0);
  if (sxx === 0) return undefined;
  const sxy = points.reduce((s, p) => s + (p.t - meanT) * (p.v - meanV), 0);
  const slope = sxy / sxx;
  return { slope, intercept: meanV - slope * meanT };
}

/**
 * Growth now required to reach `target` from `current` in `years` years: for counts and amounts the
 * constant annual growth rate (%) (T/V)^(1/n) − 1; for ratios and indices the annual increase in pp.
 */
export function requiredAnnualGrowth(
  current: number,
  target: number,
  years: number,
  kind: YoyKind,
): number | undefined {
  if (years <= 0) return undefined;
  if (kind === 'pp') return (target - current) / years;
  if (current <= 0 || target <= 0) return undefined;
  return ((target / current) ** (1 / years) - 1) * 100;
}
