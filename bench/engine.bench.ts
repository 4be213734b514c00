// Benchmark of the progress engine on a province-scale synthetic plan: ~1,400 regions × 40 indicators
// × 20 quarters of observations at the town level, aggregated up through counties and cities.
import {
  planSchema,
  periodQuarterRange,
  periodOf,
  progressCompute,
  indicatorCode,
  regionCode,
  type Observation,
  type Plan,
} from '@ding/core';
import type { BenchRow } from './bench-row.ts';

const CITIES = 11;
const COUNTIES_PER_CITY = 8;
const TOWNS_PER_COUNTY = 15;
const BASE_INDICATORS = 30; // 24 stocks/flows + 6 × (numerator, denominator) pairs feed 5 ratios + 5 growth rates

/** A synthetic province: 1 + 11 + 88 + 1,320 = 1,420 regions, 40 indicators (30 reported, 10 derived). */
export function provincePlanBuild(): Plan {
  const regions: unknown[] = [{ code: 'PROV', name: { zh: '省', en: 'Province' }, kind: 'province' }];
  for (let c = 0; c < CITIES; c++) {
    regions.push({ code: `C${c}`, name: { zh: `市${c}`, en: `City ${c}` }, kind: 'city', parent: 'PROV' });
    for (let k = 0; k < COUNTIES_PER_CITY; k++) {
      const county = `C${c}K${k}`;
      regions.push({
        code: county,
        name: { zh: `县${county}`, en: county },
        kind: 'county',
        parent: `C${c}`,
      });
      for (let t = 0; t < TOWNS_PER_COUNTY; t++) {
        regions.push({
          code: `${county}T${t}`,
          name: { zh: `镇${t}`, en: `Town ${t}` },
          kind: 'town',
          parent: county,
        });
      }
    }
  }
  const base = (i: number) => ({
    code: `b${i}`,
    name: { zh: `指标${i}`, en: `Indicator ${i}` },
    unit: '家',
    measure: i % 2 ? 'flow' : 'stock',
    polarity: 'positive',
    category: 'scale',
    frequency: 'quarterly',
    aggregation: 'sum',
    decimals: 0,
    leadUnits: ['kjj'],
    cooperatingUnits: [],
    source: 'bench',
  });
  const indicators: unknown[] = Array.from({ length: BASE_INDICATORS }, (_, i) => base(i));
  for (let r = 0; r < 5; r++) {
    indicators.push({
      ...base(100 + r),
      code: `ratio${r}`,
      unit: '%',
      measure: 'ratio',
      category: 'level',
      aggregation: 'ratio_of_sums',
      ratio: { numerator: `b${2 * r}`, denominator: `b${2 * r + 10}`, multiplier: 100 },
      decimals: 2,
    });
    indicators.push({
      ...base(200 + r),
      code: `growth${r}`,
      unit: '%',
      measure: 'growth',
      category: 'level',
      aggregation: 'growth_of_sums',
      growthOf: `b${2 * r + 1}`,
      decimals: 1,
    });
  }
  const targets = Array.from({ length: BASE_INDICATORS }, (_, i) => ({
    type: 'path',
    indicator: `b${i}`,
    region: 'PROV',
    source: 'bench',
    values: { '2025': 2_000_000, '2026': 2_200_000 },
  }));
  return planSchema.parse({
    id: 'province',
    name: { zh: '合成省', en: 'Synthetic province' },
    home: 'PROV',
    baselineYear: 2021,
    startYear: 2022,
    targetYear: 2026,
    departments: [{ code: 'kjj', name: { zh: '科技厅', en: 'Science department' } }],
    regions,
    regionGroups: [],
    peerSets: [
      {
        code: 'counties',
        name: { zh: '县', en: 'Counties' },
        members: (regions as { code: string; kind: string }[])
          .filter((r) => r.kind === 'county')
          .map((r) => r.code),
      },
    ],
    indicators,
    targets,
    actions: [],
  });
}

export function provinceObservationsBuild(plan: Plan): Observation[] {
  const towns = plan.regions.filter((r) => r.kind === 'town');
  const periods = periodQuarterRange(periodOf(2021, 1), periodOf(2025, 4));
  const out: Observation[] = [];
  let id = 0;
  for (const ind of plan.indicators.filter((i) => i.aggregation === 'sum')) {
    for (const town of towns) {
      periods.forEach((period, k) => {
        out.push({
          id: String(id++),
          indicator: indicatorCode(ind.code),
          region: regionCode(town.code),
          period,
          value: 100 + k * 3 + (id % 17),
          vintage: 'flash',
          provenance: 'synthetic',
        });
      });
    }
  }
  return out;
}

export async function benchEngine(): Promise<BenchRow[]> {
  const plan = provincePlanBuild();
  const observations = provinceObservationsBuild(plan);
  const period = periodOf(2025, 4);
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    rows = progressCompute(plan, observations, period).length;
    times.push(performance.now() - t0);
  }
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  return [
    {
      name: `engine input: regions × indicators × quarters`,
      value: plan.regions.length,
      unit: `regions × ${plan.indicators.length} indicators × 20 quarters = ${observations.length} observations`,
    },
    { name: 'engine: progress table for one quarter (median of 3)', value: times[1]! / 1000, unit: 's' },
    {
      name: 'engine: progress rows per second',
      value: rows / (times[1]! / 1000),
      unit: `rows/s (${rows} rows)`,
    },
    { name: 'engine: heap growth during the runs', value: (heapAfter - heapBefore) / 2 ** 20, unit: 'MiB' },
  ];
}
