import { describe, expect, it } from 'vitest';
import { buildIndicator, buildPlan } from '../testing/factories.ts';
import { periodOf } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import {
  indicatorSupplier,
  planOwingDepartments,
  roundAssignments,
  scopeAllowsWrite,
  submitterKey,
  type Assignment,
} from './scope.ts';

describe('write scope', () => {
  const firms = buildIndicator({ code: 'firms', leadUnits: ['kjj'] });
  const registered = buildIndicator({ code: 'hte', leadUnits: ['kjj'], townFiguresBy: 'department' });
  const gdp = buildIndicator({
    code: 'gdp',
    measure: 'flow',
    leadUnits: [],
    sourceDepartment: 'tjj',
    townFiguresBy: 'department',
  });
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

  it('who supplies: towns by default, the department when the plan says so or the figure is county-only', () => {
    expect([firms, registered, gdp, cityIndex, ratio].map(indicatorSupplier)).toEqual([
      'towns',
      'department',
      'department',
      'department',
      undefined,
    ]);
  });
  it('a town reporter writes its own town’s town-supplied figures only', () => {
    const actor = { role: 'town' as const, region: 'T1' };
    expect(scopeAllowsWrite(actor, firms, 'T1')).toBe(true);
    expect(scopeAllowsWrite(actor, firms, 'T2')).toBe(false);
    expect(scopeAllowsWrite(actor, ratio, 'T1')).toBe(false);
    // Supplied by a department: not the town's, even for its own territory; nor a county-only index.
    expect(scopeAllowsWrite(actor, registered, 'T1')).toBe(false);
    expect(scopeAllowsWrite(actor, cityIndex, 'T1')).toBe(false);
  });
  it('a department reporter writes the indicators it supplies, for any region, and nothing towns supply', () => {
    const kjj = { role: 'department' as const, department: 'kjj' };
    const tjj = { role: 'department' as const, department: 'tjj' };
    expect(scopeAllowsWrite(tjj, cityIndex, 'C')).toBe(true);
    expect(scopeAllowsWrite(kjj, cityIndex, 'C')).toBe(false);
    expect(scopeAllowsWrite(kjj, registered, 'T3')).toBe(true);
    expect(scopeAllowsWrite(kjj, registered, 'C')).toBe(true);
    expect(scopeAllowsWrite(tjj, registered, 'T3')).toBe(false);
    expect(scopeAllowsWrite(tjj, gdp, 'T1')).toBe(true);
    // firms is supplied by the towns: its lead unit does not write a town's figure.
    expect(scopeAllowsWrite(kjj, firms, 'T3')).toBe(false);
    expect(scopeAllowsWrite(kjj, ratio, 'C')).toBe(false);
  });
  it('a leader writes nothing; an admin everything', () => {
    expect(scopeAllowsWrite({ role: 'leader' }, firms, 'T1')).toBe(false);
    expect(scopeAllowsWrite({ role: 'admin' }, ratio, 'C')).toBe(true);
  });
});

describe('round assignments', () => {
  const cells = (as: Assignment[]) =>
    as.map((a) => `${submitterKey(a.submitter)} ${a.indicator} ${a.region} ${a.period}`).sort();

  it('by default every town valid at the period end owes its summed indicators; T4 only after 2024-11', () => {
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
    expect(new Set(q4.map((a) => a.submitter.kind))).toEqual(new Set(['town']));
  });
  it('annual indicators are owed in Q4 only', () => {
    const plan = buildPlan();
    plan.indicators.find((i) => i.code === 'rd')!.frequency = 'annual';
    expect(roundAssignments(plan, periodOf(2025, 2)).some((a) => a.indicator === 'rd')).toBe(false);
    expect(roundAssignments(plan, periodOf(2025, 4)).some((a) => a.indicator === 'rd')).toBe(true);
  });

  /**
   * The toy plan as a bureau would run it: 统计局 supplies GDP (quarterly) and R&D (annual) for every
   * town, 科技局 the firms register; the towns still report their new firms; a county-only index (annual)
   * from 统计局.
   */
  function departmentPlan(): Plan {
    const plan = buildPlan();
    const ind = (code: string) => plan.indicators.find((i) => i.code === code)!;
    Object.assign(ind('gdp'), { sourceDepartment: 'tjj', townFiguresBy: 'department' });
    Object.assign(ind('rd'), { sourceDepartment: 'tjj', townFiguresBy: 'department', frequency: 'annual' });
    Object.assign(ind('firms'), { townFiguresBy: 'department' });
    plan.indicators.push(
      buildIndicator({
        code: 'idx',
        measure: 'index',
        aggregation: 'none',
        frequency: 'annual',
        sourceDepartment: 'tjj',
      }),
    );
    return plan;
  }

  it('a department-supplied indicator is owed by the department for each town, and by no town', () => {
    const q3 = roundAssignments(departmentPlan(), periodOf(2025, 3));
    // Q3 (towns T1–T4 since 2024-11): gdp by 统计局 × 4, firms by 科技局 × 4, new_firms by each town;
    // rd and idx are annual.
    expect(cells(q3)).toEqual(
      [
        'department:kjj firms T1 2025Q3',
        'department:kjj firms T2 2025Q3',
        'department:kjj firms T3 2025Q3',
        'department:kjj firms T4 2025Q3',
        'department:tjj gdp T1 2025Q3',
        'department:tjj gdp T2 2025Q3',
        'department:tjj gdp T3 2025Q3',
        'department:tjj gdp T4 2025Q3',
        'town:T1 new_firms T1 2025Q3',
        'town:T2 new_firms T2 2025Q3',
        'town:T3 new_firms T3 2025Q3',
        'town:T4 new_firms T4 2025Q3',
      ].sort(),
    );
  });
  it('in Q4 the annual ones join: 统计局 owes R&D for every town and the county index', () => {
    const q4 = roundAssignments(departmentPlan(), periodOf(2025, 4));
    const owed = new Map<string, number>();
    for (const a of q4) owed.set(submitterKey(a.submitter), (owed.get(submitterKey(a.submitter)) ?? 0) + 1);
    // 统计局: gdp × 4 + rd × 4 + idx (C) = 9; 科技局: firms × 4; each town: new_firms.
    expect(Object.fromEntries(owed)).toEqual({
      'department:tjj': 9,
      'department:kjj': 4,
      'town:T1': 1,
      'town:T2': 1,
      'town:T3': 1,
      'town:T4': 1,
    });
    expect(q4.find((a) => a.indicator === 'idx')).toEqual({
      submitter: { kind: 'department', code: 'tjj' },
      indicator: 'idx',
      region: 'C',
      period: '2025Q4',
    });
    // Exactly one submitter per figure.
    const figures = q4.map((a) => `${a.indicator} ${a.region}`);
    expect(new Set(figures).size).toBe(figures.length);
  });
  it('each assignment is within its submitter’s scope of writing, and nobody else’s', () => {
    const plan = departmentPlan();
    const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
    const actors = [
      { role: 'department' as const, department: 'kjj' },
      { role: 'department' as const, department: 'tjj' },
      ...['T1', 'T2', 'T3', 'T4'].map((region) => ({ role: 'town' as const, region })),
    ];
    const keyOf = (a: (typeof actors)[number]) =>
      a.role === 'town' ? `town:${a.region}` : `department:${a.department}`;
    for (const a of roundAssignments(plan, periodOf(2025, 4))) {
      const writers = actors.filter((actor) => scopeAllowsWrite(actor, byCode.get(a.indicator)!, a.region));
      expect(writers.map(keyOf)).toEqual([submitterKey(a.submitter)]);
    }
  });
  it('the departments that owe something, in plan order', () => {
    expect(planOwingDepartments(buildPlan())).toEqual([]);
    expect(planOwingDepartments(departmentPlan())).toEqual(['kjj', 'tjj']);
  });
});
