import { describe, expect, it } from 'vitest';
import type { AllocationProposal } from '../api/types.ts';
import {
  allocationChecksFail,
  allocationManualSeed,
  allocationManualView,
  allocationProposalView,
} from './allocation-view.ts';

const name = (zh: string) => ({ zh, en: zh });

function proposal(overrides: Partial<AllocationProposal> = {}): AllocationProposal {
  return {
    indicator: 'hightech_enterprises',
    year: 2026,
    group: '330282-SJ',
    groupName: name('市级'),
    method: 'base-share',
    baseYear: 2025,
    allocates: 'value',
    comparator: '>=',
    groupTarget: 100,
    allocatedTotal: 100,
    groupBase: 80,
    implied: 100,
    rows: [
      { region: 'A', name: name('甲'), base: 40, proposed: 50, share: 0.5 },
      { region: 'B', name: name('乙'), base: 24, proposed: 30, share: 0.3 },
      { region: 'C', name: name('丙'), base: 16, proposed: 20, share: 0.2 },
    ],
    checks: { sum: { ok: true, expected: 100, actual: 100 } },
    explanation: name('按基期占比'),
    ...overrides,
  };
}

describe('manual allocation preview (issue 10 §1: towns sum exactly to the group target)', () => {
  it('accepts whole units that add up to the group target and shows each town’s share of the sum', () => {
    // 50 + 30 + 20 = 100 = the allocated total; shares 50/100, 30/100, 20/100.
    const v = allocationManualView(proposal(), { A: 50, B: 30, C: 20 }, 0, true);
    expect(v.sum).toBe(100);
    expect(v.rows.map((r) => r.share)).toEqual([0.5, 0.3, 0.2]);
    expect(v.checks.sum).toEqual({ ok: true, expected: 100, actual: 100 });
    expect(allocationChecksFail(v.checks)).toBe(false);
  });

  it('fails the sum check when the towns are one short and names fractional, negative and empty cells', () => {
    // 50 + 30 + 19 = 99 ≠ 100.
    const short = allocationManualView(proposal(), { A: 50, B: 30, C: 19 }, 0, true);
    expect(short.checks.sum).toEqual({ ok: false, expected: 100, actual: 99 });
    expect(allocationChecksFail(short.checks)).toBe(true);
    const bad = allocationManualView(proposal(), { A: 50.5, B: -1, C: undefined }, 0, true);
    expect(bad.problems).toEqual({ A: 'not_integer', B: 'negative', C: 'missing' });
    expect(bad.checks.sum?.ok).toBe(false);
  });

  it('tolerates half a unit of the last decimal for an amount (12.30 entered as 12.3)', () => {
    const p = proposal({ allocatedTotal: 12.3, groupTarget: 12.3 });
    expect(allocationManualView(p, { A: 6.1, B: 4.2, C: 2 }, 2, false).checks.sum?.ok).toBe(true);
    expect(allocationManualView(p, { A: 6.1, B: 4.2, C: 2.01 }, 2, false).checks.sum?.ok).toBe(false);
  });

  it('judges a ratio by the group ratio of sums, weighted by the towns’ denominators', () => {
    // R&D/GDP ≥ 3.0: A (GDP 100) and B (GDP 300). 5 % and 2 % imply (5·100 + 2·300)/400 = 2.75 < 3.0;
    // 6 % and 2 % imply (600 + 600)/400 = 3.0, met, each town carrying half of the numerator.
    const p = proposal({
      indicator: 'rd_gdp_ratio',
      allocates: 'numerator',
      groupTarget: 3,
      allocatedTotal: 12,
      rows: [
        { region: 'A', name: name('甲'), base: 4, proposed: 4, share: 0.33, denominator: 100 },
        { region: 'B', name: name('乙'), base: 2.5, proposed: 2.67, share: 0.67, denominator: 300 },
      ],
      checks: {},
    });
    const short = allocationManualView(p, { A: 5, B: 2 }, 2, false);
    expect(short.implied).toBeCloseTo(2.75, 12);
    expect(short.checks.ratio).toMatchObject({ ok: false, target: 3, comparator: '>=' });
    const met = allocationManualView(p, { A: 6, B: 2 }, 2, false);
    expect(met.implied).toBeCloseTo(3, 12);
    expect(met.checks.ratio?.ok).toBe(true);
    expect(met.rows.map((r) => r.share)).toEqual([0.5, 0.5]);
  });

  it('starts the manual cells from the proposal and shows the server’s own checks otherwise', () => {
    const p = proposal({ checks: { sum: { ok: false, expected: 100, actual: 99 } } });
    expect(allocationManualSeed(p)).toEqual({ A: 50, B: 30, C: 20 });
    const v = allocationProposalView(p);
    expect(v.sum).toBe(100);
    expect(allocationChecksFail(v.checks)).toBe(true);
  });
});
