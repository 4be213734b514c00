import { describe, expect, it } from 'vitest';
import type { AllocationProposal } from '../api/types.ts';
import type { RegionCode } from '@ding/core';
import { allocationManualSeed, allocationProposalView } from './allocation-view.ts';

const name = (zh: string) => ({ zh, en: zh });

function proposal(overrides: Partial<AllocationProposal> = {}): AllocationProposal {
  return {
    indicator: 'hightech_enterprises',
    year: 2026,
    group: '330282-SJ' as RegionCode,
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
      { region: 'A' as RegionCode, name: name('甲'), base: 40, proposed: 50, share: 0.5 },
      { region: 'B' as RegionCode, name: name('乙'), base: 24, proposed: 30, share: 0.3 },
      { region: 'C' as RegionCode, name: name('丙'), base: 16, proposed: 20, share: 0.2 },
    ],
    checks: { sum: { ok: true, expected: 100, actual: 100 } },
    explanation: name('按基期占比'),
    ...overrides,
  };
}

describe('allocation preview', () => {
  // The manual checks are core's allocationManualApply (tested in core's allocation.test.ts).
  it('starts the manual cells from the proposal and shows the server’s own checks otherwise', () => {
    const p = proposal({ checks: { sum: { ok: false, expected: 100, actual: 99 } } });
    expect(allocationManualSeed(p)).toEqual({ A: 50, B: 30, C: 20 });
    const v = allocationProposalView(p);
    expect(v.rows).toBe(p.rows);
    expect(v.checks.sum?.ok).toBe(false);
    expect(v.problems).toEqual({});
  });
});
