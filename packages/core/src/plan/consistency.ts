// Do a plan's targets add up? 全市 = 市级 + 前湾 for summed indicators; the 全市 ratio implied by the parts.
import type { Indicator, Plan, Target } from './schema.ts';
import { regionMembersOn, regionName } from '../regions.ts';
import { indicatorCode, isoDate, regionCode, type IndicatorCode, type RegionCode } from '../types.ts';

/**
 * A region and the groups that partition it. A group defined as `complementOf {whole, minus}` makes
 * one: whole = complement + each minus group (市级 = 全市 − 前湾 ⇒ 全市 = 市级 + 前湾). This assumes
 * the minus groups are disjoint and lie inside `whole`, which is what a complement is written for.
 */
export interface RegionPartition {
  whole: RegionCode;
  parts: RegionCode[];
}

/** A denominator value (e.g. GDP for R&D/GDP) for one region and year, used to weight part ratios. */
export interface DenominatorValue {
  indicator: string;
  region: string;
  year: number;
  value: number;
}

/**
 * partition_*: 全市 = 市级 + 前湾 (complement groups). towns_*: a group's target against the targets
 * allocated to its towns (目标分解到镇街, issue 10), with the towns as members on the year's end date.
 */
export type ConsistencyKind = 'partition_sum' | 'partition_ratio' | 'towns_sum' | 'towns_ratio';

export interface ConsistencyCheck {
  kind: ConsistencyKind;
  indicator: IndicatorCode;
  year: number;
  regions: RegionPartition;
  /** The whole's target. */
  expected: number;
  /** partition_sum: the parts' targets added up; partition_ratio: the whole's ratio they imply. */
  actual: number;
  /** actual − expected. */
  difference: number;
  ok: boolean;
  message: string;
  /** partition_ratio: the denominators used; `derived` when computed as whole − other parts. */
  weights?: { region: RegionCode; value: number; derived: boolean }[];
}

export interface ConsistencyOptions {
  /**
   * partition_ratio is ok when |implied − target| ≤ ratioTolerance × |target| (default 0.01, i.e. 1 %
   * of the target). A split of a ratio target need not be exact: it is reported, not enforced.
   */
  ratioTolerance?: number;
}

/** Partitions declared by the plan's complement groups. */
export function planPartitions(plan: Plan): RegionPartition[] {
  return plan.regionGroups.flatMap((g) =>
    g.complementOf
      ? [
          {
            whole: regionCode(g.complementOf.whole),
            parts: [regionCode(g.code), ...g.complementOf.minus.map(regionCode)],
          },
        ]
      : [],
  );
}

/**
 * Checks, per partition, indicator and year where the whole and every part have a target:
 * (a) `sum` indicators — the parts' targets add up to the whole's (exactly, up to float noise);
 * (b) `ratio_of_sums` indicators — when denominators are given, the whole's ratio implied by the
 *     parts, Σ(rᵢ·dᵢ) / Σdᵢ, compared with the whole's target within a tolerance. One missing
 *     denominator (a part, or the whole) is derived from the others: 前湾 GDP = 全市 − 市级.
 */
export function planConsistencyReport(
  plan: Plan,
  denominators: readonly DenominatorValue[] = [],
  options: ConsistencyOptions = {},
): ConsistencyCheck[] {
  const tolerance = options.ratioTolerance ?? 0.01;
  const checks: ConsistencyCheck[] = [];
  for (const partition of planPartitions(plan)) {
    for (const ind of plan.indicators) {
      if (ind.aggregation !== 'sum' && ind.aggregation !== 'ratio_of_sums') continue;
      const targets = plan.targets.filter((t) => t.indicator === ind.code);
      const byRegion = (r: RegionCode) => targets.filter((t) => t.region === r);
      const wholeTargets = byRegion(partition.whole);
      const partTargets = partition.parts.map(byRegion);
      if (wholeTargets.length === 0 || partTargets.some((ts) => ts.length === 0)) continue;

      for (const year of targetYears(wholeTargets)) {
        const whole = targetValueIn(wholeTargets, year);
        const parts = partTargets.map((ts) => targetValueIn(ts, year));
        if (!whole || parts.some((p) => !p || p.comparator !== whole.comparator)) continue;
        const partValues = parts.map((p) => p!.value);
        const check =
          ind.aggregation === 'sum'
            ? sumCheck(plan, ind, year, partition, whole.value, partValues)
            : ratioCheck(plan, ind, year, partition, whole.value, partValues, denominators, tolerance);
        if (check) checks.push(check);
      }
    }
  }
  checks.push(...townChecks(plan, denominators));
  return checks;
}

/**
 * Town targets against their group's (issue 10 item 2), per indicator × year × group where the group
 * and every town it has at the end of that year carry a written target: counts and amounts — the
 * towns' targets add up to the group's; ratios — the group ratio they imply over the towns'
 * denominators, Σ(rᵢ·dᵢ) / Σdᵢ (ratio of sums, MISSION §2), meets the group's target (≥ for a '>='
 * target). The denominators are the year's, or the year before's when the year's are not all known
 * (what an allocation made during the plan is set against).
 */
function townChecks(plan: Plan, denominators: readonly DenominatorValue[]): ConsistencyCheck[] {
  const checks: ConsistencyCheck[] = [];
  const groups = [plan.home, ...plan.regionGroups.map((g) => g.code)].map(regionCode);
  for (const ind of plan.indicators) {
    if (ind.aggregation !== 'sum' && ind.aggregation !== 'ratio_of_sums') continue;
    const targets = plan.targets.filter((t) => t.indicator === ind.code);
    if (targets.length === 0) continue;
    for (const group of groups) {
      const groupTargets = targets.filter((t) => t.region === group);
      for (const year of targetYears(groupTargets)) {
        const whole = targetValueIn(groupTargets, year);
        const towns = regionMembersOn(plan, group, isoDate(`${year}-12-31`));
        if (!whole || towns.length === 0) continue;
        const townValues = towns.map((town) =>
          targetValueIn(
            targets.filter((t) => t.region === town),
            year,
          ),
        );
        if (townValues.some((v) => !v || v.comparator !== whole.comparator)) continue;
        const values = townValues.map((v) => v!.value);
        const partition: RegionPartition = { whole: group, parts: towns };
        if (ind.aggregation === 'sum') {
          checks.push({ ...sumCheck(plan, ind, year, partition, whole.value, values), kind: 'towns_sum' });
          continue;
        }
        const check = townRatioCheck(plan, ind, year, partition, whole, values, denominators);
        if (check) checks.push(check);
      }
    }
  }
  return checks;
}

function townRatioCheck(
  plan: Plan,
  ind: Indicator,
  year: number,
  partition: RegionPartition,
  whole: { value: number; comparator: '>=' | '<=' },
  ratios: number[],
  denominators: readonly DenominatorValue[],
): ConsistencyCheck | undefined {
  const denominator = ind.ratio?.denominator;
  if (!denominator) return undefined;
  const denIn = (y: number) =>
    partition.parts.map(
      (r) => denominators.find((d) => d.indicator === denominator && d.region === r && d.year === y)?.value,
    );
  let denYear = year;
  let dens = denIn(year);
  if (dens.some((d) => d === undefined)) dens = denIn((denYear = year - 1));
  if (dens.some((d) => !(d !== undefined && d > 0))) return undefined;
  const weights = partition.parts.map((region, i) => ({ region, value: dens[i]!, derived: false }));
  const total = weights.reduce((a, w) => a + w.value, 0);
  const actual = weights.reduce((a, w, i) => a + ratios[i]! * w.value, 0) / total;
  const difference = actual - whole.value;
  const ok = whole.comparator === '>=' ? difference >= -1e-9 : difference <= 1e-9;
  const d = ind.decimals;
  const message =
    `${ind.code} ${year}: the targets of the ${partition.parts.length} towns of ${regionName(plan, partition.whole)} ` +
    `weighted by their ${denYear} ${denominator} imply ${actual.toFixed(d + 2)} against its target ` +
    `${whole.comparator === '>=' ? '≥' : '≤'} ${whole.value.toFixed(d)}: ${ok ? 'met' : 'not met'} (difference ${signed(difference, d + 2)})`;
  return {
    kind: 'towns_ratio',
    indicator: indicatorCode(ind.code),
    year,
    regions: partition,
    expected: whole.value,
    actual,
    difference,
    ok,
    message,
    weights,
  };
}

/** The target value a year carries: a path's value, or an annual flow's value inside its years. */
function targetValueIn(
  targets: Target[],
  year: number,
): { value: number; comparator: '>=' | '<=' } | undefined {
  for (const t of targets) {
    switch (t.type) {
      case 'path': {
        const value = t.values[String(year)];
        if (value !== undefined) return { value, comparator: t.comparator };
        break;
      }
      case 'annual_flow':
        if (year >= t.from && year <= t.to) return { value: t.value, comparator: '>=' };
        break;
      case 'cumulative':
      case 'multiple_of_base':
      case 'average_growth':
      case 'relative_growth':
        // Not a per-year level: a split of these is not a sum of the parts.
        break;
    }
  }
  return undefined;
}

function targetYears(targets: Target[]): number[] {
  const years = new Set<number>();
  for (const t of targets) {
    if (t.type === 'path') Object.keys(t.values).forEach((y) => years.add(Number(y)));
    else if (t.type === 'annual_flow') for (let y = t.from; y <= t.to; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

function sumCheck(
  plan: Plan,
  ind: Indicator,
  year: number,
  partition: RegionPartition,
  expected: number,
  partValues: number[],
): ConsistencyCheck {
  const actual = partValues.reduce((a, b) => a + b, 0);
  const difference = actual - expected;
  // Targets are decimals written by hand; allow only float noise, not a real discrepancy.
  const ok = Math.abs(difference) <= 1e-9 * Math.max(1, Math.abs(expected));
  const fmt = (n: number) => n.toFixed(ind.decimals);
  const terms = partition.parts.map((p, i) => `${regionName(plan, p)} ${fmt(partValues[i]!)}`).join(' + ');
  const message = ok
    ? `${ind.code} ${year}: ${terms} = ${fmt(actual)}, the target of ${regionName(plan, partition.whole)}`
    : `${ind.code} ${year}: ${terms} = ${fmt(actual)}, but the target of ${regionName(plan, partition.whole)} is ${fmt(expected)} (difference ${signed(difference, ind.decimals)})`;
  return {
    kind: 'partition_sum',
    indicator: indicatorCode(ind.code),
    year,
    regions: partition,
    expected,
    actual,
    difference,
    ok,
    message,
  };
}

function ratioCheck(
  plan: Plan,
  ind: Indicator,
  year: number,
  partition: RegionPartition,
  expected: number,
  partRatios: number[],
  denominators: readonly DenominatorValue[],
  tolerance: number,
): ConsistencyCheck | undefined {
  const denominator = ind.ratio?.denominator;
  if (!denominator) return undefined;
  const given = (r: RegionCode) =>
    denominators.find((d) => d.indicator === denominator && d.region === r && d.year === year)?.value;

  const wholeDen = given(partition.whole);
  const partDens = partition.parts.map(given);
  const missing = partDens.filter((d) => d === undefined).length;
  let weights: { region: RegionCode; value: number; derived: boolean }[];
  if (missing === 0) {
    weights = partition.parts.map((region, i) => ({ region, value: partDens[i]!, derived: false }));
  } else if (missing === 1 && wholeDen !== undefined) {
    const known = partDens.reduce<number>((a, d) => a + (d ?? 0), 0);
    weights = partition.parts.map((region, i) =>
      partDens[i] === undefined
        ? { region, value: wholeDen - known, derived: true }
        : { region, value: partDens[i], derived: false },
    );
  } else return undefined;

  // A derived weight can come out ≤ 0 when the given denominators disagree; then there is no check.
  if (weights.some((w) => !(w.value > 0))) return undefined;
  const total = weights.reduce((a, w) => a + w.value, 0);
  const actual = weights.reduce((a, w, i) => a + partRatios[i]! * w.value, 0) / total;
  const difference = actual - expected;
  const ok = Math.abs(difference) <= tolerance * Math.abs(expected);

  const d = ind.decimals;
  const terms = partition.parts
    .map((p, i) => `${regionName(plan, p)} ${partRatios[i]!.toFixed(d)}`)
    .join(', ');
  const weighting = weights
    .map((w) => `${regionName(plan, w.region)} ${w.value.toFixed(2)}${w.derived ? ' (derived)' : ''}`)
    .join(', ');
  const message =
    `${ind.code} ${year}: ${terms} weighted by ${denominator} (${weighting}) imply ` +
    `${regionName(plan, partition.whole)} ${actual.toFixed(d + 2)} against its target ${expected.toFixed(d)}: ` +
    `difference ${signed(difference, d + 2)} (${signed((difference / expected) * 100, 2)}% of the target), ` +
    `${ok ? 'within' : 'outside'} the ${tolerance * 100}% tolerance`;
  return {
    kind: 'partition_ratio',
    indicator: indicatorCode(ind.code),
    year,
    regions: partition,
    expected,
    actual,
    difference,
    ok,
    message,
    weights,
  };
}

function signed(n: number, decimals: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(decimals)}`;
}
