// Test factories: a small, complete plan and observations built with overrides (no giant fixtures).
import { planSchema, type Indicator, type Plan } from '../plan/schema.ts';
import type { Observation } from '../observation.ts';
import type { Period } from '../period.ts';
import { indicatorCode, regionCode } from '../types.ts';

export function buildIndicator(overrides: Partial<Indicator> & Pick<Indicator, 'code'>): Indicator {
  return {
    name: { zh: overrides.code, en: overrides.code },
    unit: '家',
    measure: 'stock',
    polarity: 'positive',
    category: 'scale',
    frequency: 'quarterly',
    aggregation: 'sum',
    decimals: 0,
    leadUnits: ['kjj'],
    cooperatingUnits: [],
    source: 'test',
    ...overrides,
  };
}

/**
 * A toy county 'C' with towns T1, T2 (市级) and T3 (前湾-like zone 'C-Z'); T4 is carved out of T3
 * on 2024-11-01 and joins the zone. Indicators cover every measure type.
 */
export function buildPlan(overrides: Partial<Plan> = {}): Plan {
  const plan = {
    id: 'toy',
    name: { zh: '测试县', en: 'Toy county' },
    home: 'C',
    baselineYear: 2021,
    startYear: 2022,
    targetYear: 2026,
    departments: [
      { code: 'kjj', name: { zh: '科技局', en: 'Science bureau' } },
      { code: 'tjj', name: { zh: '统计局', en: 'Statistics bureau' } },
    ],
    regions: [
      { code: 'P', name: { zh: '地级市', en: 'Prefecture' }, kind: 'city' },
      { code: 'C', name: { zh: '测试县', en: 'Toy county' }, kind: 'county', parent: 'P' },
      { code: 'D', name: { zh: '邻县', en: 'Neighbour' }, kind: 'county', parent: 'P' },
      { code: 'T1', name: { zh: '一镇', en: 'Town 1' }, kind: 'town', parent: 'C' },
      { code: 'T2', name: { zh: '二镇', en: 'Town 2' }, kind: 'town', parent: 'C' },
      { code: 'T3', name: { zh: '三镇', en: 'Town 3' }, kind: 'town', parent: 'C' },
      {
        code: 'T4',
        name: { zh: '四街道', en: 'Street 4' },
        kind: 'street',
        parent: 'C',
        validFrom: '2024-11-01',
        splitFrom: 'T3',
        unofficialCode: true,
      },
    ],
    regionGroups: [
      {
        code: 'C-Z',
        name: { zh: '新区', en: 'Zone' },
        members: [{ region: 'T3' }, { region: 'T4', validFrom: '2024-11-01' }],
      },
      { code: 'C-S', name: { zh: '市级', en: 'City level' }, complementOf: { whole: 'C', minus: ['C-Z'] } },
    ],
    peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['T1', 'T2', 'T3'] }],
    indicators: [
      buildIndicator({
        code: 'gdp',
        unit: '亿元',
        measure: 'flow',
        component: true,
        category: 'none',
        decimals: 2,
      }),
      buildIndicator({
        code: 'rd',
        unit: '亿元',
        measure: 'flow',
        component: true,
        category: 'none',
        decimals: 2,
      }),
      buildIndicator({
        code: 'rd_gdp',
        unit: '%',
        measure: 'ratio',
        category: 'level',
        aggregation: 'ratio_of_sums',
        ratio: { numerator: 'rd', denominator: 'gdp', multiplier: 100 },
        decimals: 2,
      }),
      buildIndicator({ code: 'firms', measure: 'stock' }),
      buildIndicator({ code: 'new_firms', measure: 'flow' }),
      buildIndicator({
        code: 'firms_growth',
        unit: '%',
        measure: 'growth',
        category: 'level',
        growthOf: 'new_firms',
        aggregation: 'growth_of_sums',
        decimals: 1,
      }),
    ],
    targets: [
      { type: 'path', indicator: 'firms', region: 'C', source: 'test', values: { '2025': 120, '2026': 150 } },
      { type: 'path', indicator: 'rd_gdp', region: 'C', source: 'test', values: { '2025': 3.5, '2026': 4 } },
      {
        type: 'annual_flow',
        indicator: 'new_firms',
        region: 'C',
        source: 'test',
        from: 2022,
        to: 2026,
        value: 40,
      },
    ],
    actions: [],
    ...overrides,
  };
  return planSchema.parse(plan);
}

let nextId = 1;
export function buildObservation(
  indicator: string,
  region: string,
  period: string,
  value: number,
  overrides: Partial<Observation> = {},
): Observation {
  return {
    id: `o${nextId++}`,
    indicator: indicatorCode(indicator),
    region: regionCode(region),
    period: period as Period,
    value,
    vintage: 'flash',
    provenance: 'synthetic',
    ...overrides,
  };
}
