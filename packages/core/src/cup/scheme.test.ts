// The 科技创新杯 scheme's checks (issue 10 "Bad input"): each error names the path into the scheme.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../testing/factories.ts';
import { cupEvidenceValidate, cupPathToString, cupSchemeValidate, type CupScheme } from './scheme.ts';

const plan = buildPlan();
const base = {
  id: 'x',
  name: { zh: '杯', en: 'Cup' },
  status: 'proposal',
  peerSet: 'towns',
  totalPoints: 30,
  groups: [{ code: 'town', name: { zh: '镇组', en: 'Towns' }, kinds: ['town'], top: 2 }],
  dimensions: [
    {
      code: 'A',
      name: { zh: '创新主体', en: 'Entities' },
      points: 30,
      items: [
        {
          code: 'a1',
          name: { zh: 'a1', en: 'a1' },
          indicator: 'firms',
          points: 20,
          rule: { kind: 'target_completion' },
        },
        { code: 'a2', name: { zh: 'a2', en: 'a2' }, indicator: 'firms', points: 10, rule: { kind: 'rank' } },
      ],
    },
  ],
  bonus: [{ code: 'bx', name: { zh: '加', en: 'Bonus' }, perUnit: 1, cap: 3 }],
  awards: { advancedMinTotal: 20 },
};
const errorsOf = (input: unknown) => {
  const r = cupSchemeValidate(input, plan);
  return r.ok ? [] : r.errors.map((e) => `${cupPathToString(e.path)}: ${e.message}`);
};
const withItems = (items: unknown[], points = 30) => ({
  ...base,
  dimensions: [{ ...base.dimensions[0], points, items }],
});
const item = base.dimensions[0]!.items[0]!;

describe('cupSchemeValidate', () => {
  it('accepts a well-formed scheme (target_completion cap defaults to 100)', () => {
    const r = cupSchemeValidate(base, plan);
    expect(r.ok).toBe(true);
    const rule = (r as { value: CupScheme }).value.dimensions[0]!.items[0]!.rule;
    expect(rule).toEqual({ kind: 'target_completion', cap: 100 });
  });

  it('names an unknown indicator', () => {
    expect(errorsOf(withItems([{ ...item, indicator: 'gdpx' }, base.dimensions[0]!.items[1]]))).toEqual([
      'dimensions[0].items[0].indicator: unknown indicator gdpx: the plan has no such indicator',
    ]);
  });

  it('names a duplicate item, even across bonus and dimensions', () => {
    expect(errorsOf({ ...base, bonus: [{ ...base.bonus[0], code: 'a2' }] })).toEqual([
      'bonus[0].code: duplicate item a2 (first at dimensions[0].items[1].code)',
    ]);
  });

  it("names points beyond the dimension's and the dimensions' beyond the declared total", () => {
    expect(errorsOf(withItems([item, { ...base.dimensions[0]!.items[1], points: 15 }]))).toEqual([
      "dimensions[0].points: the items' points add up to 35, more than the dimension's 30",
    ]);
    expect(errorsOf({ ...base, totalPoints: 25 })).toEqual([
      "totalPoints: the dimensions' points add up to 30, more than the declared total 25",
    ]);
  });

  it('names a bad rule field, an unknown peer set and a region kind in two groups', () => {
    expect(errorsOf(withItems([{ ...item, rule: { kind: 'growth', low: 5, high: 5 } }]))).toEqual([
      'dimensions[0].items[0].rule.high: growth band: high must exceed low',
    ]);
    expect(errorsOf({ ...base, peerSet: 'nope' })).toEqual(['peerSet: the plan has no peer set nope']);
    expect(errorsOf({ ...base, groups: [...base.groups, { ...base.groups[0], code: 'town2' }] })).toEqual([
      'groups[1].kinds[0]: region kind town is already in group town',
    ]);
  });
});

describe('cupEvidenceValidate', () => {
  const scheme = (cupSchemeValidate(base, plan) as { value: CupScheme }).value;
  const ok = { year: 2025, region: 'T1', item: 'bx', quantity: 1, note: '文件' };
  it('accepts evidence for a bonus item', () => {
    expect(cupEvidenceValidate(scheme, plan, ok)).toEqual([]);
  });
  it('refuses evidence for an item scored from the data, and one the scheme lacks', () => {
    expect(cupEvidenceValidate(scheme, plan, { ...ok, item: 'a1' })[0]!.message).toContain(
      'needs no evidence',
    );
    expect(cupEvidenceValidate(scheme, plan, { ...ok, item: 'zz' })[0]!.message).toBe(
      'the scheme has no item zz',
    );
  });
  it('refuses a region outside the groups, a non-integer quantity and no note or file', () => {
    const e = cupEvidenceValidate(scheme, plan, { ...ok, region: 'C', quantity: 1.5, note: ' ' });
    expect(e.map((x) => x.path[0])).toEqual(['region', 'quantity', 'note']);
  });
});
