// The 科技创新杯 评比结果通报 (issue 10 §7): one ranking table per group in the scheme's order, the awards as
// the results give them, the notes — every figure as the results table prints it (2 decimals).
import { describe, expect, it } from 'vitest';
import { inlineText, type ReportTableBlock } from '../report/document.ts';
import { buildPlan } from '../testing/factories.ts';
import { cupNoticeDocument } from './notice.ts';
import type { CupScheme } from './scheme.ts';
import type { CupResults, CupTownResult } from './score.ts';

const plan = buildPlan();
const name = (zh: string) => ({ zh, en: zh });

const scheme = {
  id: 'cup',
  name: { zh: '科技创新杯评比办法', en: 'Cup rules' },
  status: 'proposal',
  peerSet: 'towns',
  totalPoints: 100,
  groups: [
    { code: 'street', name: name('街道组'), kinds: ['street'], top: 1 },
    { code: 'town', name: name('镇组'), kinds: ['town'], top: 1 },
  ],
  dimensions: [
    { code: 'A', name: name('创新主体'), points: 60, items: [] },
    { code: 'B', name: name('创新成效'), points: 40, items: [] },
  ],
  bonus: [],
  deductions: [],
  awards: { advancedMinTotal: 80 },
} as unknown as CupScheme;

function town(
  region: string,
  group: string,
  rankInGroup: number,
  a: number,
  b: number,
  adj: [number, number],
  change?: number,
): CupTownResult {
  return {
    region,
    name: name(region),
    group,
    items: [],
    dimensions: [
      { code: 'A', name: name('创新主体'), points: a, max: 60 },
      { code: 'B', name: name('创新成效'), points: b, max: 40 },
    ],
    base: a + b,
    bonus: adj[0],
    deduction: adj[1],
    total: a + b + adj[0] + adj[1],
    rankInGroup,
    groupSize: 2,
    rankOverall: 0,
    ...(change === undefined ? {} : { rankChange: change }),
    adjustments: [],
    awards: [],
    whatIf: [],
  };
}

const results: CupResults = {
  year: 2025,
  schemeId: 'cup',
  status: 'proposal',
  // out of order on purpose: the notice orders by group (scheme order), then rank
  towns: [
    town('镇乙', 'town', 2, 40, 30, [0, -3], -1),
    town('街道甲', 'street', 1, 50.5, 35.25, [5, 0], 2),
    town('镇甲', 'town', 1, 45, 31.125, [2, 0]),
    town('街道乙', 'street', 2, 40, 30, [0, 0], 0),
  ],
  awards: [
    { group: 'street', name: name('街道组一强'), kind: 'top', regions: ['街道甲'] },
    { group: 'town', name: name('镇组一强'), kind: 'top', regions: ['镇甲'] },
    { group: '', name: name('先进单位'), kind: 'advanced', regions: ['街道甲'] },
  ],
  warnings: [],
  synthetic: true,
};

const doc = cupNoticeDocument(plan, scheme, results, { lang: 'zh', date: '2026-01-20' });
const tables = doc.blocks.filter((b): b is ReportTableBlock => b.kind === 'table');
const cells = (t: ReportTableBlock) => t.rows.map((r) => r.map((c) => c.text));
const text = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : []));

describe('cupNoticeDocument', () => {
  it('has one table per group, in the scheme order, towns by rank, figures to 2 decimals', () => {
    expect(tables.map((t) => t.caption)).toEqual(['表1 2025年度街道组评比得分', '表2 2025年度镇组评比得分']);
    expect(tables[0]!.columns.map((c) => c.label)).toEqual([
      '名次',
      '镇（街道）',
      '总分',
      '创新主体（60）',
      '创新成效（40）',
      '加分',
      '扣分',
      '位次变化',
    ]);
    // 街道甲: 50.5 + 35.25 + 5 = 90.75; 镇甲: 45 + 31.125 + 2 = 78.125 → 78.13 (half away), new → 新;
    // 镇乙: 40 + 30 − 3 = 67, 扣分 printed as 3.00, down one place
    expect(cells(tables[0]!)).toEqual([
      ['1', '街道甲', '90.75', '50.50', '35.25', '5.00', '0.00', '↑2'],
      ['2', '街道乙', '70.00', '40.00', '30.00', '0.00', '0.00', '持平'],
    ]);
    expect(cells(tables[1]!)).toEqual([
      ['1', '镇甲', '78.13', '45.00', '31.13', '2.00', '0.00', '新'],
      ['2', '镇乙', '67.00', '40.00', '30.00', '0.00', '3.00', '↓1'],
    ]);
  });

  it('names the scheme and the towns counted, lists every award, and says what the figures are', () => {
    expect(text[0]).toBe(
      '根据《科技创新杯评比办法》，对全市4个镇（街道）2025年度科技创新工作进行了综合评比。现将评比结果通报如下：',
    );
    expect(text).toContain('街道组一强：街道甲。');
    expect(text).toContain('先进单位：街道甲。');
    expect(doc.meta).toMatchObject({
      headline: '2025年度“科技创新杯”评比结果通报',
      date: '2026-01-20',
      synthetic: true,
    });
    expect(doc.meta.notes[0]).toBe('评分方案为建议稿，尚待市科技局确定。');
    expect(doc.meta.notes.at(-1)).toContain('含合成演示数据');
  });
});
