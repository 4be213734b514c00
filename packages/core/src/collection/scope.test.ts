import { describe, expect, it } from 'vitest';
import { buildIndicator, buildPlan } from '../testing/factories.ts';
import { periodOf } from '../period.ts';
import { roundAssignments, scopeAllowsWrite } from './scope.ts';

describe('write scope', () => {
  const firms = buildIndicator({ code: 'firms', leadUnits: ['kjj'] });
  const cityIndex = buildIndicator({
    code: 'idx',
    measure: 'index',
    aggregation: 'none',
    sourceDepartment: 'tjj',
  });
  const ratio = buildIndicator({
    code: 'r',
    measure: 'ratio',
    aggregation: 'ratio_of_sums',
    ratio: { numerator: 'a', denominator: 'b', multiplier: 100 },
  });

  it('a town reporter writes its own town only, and never a computed ratio', () => {
    const actor = { role: 'town' as const, region: 'T1' };
    expect(scopeAllowsWrite(actor, firms, 'T1')).toBe(true);
    expect(scopeAllowsWrite(actor, firms, 'T2')).toBe(false);
    expect(scopeAllowsWrite(actor, ratio, 'T1')).toBe(false);
  });
  it('a department reporter writes the indicators it reports, for any region', () => {
    expect(scopeAllowsWrite({ role: 'department', department: 'tjj' }, cityIndex, 'C')).toBe(true);
    expect(scopeAllowsWrite({ role: 'department', department: 'kjj' }, cityIndex, 'C')).toBe(false);
    expect(scopeAllowsWrite({ role: 'department', department: 'kjj' }, firms, 'T3')).toBe(true);
  });
  it('a leader writes nothing; an admin everything', () => {
    expect(scopeAllowsWrite({ role: 'leader' }, firms, 'T1')).toBe(false);
    expect(scopeAllowsWrite({ role: 'admin' }, ratio, 'C')).toBe(true);
  });
});

describe('round assignments', () => {
  it('every town valid at the period end owes its summed indicators; T4 only after 2024-11', () => {
    const plan = buildPlan();
    const q3 = roundAssignments(plan, periodOf(2024, 3));
    const q4 = roundAssignments(plan, periodOf(2024, 4));
    // summed, reported indicators of the toy plan: gdp, rd, firms, new_firms (4) × 3 towns, then × 4 towns
    expect(q3).toHaveLength(12);
    expect(q4).toHaveLength(16);
    expect(q4.filter((a) => a.region === 'T4').map((a) => a.submitter)).toContainEqual({
      kind: 'town',
      code: 'T4',
    });
  });
  it('annual indicators are owed in Q4 only', () => {
    const plan = buildPlan();
    plan.indicators.find((i) => i.code === 'rd')!.frequency = 'annual';
    expect(roundAssignments(plan, periodOf(2025, 2)).some((a) => a.indicator === 'rd')).toBe(false);
    expect(roundAssignments(plan, periodOf(2025, 4)).some((a) => a.indicator === 'rd')).toBe(true);
  });
});
