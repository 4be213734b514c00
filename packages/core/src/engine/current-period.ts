// The "current period" (issue 8 item 10): the one rule that picks the period the app, the progress API,
// the publish/lock pickers, the screens and the report show when none is asked for — the latest period
// whose core figures are substantially published — and the later quarter still being collected, if any.
import type { Observation } from '../observation.ts';
import { periodCompare, periodEndDate, periodOf, periodParse, type Period } from '../period.ts';
import type { Indicator, Plan } from '../plan/schema.ts';
import { regionChildrenOn } from '../regions.ts';
import type { RegionCode } from '../types.ts';
import { observationStoreBuild } from './observation-store.ts';
import { valueResolverCreate } from './values.ts';

/**
 * Share of the core indicators due in a period that must have a value for the home region before the
 * period is "substantially published". Half, as the screens have used since commit 15e37b5: one early
 * figure of a new quarter does not make it current, and one indicator published late (R&D, from the
 * statistics bureau's 年报) does not hold back a quarter whose other core figures are all out.
 */
export const CURRENT_PERIOD_MIN_CORE_SHARE = 0.5;

/** How far the figures of one period are published. */
export interface PeriodPublication {
  period: Period;
  /** Core indicators due in the period (an annual one in the year and at Q4 only). */
  coreDue: number;
  /** Of those, the ones with a value for the home region (reported, or computed from complete member figures). */
  coreWithValue: number;
  /** The home region's towns (its children on the period's end date) with at least one published figure. */
  regionsPublished: number;
  /** The home region's towns on the period's end date. */
  regionsTotal: number;
}

/**
 * - `substantial`: `period` is the latest period meeting the rule;
 * - `latest_with_data`: no period meets it — `period` is the latest with any figure (a new database);
 * - `none`: nothing is published.
 */
export type CurrentPeriodBasis = 'substantial' | 'latest_with_data' | 'none';

export interface CurrentPeriod {
  /** The period to show by default; undefined when nothing is published. */
  period: Period | undefined;
  basis: CurrentPeriodBasis;
  /** How far `period` is published. */
  coverage?: PeriodPublication;
  /** The latest period after `period` that has figures but does not meet the rule yet (填报中), if any. */
  collecting?: PeriodPublication;
}

/** The indicators the rule looks at: the plan's core indicators (the 分解表's), not their components. */
export function currentPeriodIndicators(plan: Plan): Indicator[] {
  return plan.indicators.filter((i) => i.core && !i.component);
}

/**
 * The periods figures exist for, as the app names them: every quarter with a figure; a year's annual
 * figures stand for its Q4 when the year has quarterly figures (Q4 and the year are the same moment, issue
 * 8 item 1), and for the year itself when it has none (a plan or a year collected annually only).
 */
function candidatePeriods(observations: readonly Observation[]): {
  periods: Period[];
  of: (p: Period) => Period;
} {
  const quarterYears = new Set<number>();
  for (const o of observations) {
    const { year, quarter } = periodParse(o.period);
    if (quarter !== undefined) quarterYears.add(year);
  }
  const of = (p: Period): Period => {
    const { year, quarter } = periodParse(p);
    return quarter === undefined && quarterYears.has(year) ? periodOf(year, 4) : p;
  };
  const periods = [...new Set(observations.map((o) => of(o.period)))].sort((a, b) => periodCompare(b, a));
  return { periods, of };
}

/**
 * The current period of a set of published observations: the latest period in which at least
 * `minShare` (CURRENT_PERIOD_MIN_CORE_SHARE) of the plan's core indicators that are due have a value for
 * the home region — 全市 reported, or computed from complete town figures, so a sum missing one town
 * does not count — and, when a later period has figures without meeting the rule, that one with how far
 * it is published ("2026年第三季度 填报中（1/20 已发布）"). A plan without core indicators counts every
 * indicator. Without a period meeting the rule: the latest period with figures (basis latest_with_data).
 */
export function currentPeriodResolve(
  plan: Plan,
  observations: readonly Observation[],
  options: { minShare?: number } = {},
): CurrentPeriod {
  const minShare = options.minShare ?? CURRENT_PERIOD_MIN_CORE_SHARE;
  const { periods, of } = candidatePeriods(observations);
  if (periods.length === 0) return { period: undefined, basis: 'none' };
  const values = valueResolverCreate(plan, observationStoreBuild(observations));
  const home = plan.home as RegionCode;
  const core = currentPeriodIndicators(plan);
  const indicators = core.length > 0 ? core : plan.indicators.filter((i) => !i.component);
  const byRegionPeriod = new Set(observations.map((o) => `${o.region}\u0000${of(o.period)}`));

  const publication = (period: Period): PeriodPublication => {
    const { quarter } = periodParse(period);
    const due = indicators.filter((i) => i.frequency !== 'annual' || quarter === undefined || quarter === 4);
    const towns = regionChildrenOn(plan, home, periodEndDate(period));
    return {
      period,
      coreDue: due.length,
      coreWithValue: due.filter((i) => values.value(i.code, home, period) !== undefined).length,
      regionsPublished: towns.filter((t) => byRegionPeriod.has(`${t}\u0000${period}`)).length,
      regionsTotal: towns.length,
    };
  };
  const meets = (p: PeriodPublication) => p.coreDue > 0 && p.coreWithValue >= minShare * p.coreDue;

  const latest = publication(periods[0]!);
  for (const period of periods) {
    const p = period === latest.period ? latest : publication(period);
    if (!meets(p)) continue;
    return {
      period,
      basis: 'substantial',
      coverage: p,
      ...(period === latest.period ? {} : { collecting: latest }),
    };
  }
  return { period: latest.period, basis: 'latest_with_data', coverage: latest };
}
