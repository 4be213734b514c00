import { describe, expect, it } from 'vitest';
import { buildIndicator, buildObservation as obs, buildPlan } from '../testing/factories.ts';
import type { Period } from '../period.ts';
import { regionMembersOn } from '../regions.ts';
import { isoDate, regionCode, type RegionCode } from '../types.ts';
import { progressCompute, type ProgressRow } from './progress.ts';
import { observationStoreBuild } from './observation-store.ts';
import { valueResolverCreate } from './values.ts';
import { targetResolve } from './targets.ts';

const P = (s: string) => s as Period;
const R = regionCode;

function rowOf(rows: ProgressRow[], indicator: string, region: string): ProgressRow {
  const row = rows.find((r) => r.indicator === indicator && r.region === region);
  if (!row) throw new Error(`no row ${indicator} × ${region}`);
  return row;
}

describe('aggregation up the region hierarchy', () => {
  // Cixi's real 2022 GDP (2022 统计公报): 全市 2521.58, 市级 1689.44 ⇒ 前湾 832.14 亿元. R&D is set at the
  // 分解表's 2022 targets: 市级 3.30% → 55.75152, 前湾 4.80% → 39.94272 亿元.
  const plan = buildPlan();
  const observations = [
    obs('gdp', 'T1', '2022', 1000),
    obs('gdp', 'T2', '2022', 689.44),
    obs('gdp', 'T3', '2022', 832.14),
    obs('rd', 'T1', '2022', 30),
    obs('rd', 'T2', '2022', 25.75152),
    obs('rd', 'T3', '2022', 39.94272),
  ];
  const rows = progressCompute(plan, observations, P('2022'), { indicators: ['rd_gdp' as never] });

  it('ratio of sums, not mean of ratios, when aggregating R&D/GDP to 全市', () => {
    // (55.75152 + 39.94272) / (1689.44 + 832.14) × 100 = 95.69424 / 2521.58 × 100 = 3.7950110…
    const whole = rowOf(rows, 'rd_gdp', 'C');
    expect(whole.value?.value).toBeCloseTo(3.795011, 6);
    expect(whole.value?.rule).toBe('ratio_of_sums');
    // the mean of the three towns' ratios would be (3.0 + 3.735… + 4.8)/3 ≈ 3.845 — not what we report
    expect(whole.value?.value).not.toBeCloseTo(3.845, 2);
    expect(whole.value?.observationIds).toHaveLength(6);
  });

  it('市级 and 前湾 groups recompute their own ratios', () => {
    expect(rowOf(rows, 'rd_gdp', 'C-S').value?.value).toBeCloseTo(3.3, 10);
    expect(rowOf(rows, 'rd_gdp', 'C-Z').value?.value).toBeCloseTo(4.8, 10);
  });

  it('a reported figure for a region wins over the sum of its members', () => {
    const withReported = [...observations, obs('gdp', 'C', '2022', 2521.58, { provenance: 'real' })];
    const r = progressCompute(plan, withReported, P('2022'), {
      includeComponents: true,
      indicators: ['gdp' as never],
    });
    expect(rowOf(r, 'gdp', 'C').value).toMatchObject({ value: 2521.58, rule: 'reported', synthetic: false });
  });

  it('an incomplete sum gives no value rather than an understated one', () => {
    const r = progressCompute(plan, observations.slice(1), P('2022'), { includeComponents: true });
    expect(rowOf(r, 'gdp', 'C').value).toBeUndefined();
    expect(rowOf(r, 'gdp', 'C').status).toBe('no_data');
  });
});

describe('region boundary change (陆中湾-like street carved out of T3 on 2024-11-01)', () => {
  const plan = buildPlan();
  it('a 2023 query and a 2025 query give the right member towns', () => {
    expect(regionMembersOn(plan, R('C-Z'), isoDate('2023-12-31'))).toEqual(['T3']);
    expect(regionMembersOn(plan, R('C-Z'), isoDate('2025-06-30'))).toEqual(['T3', 'T4']);
    expect(regionMembersOn(plan, R('C-S'), isoDate('2025-06-30'))).toEqual(['T1', 'T2']);
    expect(regionMembersOn(plan, R('C'), isoDate('2023-12-31'))).toEqual(['T1', 'T2', 'T3']);
    expect(regionMembersOn(plan, R('C'), isoDate('2025-06-30'))).toEqual(['T1', 'T2', 'T3', 'T4']);
  });
  it('a 2025 sum includes the new street', () => {
    const o = [
      obs('firms', 'T1', '2025Q1', 1),
      obs('firms', 'T2', '2025Q1', 2),
      obs('firms', 'T3', '2025Q1', 3),
    ];
    const without = progressCompute(plan, o, P('2025Q1'), { indicators: ['firms' as never] });
    expect(rowOf(without, 'firms', 'C').value).toBeUndefined(); // T4 has not reported
    const withT4 = progressCompute(plan, [...o, obs('firms', 'T4', '2025Q1', 4)], P('2025Q1'));
    expect(rowOf(withT4, 'firms', 'C').value?.value).toBe(10);
    expect(rowOf(withT4, 'firms', 'C-Z').value?.value).toBe(7);
  });
});

/** County-level figures for the stock 'firms' on an exact line: +20 a year, 2025Q3 = 115. */
const firmsHistory = [
  obs('firms', 'C', '2021', 40),
  obs('firms', 'C', '2022', 60),
  obs('firms', 'C', '2023', 80),
  obs('firms', 'C', '2024Q3', 95),
  obs('firms', 'C', '2024', 100),
  obs('firms', 'C', '2025Q3', 115),
];

describe('stock: completion, 序时进度, YoY, projection, required growth', () => {
  const row = rowOf(
    progressCompute(buildPlan(), firmsHistory, P('2025Q3'), { regions: [R('C')] }),
    'firms',
    'C',
  );

  it('序时进度 interpolates from last year-end toward this year target', () => {
    // 2024 year-end 100; 2025 target 120; 9 of 12 months: 100 + (120 − 100) × 9/12 = 115
    expect(row.expected).toMatchObject({
      value: 115,
      rule: 'stock_interpolation',
      shareOfTarget: (115 / 120) * 100,
    });
    expect(row.gapToExpected).toBe(0);
    expect(row.status).toBe('on_track');
    // Said in formal Chinese (and in English) where it is produced, for every screen and page alike.
    expect(row.expected?.explanation).toEqual({
      zh: '按上年末实际值 100 向本年目标线性推进（已过 9/12 个月）',
      en: '2024 year-end 100 + (target − it) × 9/12',
    });
  });
  it('completion is value / annual target', () => {
    expect(row.target).toMatchObject({ value: 120, rule: 'explicit' });
    expect(row.target?.explanation).toEqual({
      zh: '2025年目标（方案明确）',
      en: '2025 target written in the plan',
    });
    expect(row.completion).toBeCloseTo((115 / 120) * 100, 10); // 95.8333…%
    expect(row.gapToTarget).toBe(-5);
  });
  it('YoY is growth in percent against the same quarter last year', () => {
    expect(row.yoy).toEqual({ lastYear: 95, change: (115 / 95 - 1) * 100, kind: 'percent' }); // 21.05%
  });
  it('projects the 2026 value on the trend and the growth now required', () => {
    // points (2022,60) (2023,80) (2024,100) (2024.75,115) lie on v = 60 + 20·(t − 2022) ⇒ 2026: 140 < 150
    expect(row.projection?.value).toBeCloseTo(140, 9);
    expect(row.projection?.willMeet).toBe(false);
    // from 115 at 2024.75 to 150 at 2026 (1.25 years): (150/115)^0.8 − 1 = exp(0.8 · ln 1.3043478) − 1 = exp(0.2125626) − 1 = 23.6843…%
    expect(row.requiredGrowth?.years).toBe(1.25);
    expect(row.requiredGrowth?.value).toBeCloseTo(23.6843, 4);
    expect(row.requiredGrowth?.kind).toBe('percent');
  });
  it('status bands: 112 vs expected 115 is watch (97%), 100 is behind (87%), 121 has met the year', () => {
    const at = (v: number) =>
      rowOf(
        progressCompute(
          buildPlan(),
          [...firmsHistory.slice(0, 5), obs('firms', 'C', '2025Q3', v)],
          P('2025Q3'),
          {
            regions: [R('C')],
          },
        ),
        'firms',
        'C',
      ).status;
    expect([at(112), at(100), at(121)]).toEqual(['watch', 'behind', 'met']);
  });
  it('every result names the observations it came from', () => {
    expect(row.value?.observationIds).toEqual([firmsHistory[5]!.id]);
  });
});

describe('flow: 序时进度 by months elapsed or last year’s seasonal pattern', () => {
  // target 40 new firms a year (annual_flow). 2024 year-to-date: Q1 5, Q2 12, Q3 20, year 50.
  const lastYear = [
    obs('new_firms', 'C', '2024Q1', 5),
    obs('new_firms', 'C', '2024Q2', 12),
    obs('new_firms', 'C', '2024Q3', 20),
    obs('new_firms', 'C', '2024', 50),
  ];
  it('follows last year’s seasonal pattern when it is known', () => {
    const row = rowOf(
      progressCompute(buildPlan(), [...lastYear, obs('new_firms', 'C', '2025Q2', 9)], P('2025Q2'), {
        regions: [R('C')],
      }),
      'new_firms',
      'C',
    );
    // 40 × 12/50 = 9.6 expected by Q2; 9 done ⇒ 93.75% of 序时 → watch; completion 9/40 = 22.5%
    expect(row.expected).toMatchObject({ value: 9.6, rule: 'flow_seasonal' });
    expect(row.expected?.explanation.zh).toBe('按上年同期进度占全年比重（12/50）折算本年目标');
    expect(row.completion).toBeCloseTo(22.5, 10);
    expect(row.status).toBe('watch');
    expect(row.yoy?.change).toBeCloseTo((9 / 12 - 1) * 100, 10); // −25%
  });
  it('falls back to months elapsed without last year’s pattern, and says so', () => {
    const row = rowOf(
      progressCompute(buildPlan(), [obs('new_firms', 'C', '2025Q2', 25)], P('2025Q2'), { regions: [R('C')] }),
      'new_firms',
      'C',
    );
    // 40 × 6/12 = 20
    expect(row.expected).toMatchObject({ value: 20, rule: 'flow_linear' });
    expect(row.expected?.explanation.en).toContain('no seasonal pattern');
    expect(row.expected?.explanation.zh).toBe(
      '上年同期数据不全，无法按季节规律推算，改为：本年目标 × 6/12（按月均衡推进）',
    );
    expect(row.status).toBe('on_track');
  });
  it('uses months elapsed when the indicator asks for it', () => {
    const plan = buildPlan();
    plan.indicators.find((i) => i.code === 'new_firms')!.progressRule = 'flow_linear';
    const row = rowOf(
      progressCompute(plan, [...lastYear, obs('new_firms', 'C', '2025Q3', 28)], P('2025Q3'), {
        regions: [R('C')],
      }),
      'new_firms',
      'C',
    );
    expect(row.expected).toMatchObject({ value: 30, rule: 'flow_linear' }); // 40 × 9/12
  });
});

describe('ratio indicator', () => {
  it('YoY of a ratio is the difference in percentage points; required growth is pp a year', () => {
    const o = [obs('rd_gdp', 'C', '2023', 3.2), obs('rd_gdp', 'C', '2024', 3.4)];
    const row = rowOf(progressCompute(buildPlan(), o, P('2024'), { regions: [R('C')] }), 'rd_gdp', 'C');
    expect(row.yoy?.kind).toBe('pp');
    expect(row.yoy?.change).toBeCloseTo(0.2, 10);
    // 2026 target 4.0 from 3.4 at 2024: (4.0 − 3.4)/2 = 0.3 pp a year
    expect(row.requiredGrowth).toMatchObject({ kind: 'pp', years: 2 });
    expect(row.requiredGrowth?.value).toBeCloseTo(0.3, 10);
  });
});

describe('ranks within a peer set', () => {
  it('ties share a rank (1, 1, 3)', () => {
    const o = [
      obs('firms', 'T1', '2025Q1', 10),
      obs('firms', 'T2', '2025Q1', 10),
      obs('firms', 'T3', '2025Q1', 5),
    ];
    const rows = progressCompute(buildPlan(), o, P('2025Q1'), { indicators: ['firms' as never] });
    expect(['T1', 'T2', 'T3'].map((t) => rowOf(rows, 'firms', t).rank)).toEqual([
      { rank: 1, of: 3, peerSet: 'towns' },
      { rank: 1, of: 3, peerSet: 'towns' },
      { rank: 3, of: 3, peerSet: 'towns' },
    ]);
  });
  it('a negative indicator ranks the smallest first', () => {
    const plan = buildPlan();
    plan.indicators.find((i) => i.code === 'firms')!.polarity = 'negative';
    const o = [
      obs('firms', 'T1', '2025Q1', 10),
      obs('firms', 'T2', '2025Q1', 7),
      obs('firms', 'T3', '2025Q1', 5),
    ];
    const rows = progressCompute(plan, o, P('2025Q1'), { indicators: ['firms' as never] });
    expect(['T1', 'T2', 'T3'].map((t) => rowOf(rows, 'firms', t).rank?.rank)).toEqual([3, 2, 1]);
  });
});

describe('targets derived for a year the plan does not write', () => {
  const resolve = (
    plan: ReturnType<typeof buildPlan>,
    o: ReturnType<typeof obs>[],
    indicator: string,
    period: string,
  ) => {
    const values = valueResolverCreate(plan, observationStoreBuild(o));
    return targetResolve(plan, values, indicator, 'C' as RegionCode, P(period), Number(period.slice(0, 4)));
  };
  it('a 2026-only target is reached on a straight line from the baseline actual', () => {
    const plan = buildPlan({
      targets: [
        {
          type: 'path',
          indicator: 'firms',
          region: 'C',
          source: 't',
          comparator: '>=',
          values: { '2026': 150 },
        },
      ],
    });
    // 2021 actual 50 → 2026 target 150: 2024 = 50 + 100 × 3/5 = 110
    const t = resolve(plan, [obs('firms', 'C', '2021', 50)], 'firms', '2024');
    expect(t).toMatchObject({ value: 110, rule: 'implied_linear', finalValue: 150, finalYear: 2026 });
    expect(t?.explanation).toEqual({
      zh: '估算：由2021年实际值 50 线性推进至2026年目标 150',
      en: 'estimated: linear from 2021 actual 50 to 2026 target 150',
    });
  });
  it('a target decomposed to a town for one year (interpolate: false) implies no target for the years before', () => {
    const plan = buildPlan({
      targets: [
        {
          type: 'path',
          indicator: 'firms',
          region: 'C',
          source: '目标分解（按基期占比）',
          comparator: '>=',
          values: { '2026': 150 },
          interpolate: false,
        },
      ],
    });
    expect(resolve(plan, [obs('firms', 'C', '2021', 50)], 'firms', '2024')).toBeUndefined();
    expect(resolve(plan, [obs('firms', 'C', '2021', 50)], 'firms', '2026')).toMatchObject({ value: 150 });
  });
  it('a cumulative target shares what remains over the remaining years', () => {
    const plan = buildPlan({
      targets: [
        {
          type: 'cumulative',
          indicator: 'new_firms',
          region: 'C',
          source: 't',
          from: 2022,
          to: 2026,
          value: 40,
        },
      ],
    });
    // 40 − (10 + 6) = 24 left for 2024, 2025, 2026 ⇒ 8 a year
    const t = resolve(
      plan,
      [obs('new_firms', 'C', '2022', 10), obs('new_firms', 'C', '2023', 6)],
      'new_firms',
      '2024',
    );
    expect(t).toMatchObject({ value: 8, rule: 'cumulative_remaining' });
    expect(t?.explanation.zh).toBe('（2022—2026年累计目标 40 − 已完成 16）÷ 剩余 3 年');
  });
  it('doubling by 2026 follows a constant-growth path from 2021', () => {
    const plan = buildPlan({
      targets: [
        {
          type: 'multiple_of_base',
          indicator: 'firms',
          region: 'C',
          source: 't',
          baseYear: 2021,
          year: 2026,
          factor: 2,
        },
      ],
    });
    // 100 × 2^(3/5) = 151.5716…
    const t = resolve(plan, [obs('firms', 'C', '2021', 100)], 'firms', '2024');
    expect(t?.value).toBeCloseTo(151.5717, 4);
    expect(t?.finalValue).toBe(200);
  });
  it('an average growth of 10% a year compounds from the base year', () => {
    const plan = buildPlan({
      targets: [
        {
          type: 'average_growth',
          indicator: 'firms',
          region: 'C',
          source: 't',
          baseYear: 2021,
          year: 2026,
          rate: 10,
        },
      ],
    });
    const t = resolve(plan, [obs('firms', 'C', '2021', 100)], 'firms', '2023');
    expect(t?.value).toBeCloseTo(121, 10); // 100 × 1.1²
  });
});

describe('relative growth target (高新技术产业投资增速 > 工业投资增速 + 1 pp)', () => {
  const plan = buildPlan({
    indicators: [
      buildIndicator({ code: 'ht_inv', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
      buildIndicator({ code: 'ind_inv', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
      ...(['ht_inv', 'ind_inv'] as const).map((base) =>
        buildIndicator({
          code: `${base}_growth`,
          unit: '%',
          measure: 'growth',
          category: 'level',
          growthOf: base,
          aggregation: 'growth_of_sums',
          decimals: 1,
        }),
      ),
    ],
    targets: [
      {
        type: 'relative_growth',
        indicator: 'ht_inv_growth',
        region: 'C',
        source: 't',
        exceeds: 'ind_inv_growth',
        marginPp: 0,
        from: 2022,
        to: 2026,
      },
      {
        type: 'relative_growth',
        indicator: 'ht_inv_growth',
        region: 'C',
        source: 't',
        exceeds: 'ind_inv_growth',
        marginPp: 1,
        from: 2022,
        to: 2026,
      },
    ],
    peerSets: [],
  });
  const o = (ht: number, ind: number) => [
    obs('ht_inv', 'C', '2024Q3', 100),
    obs('ht_inv', 'C', '2025Q3', ht),
    obs('ind_inv', 'C', '2024Q3', 200),
    obs('ind_inv', 'C', '2025Q3', ind),
  ];
  it('meets the strictest target when its growth exceeds the other by the margin', () => {
    // 高新 112/100 → 12%; 工业 216/200 → 8%; target 8 + 1 = 9% ⇒ met
    const row = rowOf(
      progressCompute(plan, o(112, 216), P('2025Q3'), { regions: [R('C')] }),
      'ht_inv_growth',
      'C',
    );
    expect(row.value?.value).toBeCloseTo(12, 10);
    expect(row.target).toMatchObject({ rule: 'relative' });
    expect(row.target?.value).toBeCloseTo(9, 10);
    expect(row.target?.explanation.zh).toMatch(/ \+ 1 个百分点（取 2 项适用目标中最严格者）$/);
    expect(row.target?.explanation.en).toMatch(/ \+ 1 pp \(strictest of 2 targets\)$/);
    // 1–9月: a growth target is judged on the year, so above the rate is 进度正常, not 已完成 (issue 8 item 7)
    expect(row.status).toBe('on_track');
  });
  it('is met at year-end when the full-year growth exceeds the other by the margin', () => {
    const year = [
      obs('ht_inv', 'C', '2024', 100),
      obs('ht_inv', 'C', '2025', 112),
      obs('ind_inv', 'C', '2024', 200),
      obs('ind_inv', 'C', '2025', 216),
    ];
    const row = rowOf(progressCompute(plan, year, P('2025'), { regions: [R('C')] }), 'ht_inv_growth', 'C');
    expect(row.status).toBe('met');
  });
  it('is behind when it grows slower than the other', () => {
    // 高新 5%, 工业 8% ⇒ gap to 9% is −4 pp ⇒ behind
    const row = rowOf(
      progressCompute(plan, o(105, 216), P('2025Q3'), { regions: [R('C')] }),
      'ht_inv_growth',
      'C',
    );
    expect(row.gapToTarget).toBeCloseTo(-4, 10);
    expect(row.status).toBe('behind');
  });
});
