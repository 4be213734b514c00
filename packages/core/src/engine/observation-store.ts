// Fast lookup of the figure in force for indicator × region × period, preferring the latest vintage.
import type { Observation, Vintage } from '../observation.ts';
import { periodOf, type Period } from '../period.ts';

/** A later vintage supersedes an earlier one: 快报 < 年报 < revised (统计快报 is replaced by 年报). */
const VINTAGE_ORDER: Record<Vintage, number> = { flash: 0, annual: 1, revised: 2 };

export interface ObservationStore {
  /** The observation in force for exactly this period, if any. */
  get(indicator: string, region: string, period: Period): Observation | undefined;
  /** The year-end figure of `year`: the annual ('2025') observation (年报), else the Q4 one (快报). */
  yearEnd(indicator: string, region: string, year: number): Observation | undefined;
  readonly size: number;
}

function key(indicator: string, region: string, period: string): string {
  return `${indicator}\u0000${region}\u0000${period}`;
}

export function observationStoreBuild(observations: Iterable<Observation>): ObservationStore {
  const byKey = new Map<string, Observation>();
  for (const o of observations) {
    const k = key(o.indicator, o.region, o.period);
    const existing = byKey.get(k);
    if (!existing || VINTAGE_ORDER[o.vintage] >= VINTAGE_ORDER[existing.vintage]) byKey.set(k, o);
  }
  const get = (indicator: string, region: string, period: Period) =>
    byKey.get(key(indicator, region, period));
  return {
    get,
    yearEnd: (indicator, region, year) =>
      get(indicator, region, periodOf(year)) ?? get(indicator, region, periodOf(year, 4)),
    get size() {
      return byKey.size;
    },
  };
}
