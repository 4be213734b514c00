// Issue 8, "numbers a statistics bureau can sign": the engine's edge cases, each with a hand-computed value.
import { describe, expect, it } from 'vitest';
import { buildIndicator, buildObservation as obs, buildPlan } from '../testing/factories.ts';
import type { Period } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import { progressCompute, type ProgressRow } from './progress.ts';
import { roundHalfAway, roundedDifference } from './rounding.ts';
import type { Observation } from '../observation.ts';

const P = (s: string) => s as Period;

function rowOf(rows: ProgressRow[], indicator: string, region: string): ProgressRow {
  const row = rows.find((r) => r.indicator === indicator && r.region === region);
  if (!row) throw new Error(`no row ${indicator} × ${region}`);
  return row;
}

function compute(plan: Plan, observations: Observation[], period: string, indicators?: string[]) {
  return progressCompute(plan, observations, P(period), {
    includeComponents: true,
    ...(indicators ? { indicators: indicators as never[] } : {}),
  });
}

describe('item 1: Q4 is the year', () => {
  const plan = buildPlan();
  const observations = [
    ...[2021, 2022, 2023, 2024].map((y, i) => obs('firms', 'C', String(y), 60 + 15 * i)),
    obs('firms', 'C', '2025Q3', 101),
    obs('firms', 'C', '2025Q4', 112),
    ...[2022, 2023, 2024].map((y, i) => obs('new_firms', 'C', String(y), 30 + 2 * i)),
    obs('new_firms', 'C', '2024Q4', 34),
    obs('new_firms', 'C', '2025Q3', 27),
    obs('new_firms', 'C', '2025Q4', 36.68),
    obs('rd', 'C', '2025Q4', 30),
    obs('gdp', 'C', '2025Q4', 1000),
    obs('rd', 'C', '2024', 27),
    obs('gdp', 'C', '2024', 950),
  ];

  it('2025Q4 and 2025 give the same row in every field but the period', () => {
    const q4 = compute(plan, observations, '2025Q4');
    const year = compute(plan, observations, '2025');
    expect(q4.length).toBe(year.length);
    q4.forEach((row, i) => expect({ ...row, period: '2025' }).toEqual(year[i]));
  });

  it('at Q4 a flow needs the growth from the completed year to the final target', () => {
    // new_firms 2025 (its Q4 year-to-date) = 36.68; final target 40 in 2026: 40 / 36.68 − 1 = 9.0513 %
    // (before the fix the Q4 row projected from 2024's 34: (40/34)^(1/2) − 1 = 8.47 %).
    const row = rowOf(compute(plan, observations, '2025Q4'), 'new_firms', 'C');
    expect(row.requiredGrowth).toMatchObject({ from: 36.68, years: 1, met: false });
    expect(row.requiredGrowth?.value).toBeCloseTo(9.0513, 4);
  });

  it('at Q4 a stock projects from year-ends only (no duplicate quarter point)', () => {
    // year-ends 2023 90, 2024 105, 2025 112 (Q4): OLS slope 11, line at 2026 = 102.33 + 11 × 2 = 124.33
    const row = rowOf(compute(plan, observations, '2025Q4'), 'firms', 'C');
    expect(row.projection?.points).toEqual([
      { t: 2023, v: 90 },
      { t: 2024, v: 105 },
      { t: 2025, v: 112 },
    ]);
    expect(row.projection?.value).toBeCloseTo(124.3333, 4);
  });
});

describe('item 2: ranks on the published figure', () => {
  const plan = buildPlan({
    peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['T1', 'T2', 'T3', 'T4'] }],
  });
  const observations = [
    obs('rd_gdp', 'T1', '2025', 60),
    obs('rd_gdp', 'T2', '2025', 58.519999999999996),
    obs('rd_gdp', 'T3', '2025', 58.52),
    obs('rd_gdp', 'T4', '2025', 57),
  ];
  it('58.519999… and 58.52 tie at 2 decimals: competition ranking 1224', () => {
    const rows = compute(plan, observations, '2025', ['rd_gdp']);
    expect(['T1', 'T2', 'T3', 'T4'].map((t) => rowOf(rows, 'rd_gdp', t).rank?.rank)).toEqual([1, 2, 2, 4]);
    expect(rowOf(rows, 'rd_gdp', 'T4').rank).toEqual({ rank: 4, of: 4, peerSet: 'towns' });
  });

  it('a region in two peer sets is ranked in the first; the second notes only its other members', () => {
    // Rank within the first peer set that contains the region (issue 8 items 2, 5). Default
    // coverage.minShare is all: set b has 2 of 3 published (T2, T3) ⇒ no rank, a partial_coverage note
    // for T3 and T4; T2 keeps its set-a rank 2/2 (60 > 58).
    const twoSets = buildPlan({
      peerSets: [
        { code: 'a', name: { zh: '甲组', en: 'Set A' }, members: ['T1', 'T2'] },
        { code: 'b', name: { zh: '乙组', en: 'Set B' }, members: ['T2', 'T3', 'T4'] },
      ],
    });
    const rows = compute(
      twoSets,
      [obs('rd_gdp', 'T1', '2025', 60), obs('rd_gdp', 'T2', '2025', 58), obs('rd_gdp', 'T3', '2025', 57)],
      '2025',
      ['rd_gdp'],
    );
    expect(rowOf(rows, 'rd_gdp', 'T2').rank).toEqual({ rank: 2, of: 2, peerSet: 'a' });
    expect(rowOf(rows, 'rd_gdp', 'T2').rankNote).toBeUndefined();
    for (const t of ['T3', 'T4'])
      expect(rowOf(rows, 'rd_gdp', t).rankNote).toMatchObject({
        reason: 'partial_coverage',
        peerSet: 'b',
        published: 2,
        of: 3,
      });
  });
});

describe('item 3: rounding half away from zero', () => {
  it('rounds a half away from zero on the decimal digits, not on binary noise', () => {
    expect(roundHalfAway(2.675, 2)).toBe(2.68); // 2.675 is 2.67499999… in binary
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-104.5, 0)).toBe(-105); // Math.round gives −104
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.5, 0)).toBe(1);
    expect(roundHalfAway(58.519999999999996, 2)).toBe(58.52);
    expect(roundHalfAway(-0.004, 2)).toBe(0);
    expect(Object.is(roundHalfAway(-0.004, 2), -0)).toBe(false);
    // tiny and huge values print in exponent form: still rounded, never NaN
    expect(roundHalfAway(3.5e-15, 2)).toBe(0);
    expect(roundHalfAway(-5e-7, 6)).toBe(-0.000001); // a half of the last place, away from zero
    expect(roundHalfAway(1.5e21, 0)).toBe(1.5e21);
  });
  it('a printed gap is the printed value minus the printed 序时进度', () => {
    // 907 vs 1011.5: printed 907 and 1012, so the gap prints −105 (not round(−104.5) = −104)
    expect(roundedDifference(907, 1011.5, 0)).toBe(-105);
    expect(roundedDifference(4.176, 4.2049, 2)).toBe(-0.02);
  });
});

describe('item 4: YoY across a boundary change (口径调整)', () => {
  // T4 is carved out of T3 on 2024-11-01 (buildPlan); the zone C-Z is T3 (+ T4 from 2024-11-01).
  const plan = buildPlan();
  const base = [
    obs('firms', 'T1', '2024Q3', 50),
    obs('firms', 'T2', '2024Q3', 30),
    obs('firms', 'T3', '2024Q3', 100), // still including T4's land
    obs('firms', 'T1', '2025Q3', 55),
    obs('firms', 'T2', '2025Q3', 33),
    obs('firms', 'T3', '2025Q3', 70),
    obs('firms', 'T4', '2025Q3', 35),
  ];

  it('re-bases on the prior-year figure of the same territory when the carved-out piece has one', () => {
    const rows = compute(plan, [...base, obs('firms', 'T4', '2024Q3', 32)], '2025Q3', ['firms']);
    const t3 = rowOf(rows, 'firms', 'T3');
    // comparable base 100 − 32 = 68; 70 / 68 − 1 = 2.9412 %  (plain YoY would be 70/100 − 1 = −30 %)
    expect(t3.yoy?.lastYear).toBe(68);
    expect(t3.yoy?.change).toBeCloseTo(2.9412, 4);
    expect(t3.yoyNote).toMatchObject({ reason: 'boundary_change', adjusted: true });
    expect(t3.yoyNote?.change).toEqual({ removed: ['T4'], added: [] });
    expect(t3.yoyNote?.explanation.zh).toMatch(/^口径调整：三镇析出四街道，同比按可比口径/);
  });

  it('gives no YoY, and says why, when no comparable base can be built', () => {
    const t3 = rowOf(compute(plan, base, '2025Q3', ['firms']), 'firms', 'T3');
    expect(t3.yoy).toBeUndefined();
    expect(t3.yoyNote).toMatchObject({ adjusted: false });
    expect(t3.yoyNote?.explanation.zh).toMatch(/口径调整.*不计算同比/);
  });

  it('the territory is the one on each period end date: 2024 and 2025 year-ends are both after the split', () => {
    const t3 = rowOf(
      compute(plan, [obs('firms', 'T3', '2024', 72), obs('firms', 'T3', '2025', 75)], '2025', ['firms']),
      'firms',
      'T3',
    );
    expect(t3.yoy?.change).toBeCloseTo(4.1667, 4); // 75 / 72 − 1
    expect(t3.yoyNote).toBeUndefined();
  });

  it('groups whose territory is unchanged keep a plain YoY and no note', () => {
    const rows = compute(plan, base, '2025Q3', ['firms']);
    // zone: 2024Q3 = T3 (with T4's land) 100; 2025Q3 = 70 + 35 = 105 ⇒ +5 %
    const zone = rowOf(rows, 'firms', 'C-Z');
    expect(zone.yoy?.change).toBeCloseTo(5, 10);
    expect(zone.yoyNote).toBeUndefined();
    // county: 180 → 193 ⇒ +7.2222 %; 市级 (T1 + T2): 80 → 88 ⇒ +10 %
    expect(rowOf(rows, 'firms', 'C').yoy?.change).toBeCloseTo(7.2222, 4);
    expect(rowOf(rows, 'firms', 'C').yoyNote).toBeUndefined();
    expect(rowOf(rows, 'firms', 'C-S').yoy?.change).toBeCloseTo(10, 10);
  });

  it('a ratio is re-based from re-based numerator and denominator', () => {
    const obsRatio = [
      obs('rd', 'T3', '2024Q3', 10),
      obs('gdp', 'T3', '2024Q3', 200),
      obs('rd', 'T4', '2024Q3', 2),
      obs('gdp', 'T4', '2024Q3', 50),
      obs('rd', 'T3', '2025Q3', 9),
      obs('gdp', 'T3', '2025Q3', 160),
    ];
    const t3 = rowOf(compute(plan, obsRatio, '2025Q3', ['rd_gdp']), 'rd_gdp', 'T3');
    // base (10 − 2) / (200 − 50) × 100 = 5.3333 %; now 9 / 160 × 100 = 5.625 % ⇒ +0.2917 pp
    expect(t3.yoy?.lastYear).toBeCloseTo(5.3333, 4);
    expect(t3.yoy?.change).toBeCloseTo(0.2917, 4);
    expect(t3.yoyNote?.adjusted).toBe(true);
  });

  it('a growth rate computed for a re-shaped town uses the comparable base', () => {
    const growth = [
      obs('new_firms', 'T3', '2024Q3', 40),
      obs('new_firms', 'T4', '2024Q3', 10),
      obs('new_firms', 'T3', '2025Q3', 33),
    ];
    // (33 / (40 − 10) − 1) × 100 = 10 %, not 33/40 − 1 = −17.5 %
    const t3 = rowOf(compute(plan, growth, '2025Q3', ['firms_growth']), 'firms_growth', 'T3');
    expect(t3.value?.value).toBeCloseTo(10, 10);
  });
});

describe('items 5 and 11: no meaningless peer ranks', () => {
  it('a quarter whose peers publish only annual figures gets no rank, and says why', () => {
    const plan = buildPlan();
    const rows = compute(
      plan,
      [obs('firms', 'T1', '2025Q3', 10), obs('firms', 'T2', '2024', 9), obs('firms', 'T3', '2024', 8)],
      '2025Q3',
      ['firms'],
    );
    const t1 = rowOf(rows, 'firms', 'T1');
    expect(t1.rank).toBeUndefined();
    expect(t1.rankNote).toMatchObject({ reason: 'peers_annual_only', published: 1, of: 3 });
    expect(t1.rankNote?.explanation.zh).toBe('镇街该指标仅有年度数据，季度不排名');
  });

  it('ranks wait for the plan coverage share (default: every member)', () => {
    const observations = [obs('firms', 'T1', '2025Q3', 10), obs('firms', 'T2', '2025Q3', 12)];
    const strict = rowOf(compute(buildPlan(), observations, '2025Q3', ['firms']), 'firms', 'T2');
    expect(strict.rank).toBeUndefined();
    expect(strict.rankNote).toMatchObject({ reason: 'partial_coverage', published: 2, of: 3 });
    expect(strict.rankNote?.explanation.zh).toBe('镇街已发布 2/3，数据不全，暂不排名');
    // 2 of 3 = 0.667 ≥ 0.6: ranked among the two that published
    const lenient = compute(buildPlan({ coverage: { minShare: 0.6 } }), observations, '2025Q3', ['firms']);
    expect(rowOf(lenient, 'firms', 'T2').rank).toEqual({ rank: 1, of: 2, peerSet: 'towns' });
  });

  it('the first town to publish is never "1/1", whatever the coverage share', () => {
    const plan = buildPlan({ coverage: { minShare: 0.1 } });
    const t1 = rowOf(compute(plan, [obs('firms', 'T1', '2025Q3', 10)], '2025Q3', ['firms']), 'firms', 'T1');
    expect(t1.rank).toBeUndefined();
    expect(t1.rankNote?.reason).toBe('partial_coverage');
  });
});

describe('item 6: caps and signs', () => {
  const plan = buildPlan({
    indicators: [
      buildIndicator({
        code: 'coverage',
        unit: '%',
        measure: 'ratio',
        category: 'level',
        aggregation: 'none',
        decimals: 1,
        range: { min: 0, max: 100 },
      }),
      buildIndicator({ code: 'firms', measure: 'stock' }),
    ],
    targets: [
      {
        type: 'path',
        indicator: 'coverage',
        region: 'C',
        source: 't',
        comparator: '>=',
        values: { '2026': 100 },
      },
      {
        type: 'path',
        indicator: 'firms',
        region: 'C',
        source: 't',
        comparator: '>=',
        values: { '2025': 120, '2026': 150 },
      },
    ],
    peerSets: [],
  });
  const observations = [
    obs('coverage', 'C', '2023', 90),
    obs('coverage', 'C', '2024', 95),
    obs('coverage', 'C', '2025', 99),
    obs('firms', 'C', '2024', 140),
    obs('firms', 'C', '2025', 160),
  ];
  const rows = compute(plan, observations, '2025');

  it('a share is never projected past its declared maximum', () => {
    // OLS through (2023, 90), (2024, 95), (2025, 99): slope 4.5, line at 2026 = 103.33 ⇒ capped at 100
    expect(rowOf(rows, 'coverage', 'C').projection?.value).toBe(100);
  });
  it('a final target already met needs no growth (已达到), not a negative one', () => {
    // 160 ≥ 150: (150/160) − 1 = −6.25 % would have been printed
    expect(rowOf(rows, 'firms', 'C').requiredGrowth).toEqual({
      value: 0,
      kind: 'percent',
      from: 160,
      years: 1,
      met: true,
    });
  });
});

describe('item 7: status by measure', () => {
  const plan = buildPlan({
    indicators: [
      buildIndicator({ code: 'gdp', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
      buildIndicator({ code: 'rd', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
      buildIndicator({
        code: 'rd_gdp',
        unit: '%',
        measure: 'ratio',
        category: 'level',
        frequency: 'annual',
        aggregation: 'ratio_of_sums',
        ratio: { numerator: 'rd', denominator: 'gdp', multiplier: 100 },
        decimals: 2,
      }),
    ],
    targets: [
      {
        type: 'path',
        indicator: 'rd_gdp',
        region: 'C',
        source: 't',
        comparator: '>=',
        values: { '2025': 3 },
      },
    ],
    peerSets: [],
  });
  const observations = [
    obs('rd', 'C', '2024', 28),
    obs('gdp', 'C', '2024', 1000),
    obs('rd', 'C', '2025Q3', 25),
    obs('gdp', 'C', '2025Q3', 760),
  ];
  it('an annual indicator computed from quarterly components is 未到报送期 in Q1–Q3', () => {
    const row = rowOf(compute(plan, observations, '2025Q3', ['rd_gdp']), 'rd_gdp', 'C');
    expect(row.value?.value).toBeCloseTo(3.2895, 4); // 25 / 760 × 100, still shown
    expect(row.status).toBe('not_due');
    expect(row.completion).toBeUndefined();
  });
  it('unless the plan says its quarterly value is meaningful', () => {
    const meaningful: Plan = {
      ...plan,
      indicators: plan.indicators.map((i) => (i.code === 'rd_gdp' ? { ...i, quarterlyMeaningful: true } : i)),
    };
    const row = rowOf(compute(meaningful, observations, '2025Q3', ['rd_gdp']), 'rd_gdp', 'C');
    // 3.2895 ≥ the 2025 target 3 ⇒ met
    expect(row.status).toBe('met');
  });
});

describe('item 8: cumulative targets', () => {
  const plan = buildPlan({
    indicators: [buildIndicator({ code: 'projects', unit: '项', measure: 'flow' })],
    targets: [
      {
        type: 'cumulative',
        indicator: 'projects',
        region: 'C',
        source: 't',
        from: 2022,
        to: 2026,
        value: 40,
      },
    ],
    peerSets: [],
  });
  const history = [
    obs('projects', 'C', '2022', 6),
    obs('projects', 'C', '2023', 8),
    obs('projects', 'C', '2024', 6),
    obs('projects', 'C', '2024Q3', 4),
    obs('projects', 'C', '2025Q3', 4),
  ];

  it('shows what is done, what remains and where the pace leads', () => {
    const row = rowOf(compute(plan, history, '2025Q3'), 'projects', 'C');
    // done 6 + 8 + 6 + 4 = 24 of 40 = 60 %; 16 remain over 1 + 3/12 = 1.25 years ⇒ 12.8 a year;
    // pace (6 + 8 + 6) / 3 = 6.667 a year ⇒ 24 + 6.667 × 1.25 = 32.333 by 2026 < 40
    expect(row.cumulative).toMatchObject({ target: 40, from: 2022, to: 2026, done: 24, remaining: 16 });
    expect(row.cumulative?.share).toBeCloseTo(60, 10);
    expect(row.cumulative?.requiredPerYear).toBeCloseTo(12.8, 10);
    expect(row.cumulative?.projectedTotal).toBeCloseTo(32.3333, 4);
    expect(row.cumulative?.willMeet).toBe(false);
    // this year's share of the remaining quota: (40 − 20) / 2 years = 10
    expect(row.target?.value).toBe(10);
  });

  it('an annual-only flow counts its complete years in Q1–Q3', () => {
    const annual = history.filter((o) => !o.period.includes('Q'));
    const row = rowOf(compute(plan, annual, '2025Q3'), 'projects', 'C');
    // 6 + 8 + 6 = 20 done. 2025 has no year-to-date figure, so none of it is in `done`: all of
    // 2025 and 2026 are left (2 years, not 1 + 3/12 — that counted 9 months of 2025 as done while
    // adding nothing for them). 20 remain over 2 years ⇒ 10 a year; pace (6 + 8 + 6) / 3 = 20/3 a
    // year ⇒ 20 + 20/3 × 2 = 33.333 by 2026 < 40. Rule: the seed's 累计 targets (三(四)1 累计40项).
    expect(row.cumulative).toMatchObject({ done: 20, remaining: 20, requiredPerYear: 10 });
    expect(row.cumulative?.projectedTotal).toBeCloseTo(33.3333, 4);
    expect(row.cumulative?.willMeet).toBe(false);
  });

  it('never looks ahead: a 2025Q3 row ignores the 2025 year-end figure', () => {
    const withYearEnd = [...history, obs('projects', 'C', '2025', 30)];
    const before = rowOf(compute(plan, history, '2025Q3'), 'projects', 'C');
    const after = rowOf(compute(plan, withYearEnd, '2025Q3'), 'projects', 'C');
    expect(after).toEqual(before);
    expect(after.projection).toBeUndefined();
    expect(after.requiredGrowth).toBeUndefined();
  });
});
