import { describe, expect, it } from 'vitest';
import type { CupItemScore, CupResults, CupScheme, CupTownResult } from '@ding/core';
import {
  cupGroupTowns,
  cupEvidenceItem,
  cupItemTraceable,
  cupGrowthText,
  cupPointsText,
  cupRankText,
  cupRuleText,
  cupSchemeTotals,
  cupTownBreakdown,
} from './cup-view.ts';

const n = (zh: string) => ({ zh, en: zh });

function item(code: string, dimension: string, points: number, indicator?: string): CupItemScore {
  return {
    item: code,
    name: n(code),
    dimension,
    rule: 'target_completion',
    points,
    max: 10,
    formula: n(`${code} formula`),
    inputs: {
      region: 'R',
      period: '2025',
      observationIds: [],
      ...(indicator ? { indicator, value: 5 } : {}),
    },
  };
}

function town(
  region: string,
  group: string,
  rankInGroup: number,
  over: Partial<CupTownResult> = {},
): CupTownResult {
  return {
    region,
    name: n(region),
    group,
    items: [],
    dimensions: [],
    base: 0,
    bonus: 0,
    deduction: 0,
    total: 0,
    rankInGroup,
    groupSize: 2,
    rankOverall: rankInGroup,
    adjustments: [],
    awards: [],
    whatIf: [],
    ...over,
  };
}

const scheme = {
  dimensions: [
    { code: 'entities', name: n('创新主体'), points: 35, items: [] },
    { code: 'inputs', name: n('创新投入'), points: 35, items: [] },
  ],
  bonus: [
    { code: 'lab', name: n('省级研发机构'), perUnit: 2, cap: 6 },
    { code: 'project', name: n('重大项目'), perUnit: 1, cap: 4 },
  ],
  deductions: [{ code: 'fraud', name: n('数据造假'), perUnit: 5, cap: 10 }],
} as unknown as CupScheme;

describe('科技创新杯 view', () => {
  it('lists one peer group in rank order, leaving the other groups out (each group ranked separately)', () => {
    const results = {
      towns: [town('B', 'street', 2), town('X', 'town', 1), town('A', 'street', 1)],
    } as unknown as CupResults;
    expect(cupGroupTowns(results, 'street').map((t) => t.region)).toEqual(['A', 'B']);
    expect(cupGroupTowns(results, 'town').map((t) => t.region)).toEqual(['X']);
  });

  it('puts a town’s items under the scheme’s dimensions with the subtotals core computed', () => {
    const t = town('A', 'street', 1, {
      items: [
        item('i1', 'entities', 8.5, 'hightech_enterprises'),
        item('i2', 'inputs', 3),
        item('i3', 'entities', 1),
      ],
      dimensions: [
        { code: 'inputs', name: n('创新投入'), points: 3, max: 35 },
        { code: 'entities', name: n('创新主体'), points: 9.5, max: 35 },
      ],
    });
    const b = cupTownBreakdown(t);
    // In the order core gave (the scheme's), with name and max from core's subtotals.
    expect(b.map((d) => [d.code, d.name.zh, d.points, d.max, d.items.map((i) => i.item)])).toEqual([
      ['inputs', '创新投入', 3, 35, ['i2']],
      ['entities', '创新主体', 9.5, 35, ['i1', 'i3']],
    ]);
    expect(cupItemTraceable(t.items[0]!)).toBe(true);
    expect(cupItemTraceable(t.items[1]!)).toBe(false);
  });

  it('adds the most a town can gain or lose by evidence', () => {
    // bonus caps 6 + 4 = 10; deduction cap 10.
    expect(cupSchemeTotals(scheme)).toEqual({ bonusMax: 10, deductionMax: 10 });
  });

  it('prints growth as the formula does (1 decimal, % or 个百分点) and a rank alone when the size is missing', () => {
    // 12.345% → 12.3%; 0.25 pp → 0.3 个百分点 (四舍五入 half away, engine/rounding.ts).
    expect(cupGrowthText(12.345, 'percent', 'zh')).toBe('12.3%');
    expect(cupGrowthText(0.25, 'pp', 'zh')).toBe('0.3个百分点');
    expect(cupGrowthText(0.25, 'pp', 'en')).toBe('0.3 pp');
    expect(cupRankText(3, 14)).toBe('3/14');
    expect(cupRankText(3, undefined)).toBe('3');
    expect(cupPointsText(10.5)).toBe('10.50');
  });

  it('gives an evidence entry its item and points before the cap: quantity × per unit, negative for a deduction', () => {
    // lab: 2 points each; 4 labs → 8, above the cap 6 (the town's adjustment caps it, not the entry).
    expect(cupEvidenceItem(scheme, { item: 'lab', quantity: 4 })).toEqual({
      side: 'bonus',
      name: n('省级研发机构'),
      points: 8,
    });
    // fraud: 5 points each, taken off → −5.
    expect(cupEvidenceItem(scheme, { item: 'fraud', quantity: 1 })?.points).toBe(-5);
    // An item the scheme no longer has does not score.
    expect(cupEvidenceItem(scheme, { item: 'gone', quantity: 1 })).toBeUndefined();
  });

  it('says each rule in words with the item’s points (cup-scheme.yaml rule kinds)', () => {
    expect(cupRuleText({ kind: 'target_completion', cap: 110 }, 12, 'zh')).toBe(
      '12 × min(完成率, 110%) ÷ 100%',
    );
    expect(cupRuleText({ kind: 'growth', low: 0, high: 20 }, 7, 'zh')).toBe(
      '增长 ≤ 0 得 0 分，≥ 20 得 7 分，其间线性',
    );
    expect(cupRuleText({ kind: 'per_unit', perUnit: 0.5 }, 7, 'en')).toBe('0.5 per unit, at most 7');
    expect(cupRuleText({ kind: 'yes_no', atLeast: 1 }, 4, 'zh')).toBe('达到 1 得 4 分，否则 0 分');
  });
});
