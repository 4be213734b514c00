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

const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

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
  const isRatio = ind.measure === 'ratio' && ind.ratio !== undefined && ind.aggregation === 'ratio_of_sums';
  if (!isRatio && ind.aggregation !== 'sum') {
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
  const numInd = plan.indicators.find((i) => i.code === num) as Indicator | undefined;

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

  let allocated: number[];
  if (request.method === 'manual') {
    const checked = manualCheck(plan, ind, towns, request.manual ?? {}, isRatio);
    if (!checked.ok) return checked;
    allocated = isRatio ? checked.values.map((r, i) => (r * denOf(i)) / multiplier) : checked.values;
  } else {
    const w = weights as number[];
    if (sumOf(w) <= 0 || w.some((x) => x < 0)) {
      return fail(
        'zero_base',
        request.method === 'weighted' ? 'weight' : 'baseYear',
        `${baseYear} 年各镇街${request.method === 'weighted' ? '权重' : '基数'}合计为零或有负值，无法按比例分解`,
        `the towns' ${baseYear} ${request.method === 'weighted' ? 'weights' : 'bases'} add up to zero or include a negative value`,
      );
    }
    allocated = countLike(isRatio ? numInd : ind)
      ? allocationLargestRemainder(allocatedTotal, w)
      : allocationRoundedAmounts(allocatedTotal, w, totalDecimals);
  }

  const allocatedSum = sumOf(allocated);
  const rows: AllocationRow[] = towns.map((town, i) => {
    const base = bases[i];
    const row: AllocationRow = {
      region: town,
      name: regionOrGroupName(plan, town),
      base: isRatio && base !== undefined ? (base / denOf(i)) * multiplier : base,
      proposed: isRatio
        ? request.method === 'manual'
          ? request.manual![town]!
          : roundSafe((allocated[i]! / denOf(i)) * multiplier, ind.decimals, comparator)
        : allocated[i]!,
      share: allocatedSum === 0 ? 0 : allocated[i]! / allocatedSum,
    };
    if (request.method === 'weighted') row.weight = weights[i]!;
    if (isRatio) {
      row.numerator = roundHalfAway(allocated[i]!, totalDecimals);
      row.denominator = denOf(i);
    }
    return row;
  });

  const checks: AllocationChecks = {};
  let implied: number;
  if (isRatio) {
    // The group ratio the towns' targets imply: Σ(rᵢ·denᵢ) / Σdenᵢ (ratio of sums with the town ratios as set).
    implied = sumOf(rows.map((r) => r.proposed * r.denominator!)) / sumDen;
    const ok = comparator === '>=' ? implied >= target.value - 1e-9 : implied <= target.value + 1e-9;
    checks.ratio = { ok, target: target.value, implied, comparator };
  } else {
    implied = roundHalfAway(sumOf(rows.map((r) => r.proposed)), ind.decimals);
    checks.sum = { ok: implied === allocatedTotal, expected: allocatedTotal, actual: implied };
  }

  const methodZh: Record<AllocationMethod, string> = {
    'base-share': `按 ${baseYear} 年实际值占比`,
    'equal-growth': `各镇街按同一增长率（${groupBase ? `${roundHalfAway((target.value / groupBase - 1) * 100, 1)}%` : '—'}）自 ${baseYear} 年基数增长`,
    weighted: `按 ${request.weight} ${baseYear} 年占比加权`,
    manual: '手工录入',
  };
  const methodEn: Record<AllocationMethod, string> = {
    'base-share': `by share of the ${baseYear} actual`,
    'equal-growth': `every town growing at the group's required rate from its ${baseYear} base`,
    weighted: `weighted by ${request.weight} in ${baseYear}`,
    manual: 'entered by hand',
  };
  return {
    ok: true,
    value: {
      indicator: ind.code,
      year: request.year,
      group,
      groupName: regionOrGroupName(plan, group),
      method: request.method,
      baseYear,
      ...(request.method === 'weighted' && request.weight ? { weight: request.weight } : {}),
      allocates: isRatio ? 'numerator' : 'value',
      comparator,
      groupTarget: target.value,
      allocatedTotal,
      groupBase,
      implied,
      rows,
      checks,
      explanation: {
        zh: `${target.explanation.zh}；${isRatio ? `按各镇街分母分解分子（需 ${allocatedTotal}）` : `分解总量 ${allocatedTotal}`}，${methodZh[request.method]}`,
        en: `${target.explanation.en}; ${isRatio ? `numerator ${allocatedTotal} split against the towns' denominators` : `${allocatedTotal} split`}, ${methodEn[request.method]}`,
      },
    },
  };

  function manualCheck(
    p: Plan,
    indicator: Indicator,
    members: RegionCode[],
    manual: Record<string, number>,
    ratio: boolean,
  ): { ok: true; values: number[] } | { ok: false; errors: AllocationError[] } {
    const errors: AllocationError[] = [];
    for (const code of Object.keys(manual)) {
      if (!members.includes(code as RegionCode)) {
        errors.push({
          kind: 'manual_unknown_region',
          field: `manual.${code}`,
          region: code as RegionCode,
          message: {
            zh: `${code} 不是 ${regionName(p, group)} ${request.year} 年末的下辖镇街`,
            en: `${code} is not a town of ${regionName(p, group, 'en')} at the end of ${request.year}`,
          },
        });
      }
    }
    const vals = members.map((town) => {
      const v = manual[town];
      const field = `manual.${town}`;
      const name = regionName(p, town);
      if (v === undefined || !Number.isFinite(v)) {
        errors.push({
          kind: 'manual_missing',
          field,
          region: town,
          message: { zh: `${name} 未填写分解值`, en: `no value for ${regionName(p, town, 'en')}` },
        });
        return 0;
      }
      if (v < 0) {
        errors.push({
          kind: 'manual_negative',
          field,
          region: town,
          message: {
            zh: `${name} 的分解值 ${v} 为负数`,
            en: `${regionName(p, town, 'en')}: ${v} is negative`,
          },
        });
      } else if (indicator.integer && !Number.isInteger(v)) {
        errors.push({
          kind: 'manual_not_integer',
          field,
          region: town,
          message: {
            zh: `${name} 的分解值 ${v} 不是整数（${indicator.unit}）`,
            en: `${regionName(p, town, 'en')}: ${v} is not a whole number of ${indicator.unit}`,
          },
        });
      }
      return v;
    });
    if (errors.length === 0 && ratio) {
      const impliedRatio = sumOf(vals.map((r, i) => r * denOf(i))) / sumDen;
      const short =
        comparator === '>=' ? impliedRatio < target!.value - 1e-9 : impliedRatio > target!.value + 1e-9;
      if (short) {
        errors.push({
          kind: 'manual_ratio_short',
          field: 'manual',
          message: {
            zh: `各镇街目标按分母汇总后为 ${roundHalfAway(impliedRatio, indicator.decimals + 2)}，未达到 ${regionName(p, group)} 目标 ${target!.value}`,
            en: `the towns' targets imply ${roundHalfAway(impliedRatio, indicator.decimals + 2)} for ${regionName(p, group, 'en')}, short of its target ${target!.value}`,
          },
        });
      }
    } else if (errors.length === 0) {
      const total = roundHalfAway(sumOf(vals), indicator.decimals);
      if (total !== allocatedTotal) {
        errors.push({
          kind: 'manual_sum',
          field: 'manual',
          message: {
            zh: `各镇街分解值合计 ${total}，不等于 ${regionName(p, group)} 目标 ${allocatedTotal}`,
            en: `the town values add up to ${total}, not the ${regionName(p, group, 'en')} target ${allocatedTotal}`,
          },
        });
      }
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, values: vals };
  }
}

function regionOrGroupName(plan: Plan, code: RegionCode): LocalizedName {
  return { zh: regionName(plan, code, 'zh'), en: regionName(plan, code, 'en') };
}
