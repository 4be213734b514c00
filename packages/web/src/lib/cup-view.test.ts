import { describe, expect, it } from 'vitest';
import type { CupItemScore, CupResults, CupScheme, CupTownResult } from '@ding/core';
import {
  cupGroupTowns,
  cupItemTraceable,
  cupRankChangeText,
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

  it('prints 位次变化 as last year’s rank minus this year’s: ↑2, ↓1, 持平, 新', () => {
    // Last year 5th, now 3rd: rankChange = 5 − 3 = +2 → ↑2.
    expect(cupRankChangeText(2, 'zh')).toEqual({ text: '↑2', tone: 'up' });
    expect(cupRankChangeText(-1, 'zh')).toEqual({ text: '↓1', tone: 'down' });
    expect(cupRankChangeText(0, 'zh').text).toBe('持平');
    expect(cupRankChangeText(undefined, 'zh').text).toBe('新');
    expect(cupRankChangeText(undefined, 'en').text).toBe('new');
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
    const b = cupTownBreakdown(t, scheme);
    expect(b.map((d) => [d.code, d.points, d.items.map((i) => i.item)])).toEqual([
      ['entities', 9.5, ['i1', 'i3']],
      ['inputs', 3, ['i2']],
    ]);
    expect(cupItemTraceable(t.items[0]!)).toBe(true);
    expect(cupItemTraceable(t.items[1]!)).toBe(false);
  });

  it('adds the scheme’s base points and the most a town can gain or lose by evidence', () => {
    // 35 + 35 = 70 base; bonus caps 6 + 4 = 10; deduction cap 10.
    expect(cupSchemeTotals(scheme)).toEqual({ base: 70, bonusMax: 10, deductionMax: 10 });
  });

  it('says each rule in words with the item’s points (cup-scheme.yaml rule kinds)', () => {
    expect(cupRuleText({ kind: 'target_completion', cap: 110 }, 12, 'zh')).toBe(
      '12 × min(完成度, 110%) ÷ 100%',
    );
    expect(cupRuleText({ kind: 'growth', low: 0, high: 20 }, 7, 'zh')).toBe(
      '增长 ≤ 0 得 0 分，≥ 20 得 7 分，其间线性',
    );
    expect(cupRuleText({ kind: 'per_unit', perUnit: 0.5 }, 7, 'en')).toBe('0.5 per unit, at most 7');
    expect(cupRuleText({ kind: 'yes_no', atLeast: 1 }, 4, 'zh')).toBe('达到 1 得 4 分，否则 0 分');
  });
});
