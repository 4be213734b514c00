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

/** indicator → region → period → observation; nested maps avoid building a string key per figure. */
type Index = Map<string, Map<string, Map<string, Observation>>>;

export function observationStoreBuild(observations: Iterable<Observation>): ObservationStore {
  const index: Index = new Map();
  let size = 0;
  for (const o of observations) {
    let byRegion = index.get(o.indicator);
    if (!byRegion) index.set(o.indicator, (byRegion = new Map()));
    let byPeriod = byRegion.get(o.region);
    if (!byPeriod) byRegion.set(o.region, (byPeriod = new Map()));
    const existing = byPeriod.get(o.period);
    if (!existing) size++;
    if (!existing || VINTAGE_ORDER[o.vintage] >= VINTAGE_ORDER[existing.vintage]) byPeriod.set(o.period, o);
  }
  const get = (indicator: string, region: string, period: Period) =>
    index.get(indicator)?.get(region)?.get(period);
  return {
    get,
    yearEnd: (indicator, region, year) =>
      get(indicator, region, periodOf(year)) ?? get(indicator, region, periodOf(year, 4)),
    size,
  };
}
