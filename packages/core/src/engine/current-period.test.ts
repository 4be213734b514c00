import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation.ts';
import type { Plan } from '../plan/schema.ts';
import { buildObservation, buildPlan } from '../testing/factories.ts';
import { currentPeriodResolve } from './current-period.ts';

// Rule (issue 8 item 10; the screens' rule since commit 15e37b5): the current period is the latest in which
// at least half of the core indicators due have a 全市 value (reported, or a complete sum of the towns).

const TOWNS = Array.from({ length: 20 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);

/** County C with 20 towns (Cixi has 20); core: firms (stock), new_firms (flow), rd_gdp (ratio). */
function plan20(annualRd = false): Plan {
  const base = buildPlan();
  return buildPlan({
    regions: [
      { code: 'P', name: { zh: '地级市', en: 'Prefecture' }, kind: 'city' },
      { code: 'C', name: { zh: '测试县', en: 'Toy county' }, kind: 'county', parent: 'P' },
      ...TOWNS.map((code) => ({ code, name: { zh: code, en: code }, kind: 'town' as const, parent: 'C' })),
    ],
    regionGroups: [],
    peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: TOWNS }],
    indicators: base.indicators.map((i) => ({
      ...i,
      ...(['rd_gdp', 'firms', 'new_firms'].includes(i.code) ? { core: true } : {}),
      ...(annualRd && ['rd_gdp', 'rd', 'gdp'].includes(i.code) ? { frequency: 'annual' as const } : {}),
    })),
  });
}

const obs = (indicator: string, region: string, period: string, value: number): Observation =>
  buildObservation(indicator, region, period, value, { provenance: 'real' });

/** Every town's figures of every indicator for a period. */
function complete(period: string, towns: readonly string[] = TOWNS): Observation[] {
  return towns.flatMap((t, i) => [
    obs('firms', t, period, 10 + i),
    obs('new_firms', t, period, 1 + (i % 3)),
    obs('rd', t, period, 0.5),
    obs('gdp', t, period, 20),
  ]);
}

describe('currentPeriodResolve', () => {
  it('is a complete quarter when every town has published it', () => {
    const r = currentPeriodResolve(plan20(), [...complete('2025Q2'), ...complete('2025Q3')]);
    expect(r).toEqual({
      period: '2025Q3',
      basis: 'substantial',
      coverage: { period: '2025Q3', coreDue: 3, coreWithValue: 3, regionsPublished: 20, regionsTotal: 20 },
    });
  });

  it('stays on the complete quarter while a later one has 1 of 20 towns published, and names that one', () => {
    // One town's 2026Q1 figures: every 全市 sum is incomplete (19 towns missing), so 0 of 3 core values.
    const r = currentPeriodResolve(plan20(), [...complete('2025Q4'), ...complete('2026Q1', ['T07'])]);
    expect(r.period).toBe('2025Q4');
    expect(r.basis).toBe('substantial');
    expect(r.collecting).toEqual({
      period: '2026Q1',
      coreDue: 3,
      coreWithValue: 0,
      regionsPublished: 1,
      regionsTotal: 20,
    });
  });

  it('moves on once half of the core indicators due have a 全市 value, reported or a complete sum', () => {
    const base = complete('2025Q4');
    const firms = TOWNS.map((t) => obs('firms', t, '2026Q1', 5));
    // firms complete: 1 of 3 core values is less than half.
    expect(currentPeriodResolve(plan20(), [...base, ...firms]).period).toBe('2025Q4');
    // new_firms reported for 全市 itself: 2 of 3 ≥ 1.5.
    const r = currentPeriodResolve(plan20(), [...base, ...firms, obs('new_firms', 'C', '2026Q1', 30)]);
    expect(r.period).toBe('2026Q1');
    expect(r.coverage).toMatchObject({ coreDue: 3, coreWithValue: 2, regionsPublished: 20 });
    expect(r.collecting).toBeUndefined();
    // The threshold can be raised: with all 3 required, 2026Q1 is still being collected.
    const strict = currentPeriodResolve(plan20(), [...base, ...firms, obs('new_firms', 'C', '2026Q1', 30)], {
      minShare: 1,
    });
    expect(strict.period).toBe('2025Q4');
    expect(strict.collecting?.coreWithValue).toBe(2);
  });

  it('counts an annual core indicator as due at Q4 and in the year only', () => {
    const base = complete('2025Q4');
    const firms = TOWNS.map((t) => obs('firms', t, '2026Q1', 5));
    // rd_gdp is annual: at 2026Q1 only firms and new_firms are due, and firms is half of them.
    const r = currentPeriodResolve(plan20(true), [...base, ...firms]);
    expect(r.period).toBe('2026Q1');
    expect(r.coverage).toMatchObject({ coreDue: 2, coreWithValue: 1 });
    // At 2025Q4 all three are due.
    expect(currentPeriodResolve(plan20(true), base).coverage).toMatchObject({ coreDue: 3, coreWithValue: 3 });
  });

  it('is a year when the figures are annual only; a year with quarters stands for its Q4', () => {
    const annual = [...complete('2023'), ...complete('2024')];
    expect(currentPeriodResolve(plan20(true), annual)).toEqual({
      period: '2024',
      basis: 'substantial',
      coverage: { period: '2024', coreDue: 3, coreWithValue: 3, regionsPublished: 20, regionsTotal: 20 },
    });
    // 2025 has quarters: its annual 年报 is 2025Q4 (the same moment), which is after 2025Q3.
    const r = currentPeriodResolve(plan20(true), [...annual, ...complete('2025Q3'), ...complete('2025')]);
    expect(r.period).toBe('2025Q4');
    expect(r.coverage?.regionsPublished).toBe(20);
  });

  it('falls back to the latest period with figures when none is substantial, and says so', () => {
    const r = currentPeriodResolve(plan20(), [
      obs('firms', 'T01', '2025Q1', 1),
      obs('firms', 'T02', '2025Q2', 1),
    ]);
    expect(r).toEqual({
      period: '2025Q2',
      basis: 'latest_with_data',
      coverage: { period: '2025Q2', coreDue: 3, coreWithValue: 0, regionsPublished: 1, regionsTotal: 20 },
    });
  });

  it('has no period when nothing is published', () => {
    expect(currentPeriodResolve(plan20(), [])).toEqual({ period: undefined, basis: 'none' });
  });
});
