// Published reference values for figures being collected: last period's and last year's (for the
// template, the tasks and the YoY check) and the value in force (what a publication would replace).
import { periodSameLastYear, type Period } from '@ding/core';
import type { ObservationRecord, Repositories } from '../repositories/index.ts';
import { cellKey, type ReferenceValues } from './checks.ts';
import { periodPrevious } from './submitters.ts';

export interface FigureRef {
  indicator: string;
  region: string;
  period: string;
}

export interface Reference extends ReferenceValues {
  /** The published value in force for this very figure (best vintage). */
  current?: ObservationRecord;
}

const key = (indicator: string, region: string, period: string) =>
  `${cellKey(indicator, region)}\u0000${period}`;

/** One query for every figure: the published (best-vintage) values of their periods, last periods and last years. */
export async function referenceLoad(
  repos: Repositories,
  figures: readonly FigureRef[],
): Promise<(indicator: string, region: string, period: string) => Reference> {
  const periods = new Set<Period>();
  for (const f of figures) {
    const p = f.period as Period;
    periods.add(p);
    periods.add(periodPrevious(p));
    periods.add(periodSameLastYear(p));
  }
  const found =
    figures.length === 0
      ? []
      : await repos.observations.current({
          indicators: [...new Set(figures.map((f) => f.indicator))],
          regions: [...new Set(figures.map((f) => f.region))],
          periods: [...periods],
          vintage: 'best',
        });
  const byKey = new Map(found.map((o) => [key(o.indicator, o.region, o.period), o]));
  return (indicator, region, period) => {
    const p = period as Period;
    const ref: Reference = {};
    const lastPeriod = byKey.get(key(indicator, region, periodPrevious(p)));
    const lastYear = byKey.get(key(indicator, region, periodSameLastYear(p)));
    const current = byKey.get(key(indicator, region, period));
    if (lastPeriod) ref.lastPeriod = lastPeriod.value;
    if (lastYear) ref.lastYear = lastYear.value;
    if (current) ref.current = current;
    return ref;
  };
}
