import { describe, expect, it } from 'vitest';
import { progressRecords } from '../report/progress-table.ts';
import type { Period } from '../period.ts';
import { buildObservation, buildPlan } from '../testing/factories.ts';
import type { Observation } from '../observation.ts';
import type { Plan } from '../plan/schema.ts';
import { regionCode } from '../types.ts';
import { screenCityBuild, screenRowsCompute, screenTownBuild, type ScreenIndexInput } from './screen.ts';
import { screenTrace } from './trace.ts';

const P = (s: string) => s as Period;
const Q3 = P('2025Q3');

/**
 * The toy county C (towns T1, T2; zone C-Z = T3 + T4 from 2024-11) among its peers D and E in the
 * prefecture P (the reference region). rd_gdp, firms and new_firms are the core indicators (the cards).
 */
function screenPlan(): Plan {
  const base = buildPlan();
  return buildPlan({
    regions: [
      { code: 'P', name: { zh: '地级市', en: 'Prefecture' }, kind: 'city' },
      { code: 'C', name: { zh: '测试县', en: 'Toy county' }, kind: 'county', parent: 'P' },
      { code: 'D', name: { zh: '邻县', en: 'Neighbour' }, kind: 'county', parent: 'P' },
      { code: 'E', name: { zh: '远县', en: 'Far county' }, kind: 'county', parent: 'P' },
      { code: 'T1', name: { zh: '一镇', en: 'Town 1' }, kind: 'town', parent: 'C', tile: { col: 0, row: 1 } },
      { code: 'T2', name: { zh: '二镇', en: 'Town 2' }, kind: 'town', parent: 'C', tile: { col: 1, row: 1 } },
      { code: 'T3', name: { zh: '三镇', en: 'Town 3' }, kind: 'town', parent: 'C', tile: { col: 2, row: 0 } },
      {
        code: 'T4',
        name: { zh: '四街道', en: 'Street 4' },
        kind: 'street',
        parent: 'C',
        validFrom: '2024-11-01',
        splitFrom: 'T3',
        tile: { col: 3, row: 0 },
      },
    ],
    peerSets: [
      { code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['T1', 'T2', 'T3', 'T4'] },
      { code: 'prov', name: { zh: '地级市各县', en: 'Counties' }, members: ['C', 'D', 'E'], reference: 'P' },
    ],
    indicators: base.indicators.map((i) =>
      ['rd_gdp', 'firms', 'new_firms'].includes(i.code) ? { ...i, core: true } : i,
    ),
  });
}

const real = (indicator: string, region: string, period: string, value: number): Observation =>
  buildObservation(indicator, region, period, value, { provenance: 'real' });

/** Figures for 2024Q3, 2024 year-end (Q4) and 2025Q3; the peers D and E report 2024 annually. */
function screenObservations(): Observation[] {
  const towns = (indicator: string, period: string, values: Record<string, number>) =>
    Object.entries(values).map(([t, v]) => real(indicator, t, period, v));
  return [
    // T4 exists from 2024-11-01: the year-end 2024 sums include it (an incomplete sum has no value).
    // 有效企业 (stock): C 2024Q3 = 80, 2024 = 90, 2025Q3 = 100, T2 and T3 tied.
    ...towns('firms', '2024Q3', { T1: 38, T2: 18, T3: 24 }),
    ...towns('firms', '2024Q4', { T1: 40, T2: 30, T3: 14, T4: 6 }),
    ...towns('firms', '2025Q3', { T1: 50, T2: 20, T3: 20, T4: 10 }),
    // 新增 (flow): C 2024Q3 = 24 of the year's 32; 2025Q3 = 28.
    ...towns('new_firms', '2024Q3', { T1: 10, T2: 8, T3: 6 }),
    ...towns('new_firms', '2024Q4', { T1: 14, T2: 12, T3: 4, T4: 2 }),
    ...towns('new_firms', '2025Q3', { T1: 12, T2: 9, T3: 5, T4: 2 }),
    // R&D / GDP: C 2024Q3 = 2.2/80 = 2.75%, 2024 = 3.0/100 = 3.0%, 2025Q3 = 3.03/100 = 3.03%.
    ...towns('rd', '2024Q3', { T1: 1.0, T2: 0.7, T3: 0.5 }),
    ...towns('gdp', '2024Q3', { T1: 35, T2: 25, T3: 20 }),
    ...towns('rd', '2024Q4', { T1: 1.5, T2: 1.0, T3: 0.3, T4: 0.2 }),
    ...towns('gdp', '2024Q4', { T1: 50, T2: 30, T3: 14, T4: 6 }),
    ...towns('rd', '2025Q3', { T1: 1.2, T2: 0.9, T3: 0.6, T4: 0.33 }),
    ...towns('gdp', '2025Q3', { T1: 40, T2: 30, T3: 20, T4: 10 }),
    // Peers, annual only: D 95 firms, 40 new, R&D 2 / GDP 50 = 4%; E 90 firms, 20 new, no R&D figure.
    real('firms', 'D', '2024', 95),
    real('firms', 'E', '2024', 90),
    real('new_firms', 'D', '2024', 40),
    real('new_firms', 'E', '2024', 20),
    real('rd', 'D', '2024', 2),
    real('gdp', 'D', '2024', 50),
    real('gdp', 'E', '2024', 50),
  ];
}

const INDEX: ScreenIndexInput = {
  name: { zh: '测试指数', en: 'Test index' },
  scores: [
    { region: regionCode('T1'), name: { zh: '一镇', en: 'Town 1' }, index: 81.234, rank: 1, subIndices: {} },
    { region: regionCode('T2'), name: { zh: '二镇', en: 'Town 2' }, index: 70, rank: 3, subIndices: {} },
    { region: regionCode('T3'), name: { zh: '三镇', en: 'Town 3' }, index: 75.5, rank: 2, subIndices: {} },
    {
      region: regionCode('T4'),
      name: { zh: '四街道', en: 'Street 4' },
      index: null,
      rank: null,
      subIndices: {},
    },
  ],
  synthetic: false,
};

describe('screenCityBuild', () => {
  const plan = screenPlan();
  const observations = screenObservations();
  const data = screenRowsCompute(plan, observations, Q3);
  const city = screenCityBuild(plan, data, { index: INDEX, publishedAt: '2025-10-20T02:00:00.000Z' });
  const card = (code: string) => city.cards.find((c) => c.indicator === code)!;

  it('shows the core indicators as cards for the home region, in plan order', () => {
    expect(city).toMatchObject({ kind: 'city', region: 'C', period: '2025Q3' });
    expect(city.cards.map((c) => c.indicator)).toEqual(['rd_gdp', 'firms', 'new_firms']);
    expect(city.cards.every((c) => c.region === 'C')).toBe(true);
  });

  it('a card is the engine row rounded as the progress table rounds it', () => {
    const rows = data.rows.filter(
      (r) => r.region === 'C' && ['rd_gdp', 'firms', 'new_firms'].includes(r.indicator),
    );
    for (const rec of progressRecords(plan, rows)) {
      const c = card(rec.indicator);
      expect([c.value, c.target, c.completion, c.expected]).toEqual([
        rec.value,
        rec.target,
        rec.completion,
        rec.expected,
      ]);
    }
  });

  it('firms: 100 against 120, 序时进度 90 + (120 − 90) × 9/12 = 112.5, YoY 100/80 − 1 = 25%, behind', () => {
    expect(card('firms')).toMatchObject({
      value: 100,
      target: 120,
      completion: 83.3,
      expected: 113, // 112.5 at 0 decimals
      expectedShare: 93.8, // 112.5 / 120
      yoy: { change: 25, kind: 'percent' },
      status: 'behind',
      targetRule: 'explicit',
      finalTarget: { value: 150, year: 2026 },
      trace: { indicator: 'firms', region: 'C', period: '2025Q3' },
    });
  });

  it('new_firms: 28 of 40, 序时进度 by last year’s season 40 × 24/32 = 30, watch', () => {
    expect(card('new_firms')).toMatchObject({
      value: 28,
      target: 40,
      completion: 70,
      expected: 30,
      expectedShare: 75,
      yoy: { change: 16.7, kind: 'percent' }, // 28/24 − 1
      status: 'watch', // 28/30 = 0.933 ≥ 0.9
      targetRule: 'annual_flow',
    });
  });

  it('rd_gdp: a ratio of sums 3.03%, YoY in percentage points (3.03 − 2.75)', () => {
    expect(card('rd_gdp')).toMatchObject({
      value: 3.03,
      target: 3.5,
      completion: 86.6,
      expected: 3.38, // 3.0 + 0.5 × 9/12 = 3.375
      yoy: { change: 0.28, kind: 'pp' },
      status: 'behind', // 3.03 / 3.375 = 0.898
    });
  });

  it('trends: year-end actuals and annual targets for 全市, 市级, 前湾; no actual for a year not ended', () => {
    expect(city.trends.filter((t) => t.indicator === 'firms').map((t) => t.region)).toEqual([
      'C',
      'C-S',
      'C-Z',
    ]);
    const firms = city.trends.find((t) => t.indicator === 'firms' && t.region === 'C')!;
    expect(firms.points).toEqual([
      { year: 2022, actual: null, target: null },
      { year: 2023, actual: null, target: null },
      // 2024 target: linear from the 2021 actual, which is missing, so none
      { year: 2024, actual: 90, target: null },
      { year: 2025, actual: null, target: 120 },
      { year: 2026, actual: null, target: 150 },
    ]);
    const flows = city.trends.find((t) => t.indicator === 'new_firms' && t.region === 'C')!;
    expect(flows.points.map((p) => p.target)).toEqual([40, 40, 40, 40, 40]);
    expect(flows.points[2]).toEqual({ year: 2024, actual: 32, target: 40 });
    const zone = city.trends.find((t) => t.indicator === 'firms' && t.region === 'C-Z')!;
    expect(zone.points[2]).toEqual({ year: 2024, actual: 20, target: null });
  });

  it('tiles at the plan’s positions for the towns of the period, ranked with ties sharing a rank', () => {
    expect(city.tiles.firms).toEqual([
      { region: 'T1', name: { zh: '一镇', en: 'Town 1' }, col: 0, row: 1, value: 50, rank: 1, of: 4 },
      { region: 'T2', name: { zh: '二镇', en: 'Town 2' }, col: 1, row: 1, value: 20, rank: 2, of: 4 },
      { region: 'T3', name: { zh: '三镇', en: 'Town 3' }, col: 2, row: 0, value: 20, rank: 2, of: 4 },
      { region: 'T4', name: { zh: '四街道', en: 'Street 4' }, col: 3, row: 0, value: 10, rank: 4, of: 4 },
    ]);
    expect(city.ranking.firms!.map((r) => [r.region, r.rank, r.of])).toEqual([
      ['T1', 1, 4],
      ['T2', 2, 4],
      ['T3', 2, 4],
      ['T4', 4, 4],
    ]);
    expect(city.ranking.firms![0]!.trace).toEqual({ indicator: 'firms', region: 'T1', period: '2025Q3' });
  });

  it('a town carved out in 2024-11 is on the map only from then', () => {
    const before = screenCityBuild(plan, screenRowsCompute(plan, observations, P('2024Q3')));
    expect(before.tiles.firms!.map((t) => t.region)).toEqual(['T1', 'T2', 'T3']);
    const after = screenCityBuild(plan, screenRowsCompute(plan, observations, P('2024Q4')));
    expect(after.tiles.firms!.map((t) => t.region)).toEqual(['T1', 'T2', 'T3', 'T4']);
  });

  it('the index is a map metric and a ranking: scores to 0.01, best first, towns without a score last', () => {
    expect(city.mapMetrics.map((m) => m.key)).toEqual(['rd_gdp', 'firms', 'new_firms', 'index']);
    expect(city.mapMetrics[3]!.name).toEqual({ zh: '测试指数', en: 'Test index' });
    expect(city.index.map((r) => [r.region, r.score, r.rank])).toEqual([
      ['T1', 81.23, 1],
      ['T3', 75.5, 2],
      ['T2', 70, 3],
    ]);
    expect(city.ranking.index!.map((r) => r.region)).toEqual(['T1', 'T3', 'T2', 'T4']);
    expect(city.tiles.index!.find((t) => t.region === 'T4')).toMatchObject({ value: null, rank: null });
  });

  it('peers: the latest year with peer figures, its period in the row; scale against top 3 with ties', () => {
    // 2025Q3 has no peer figures (they report annually) and 2025 has not ended: 2024 is used.
    const firms = city.peers.find((p) => p.indicator === 'firms')!;
    // D 95, C 90, E 90: C shares rank 2 with E.
    expect(firms).toMatchObject({
      category: 'scale',
      goal: 'top3',
      value: 90,
      rank: 2,
      of: 3,
      met: true,
      period: '2024',
      average: null,
      averageRule: null,
      trace: { indicator: 'firms', region: 'C', period: '2024' },
    });
  });

  it('peers: a level indicator against the mean of the peers when the reference region has no figure', () => {
    // P = ratio of sums over C, D, E; E has no R&D figure, so P has none: mean of C 3.0% and D 4.0%.
    // Only 2 of the 3 counties published and plan.coverage.minShare is 1 (all): the engine gives C no
    // rank but a partial_coverage note (issue 8 item 11), and so does the wall — not 第2/2.
    const rd = city.peers.find((p) => p.indicator === 'rd_gdp')!;
    expect(rd).toMatchObject({
      goal: 'above_average',
      value: 3,
      rank: null,
      of: 2,
      average: 3.5,
      averageRule: 'mean_of_peers',
      met: false,
      period: '2024',
      averageTrace: null,
      rankNote: { reason: 'partial_coverage', peerSet: 'prov', published: 2, of: 3 },
    });
    const tableRow = data.yearRows.find(
      (r) => r.indicator === 'rd_gdp' && r.region === 'C' && r.period === '2024',
    )!;
    expect(tableRow.rank).toBeUndefined();
    expect(rd.rankNote).toEqual(tableRow.rankNote);
  });

  it('peers: the engine’s rank when the plan’s coverage share is met', () => {
    // minShare 2/3: C and D of C, D, E published (2 ≥ 2/3 × 3), so the engine ranks C 2nd of 2 (3.0 < 4.0).
    const twoThirds = { ...plan, coverage: { minShare: 2 / 3 } };
    const again = screenCityBuild(twoThirds, screenRowsCompute(twoThirds, observations, Q3));
    expect(again.peers.find((p) => p.indicator === 'rd_gdp')).toMatchObject({
      rank: 2,
      of: 2,
      rankNote: null,
      period: '2024',
    });
  });

  it('peers: above the average is judged on the printed figures', () => {
    // P's own rd_gdp 3.004 prints 3.00 (2 decimals), C prints 3.00: a shown tie is met (≥), as the
    // printed figures say (engine/rounding.ts: what is compared as published is rounded first).
    const withP = [...observations, real('rd_gdp', 'P', '2024', 3.004)];
    const again = screenCityBuild(plan, screenRowsCompute(plan, withP, Q3));
    expect(again.peers.find((p) => p.indicator === 'rd_gdp')).toMatchObject({
      value: 3,
      average: 3,
      averageRule: 'reference_region',
      met: true,
    });
  });

  it('peers: against the reference region’s own figure when it has one', () => {
    const withP = [...observations, real('rd_gdp', 'P', '2024', 2.9)];
    const again = screenCityBuild(plan, screenRowsCompute(plan, withP, Q3));
    expect(again.peers.find((p) => p.indicator === 'rd_gdp')).toMatchObject({
      average: 2.9,
      averageRule: 'reference_region',
      met: true,
      averageTrace: { indicator: 'rd_gdp', region: 'P', period: '2024' },
      averageName: { zh: '地级市', en: 'Prefecture' },
    });
  });

  it('names what the screen would otherwise look up in the plan: home, peer set, its reference, rank sets', () => {
    expect(city.home).toEqual({ region: 'C', name: { zh: '测试县', en: 'Toy county' } });
    expect(city.peerSet).toEqual({
      code: 'prov',
      name: { zh: '地级市各县', en: 'Counties' },
      reference: { region: 'P', name: { zh: '地级市', en: 'Prefecture' } },
    });
    expect(city.peers.find((p) => p.indicator === 'rd_gdp')!.averageName).toBeNull();
    const town = screenTownBuild(plan, data, regionCode('T1'));
    expect(town.home).toEqual({ region: 'C', name: { zh: '测试县', en: 'Toy county' } });
    expect(town).not.toHaveProperty('peerSet');
    expect(town.cards.find((c) => c.indicator === 'firms')!.rank).toEqual({
      rank: 1,
      of: 4,
      peerSet: 'towns',
      peerSetName: { zh: '镇街', en: 'Towns' },
    });
  });

  it('index rows point to their explanation when the peer set of the index is known', () => {
    expect(city.index.every((r) => r.trace === undefined)).toBe(true);
    const withSet = screenCityBuild(plan, data, { index: { ...INDEX, peerSet: 'towns' } });
    expect(withSet.index.map((r) => r.trace)).toEqual([
      { region: 'T1', period: '2025Q3', set: 'towns' },
      { region: 'T3', period: '2025Q3', set: 'towns' },
      { region: 'T2', period: '2025Q3', set: 'towns' },
    ]);
  });

  it('alerts: behind before watch, the largest shortfall against 序时进度 first, with the growth required', () => {
    expect(city.alerts.map((a) => [a.indicator, a.region, a.status, a.gapRelative])).toEqual([
      ['firms', 'C', 'behind', -11.1], // (100 − 112.5) / 112.5
      ['rd_gdp', 'C', 'behind', -10.2], // (3.03 − 3.375) / 3.375
      ['new_firms', 'C', 'watch', -6.7], // (28 − 30) / 30
    ]);
    const [firms, rd, flow] = city.alerts;
    // From 100 at 2024.75 to 150 in 2026: 1.5^(1/1.25) − 1 = 38.3% a year.
    expect(firms!.requiredGrowth).toEqual({ value: 38.3, kind: 'percent', years: 1.25 });
    // A ratio in pp a year: (4 − 3.03) / 1.25 = 0.776.
    expect(rd!.requiredGrowth).toEqual({ value: 0.78, kind: 'pp', years: 1.25 });
    // A flow from the last complete year: (40 / 32)^(1/2) − 1 = 11.8%.
    expect(flow!.requiredGrowth).toEqual({ value: 11.8, kind: 'percent', years: 2 });
    // printed gap = printed value − printed 序时进度: 100 − 113 = −13 (issue 8 item 3; round(−12.5) gave −12)
    expect(firms).toMatchObject({ value: 100, expected: 113, target: 120, gapToExpected: -13 });
  });

  it('is synthetic when any figure it shows is synthetic', () => {
    expect(city.synthetic).toBe(false);
    const one = observations.map((o) =>
      o.region === 'T4' && o.indicator === 'firms' ? { ...o, provenance: 'synthetic' as const } : o,
    );
    expect(screenCityBuild(plan, screenRowsCompute(plan, one, Q3)).synthetic).toBe(true);
    expect(screenCityBuild(plan, data, { index: { ...INDEX, synthetic: true } }).synthetic).toBe(true);
  });

  it('takes the cards it is given, and says when there is no index', () => {
    const two = screenCityBuild(
      plan,
      screenRowsCompute(plan, observations, Q3, { cardIndicators: ['gdp', 'firms'] }),
      {
        cardIndicators: ['gdp', 'firms'],
      },
    );
    expect(two.cards.map((c) => [c.indicator, c.value])).toEqual([
      ['gdp', 100],
      ['firms', 100],
    ]);
    expect(two.warnings).toEqual(['no 科技创新指数 for 2025Q3']);
    expect(() => screenCityBuild(plan, data, { cardIndicators: ['nope'] })).toThrow(/no indicator 'nope'/);
  });
});

describe('screenTownBuild', () => {
  const plan = screenPlan();
  const observations = screenObservations();
  const data = screenRowsCompute(plan, observations, Q3);

  it('one town’s cards with its rank among the towns, its own trend, no targets and no peers', () => {
    const town = screenTownBuild(plan, data, regionCode('T3'));
    expect(town).toMatchObject({ kind: 'town', region: 'T3', regionName: { zh: '三镇', en: 'Town 3' } });
    expect(town.cards.find((c) => c.indicator === 'firms')).toMatchObject({
      value: 20,
      target: null,
      status: 'no_target',
      rank: { rank: 2, of: 4, peerSet: 'towns' },
    });
    expect(town.trends.filter((t) => t.indicator === 'firms').map((t) => t.region)).toEqual(['T3']);
    expect(town.trends.find((t) => t.indicator === 'firms')!.points[2]).toEqual({
      year: 2024,
      actual: 14,
      target: null,
    });
    expect(town.peers).toEqual([]);
    expect(town.alerts).toEqual([]);
    expect(town.tiles.firms).toHaveLength(4);
  });

  it('refuses a town that does not exist on the period’s end date', () => {
    const before = screenRowsCompute(plan, observations, P('2024Q3'));
    expect(() => screenTownBuild(plan, before, regionCode('T4'))).toThrow(/not a town of C on 2024-09-30/);
  });
});

describe('screenTrace', () => {
  const plan = screenPlan();
  const observations = screenObservations();

  it('a sum lists its member towns on the period’s end date and the observations summed', () => {
    const t = screenTrace(plan, observations, { indicator: 'firms', region: 'C', period: '2025Q3' });
    expect(t).toMatchObject({ value: 100, rule: 'sum_of_members', status: 'behind' });
    expect(t.inputs.map((i) => [i.region, i.value, i.role])).toEqual([
      ['T1', 50, 'member'],
      ['T2', 20, 'member'],
      ['T3', 20, 'member'],
      ['T4', 10, 'member'],
    ]);
    const ids = observations.filter((o) => o.indicator === 'firms' && o.period === '2025Q3').map((o) => o.id);
    expect(t.observationIds.value.sort()).toEqual(ids.sort());
    expect(t.explanation.value.en).toBe('sum of 4 member regions (membership on 2025-09-30)');
    expect(t.explanation.target).toMatchObject({ value: 120, rule: 'explicit' });
    expect(t.explanation.expected).toMatchObject({ value: 112.5, rule: 'stock_interpolation' });
  });

  it('a ratio shows its numerator and denominator, each a trace key of its own', () => {
    const t = screenTrace(plan, observations, { indicator: 'rd_gdp', region: 'C-Z', period: '2025Q3' });
    expect(t.rule).toBe('ratio_of_sums');
    expect(t.inputs.map((i) => [i.indicator, i.region, i.role, i.value])).toEqual([
      ['rd', 'C-Z', 'numerator', expect.closeTo(0.93, 9)],
      ['gdp', 'C-Z', 'denominator', 30],
    ]);
    // Each input is named (zh/en) from the plan, so the panel needs no plan to label it.
    expect(t.regionName).toEqual({ zh: '新区', en: 'Zone' });
    expect(t.inputs.map((i) => [i.indicatorName, i.regionName])).toEqual([
      [
        { zh: 'rd', en: 'rd' },
        { zh: '新区', en: 'Zone' },
      ],
      [
        { zh: 'gdp', en: 'gdp' },
        { zh: '新区', en: 'Zone' },
      ],
    ]);
  });

  it('a value that cannot be computed says which input is missing', () => {
    const without = observations.filter((o) => !(o.indicator === 'firms' && o.region === 'T2'));
    const t = screenTrace(plan, without, { indicator: 'firms', region: 'C', period: '2025Q3' });
    expect(t.value).toBeNull();
    expect(t.inputs.find((i) => i.region === 'T2')!.value).toBeNull();
    expect(t.explanation.value.en).toMatch(/1 of 4 inputs missing/);
  });
});
