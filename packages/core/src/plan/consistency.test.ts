import { describe, expect, it } from 'vitest';
import { planConsistencyReport, planPartitions } from './consistency.ts';
import { buildPlan } from '../testing/factories.ts';
import type { Target } from './schema.ts';

// The toy county 'C' of the factory: C-S (市级-like) = C − C-Z (前湾-like zone).
const path = (indicator: string, region: string, values: Record<string, number>): Target => ({
  type: 'path',
  indicator,
  region,
  source: 'test',
  comparator: '>=',
  values,
});
const flow = (indicator: string, region: string, value: number): Target => ({
  type: 'annual_flow',
  indicator,
  region,
  source: 'test',
  from: 2022,
  to: 2026,
  value,
});

describe('planPartitions', () => {
  it('reads whole = complement + minus groups from a complementOf group', () => {
    expect(planPartitions(buildPlan())).toEqual([{ whole: 'C', parts: ['C-S', 'C-Z'] }]);
  });
});

describe('planConsistencyReport — sums (全市 = 市级 + 前湾)', () => {
  it('passes every year where the parts add up to the whole', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C', { '2022': 815, '2023': 1000 }),
        path('firms', 'C-S', { '2022': 660, '2023': 800 }),
        path('firms', 'C-Z', { '2022': 155, '2023': 200 }),
      ],
    });
    const checks = planConsistencyReport(plan);
    expect(checks.map((c) => [c.kind, c.indicator, c.year, c.expected, c.actual, c.ok])).toEqual([
      ['partition_sum', 'firms', 2022, 815, 815, true],
      ['partition_sum', 'firms', 2023, 1000, 1000, true],
    ]);
    expect(checks[0]!.regions).toEqual({ whole: 'C', parts: ['C-S', 'C-Z'] });
  });

  it('fails a year whose parts do not add up, with the difference and a message naming the regions', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C', { '2025': 1550 }),
        path('firms', 'C-S', { '2025': 1250 }),
        path('firms', 'C-Z', { '2025': 310 }),
      ],
    });
    const [check] = planConsistencyReport(plan);
    expect(check).toMatchObject({ year: 2025, expected: 1550, actual: 1560, difference: 10, ok: false });
    expect(check!.message).toBe(
      'firms 2025: 市级 1250 + 新区 310 = 1560, but the target of 测试县 is 1550 (difference +10)',
    );
  });

  it('checks annual flow targets year by year (年新增 450 = 400 + 50)', () => {
    const plan = buildPlan({
      targets: [flow('new_firms', 'C', 450), flow('new_firms', 'C-S', 400), flow('new_firms', 'C-Z', 50)],
    });
    const checks = planConsistencyReport(plan);
    expect(checks.map((c) => c.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(checks.every((c) => c.ok && c.actual === 450)).toBe(true);
  });

  it('tolerates float noise in decimal targets (0.1 + 0.2 = 0.3)', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C', { '2022': 0.3 }),
        path('firms', 'C-S', { '2022': 0.1 }),
        path('firms', 'C-Z', { '2022': 0.2 }),
      ],
    });
    expect(planConsistencyReport(plan)[0]!.ok).toBe(true);
  });

  it('makes no check where a part has no target for the year', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C', { '2025': 1550, '2026': 1750 }),
        path('firms', 'C-S', { '2025': 1250, '2026': 1400 }),
        path('firms', 'C-Z', { '2025': 300 }),
      ],
    });
    expect(planConsistencyReport(plan).map((c) => c.year)).toEqual([2025]);
  });
});

describe('planConsistencyReport — ratios implied by the parts (ratio of sums)', () => {
  const rdTargets = [
    path('rd_gdp', 'C', { '2022': 3.77, '2023': 3.9 }),
    path('rd_gdp', 'C-S', { '2022': 3.3, '2023': 3.4 }),
    path('rd_gdp', 'C-Z', { '2022': 4.8, '2023': 5.0 }),
  ];

  it('is not checked without denominators (a ratio target is not a sum)', () => {
    expect(planConsistencyReport(buildPlan({ targets: rdTargets }))).toEqual([]);
  });

  it("weights the parts' ratios by their GDP: Cixi 2022, 前湾 GDP derived as 全市 − 市级", () => {
    // Cixi 2022 统计公报: GDP 全市 2521.58, 市级 1689.44 亿元 ⇒ 前湾 = 2521.58 − 1689.44 = 832.14.
    // By hand: 3.30 × 1689.44 = 5575.152;  4.80 × 832.14 = 3994.272;  sum = 9569.424 (亿元 of R&D).
    //          9569.424 / 2521.58: 2521.58 × 3.795 = 9569.3961, remainder 0.0279 / 2521.58 = 0.0000110645
    //          ⇒ implied 全市 R&D/GDP = 3.7950110645 %, against the target 3.77 %:
    //          difference +0.0250110645 pp = +0.66 % of the target (within a 1 % tolerance).
    const plan = buildPlan({ targets: rdTargets });
    const gdp = [
      { indicator: 'gdp', region: 'C', year: 2022, value: 2521.58 },
      { indicator: 'gdp', region: 'C-S', year: 2022, value: 1689.44 },
    ];
    const checks = planConsistencyReport(plan, gdp);
    expect(checks).toHaveLength(1); // 2023 has no GDP
    const [check] = checks;
    expect(check!.kind).toBe('partition_ratio');
    expect(check!.year).toBe(2022);
    expect(check!.expected).toBe(3.77);
    expect(check!.actual).toBeCloseTo(3.7950110645, 9);
    expect(check!.difference).toBeCloseTo(0.0250110645, 9);
    expect(check!.ok).toBe(true);
    expect(check!.weights).toEqual([
      { region: 'C-S', value: 1689.44, derived: false },
      { region: 'C-Z', value: expect.closeTo(832.14, 9), derived: true },
    ]);
    expect(check!.message).toBe(
      'rd_gdp 2022: 市级 3.30, 新区 4.80 weighted by gdp (市级 1689.44, 新区 832.14 (derived)) imply ' +
        '测试县 3.7950 against its target 3.77: difference +0.0250 (+0.66% of the target), within the 1% tolerance',
    );
  });

  it('reports the same gap as outside a tighter tolerance', () => {
    const plan = buildPlan({ targets: rdTargets });
    const gdp = [
      { indicator: 'gdp', region: 'C-S', year: 2022, value: 1689.44 },
      { indicator: 'gdp', region: 'C-Z', year: 2022, value: 832.14 },
    ];
    const [check] = planConsistencyReport(plan, gdp, { ratioTolerance: 0.005 });
    expect(check!.actual).toBeCloseTo(3.7950110645, 9);
    expect(check!.ok).toBe(false);
    expect(check!.message).toContain('outside the 0.5% tolerance');
  });

  it('makes no check when two denominators are missing, or a derived one is not positive', () => {
    const plan = buildPlan({ targets: rdTargets });
    expect(
      planConsistencyReport(plan, [{ indicator: 'gdp', region: 'C', year: 2022, value: 2521.58 }]),
    ).toEqual([]);
    const inconsistent = [
      { indicator: 'gdp', region: 'C', year: 2022, value: 1000 },
      { indicator: 'gdp', region: 'C-S', year: 2022, value: 1689.44 },
    ];
    expect(planConsistencyReport(plan, inconsistent)).toEqual([]);
  });
});
