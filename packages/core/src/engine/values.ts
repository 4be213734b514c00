// The value of an indicator for a region and period: reported, or aggregated up the region hierarchy.
// Rule (MISSION §2, issue 2): counts and amounts sum over member regions; ratios are recomputed from
// summed numerators and denominators, never averaged; growth rates from summed current and prior values.
import type { Indicator, Plan } from '../plan/schema.ts';
import { periodEndDate, periodOf, periodParse, periodSameLastYear, type Period } from '../period.ts';
import { regionMembersOn, regionTerritoryChange, type TerritoryChange } from '../regions.ts';
import { assertNever, type RegionCode } from '../types.ts';
import type { ObservationStore } from './observation-store.ts';

export type ValueRule = 'reported' | 'sum_of_members' | 'ratio_of_sums' | 'growth_of_sums';

export interface ResolvedValue {
  value: number;
  rule: ValueRule;
  /** Every observation the value was computed from (可溯: traceable to its sources). */
  observationIds: string[];
  /** True when any input is synthetic demo data. */
  synthetic: boolean;
  /** For aggregates: the member regions summed on the period's end date. */
  members?: RegionCode[];
}

/**
 * The same period one year earlier, as the base of a YoY comparison. When the region's territory
 * changed in between (口径调整, e.g. 庵东镇 lost 陆中湾 on 2024-11-01), the base is the prior-year
 * figure of today's territory — 庵东(2024) − 陆中湾(2024) — if those figures exist, else none.
 */
export interface PriorYearValue {
  /** The comparable base; absent when none could be built. */
  value?: number;
  observationIds: string[];
  synthetic: boolean;
  /** Present when the territory differs between the two periods (always flagged, adjusted or not). */
  boundary?: { change: TerritoryChange; adjusted: boolean };
}

export interface ValueResolver {
  value(indicator: string, region: RegionCode, period: Period): ResolvedValue | undefined;
  /** The comparable prior-year base of `period` (see PriorYearValue). */
  priorYear(indicator: string, region: RegionCode, period: Period): PriorYearValue;
  /** Year-end value: the annual figure if reported, else the Q4 (year-to-date) figure. */
  yearEnd(indicator: string, region: RegionCode, year: number): ResolvedValue | undefined;
}

/** Resolves values with memoisation; one resolver per computation (plan + observations). */
export function valueResolverCreate(plan: Plan, store: ObservationStore): ValueResolver {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const memo = new Map<string, ResolvedValue | undefined>();
  const membersMemo = new Map<string, RegionCode[]>();

  const membersOf = (region: RegionCode, period: Period): RegionCode[] => {
    const date = periodEndDate(period);
    const k = `${region}\u0000${date}`;
    let m = membersMemo.get(k);
    if (!m) membersMemo.set(k, (m = regionMembersOn(plan, region, date)));
    return m;
  };

  const indicatorOf = (code: string): Indicator => {
    const ind = indicators.get(code);
    if (!ind) throw new Error(`unknown indicator '${code}'`);
    return ind;
  };

  function reported(ind: Indicator, region: RegionCode, period: Period): ResolvedValue | undefined {
    // A year is the annual figure; when only Q4 was reported, Q4's year-to-date stands for the year.
    // Q4 and the year describe the same moment (year-end stock, full-year flow): each stands for the other.
    const { year, quarter } = periodParse(period);
    const o =
      quarter === undefined || quarter === 4
        ? store.yearEnd(ind.code, region, year)
        : store.get(ind.code, region, period);
    return (
      o && {
        value: o.value,
        rule: 'reported',
        observationIds: [o.id],
        synthetic: o.provenance === 'synthetic',
      }
    );
  }

  function sumOfMembers(ind: Indicator, region: RegionCode, period: Period): ResolvedValue | undefined {
    const members = membersOf(region, period);
    if (members.length === 0) return undefined;
    let total = 0;
    const ids: string[] = [];
    let synthetic = false;
    for (const m of members) {
      const v = value(ind.code, m, period);
      if (!v) return undefined; // an incomplete sum would understate the aggregate: report no value
      total += v.value;
      ids.push(...v.observationIds);
      synthetic ||= v.synthetic;
    }
    return { value: total, rule: 'sum_of_members', observationIds: ids, synthetic, members };
  }

  function ratioOfSums(ind: Indicator, region: RegionCode, period: Period): ResolvedValue | undefined {
    const { numerator, denominator, multiplier } = ind.ratio!;
    const num = value(numerator, region, period);
    const den = value(denominator, region, period);
    if (!num || !den || den.value === 0) return undefined;
    return {
      value: (num.value / den.value) * multiplier,
      rule: 'ratio_of_sums',
      observationIds: [...num.observationIds, ...den.observationIds],
      synthetic: num.synthetic || den.synthetic,
    };
  }

  function growthOfSums(ind: Indicator, region: RegionCode, period: Period): ResolvedValue | undefined {
    const current = value(ind.growthOf!, region, period);
    // A growth rate across a boundary change is computed on today's territory or not at all.
    const previous = priorYear(ind.growthOf!, region, period);
    if (!current || previous.value === undefined || previous.value === 0) return undefined;
    return {
      value: (current.value / previous.value - 1) * 100,
      rule: 'growth_of_sums',
      observationIds: [...current.observationIds, ...previous.observationIds],
      synthetic: current.synthetic || previous.synthetic,
    };
  }

  const changeMemo = new Map<string, TerritoryChange | undefined>();
  function territoryChange(region: RegionCode, period: Period): TerritoryChange | undefined {
    const k = `${region}\u0000${period}`;
    if (!changeMemo.has(k)) {
      const from = periodEndDate(periodSameLastYear(period));
      changeMemo.set(k, regionTerritoryChange(plan, region, from, periodEndDate(period)));
    }
    return changeMemo.get(k);
  }

  /**
   * The figure of `prior` on a territory that lost the pieces `change.removed` and gained
   * `change.added`: base − removed + added for additive indicators (counts and amounts sum over
   * land), recomputed from such numerators and denominators for ratios. Rates and indices cannot be
   * re-based from their own values: undefined.
   */
  type Base = { value: number; observationIds: string[]; synthetic: boolean };
  function onTerritory(
    ind: Indicator,
    region: RegionCode,
    prior: Period,
    change: TerritoryChange,
  ): Base | undefined {
    const additive = (code: string): Base | undefined => {
      const base = value(code, region, prior);
      if (!base) return undefined;
      let total = base.value;
      const ids = [...base.observationIds];
      let synthetic = base.synthetic;
      for (const [pieces, sign] of [
        [change.removed, -1],
        [change.added, 1],
      ] as const) {
        for (const p of pieces) {
          const v = value(code, p, prior);
          if (!v) return undefined;
          total += sign * v.value;
          ids.push(...v.observationIds);
          synthetic ||= v.synthetic;
        }
      }
      return { value: total, observationIds: ids, synthetic };
    };
    if (ind.aggregation === 'sum') return additive(ind.code);
    if (ind.aggregation === 'ratio_of_sums') {
      const num = onTerritory(indicatorOf(ind.ratio!.numerator), region, prior, change);
      const den = onTerritory(indicatorOf(ind.ratio!.denominator), region, prior, change);
      if (!num || !den || den.value === 0) return undefined;
      return {
        value: (num.value / den.value) * ind.ratio!.multiplier,
        observationIds: [...num.observationIds, ...den.observationIds],
        synthetic: num.synthetic || den.synthetic,
      };
    }
    return undefined;
  }

  function priorYear(indicator: string, region: RegionCode, period: Period): PriorYearValue {
    const prior = periodSameLastYear(period);
    const change = territoryChange(region, period);
    if (!change) {
      const v = value(indicator, region, prior);
      return v
        ? { value: v.value, observationIds: v.observationIds, synthetic: v.synthetic }
        : { observationIds: [], synthetic: false };
    }
    const base = onTerritory(indicatorOf(indicator), region, prior, change);
    return {
      ...(base ?? { observationIds: [], synthetic: false }),
      boundary: { change, adjusted: base !== undefined },
    };
  }

  function compute(ind: Indicator, region: RegionCode, period: Period): ResolvedValue | undefined {
    const direct = reported(ind, region, period);
    if (direct) return direct;
    switch (ind.aggregation) {
      case 'sum':
        return sumOfMembers(ind, region, period);
      case 'ratio_of_sums':
        return ratioOfSums(ind, region, period);
      case 'growth_of_sums':
        return growthOfSums(ind, region, period);
      case 'none':
        return undefined;
      default:
        return assertNever(ind.aggregation, 'aggregation');
    }
  }

  function value(indicator: string, region: RegionCode, period: Period): ResolvedValue | undefined {
    const k = `${indicator}\u0000${region}\u0000${period}`;
    if (memo.has(k)) return memo.get(k);
    const v = compute(indicatorOf(indicator), region, period);
    memo.set(k, v);
    return v;
  }

  return {
    value,
    priorYear,
    yearEnd: (indicator, region, year) => value(indicator, region, periodOf(year)),
  };
}
