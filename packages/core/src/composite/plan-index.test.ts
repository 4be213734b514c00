// The plan's index on stored observations, checked by hand on a toy county: 3 towns, 2 indicators
// (firms, a count; rd_gdp = rd/gdp × 100, a ratio read through the value resolver), 功效系数 scores.
import { describe, expect, it } from 'vitest';
import { buildObservation, buildPlan } from '@ding/core/testing';
import type { Observation } from '../observation.ts';
import type { Period } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import {
  planIndexCompute,
  planIndexPeriodRule,
  planIndexPreviousPeriod,
  planIndexUncertainty,
  planIndexUnits,
} from './plan-index.ts';
import { indexSpecSchema, type IndexSpecInput } from './spec.ts';

const P = (s: string) => s as Period;

/**
 * index = ¼·d1 + ¾·d2 (weights 1 : 3), d1 = firms, d2 = rd_gdp; 规模 (scale) = firms, 水平 (level) =
 * rd_gdp; every indicator normalised by 功效系数 60 + 40·(x − min)/(max − min).
 */
const specInput: IndexSpecInput = {
  framework: {
    nodes: [
      { code: 'firms', kind: 'indicator', parent: 'd1', alsoIn: [{ parent: 'scale', weight: 1 }] },
      { code: 'rd_gdp', kind: 'indicator', parent: 'd2', alsoIn: [{ parent: 'level', weight: 1 }] },
      { code: 'd1', kind: 'aggregate', parent: 'idx', weight: 1, name: { zh: '主体', en: 'Actors' } },
      { code: 'd2', kind: 'aggregate', parent: 'idx', weight: 3, name: { zh: '投入', en: 'Input' } },
      { code: 'idx', kind: 'aggregate', name: { zh: '指数', en: 'Index' } },
      { code: 'scale', kind: 'aggregate', name: { zh: '规模指数', en: 'Scale' } },
      { code: 'level', kind: 'aggregate', name: { zh: '水平指数', en: 'Level' } },
    ],
  },
  methods: { normalisation: { default: { method: 'efficacy' } } },
};
const spec = indexSpecSchema.parse(specInput);

/** Year figures (年报) of one year: firms, and rd and gdp for the ratio. */
function year(period: string, rows: Record<string, [firms: number | null, rd: number, gdp: number]>) {
  return Object.entries(rows).flatMap(([town, [firms, rd, gdp]]) => [
    ...(firms === null ? [] : [buildObservation('firms', town, period, firms, { vintage: 'annual' })]),
    buildObservation('rd', town, period, rd, { vintage: 'annual' }),
    buildObservation('gdp', town, period, gdp, { vintage: 'annual' }),
  ]);
}

// 2025: firms 10, 20, 40; rd_gdp = 2/100, 4/100, 1.5/50 → 2, 4, 3 (%).
const y2025 = year('2025', { T1: [10, 2, 100], T2: [20, 4, 100], T3: [40, 1.5, 50] });
// 2024: firms 10, 30, 20; rd_gdp 2, 3, 4 (%).
const y2024 = year('2024', { T1: [10, 2, 100], T2: [30, 3, 100], T3: [20, 2, 50] });

function compute(plan: Plan, observations: Observation[], period: string, previous?: string) {
  const r = planIndexCompute(plan, spec, observations, {
    period: P(period),
    peerSet: 'towns',
    ...(previous ? { previousPeriod: P(previous) } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const scoreOf = (r: ReturnType<typeof compute>, region: string) => r.scores.find((s) => s.region === region)!;

describe('planIndexCompute (toy county, 功效系数, hand-computed)', () => {
  const plan = buildPlan();
  const r = compute(plan, y2025, '2025');

  it('scores every town of the peer set: 功效系数 per indicator, then the weighted mean', () => {
    // firms: min 10, max 40 → T1 60, T2 60 + 40·10/30 = 73.333…, T3 100.
    // rd_gdp: min 2, max 4 → T1 60, T2 100, T3 60 + 40·1/2 = 80.
    // index = ¼·firms + ¾·rd_gdp → T1 60, T2 18.333… + 75 = 93.333…, T3 25 + 60 = 85.
    expect(r.units).toEqual(['T1', 'T2', 'T3']);
    expect(scoreOf(r, 'T1').index).toBeCloseTo(60, 10);
    expect(scoreOf(r, 'T2').index).toBeCloseTo(93.33333333333333, 10);
    expect(scoreOf(r, 'T3').index).toBeCloseTo(85, 10);
    expect(r.scores.map((s) => s.rank)).toEqual([3, 1, 2]);
  });

  it('gives each dimension and the 规模/水平 sub-indices their own score and rank', () => {
    expect(r.aggregates.map((a) => [a.code, a.role])).toEqual([
      ['idx', 'index'],
      ['d1', 'dimension'],
      ['d2', 'dimension'],
      ['scale', 'subIndex'],
      ['level', 'subIndex'],
    ]);
    // 规模 = firms (T3 100 > T2 73.3 > T1 60); 水平 = rd_gdp (T2 100 > T3 80 > T1 60).
    expect(scoreOf(r, 'T2').subIndices.scale!.score).toBeCloseTo(73.33333333333333, 10);
    expect(r.scores.map((s) => s.subIndices.scale!.rank)).toEqual([3, 2, 1]);
    expect(scoreOf(r, 'T3').subIndices.level).toEqual({ score: 80, rank: 2 });
    expect(scoreOf(r, 'T1').subIndices.d2).toEqual({ score: 60, rank: 3 });
  });

  it('contributions add up to the score and lead over the peers’ mean adds up to score − mean', () => {
    // T2: firms ¼·73.333 = 18.333, rd_gdp ¾·100 = 75 → 93.333.
    const t2 = r.contributions.find((c) => c.region === 'T2')!;
    const [firms, rd] = t2.parts;
    expect(firms).toMatchObject({ indicator: 'firms', raw: 20, effectiveWeight: 0.25 });
    expect(firms!.contribution).toBeCloseTo(18.333333333333332, 10);
    expect(rd).toMatchObject({
      indicator: 'rd_gdp',
      raw: 4,
      normalised: 100,
      effectiveWeight: 0.75,
      contribution: 75,
    });
    // Mean contributions: firms (15 + 18.333 + 25)/3 = 19.444; rd_gdp (45 + 75 + 60)/3 = 60.
    expect(firms!.aboveMean).toBeCloseTo(18.333333333333332 - 19.444444444444443, 10);
    expect(rd!.aboveMean).toBeCloseTo(15, 10);
    // Σ lead = 93.333 − (60 + 93.333 + 85)/3 = 13.889.
    expect(firms!.aboveMean + rd!.aboveMean).toBeCloseTo(93.33333333333333 - 238.33333333333331 / 3, 10);
    for (const c of r.contributions) {
      const sum = c.parts.reduce((s, p) => s + p.contribution, 0);
      expect(sum).toBeCloseTo(c.score!, 10);
    }
  });

  it('traces each value to its observations: the ratio to its numerator and denominator', () => {
    const cell = r.cells.find((c) => c.region === 'T2' && c.indicator === 'rd_gdp')!;
    const ids = y2025.filter((o) => o.region === 'T2' && o.indicator !== 'firms').map((o) => o.id);
    expect(cell).toMatchObject({ value: 4, rule: 'ratio_of_sums', period: '2025', synthetic: true });
    expect(cell.observationIds.sort()).toEqual(ids.sort());
    const part = r.contributions.find((c) => c.region === 'T2')!.parts[1]!;
    expect(part.observationIds.sort()).toEqual(ids.sort());
    expect(r.synthetic).toBe(true);
    expect(r.missing).toEqual([]);
    const real = y2025.map((o) => ({ ...o, provenance: 'real' as const }));
    expect(compute(plan, real, '2025').synthetic).toBe(false);
  });

  it('decomposes the change since the previous period into indicator contributions', () => {
    // 2024: firms 10, 30, 20 → 60, 100, 80; rd_gdp 2, 3, 4 → 60, 80, 100.
    // index 2024: T1 60; T2 25 + 60 = 85; T3 20 + 75 = 95 → ranks 3, 2, 1.
    const c = compute(plan, [...y2024, ...y2025], '2025', '2024').change!;
    expect(c.previousPeriod).toBe('2024');
    const t2 = c.regions.find((x) => x.region === 'T2')!;
    // T2: 93.333 − 85 = +8.333 = firms (18.333 − 25 = −6.667) + rd_gdp (75 − 60 = +15); rank 2 → 1.
    expect(t2.change).toBeCloseTo(8.333333333333329, 10);
    expect(t2.parts.map((p) => p.change)).toEqual([
      expect.closeTo(-6.666666666666668, 10),
      expect.closeTo(15, 10),
    ]);
    expect([t2.previousRank, t2.rank, t2.rankChange]).toEqual([2, 1, 1]);
    // T3: 85 − 95 = −10 = firms (25 − 20 = +5) + rd_gdp (60 − 75 = −15); rank 1 → 2.
    const t3 = c.regions.find((x) => x.region === 'T3')!;
    expect(t3.change).toBeCloseTo(-10, 10);
    expect(t3.parts.map((p) => p.change)).toEqual([expect.closeTo(5, 10), expect.closeTo(-15, 10)]);
    expect(t3.rankChange).toBe(-1);
    expect(c.newRegions).toEqual([]);
  });

  it('drops a missing value by the spec’s rule and says what became of it', () => {
    // T3 has no firms in 2025: firms over T1, T2 (10, 20) → 60, 100; d1 and 规模 have no input for T3,
    // so they are missing; idx renormalises over d2 alone → T3 = rd_gdp's 80.
    const obs = y2025.filter((o) => !(o.region === 'T3' && o.indicator === 'firms'));
    const m = compute(plan, obs, '2025');
    expect(scoreOf(m, 'T3').index).toBe(80);
    expect(scoreOf(m, 'T3').subIndices.d1).toEqual({ score: null, rank: null });
    expect(scoreOf(m, 'T2').index).toBe(100); // ¼·100 + ¾·100
    expect(m.missing).toEqual([
      expect.objectContaining({
        region: 'T3',
        indicator: 'firms',
        reason: 'noValue',
        treatment: 'dropped',
        renormalised: [],
        aggregatesMissing: ['d1', 'scale'],
      }),
    ]);
    const t3 = m.contributions.find((c) => c.region === 'T3')!;
    expect(t3.parts.map((p) => p.effectiveWeight)).toEqual([0, 1]);
  });

  it('leaves out an indicator the peer set cannot be compared on, for every region alike', () => {
    // Only T1 reports rd and gdp: rd_gdp has one value among the towns, nothing to rank on. It leaves the
    // framework with d2 and 水平 (now childless); idx = d1 = firms → T1 60, T2 73.333, T3 100.
    const obs = y2025.filter((o) => o.indicator === 'firms' || o.region === 'T1');
    const m = compute(plan, obs, '2025');
    expect(m.leftOut).toEqual([
      { indicator: 'rd_gdp', regionsWithValue: 1, note: expect.stringContaining('1 region of towns') },
    ]);
    expect(m.scores.map((x) => x.index)).toEqual([60, expect.closeTo(73.33333333333333, 10), 100]);
    expect(m.aggregates.map((a) => a.code)).toEqual(['idx', 'd1', 'scale']);
    expect(m.missing).toEqual([]);
    expect(m.warnings.join()).toContain('left out');
    // The value itself is still reported, with its sources.
    expect(m.cells.find((c) => c.region === 'T1' && c.indicator === 'rd_gdp')!.value).toBe(2);
    // Equal values everywhere compare nothing either.
    const flat = year('2025', { T1: [10, 2, 100], T2: [20, 2, 100], T3: [40, 1, 50] });
    expect(compute(plan, flat, '2025').leftOut.map((l) => l.indicator)).toEqual(['rd_gdp']);
  });

  it('counts an indicator left out in one of the two periods wholly as change', () => {
    // 2024 full: T2 = firms ¼·100 = 25 + rd_gdp ¾·80 = 60 → 85. 2025 with rd_gdp left out: T2 = firms
    // 73.333 (weight 1). Δ = −11.667 = firms (73.333 − 25 = +48.333) + rd_gdp (0 − 60 = −60).
    const obs = [...y2024, ...y2025.filter((o) => o.indicator === 'firms' || o.region === 'T1')];
    const r = compute(plan, obs, '2025', '2024');
    const t2 = r.change!.regions.find((x) => x.region === 'T2')!;
    expect(t2.change).toBeCloseTo(73.33333333333333 - 85, 10);
    expect(t2.parts).toEqual([
      {
        indicator: 'firms',
        previous: 25,
        current: expect.closeTo(73.33333333333333, 10),
        change: expect.closeTo(48.333333333333336, 10),
      },
      { indicator: 'rd_gdp', previous: 60, current: 0, change: -60 },
    ]);
    expect(r.warnings.join()).toContain('2024 was computed on other indicators');
  });

  it('shares a rank between tied regions (1, 1, 3)', () => {
    const obs = year('2025', { T1: [20, 3, 100], T2: [20, 3, 100], T3: [10, 2, 100] });
    expect(compute(plan, obs, '2025').scores.map((s) => s.rank)).toEqual([1, 1, 3]);
  });

  it('takes the peer set’s members valid on the period’s end date', () => {
    // T4 exists from 2024-11-01: in the 2024 index (end 2024-12-31), not in 2024Q3 (end 2024-09-30).
    const withT4 = buildPlan({
      peerSets: [{ code: 'towns', name: { zh: '镇', en: 'Towns' }, members: ['T1', 'T2', 'T3', 'T4'] }],
    });
    const obs = [...y2024, ...year('2024', { T4: [5, 1, 10] })];
    expect(compute(withT4, obs, '2024').units).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(planIndexUnits(withT4, 'towns', P('2024Q3'))).toEqual({ ok: true, value: ['T1', 'T2', 'T3'] });
    // The 2025 change against 2023 (before T4 existed) lists T4 as new.
    const y2023 = year('2023', { T1: [10, 2, 100], T2: [30, 3, 100], T3: [20, 2, 50] });
    const c = compute(
      withT4,
      [...y2023, ...y2025, ...year('2025', { T4: [6, 1, 10] })],
      '2025',
      '2023',
    ).change!;
    expect(c.previousUnits).toEqual(['T1', 'T2', 'T3']);
    expect(c.regions.map((x) => x.region)).toEqual(['T1', 'T2', 'T3']);
    expect(c.newRegions).toEqual(['T4']);
  });

  it('reads a quarter: quarterly indicators year-to-date, annual ones at the latest year-end', () => {
    const quarterly = buildPlan();
    quarterly.indicators = quarterly.indicators.map((i) =>
      i.code === 'rd_gdp' ? { ...i, frequency: 'annual' } : i,
    );
    const rule = planIndexPeriodRule(quarterly, ['firms', 'rd_gdp'], P('2025Q3'));
    expect(rule.sources.map((s) => [s.indicator, s.period])).toEqual([
      ['firms', '2025Q3'],
      ['rd_gdp', '2024'],
    ]);
    expect(planIndexPeriodRule(quarterly, ['rd_gdp'], P('2025Q4')).sources[0]!.period).toBe('2025');
    const q3 = [
      ...['T1', 'T2', 'T3'].map((t, k) => buildObservation('firms', t, '2025Q3', [10, 20, 40][k]!)),
      // 2025Q3 rd and gdp exist but an annual indicator ignores them before the year ends.
      ...['T1', 'T2', 'T3'].flatMap((t) => [
        buildObservation('rd', t, '2025Q3', 9),
        buildObservation('gdp', t, '2025Q3', 10),
      ]),
      ...y2024,
    ];
    const r = planIndexCompute(quarterly, spec, q3, { period: P('2025Q3'), peerSet: 'towns' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // firms 10, 20, 40 (2025Q3) → 60, 73.333, 100; rd_gdp 2024: 2, 3, 4 → 60, 80, 100.
    // T3 = 25 + 75 = 100; T2 = 18.333 + 60 = 78.333; T1 = 60.
    expect(r.value.scores.map((s) => s.index)).toEqual([60, expect.closeTo(78.33333333333333, 10), 100]);
    expect(r.value.periodRule.note).toContain('2024');
  });

  it('measures a quarter’s change 同比 (same quarter a year earlier) and a year’s against the year before', () => {
    expect(planIndexPreviousPeriod(P('2025Q3'))).toBe('2024Q3');
    expect(planIndexPreviousPeriod(P('2025'))).toBe('2024');
  });

  it('rejects an unknown peer set, an indicator the plan lacks, and a previous period that is not earlier', () => {
    const bad = planIndexCompute(plan, spec, y2025, { period: P('2025'), peerSet: 'nope' });
    expect(bad.ok ? null : bad.errors[0]!.message).toContain('no peer set nope');
    const other = indexSpecSchema.parse({
      ...specInput,
      framework: {
        nodes: [
          { code: 'patents', kind: 'indicator', parent: 'idx' },
          { code: 'idx', kind: 'aggregate' },
        ],
      },
    });
    const unknown = planIndexCompute(plan, other, y2025, { period: P('2025'), peerSet: 'towns' });
    expect(unknown.ok ? null : unknown.errors[0]!.message).toContain('patents');
    const later = planIndexCompute(plan, spec, y2025, {
      period: P('2024'),
      peerSet: 'towns',
      previousPeriod: P('2025'),
    });
    expect(later.ok).toBe(false);
  });
});

describe('planIndexUncertainty', () => {
  it('gives fixed ranks when no admissible weights can reorder the towns', () => {
    // Weights ±25% at both levels: w(d1)/w(d2) stays in [0.75/3.75, 1.25/2.25] = [0.2, 0.556].
    // T2 − T3 = w1·(73.333 − 100) + w2·(100 − 80) > 0 whenever w1/w2 < 0.75, so T2 is always 1st and T3
    // 2nd; T1 is last on both indicators. Each interval collapses to the nominal rank.
    const r = planIndexUncertainty(
      buildPlan(),
      { ...spec, uncertainty: { runs: 200, seed: 7, weights: { noise: 0.25 }, sensitivity: false } },
      y2025,
      { period: P('2025'), peerSet: 'towns', runs: 100 },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.runs).toBe(100);
    expect(r.value.regions.map((x) => [x.region, x.q05Rank, x.medianRank, x.q95Rank])).toEqual([
      ['T1', 3, 3, 3],
      ['T2', 1, 1, 1],
      ['T3', 2, 2, 2],
    ]);
  });
});

// Issue 8 item 11: the index is computed only when at least the plan's coverage.minShare (default 1: every
// member valid on the period's end date) of the peer set has published the period's own figures; otherwise
// the last complete period is shown, and the result says which and why.
describe('planIndexCompute: coverage of the period (plan coverage.minShare)', () => {
  /** Two towns; firms quarterly, rd_gdp (and its parts) annual: at Q1 only firms is read at the quarter. */
  const pairPlan = (minShare = 1): Plan => {
    const plan = buildPlan({
      peerSets: [{ code: 'pair', name: { zh: '两镇', en: 'Pair' }, members: ['T1', 'T2'] }],
      coverage: { minShare },
    });
    plan.indicators = plan.indicators.map((i) =>
      ['rd_gdp', 'rd', 'gdp'].includes(i.code) ? { ...i, frequency: 'annual' } : i,
    );
    return plan;
  };
  // 2025 年报 of both towns (it is also 2025Q4): firms 10, 20; rd_gdp 2%, 4%.
  const y = year('2025', { T1: [10, 2, 100], T2: [20, 4, 100] });
  // The first town to publish 2026Q1: T1, with 90 firms — it would top a ranking of one.
  const t1 = buildObservation('firms', 'T1', '2026Q1', 90);
  const pair = (plan: Plan, observations: Observation[], period: string) =>
    planIndexCompute(plan, spec, observations, { period: P(period), peerSet: 'pair' });

  it('does not rank the first town to publish #1 of "1/2": it shows 2025Q4, the last complete quarter', () => {
    const r = pair(pairPlan(), [...y, t1], '2026Q1');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.period).toBe('2025Q4');
    expect(r.value.fallback!.asked).toBe('2026Q1');
    expect(r.value.fallback!.askedCoverage).toEqual({
      period: '2026Q1',
      published: 1,
      of: 2,
      minShare: 1,
      met: false,
    });
    // Screens print the reason: periods as progressPeriodLabel writes them, the members as the peer set's name.
    expect(r.value.fallback!.reason).toEqual({
      zh: '2026年1-3月（2026Q1）两镇仅 1/2 已发布（需 100%），指数沿用最近一个数据完整的期别 2025年1-12月（2025Q4）',
      en: 'only 1 of 2 Pair have published Jan–Mar 2026 (2026Q1), 100% needed: the index is of Jan–Dec 2025 (2025Q4), the latest complete period',
    });
    expect(r.value.warnings).toContain(r.value.fallback!.reason.en);
    // At 2025Q4 both have published (the 年报 stands for Q4): firms 10, 20 → 60, 100; rd_gdp 2, 4 → 60, 100.
    expect(r.value.coverage).toEqual({ period: '2025Q4', published: 2, of: 2, minShare: 1, met: true });
    expect(r.value.scores.map((s) => [s.region, s.index, s.rank])).toEqual([
      ['T1', 60, 2],
      ['T2', 100, 1],
    ]);
  });

  it('reads the chosen period once: the change is measured from the period before the one shown', () => {
    // 2026Q1 falls back to 2025Q4; the change asked for is then from 2024Q4 (planIndexPreviousPeriod of
    // 2025Q4), which has no data: with previousOptional the 2025Q4 scores come back with the reason.
    const r = planIndexCompute(pairPlan(), spec, [...y, t1], {
      period: P('2026Q1'),
      peerSet: 'pair',
      previousPeriod: P('2025Q1'),
      previousOptional: true,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.period).toBe('2025Q4');
    expect(r.value.change).toBeUndefined();
    expect(r.value.scores.map((s) => s.index)).toEqual([60, 100]);
    expect(
      r.value.warnings.some((w) => w.startsWith('no change since 2024Q4: previous period 2024Q4:')),
    ).toBe(true);
    // Without previousOptional the missing previous period is an error, as before.
    const strict = planIndexCompute(pairPlan(), spec, [...y, t1], {
      period: P('2026Q1'),
      peerSet: 'pair',
      previousPeriod: P('2025Q1'),
    });
    expect(strict.ok).toBe(false);
  });

  it('computes the quarter once every town has published it, and earlier when the plan lowers the share', () => {
    const both = [...y, t1, buildObservation('firms', 'T2', '2026Q1', 30)];
    const r = pair(pairPlan(), both, '2026Q1');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.period).toBe('2026Q1');
    expect(r.value.fallback).toBeUndefined();
    // firms 90, 30 → 100, 60 (¼); rd_gdp at the latest year-end, 2025: 2, 4 → 60, 100 (¾).
    expect(r.value.scores.map((s) => s.index)).toEqual([70, 90]);
    // coverage.minShare 0.5: one of two is enough.
    const half = pair(pairPlan(0.5), [...y, t1], '2026Q1');
    if (!half.ok) throw new Error(JSON.stringify(half.errors));
    expect(half.value.period).toBe('2026Q1');
    expect(half.value.coverage).toMatchObject({ published: 1, of: 2, met: true });
  });

  it('says why when no period back to the baseline year has enough members published', () => {
    const r = pair(pairPlan(), [t1, ...year('2025', { T1: [10, 2, 100] })], '2026Q1');
    expect(r.ok ? null : r.errors[0]!.message).toBe(
      '1 of 2 members of pair have published 2026Q1, below coverage.minShare 100%, and no earlier period back to 2021 has enough',
    );
  });

  it('counts every member as published in a quarter that reads no figure of its own', () => {
    const annual = pairPlan();
    annual.indicators = annual.indicators.map((i) => ({ ...i, frequency: 'annual' }));
    // Every indicator is read at the 2025 year-end: 2026Q1 has nothing to publish yet, T1's early figure aside.
    const r = planIndexCompute(annual, spec, [...y, t1], { period: P('2026Q1'), peerSet: 'pair' });
    expect(r.ok && r.value.coverage).toEqual({
      period: '2026Q1',
      published: 2,
      of: 2,
      minShare: 1,
      met: true,
    });
    expect(r.ok && r.value.scores.map((s) => s.index)).toEqual([60, 100]);
  });
});
