// `ding plan --check` over town targets (issue 10 item 2): the towns' targets against their group's.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../testing/factories.ts';
import type { Target } from './schema.ts';
import { planConsistencyReport, type DenominatorValue } from './consistency.ts';

const path = (indicator: string, region: string, values: Record<string, number>): Target => ({
  type: 'path',
  indicator,
  region,
  source: 'test',
  comparator: '>=',
  values,
});
const base = buildPlan();

describe('town targets against the group target', () => {
  it('counts: the towns of 市级 (C-S = T1, T2) add up to its target, per year', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C-S', { '2025': 100, '2026': 101 }),
        path('firms', 'T1', { '2025': 60, '2026': 59 }),
        path('firms', 'T2', { '2025': 41, '2026': 42 }),
      ],
    });
    const towns = planConsistencyReport(plan).filter((c) => c.kind === 'towns_sum');
    // 2025: 60 + 41 = 101 ≠ 100 (difference +1); 2026: 59 + 42 = 101 = 101.
    expect(towns.map((c) => [c.year, c.regions.whole, c.actual, c.difference, c.ok])).toEqual([
      [2025, 'C-S', 101, 1, false],
      [2026, 'C-S', 101, 0, true],
    ]);
  });

  it('the zone’s towns on the year-end date: T4 (carved out 2024-11-01) is a member in 2024, not in 2023', () => {
    const plan = buildPlan({
      targets: [
        path('firms', 'C-Z', { '2023': 30, '2024': 30 }),
        path('firms', 'T3', { '2023': 30, '2024': 20 }),
        path('firms', 'T4', { '2024': 10 }),
      ],
    });
    const towns = planConsistencyReport(plan).filter((c) => c.kind === 'towns_sum');
    expect(towns.map((c) => [c.year, c.regions.parts, c.ok])).toEqual([
      [2023, ['T3'], true],
      [2024, ['T3', 'T4'], true],
    ]);
  });

  it('ratios: the towns’ ratio of sums over their denominators must reach the group target', () => {
    const plan = buildPlan({
      targets: [
        ...base.targets.filter((t) => t.indicator !== 'rd_gdp'),
        path('rd_gdp', 'C-S', { '2026': 3 }),
        path('rd_gdp', 'T1', { '2026': 2.31 }),
        path('rd_gdp', 'T2', { '2026': 3.46 }),
      ],
    });
    // No 2026 GDP yet: the 2025 denominators (100, 150) are used.
    // (2.31 × 100 + 3.46 × 150) / 250 = (231 + 519) / 250 = 3.00 ≥ 3 → met.
    const gdp: DenominatorValue[] = [
      { indicator: 'gdp', region: 'T1', year: 2025, value: 100 },
      { indicator: 'gdp', region: 'T2', year: 2025, value: 150 },
    ];
    const [met] = planConsistencyReport(plan, gdp).filter((c) => c.kind === 'towns_ratio');
    expect(met).toMatchObject({ year: 2026, expected: 3, ok: true });
    expect(met!.actual).toBeCloseTo(3, 12);
    expect(met!.message).toContain('2025 gdp');
    // With 2026 GDP 150 and 100 the weights swap: (2.31 × 150 + 3.46 × 100) / 250 = 692.5/250 = 2.77 < 3.
    const [short] = planConsistencyReport(plan, [
      ...gdp,
      { indicator: 'gdp', region: 'T1', year: 2026, value: 150 },
      { indicator: 'gdp', region: 'T2', year: 2026, value: 100 },
    ]).filter((c) => c.kind === 'towns_ratio');
    expect(short).toMatchObject({ ok: false });
    expect(short!.actual).toBeCloseTo(2.77, 12);
  });

  it('no check while a town has no target for the year', () => {
    const plan = buildPlan({
      targets: [path('firms', 'C-S', { '2026': 101 }), path('firms', 'T1', { '2026': 59 })],
    });
    expect(planConsistencyReport(plan).filter((c) => c.kind === 'towns_sum')).toEqual([]);
  });
});
