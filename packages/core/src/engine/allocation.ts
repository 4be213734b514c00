// Target allocation to towns (目标分解到镇街, issue 10): a group's target for an indicator × year split
// over the group's towns by a stated method, rounded so the towns add up to (or imply) the group target.
import type { Indicator, Plan } from '../plan/schema.ts';
import { periodEndDate, periodOf } from '../period.ts';
import { regionMembersOn, regionName } from '../regions.ts';
import type { LocalizedName, RegionCode } from '../types.ts';
import { roundHalfAway } from './rounding.ts';
import { targetResolve } from './targets.ts';
import type { ValueResolver } from './values.ts';

/**
 * - base-share: each town's share of the group's base-year actual (bᵢ / Σb).
 * - equal-growth: every town grows at the group's required rate T / Σb from its own base.
 *   For a summed indicator this gives the same split as base-share (T·bᵢ/Σb = bᵢ·(T/Σb)); the two are
 *   both offered because bureaus name them differently (按基数占比 / 按同比例增长) and a ratio's
 *   numerator grows from its own base the same way.
 * - weighted: by another indicator's base-year value per town (e.g. GDP for R&D expenditure).
 * - manual: the values the admin entered, checked.
 */
export type AllocationMethod = 'base-share' | 'equal-growth' | 'weighted' | 'manual';
export const ALLOCATION_METHODS: readonly AllocationMethod[] = [
  'base-share',
  'equal-growth',
  'weighted',
  'manual',
];

/** The methods' names as a bureau writes them (the target's source, the web's choice, the CLI). */
export const ALLOCATION_METHOD_NAMES: Readonly<Record<AllocationMethod, LocalizedName>> = {
  'base-share': { zh: '按基期占比', en: 'base-year share' },
  'equal-growth': { zh: '等增速', en: 'equal growth' },
  weighted: { zh: '按权重指标', en: 'weighted by an indicator' },
  manual: { zh: '手工录入', en: 'entered by hand' },
};

/**
 * What can be split over towns: amounts and counts that add up (aggregation sum), and ratios of sums,
 * whose numerator is split against the towns' denominators. Growth rates and indices do not add up.
 */
export function allocationAllocatable(ind: Indicator): boolean {
  return (
    ind.aggregation === 'sum' ||
    (ind.measure === 'ratio' && ind.ratio !== undefined && ind.aggregation === 'ratio_of_sums')
  );
}

export interface AllocationRequest {
  indicator: string;
  year: number;
  /** The group whose target is split: a region group (330282-SJ, 330282-QW) or the county itself. */
  group: string;
  method: AllocationMethod;
  /** Year of the actuals that weight the split; default year − 1. */
  baseYear?: number;
  /** method 'weighted': the indicator whose base-year values are the weights. */
  weight?: string;
  /** method 'manual': the town values, in the indicator's unit (a ratio: each town's ratio). */
  manual?: Record<string, number>;
}

export interface AllocationRow {
  region: RegionCode;
  name: LocalizedName;
  /** The town's base-year actual (undefined only for a manual split without base data). */
  base: number | undefined;
  /** The proposed town target, in the indicator's unit and decimals. */
  proposed: number;
  /** The town's share of what is allocated (the value, or a ratio's numerator), 0–1. */
  share: number;
  /** method 'weighted': the town's weight. */
  weight?: number;
  /** Ratio indicators: the allocated numerator and the town's denominator it is set against. */
  numerator?: number;
  denominator?: number;
}

export interface AllocationChecks {
  /** Counts and amounts: the towns' proposals add up to the allocated total. */
  sum?: { ok: boolean; expected: number; actual: number };
  /** Ratios: the group ratio of the towns' sums (Σ proposedᵢ·denᵢ / Σ denᵢ) meets the group target. */
  ratio?: { ok: boolean; target: number; implied: number; comparator: '>=' | '<=' };
}

export interface AllocationProposal {
  indicator: string;
  year: number;
  group: RegionCode;
  groupName: LocalizedName;
  method: AllocationMethod;
  baseYear: number;
  weight?: string;
  /** How the amount is split: the value itself, or (ratios) the numerator against the towns' denominators. */
  allocates: 'value' | 'numerator';
  comparator: '>=' | '<=';
  /** Ratios: the ratio's multiplier (100 for a percentage), relating numerator, denominator and ratio. */
  multiplier?: number;
  /** The group target as the plan resolves it (may be an estimate between written years). */
  groupTarget: number;
  /** The total distributed over the towns: the target in whole units (counts), or the required numerator (ratios). */
  allocatedTotal: number;
  /** The group's base-year actual (Σ of the towns' bases, or their ratio of sums). */
  groupBase: number | undefined;
  /** The group value the proposals imply: their sum, or their ratio of sums. */
  implied: number;
  rows: AllocationRow[];
  checks: AllocationChecks;
  /** How the target was derived, and how it was split (zh/en). */
  explanation: LocalizedName;
}

export type AllocationErrorKind =
  | 'unknown_indicator'
  | 'not_allocatable'
  | 'unknown_group'
  | 'no_target'
  | 'no_base'
  | 'zero_base'
  | 'unknown_weight'
  | 'no_weight'
  | 'manual_missing'
  | 'manual_unknown_region'
  | 'manual_negative'
  | 'manual_not_integer'
  | 'manual_sum'
  | 'manual_ratio_short';

export interface AllocationError {
  kind: AllocationErrorKind;
  /** The request field at fault: indicator, group, year, baseYear, weight, manual.<town>. */
  field: string;
  region?: RegionCode;
  message: LocalizedName;
}

export type AllocationResult =
  { ok: true; value: AllocationProposal } | { ok: false; errors: AllocationError[] };

const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** What is wrong with one town's manual value (手工录入). */
export type AllocationCellProblem = 'missing' | 'negative' | 'not_integer';

/** A proposal's rows and checks with the admin's own values in place. */
export interface AllocationManualResult {
  rows: AllocationRow[];
  /** The group value the values imply: their sum, or a ratio's Σ rᵢ·denᵢ / Σ denᵢ. */
  implied: number;
  checks: AllocationChecks;
  /** Town code → what is wrong with its value (a town with a problem fails the checks). */
  problems: Partial<Record<string, AllocationCellProblem>>;
}

/**
 * The admin's values (手工录入) in place of a proposal's: each town's value checked (present, not
 * negative, whole units for a count), shares of the new total, and the same checks as a computed split —
 * the towns add up to the allocated total at the indicator's decimals, or (ratios) the group's ratio of
 * sums Σ(rᵢ·denᵢ)/Σdenᵢ meets the group target (MISSION §2: a group's ratio is the ratio of its sums).
 * Approval runs this check; the web previews with it, so what it shows is what approval decides.
 */
export function allocationManualApply(
  proposal: Pick<
    AllocationProposal,
    'rows' | 'allocates' | 'allocatedTotal' | 'groupTarget' | 'comparator' | 'multiplier'
  >,
  manual: Readonly<Record<string, number | null | undefined>>,
  indicator: Pick<Indicator, 'decimals' | 'integer'>,
): AllocationManualResult {
  const problems: AllocationManualResult['problems'] = {};
  const values = proposal.rows.map((r) => {
    const v = manual[r.region];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      problems[r.region] = 'missing';
      return 0;
    }
    if (v < 0) problems[r.region] = 'negative';
    else if (indicator.integer === true && !Number.isInteger(v)) problems[r.region] = 'not_integer';
    return v;
  });
  const clean = Object.keys(problems).length === 0;
  if (proposal.allocates === 'numerator') {
    const multiplier = proposal.multiplier ?? 1;
    const dens = proposal.rows.map((r) => r.denominator ?? 0);
    const parts = values.map((v, i) => v * dens[i]!);
    const partSum = sumOf(parts);
    const denSum = sumOf(dens);
    const implied = denSum > 0 ? partSum / denSum : 0;
    const ok = clean && targetMet(implied, proposal.groupTarget, proposal.comparator);
    return {
      rows: proposal.rows.map((r, i) => ({
        ...r,
        proposed: values[i]!,
        share: partSum > 0 ? parts[i]! / partSum : 0,
        numerator: parts[i]! / multiplier,
      })),
      implied,
      checks: {
        ratio: { ok, target: proposal.groupTarget, implied, comparator: proposal.comparator },
      },
      problems,
    };
  }
  const sum = sumOf(values);
  const actual = roundHalfAway(sum, indicator.decimals);
  return {
    rows: proposal.rows.map((r, i) => ({
      ...r,
      proposed: values[i]!,
      share: sum > 0 ? values[i]! / sum : 0,
    })),
    implied: actual,
    checks: {
      sum: { ok: clean && actual === proposal.allocatedTotal, expected: proposal.allocatedTotal, actual },
    },
    problems,
  };
}

/**
 * The towns whose proposed target is below their own base-year actual (for an at-least target): the split
 * adds up, but asks those towns to fall back — a bureau would not hand down a 2025 高企 target of 47 to a town
 * that had 94. A warning, not a refusal: a town may shrink by design (a carve-out, a closure).
 */
export function allocationBelowBase(
  proposal: Pick<AllocationProposal, 'comparator'>,
  rows: readonly Pick<AllocationRow, 'region' | 'base' | 'proposed'>[],
): RegionCode[] {
  if (proposal.comparator !== '>=') return [];
  return rows.filter((r) => r.base !== undefined && r.proposed < r.base).map((r) => r.region);
}

/** True when a check failed: such a split cannot be approved. */
export function allocationChecksFail(checks: AllocationChecks): boolean {
  return checks.sum?.ok === false || checks.ratio?.ok === false;
}

/** A group value meets its target; 1e-9 absorbs the binary noise of Σ rᵢ·denᵢ / Σ denᵢ. */
const targetMet = (implied: number, target: number, comparator: '>=' | '<='): boolean =>
  comparator === '>=' ? implied >= target - 1e-9 : implied <= target + 1e-9;

function fail(
  kind: AllocationErrorKind,
  field: string,
  zh: string,
  en: string,
  region?: RegionCode,
): { ok: false; errors: AllocationError[] } {
  return { ok: false, errors: [{ kind, field, message: { zh, en }, ...(region ? { region } : {}) }] };
}

/**
 * Whole units summing exactly to `total` in proportion to `weights`: each gets ⌊quota⌋, then the
 * units left go one each to the largest fractional remainders (largest-remainder / Hamilton method,
 * as used for seat apportionment; ties go to the larger weight, then to the earlier town).
 */
export function allocationLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (sum === 0 ? 0 : (total * w) / sum));
  // 1e-9 absorbs binary noise so that a quota of exactly 3 is not floored to 2.
  const floors = quotas.map((q) => Math.floor(q + 1e-9));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, rem: q - floors[i]!, w: weights[i]! }))
    .sort((a, b) => b.rem - a.rem || b.w - a.w || a.i - b.i);
  const out = [...floors];
  for (const o of order) {
    if (left <= 0) break;
    out[o.i]! += 1;
    left -= 1;
  }
  return out;
}

/**
 * Amounts to `decimals` places summing exactly to `total`: each share rounded 四舍五入, and what the
 * rounding left over (± a few units of the last place) put on the largest town, where it is the
 * smallest relative change.
 */
export function allocationRoundedAmounts(
  total: number,
  weights: readonly number[],
  decimals: number,
): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => roundHalfAway(sum === 0 ? 0 : (total * w) / sum, decimals));
  const rest = roundHalfAway(total - out.reduce((a, b) => a + b, 0), decimals);
  if (rest !== 0 && out.length > 0) {
    let largest = 0;
    weights.forEach((w, i) => {
      if (w > weights[largest]!) largest = i;
    });
    out[largest] = roundHalfAway(out[largest]! + rest, decimals);
  }
  return out;
}

/** Round towards the side that keeps a target met: up for '>=', down for '<='. */
function roundSafe(x: number, decimals: number, comparator: '>=' | '<='): number {
  const f = 10 ** decimals;
  // Clean the binary tail first (3.0000000000000004 is 3, not 3.01).
  const clean = Number((x * f).toPrecision(12));
  return (comparator === '>=' ? Math.ceil(clean) : Math.floor(clean)) / f;
}

/** The towns' target proposal for `request` over the plan and the engine's values (pure). */
export function allocationPropose(
  plan: Plan,
  values: ValueResolver,
  request: AllocationRequest,
): AllocationResult {
  const ind = plan.indicators.find((i) => i.code === request.indicator);
  if (!ind) {
    return fail(
      'unknown_indicator',
      'indicator',
      `计划中没有指标 ${request.indicator}`,
      `the plan has no indicator ${request.indicator}`,
    );
  }
  const isRatio = ind.aggregation === 'ratio_of_sums';
  if (!allocationAllocatable(ind)) {
    return fail(
      'not_allocatable',
      'indicator',
      `指标 ${ind.name.zh} 是${ind.measure === 'growth' ? '增速' : '指数或不可汇总指标'}，不能按镇街分解（只分解数量、金额和比率）`,
      `${ind.name.en} is a ${ind.measure} indicator that does not add up over towns; only counts, amounts and ratios are allocated`,
    );
  }
  const group = request.group as RegionCode;
  const endDate = periodEndDate(periodOf(request.year));
  const towns = regionMembersOn(plan, group, endDate);
  if (towns.length === 0) {
    return fail(
      'unknown_group',
      'group',
      `${request.group} 不是 ${request.year} 年末有下辖镇街的区域或区域组`,
      `${request.group} is not a region or group with towns at the end of ${request.year}`,
    );
  }
  const target = targetResolve(plan, values, ind.code, group, periodOf(request.year), request.year);
  if (!target) {
    return fail(
      'no_target',
      'year',
      `${regionName(plan, group)} 没有 ${ind.name.zh} ${request.year} 年的目标`,
      `${regionName(plan, group, 'en')} has no ${request.year} target for ${ind.name.en}`,
    );
  }
  const baseYear = request.baseYear ?? request.year - 1;
  const comparator = target.comparator;

  // The base-year actual per town: the value for a summed indicator, numerator and denominator for a ratio.
  const missing: AllocationError[] = [];
  // The allocated indicator's own base weights base-share and equal-growth; for weighted and manual it is shown only.
  const byBase = request.method === 'base-share' || request.method === 'equal-growth';
  const baseOf = (code: string, town: RegionCode, field: string, required: boolean): number | undefined => {
    const v = values.yearEnd(code, town, baseYear)?.value;
    if (v === undefined && required) {
      missing.push({
        kind: field === 'weight' ? 'no_weight' : 'no_base',
        field,
        region: town,
        message: {
          zh: `${regionName(plan, town)} 没有 ${baseYear} 年 ${code} 的实际值`,
          en: `${regionName(plan, town, 'en')} has no ${baseYear} actual of ${code}`,
        },
      });
    }
    return v;
  };
  const num = isRatio ? ind.ratio!.numerator : ind.code;
  const bases = towns.map((t) => baseOf(num, t, 'baseYear', byBase));
  // The towns' denominators the ratio is set against: the base year's (the latest known when the split is made).
  const dens = isRatio ? towns.map((t) => baseOf(ind.ratio!.denominator, t, 'baseYear', true)) : [];
  let weights: (number | undefined)[] = bases;
  if (request.method === 'weighted') {
    const w = plan.indicators.find((i) => i.code === request.weight);
    if (!w) {
      return fail(
        'unknown_weight',
        'weight',
        `按权重分解需要计划中的指标作为权重（weight），${request.weight ?? '未给出'}`,
        `weighted allocation needs a plan indicator as weight; got ${request.weight ?? 'none'}`,
      );
    }
    weights = towns.map((t) => baseOf(w.code, t, 'weight', true));
  }
  if (missing.length > 0) return { ok: false, errors: missing };

  const multiplier = isRatio ? ind.ratio!.multiplier : 1;
  const denOf = (i: number) => dens[i]!;
  const sumDen = isRatio ? sumOf(dens as number[]) : 1;
  const baseValues = bases.every((b) => b !== undefined) ? (bases as number[]) : undefined;
  const groupBase =
    baseValues === undefined
      ? undefined
      : isRatio
        ? (sumOf(baseValues) / sumDen) * multiplier
        : sumOf(baseValues);
  const numInd = plan.indicators.find((i) => i.code === num);

  // What is distributed: the target itself, in whole units for a count; for a ratio the numerator the
  // group needs over its towns' denominators, T × Σden / multiplier (ratio of sums, MISSION §2).
  const countLike = (i: Indicator | undefined) => i?.integer === true;
  const totalDecimals = isRatio ? (numInd?.decimals ?? ind.decimals) : ind.decimals;
  const rawTotal = isRatio ? (target.value * sumDen) / multiplier : target.value;
  const allocatedTotal = countLike(isRatio ? numInd : ind)
    ? roundSafe(rawTotal, 0, comparator)
    : isRatio
      ? roundSafe(rawTotal, totalDecimals, comparator)
      : roundHalfAway(rawTotal, totalDecimals);

  const methodZh: Record<AllocationMethod, string> = {
    'base-share': `按${baseYear}年实际值占比`,
    'equal-growth': `各镇街按同一增长率（${groupBase ? `${roundHalfAway((target.value / groupBase - 1) * 100, 1)}%` : '—'}）自${baseYear}年基数增长`,
    weighted: `按${request.weight ? (plan.indicators.find((i) => i.code === request.weight)?.name.zh ?? request.weight) : ''}${baseYear}年占比加权`,
    manual: '手工录入',
  };
  const methodEn: Record<AllocationMethod, string> = {
    'base-share': `by share of the ${baseYear} actual`,
    'equal-growth': `every town growing at the group's required rate from its ${baseYear} base`,
    weighted: `weighted by ${request.weight} in ${baseYear}`,
    manual: 'entered by hand',
  };
  const shown = (x: number) => roundHalfAway(x, totalDecimals);
  const proposal = (
    rows: AllocationRow[],
    implied: number,
    checks: AllocationChecks,
  ): AllocationProposal => ({
    indicator: ind.code,
    year: request.year,
    group,
    groupName: regionOrGroupName(plan, group),
    method: request.method,
    baseYear,
    ...(request.method === 'weighted' && request.weight ? { weight: request.weight } : {}),
    allocates: isRatio ? 'numerator' : 'value',
    comparator,
    ...(isRatio ? { multiplier } : {}),
    groupTarget: target.value,
    allocatedTotal,
    groupBase,
    implied,
    rows,
    checks,
    explanation: {
      zh: `${target.explanation.zh}；${isRatio ? `按各镇街分母分解分子（需${shown(allocatedTotal)}）` : `分解总量${shown(allocatedTotal)}`}，${methodZh[request.method]}`,
      en: `${target.explanation.en}; ${isRatio ? `numerator ${shown(allocatedTotal)} split against the towns' denominators` : `${shown(allocatedTotal)} split`}, ${methodEn[request.method]}`,
    },
  });
  const baseRow = (town: RegionCode, i: number): AllocationRow => {
    const b = bases[i];
    return {
      region: town,
      name: regionOrGroupName(plan, town),
      base: isRatio && b !== undefined ? (b / denOf(i)) * multiplier : b,
      proposed: 0,
      share: 0,
      ...(request.method === 'weighted' ? { weight: weights[i]! } : {}),
      ...(isRatio ? { denominator: denOf(i) } : {}),
    };
  };

  if (request.method === 'manual') {
    const entered = request.manual ?? {};
    const skeleton = proposal(towns.map(baseRow), 0, {});
    const applied = allocationManualApply(skeleton, entered, ind);
    const errors = [
      ...Object.keys(entered)
        .filter((code) => !towns.includes(code as RegionCode))
        .map((code) => manualError('manual_unknown_region', code, entered[code])),
      ...towns.flatMap((town) => {
        const problem = applied.problems[town];
        return problem ? [manualError(`manual_${problem}`, town, entered[town])] : [];
      }),
    ];
    if (errors.length === 0 && allocationChecksFail(applied.checks)) errors.push(manualShortError(applied));
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: { ...skeleton, rows: applied.rows, implied: applied.implied, checks: applied.checks },
    };
  }

  const w = weights as number[];
  if (sumOf(w) <= 0 || w.some((x) => x < 0)) {
    return fail(
      'zero_base',
      request.method === 'weighted' ? 'weight' : 'baseYear',
      `${baseYear}年各镇街${request.method === 'weighted' ? '权重' : '基数'}合计为零或有负值，无法按比例分解`,
      `the towns' ${baseYear} ${request.method === 'weighted' ? 'weights' : 'bases'} add up to zero or include a negative value`,
    );
  }
  const allocated = countLike(isRatio ? numInd : ind)
    ? allocationLargestRemainder(allocatedTotal, w)
    : allocationRoundedAmounts(allocatedTotal, w, totalDecimals);
  const allocatedSum = sumOf(allocated);
  const rows: AllocationRow[] = towns.map((town, i) => ({
    ...baseRow(town, i),
    proposed: isRatio
      ? roundSafe((allocated[i]! / denOf(i)) * multiplier, ind.decimals, comparator)
      : allocated[i]!,
    share: allocatedSum === 0 ? 0 : allocated[i]! / allocatedSum,
    ...(isRatio ? { numerator: roundHalfAway(allocated[i]!, totalDecimals) } : {}),
  }));

  if (isRatio) {
    // The group ratio the towns' targets imply: Σ(rᵢ·denᵢ) / Σdenᵢ (ratio of sums with the town ratios as set).
    const implied = sumOf(rows.map((r) => r.proposed * r.denominator!)) / sumDen;
    const ok = targetMet(implied, target.value, comparator);
    return {
      ok: true,
      value: proposal(rows, implied, { ratio: { ok, target: target.value, implied, comparator } }),
    };
  }
  const implied = roundHalfAway(sumOf(rows.map((r) => r.proposed)), ind.decimals);
  return {
    ok: true,
    value: proposal(rows, implied, {
      sum: { ok: implied === allocatedTotal, expected: allocatedTotal, actual: implied },
    }),
  };

  function manualError(
    kind: 'manual_unknown_region' | `manual_${AllocationCellProblem}`,
    town: string,
    v: number | undefined,
  ): AllocationError {
    const zh = regionName(plan, town as RegionCode);
    const en = regionName(plan, town as RegionCode, 'en');
    const message: Record<typeof kind, LocalizedName> = {
      manual_unknown_region: {
        zh: `${town} 不是${regionName(plan, group)}${request.year}年末的下辖镇街`,
        en: `${town} is not a town of ${regionName(plan, group, 'en')} at the end of ${request.year}`,
      },
      manual_missing: { zh: `${zh}未填写分解值`, en: `no value for ${en}` },
      manual_negative: { zh: `${zh}的分解值${v}为负数`, en: `${en}: ${v} is negative` },
      manual_not_integer: {
        zh: `${zh}的分解值${v}不是整数（${ind!.unit}）`,
        en: `${en}: ${v} is not a whole number of ${ind!.unit}`,
      },
    };
    return { kind, field: `manual.${town}`, region: town as RegionCode, message: message[kind] };
  }

  function manualShortError(applied: AllocationManualResult): AllocationError {
    const groupZh = regionName(plan, group);
    const groupEn = regionName(plan, group, 'en');
    if (applied.checks.ratio) {
      const implied = roundHalfAway(applied.implied, ind!.decimals + 2);
      return {
        kind: 'manual_ratio_short',
        field: 'manual',
        message: {
          zh: `各镇街目标按分母汇总后为${implied}，未达到${groupZh}目标${target!.value}`,
          en: `the towns' targets imply ${implied} for ${groupEn}, short of its target ${target!.value}`,
        },
      };
    }
    const total = applied.checks.sum!.actual;
    return {
      kind: 'manual_sum',
      field: 'manual',
      message: {
        zh: `各镇街分解值合计${total}，不等于${groupZh}目标${allocatedTotal}`,
        en: `the town values add up to ${total}, not the ${groupEn} target ${allocatedTotal}`,
      },
    };
  }
}

function regionOrGroupName(plan: Plan, code: RegionCode): LocalizedName {
  return { zh: regionName(plan, code, 'zh'), en: regionName(plan, code, 'en') };
}
