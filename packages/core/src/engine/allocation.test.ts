// Target allocation to towns (issue 10 items 1–2): every method with hand-computed splits.
import { describe, expect, it } from 'vitest';
import { buildObservation as obs, buildPlan } from '../testing/factories.ts';
import type { Plan } from '../plan/schema.ts';
import type { RegionCode } from '../types.ts';
import {
  allocationBelowBase,
  allocationChecksFail,
  allocationLargestRemainder,
  allocationManualApply,
  allocationPropose,
  allocationRoundedAmounts,
  type AllocationProposal,
  type AllocationRequest,
  type AllocationResult,
} from './allocation.ts';
import { observationStoreBuild } from './observation-store.ts';
import { roundHalfAway } from './rounding.ts';
import { valueResolverCreate } from './values.ts';

const base = buildPlan();
const plan: Plan = buildPlan({
  indicators: base.indicators.map((i) => (i.code === 'firms' ? { ...i, integer: true } : i)),
  targets: [
    ...base.targets,
    {
      type: 'path',
      indicator: 'firms',
      region: 'C-S',
      source: 'test',
      comparator: '>=',
      values: { '2026': 101 },
    },
    {
      type: 'path',
      indicator: 'rd_gdp',
      region: 'C-S',
      source: 'test',
      comparator: '>=',
      values: { '2026': 3 },
    },
    { type: 'path', indicator: 'rd', region: 'C', source: 'test', comparator: '>=', values: { '2026': 10 } },
  ],
});
const observations = [
  obs('firms', 'T1', '2025', 38),
  obs('firms', 'T2', '2025', 27),
  obs('firms', 'T3', '2025', 21),
  obs('firms', 'T4', '2025', 11),
  obs('rd', 'T1', '2025', 2),
  obs('rd', 'T2', '2025', 4.5),
  obs('gdp', 'T1', '2025', 100),
  obs('gdp', 'T2', '2025', 150),
  obs('gdp', 'T3', '2025', 30),
  obs('gdp', 'T4', '2025', 20),
];
const values = valueResolverCreate(plan, observationStoreBuild(observations));

function propose(request: Partial<AllocationRequest>, p: Plan = plan): AllocationResult {
  return allocationPropose(p, values, {
    indicator: 'firms',
    year: 2026,
    group: 'C',
    method: 'base-share',
    ...request,
  });
}
function ok(result: AllocationResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}
const proposed = (result: AllocationResult) => ok(result).rows.map((r) => [r.region, r.proposed]);

describe('largest-remainder (Hamilton) rounding of counts', () => {
  it('gives the leftover units to the largest remainders so the parts sum to the total', () => {
    // 100 over three equal weights: quotas 33.33 each; floors 33+33+33 = 99, one unit left → the first
    // town (equal remainders and weights: earlier town). Naive rounding would give 99.
    expect(allocationLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 150 over 10,10,10,10: quotas 37.5; floors 148; 2 units → T1, T2 (ties by order). Rounding half up gives 152.
    expect(allocationLargestRemainder(150, [10, 10, 10, 10])).toEqual([38, 38, 37, 37]);
  });

  it('base-share of 全县 150 高企 over four towns with 2025 bases 38/27/21/11', () => {
    // Σ base 97. quotas 150×38/97 = 58.763, 150×27/97 = 41.753, 150×21/97 = 32.474, 150×11/97 = 17.010;
    // floors 58+41+32+17 = 148, 2 units left → T1 (.763) and T2 (.753): 59, 42, 32, 17 = 150.
    const v = ok(propose({}));
    expect(v.rows.map((r) => r.proposed)).toEqual([59, 42, 32, 17]);
    expect(v.checks.sum).toEqual({ ok: true, expected: 150, actual: 150 });
    expect(v.groupBase).toBe(97);
    expect(v.rows[0]!.share).toBeCloseTo(59 / 150, 10);
  });

  it('市级 (complement group) over its towns on the year-end date: T1 and T2 only', () => {
    // C-S = C − C-Z = T1, T2. 101 × 38/65 = 59.046, 101 × 27/65 = 41.954 → floors 59 + 41 = 100, the unit → T2.
    expect(proposed(propose({ group: 'C-S' }))).toEqual([
      ['T1', 59],
      ['T2', 42],
    ]);
  });

  it('equal-growth: every town at the group rate 101/65 − 1 = 55.4 % from its base (same split as base-share)', () => {
    const v = ok(propose({ group: 'C-S', method: 'equal-growth' }));
    expect(v.rows.map((r) => r.proposed)).toEqual([59, 42]);
    expect(v.explanation.zh).toContain('55.4%');
  });
});

describe('amounts and ratios', () => {
  it('amounts to the indicator decimals with the remainder on the largest town', () => {
    // 1 over 4,4,1 at 2 decimals: 0.44, 0.44, 0.11 = 0.99; the 0.01 left goes to the first largest → 0.45.
    expect(allocationRoundedAmounts(1, [4, 4, 1], 2)).toEqual([0.45, 0.44, 0.11]);
  });

  it('a rounding remainder of binary noise (−3.6e-15) is no remainder, not NaN', () => {
    // 50.56 by 528.25/244.76/146.2 (前湾 GDP 2025 in the demo): 29.0557 → 29.06, 13.4627 → 13.46,
    // 8.0416 → 8.04; Σ 50.56 up to −3.6e-15, which once made roundHalfAway('…e-15e2') NaN.
    expect(allocationRoundedAmounts(50.56, [528.25, 244.76, 146.2], 2)).toEqual([29.06, 13.46, 8.04]);
    expect(roundHalfAway(-3.5e-15, 2)).toBe(0);
    expect(roundHalfAway(4e-7, 6)).toBe(0);
    expect(roundHalfAway(6e-7, 6)).toBe(0.000001);
  });

  it('weighted: R&D 10 亿元 over the towns by 2025 GDP 100/150/30/20', () => {
    // 10 × 100/300 = 3.333 → 3.33; 10 × 150/300 = 5.00; 10 × 30/300 = 1.00; 10 × 20/300 = 0.667 → 0.67; Σ 10.00.
    const v = ok(propose({ indicator: 'rd', method: 'weighted', weight: 'gdp' }));
    expect(v.rows.map((r) => [r.proposed, r.weight])).toEqual([
      [3.33, 100],
      [5, 150],
      [1, 30],
      [0.67, 20],
    ]);
    expect(v.checks.sum?.ok).toBe(true);
  });

  it('a ratio target is met by the ratio of sums over the towns’ denominators (R&D/GDP 3 % for 市级)', () => {
    // Σ GDP 250 ⇒ numerator needed 3 × 250 / 100 = 7.50 亿元. base-share of 2025 R&D 2.0/4.5 (Σ 6.5):
    // 7.5 × 2/6.5 = 2.3077 → 2.31, 7.5 × 4.5/6.5 = 5.1923 → 5.19 (Σ 7.50). Town ratios 2.31/100 = 2.31 %,
    // 5.19/150 = 3.46 %; implied (2.31×100 + 3.46×150) / 250 = 750/250 = 3.00 % ≥ 3.
    const v = ok(propose({ indicator: 'rd_gdp', group: 'C-S' }));
    expect(v.allocates).toBe('numerator');
    expect(v.allocatedTotal).toBe(7.5);
    expect(v.rows.map((r) => [r.base, r.numerator, r.denominator, r.proposed])).toEqual([
      [2, 2.31, 100, 2.31],
      [3, 5.19, 150, 3.46],
    ]);
    expect(v.groupBase).toBeCloseTo(2.6, 10); // 6.5 / 250 × 100
    expect(v.checks.ratio?.ok).toBe(true);
    expect(v.implied).toBeCloseTo(3, 10);
  });

  it('weighted by the denominator itself gives every town the group ratio', () => {
    // 7.5 × 100/250 = 3.00 and 4.50 ⇒ 3.00 % and 3.00 %.
    expect(
      proposed(propose({ indicator: 'rd_gdp', group: 'C-S', method: 'weighted', weight: 'gdp' })),
    ).toEqual([
      ['T1', 3],
      ['T2', 3],
    ]);
  });
});

describe('manual entry', () => {
  it('accepts whole counts that sum to the target', () => {
    expect(proposed(propose({ group: 'C-S', method: 'manual', manual: { T1: 60, T2: 41 } }))).toEqual([
      ['T1', 60],
      ['T2', 41],
    ]);
  });

  it('refuses negative, fractional and missing values, naming the town', () => {
    const r = propose({ method: 'manual', manual: { T1: -1, T2: 40.5, T3: 100, X9: 3 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.kind, e.field])).toEqual([
      ['manual_unknown_region', 'manual.X9'],
      ['manual_negative', 'manual.T1'],
      ['manual_not_integer', 'manual.T2'],
      ['manual_missing', 'manual.T4'],
    ]);
  });

  it('refuses counts that do not sum to the group target', () => {
    const r = propose({ group: 'C-S', method: 'manual', manual: { T1: 60, T2: 40 } });
    expect(r.ok || r.errors[0]).toMatchObject({ kind: 'manual_sum', field: 'manual' });
    expect(r.ok || r.errors[0]!.message.zh).toContain('各镇街分解值合计100，不等于市级目标101');
  });

  it('refuses town ratios whose ratio of sums falls short: (2.9×100 + 3×150)/250 = 2.96 < 3', () => {
    const r = propose({ indicator: 'rd_gdp', group: 'C-S', method: 'manual', manual: { T1: 2.9, T2: 3 } });
    expect(r.ok || r.errors[0]!.kind).toBe('manual_ratio_short');
  });
});

describe('bad requests', () => {
  it('names the town without base data', () => {
    const r = allocationPropose(
      plan,
      valueResolverCreate(plan, observationStoreBuild(observations.filter((o) => o.region !== 'T2'))),
      { indicator: 'firms', year: 2026, group: 'C-S', method: 'base-share' },
    );
    expect(r.ok || r.errors).toMatchObject([{ kind: 'no_base', field: 'baseYear', region: 'T2' }]);
  });

  it('refuses growth rates, unknown groups, years without a target and a missing weight', () => {
    const kind = (r: AllocationResult) => (r.ok ? 'ok' : r.errors[0]!.kind);
    expect(kind(propose({ indicator: 'firms_growth' }))).toBe('not_allocatable');
    expect(kind(propose({ group: 'T1' }))).toBe('unknown_group');
    expect(kind(propose({ group: 'C-S', year: 2025 }))).toBe('no_target');
    expect(kind(propose({ method: 'weighted' }))).toBe('unknown_weight');
    expect(kind(propose({ indicator: 'nope' }))).toBe('unknown_indicator');
  });
});

describe('manual values checked as approval checks them (allocationManualApply, the web preview too)', () => {
  const town = (region: string, base: number, proposed: number, denominator?: number) => ({
    region: region as RegionCode,
    name: { zh: region, en: region },
    base,
    proposed,
    share: 0,
    ...(denominator === undefined ? {} : { denominator }),
  });
  const counts: Pick<
    AllocationProposal,
    'rows' | 'allocates' | 'allocatedTotal' | 'groupTarget' | 'comparator'
  > = {
    rows: [town('A', 40, 50), town('B', 24, 30), town('C', 16, 20)],
    allocates: 'value',
    allocatedTotal: 100,
    groupTarget: 100,
    comparator: '>=',
  };
  const count = { decimals: 0, integer: true };

  it('whole units adding up to the group target pass, each town sharing 50/100, 30/100, 20/100', () => {
    const v = allocationManualApply(counts, { A: 50, B: 30, C: 20 }, count);
    expect(v.rows.map((r) => r.share)).toEqual([0.5, 0.3, 0.2]);
    expect(v.checks.sum).toEqual({ ok: true, expected: 100, actual: 100 });
    expect(allocationChecksFail(v.checks)).toBe(false);
  });

  it('one short (50 + 30 + 19 = 99 ≠ 100) fails; fractional, negative and empty cells are named', () => {
    const short = allocationManualApply(counts, { A: 50, B: 30, C: 19 }, count);
    expect(short.checks.sum).toEqual({ ok: false, expected: 100, actual: 99 });
    expect(allocationChecksFail(short.checks)).toBe(true);
    const bad = allocationManualApply(counts, { A: 50.5, B: -1, C: undefined }, count);
    expect(bad.problems).toEqual({ A: 'not_integer', B: 'negative', C: 'missing' });
    expect(bad.checks.sum?.ok).toBe(false);
  });

  it('an amount is compared at its decimals: 6.1 + 4.2 + 2 = 12.3 (binary 12.299…) passes, 12.31 does not', () => {
    const amounts = { ...counts, allocatedTotal: 12.3, groupTarget: 12.3 };
    const money = { decimals: 2, integer: false };
    expect(allocationManualApply(amounts, { A: 6.1, B: 4.2, C: 2 }, money).checks.sum?.ok).toBe(true);
    expect(allocationManualApply(amounts, { A: 6.1, B: 4.2, C: 2.01 }, money).checks.sum?.ok).toBe(false);
  });

  it('a ratio is judged by the ratio of sums over the towns’ denominators (MISSION §2)', () => {
    // R&D/GDP ≥ 3.0 %, GDP 100 and 300: 5 % and 2 % imply (5·100 + 2·300)/400 = 2.75 < 3;
    // 6 % and 2 % imply (600 + 600)/400 = 3.0, met, each town carrying half of the numerator (6 亿元).
    const ratio = {
      rows: [town('A', 4, 4, 100), town('B', 2.5, 2.67, 300)],
      allocates: 'numerator' as const,
      allocatedTotal: 12,
      groupTarget: 3,
      comparator: '>=' as const,
      multiplier: 100,
    };
    const pct = { decimals: 2, integer: false };
    const short = allocationManualApply(ratio, { A: 5, B: 2 }, pct);
    expect(short.implied).toBeCloseTo(2.75, 12);
    expect(short.checks.ratio).toMatchObject({ ok: false, target: 3, comparator: '>=' });
    const met = allocationManualApply(ratio, { A: 6, B: 2 }, pct);
    expect(met.implied).toBeCloseTo(3, 12);
    expect(met.checks.ratio?.ok).toBe(true);
    expect(met.rows.map((r) => r.share)).toEqual([0.5, 0.5]);
    expect(met.rows.map((r) => r.numerator)).toEqual([6, 6]); // 6 % × 100 / 100, 2 % × 300 / 100
  });
});

describe('allocationBelowBase', () => {
  it('names the towns asked to fall below their base (at-least targets only)', () => {
    // a GDP-weighted split of 市级 高企: 龙山 94 → 47 and 桥头 51 → 34 fall back, 周巷 61 → 70 grows
    const rows = [
      { region: 'LS' as RegionCode, base: 94, proposed: 47 },
      { region: 'QT' as RegionCode, base: 51, proposed: 34 },
      { region: 'ZX' as RegionCode, base: 61, proposed: 70 },
      { region: 'NEW' as RegionCode, base: undefined, proposed: 5 },
    ];
    expect(allocationBelowBase({ comparator: '>=' }, rows)).toEqual(['LS', 'QT']);
    expect(allocationBelowBase({ comparator: '<=' }, rows)).toEqual([]);
  });
});
