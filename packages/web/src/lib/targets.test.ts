import { describe, expect, it } from 'vitest';
import type { Target } from '@ding/core';
import { targetApplyForm, targetFormOf, targetSummary } from './targets.ts';

const name = (code: string) => ({ industrial_investment_growth: '工业投资增速' })[code] ?? code;

describe('target summaries', () => {
  it('lists a yearly path in year order', () => {
    const t: Target = {
      type: 'path',
      indicator: 'rd_gdp_ratio',
      region: '330282',
      source: '核心指标分解表',
      comparator: '>=',
      values: { '2026': 4.35, '2022': 3.3 },
    };
    expect(targetSummary(t, 'zh', name)).toBe('2022: 3.3 · 2026: 4.35');
  });

  it('says 年新增 for an annual flow and names the compared indicator of a relative target', () => {
    const flow: Target = {
      type: 'annual_flow',
      indicator: 'new_tech_smes',
      region: '330282',
      source: '核心指标分解表',
      from: 2022,
      to: 2026,
      value: 450,
    };
    expect(targetSummary(flow, 'zh', name)).toBe('2022–2026 每年新增 ≥ 450');
    const relative: Target = {
      type: 'relative_growth',
      indicator: 'hightech_investment_growth',
      region: '330282',
      source: '核心指标分解表',
      exceeds: 'industrial_investment_growth',
      marginPp: 0,
      from: 2022,
      to: 2026,
    };
    expect(targetSummary(relative, 'zh', name)).toBe('2022–2026 增速高于「工业投资增速」增速');
    expect(targetSummary(relative, 'en', name)).toBe("growth above that of '工业投资增速', 2022–2026");
  });
});

describe('editing a target', () => {
  const path: Target = {
    type: 'path',
    indicator: 'invention_patents',
    region: '330282',
    source: '核心指标分解表',
    comparator: '>=',
    values: { '2025': 9000, '2026': 10000 },
  };

  it('changes the numbers and keeps indicator, region, type and source', () => {
    const edited = targetApplyForm(path, { ...targetFormOf(path), values: { '2025': 9100, '2026': 10000 } });
    expect(edited).toEqual({ ...path, values: { '2025': 9100, '2026': 10000 } });
  });

  it('drops a year whose value was cleared from a path', () => {
    const edited = targetApplyForm(path, { values: { '2025': null, '2026': 10500 } });
    expect(edited.type === 'path' && edited.values).toEqual({ '2026': 10500 });
  });

  it('keeps the old number when a field is left empty', () => {
    const growth: Target = {
      type: 'average_growth',
      indicator: 'fiscal_st_spending',
      region: '330282',
      source: '三(一)1',
      baseYear: 2021,
      year: 2026,
      rate: 10,
    };
    expect(targetApplyForm(growth, { rate: 12 })).toEqual({ ...growth, rate: 12 });
  });
});
