// The monthly 督查通报 (issue 11 §5): the overview's counts printed as they are, the shares of the open items
// adding up as printed, every red and yellow item with its first reason, the ranking with 位次变化 against the
// previous month, the laggard units named in 下步要求 — figures hand-computed below.
import { describe, expect, it } from 'vitest';
import type { Period } from '../period.ts';
import { inlineText, type ReportTableBlock } from '../report/document.ts';
import { buildPlan } from '../testing/factories.ts';
import {
  supervisionBulletinDocument,
  supervisionBulletinParagraphs,
  supervisionMonthBefore,
  supervisionMonthEnd,
  supervisionScheduleShares,
} from './bulletin.ts';
import type { SupervisionLight } from './rules.ts';
import type { SupervisionItemView, SupervisionOverview } from './view.ts';

const plan = buildPlan();

function view(
  code: string,
  light: SupervisionLight,
  leadUnits: string[],
  opts: { lag?: number; daysLeft?: number; reason?: string } = {},
): SupervisionItemView {
  const reason = opts.reason ?? `${code}的原因`;
  return {
    item: {
      id: code,
      code,
      type: 'plan_task',
      title: { zh: `${code}事项`, en: `Item ${code}` },
      leadUnits,
      cooperatingUnits: [],
      assignedOn: '2026-01-01',
      deadline: '2026-12-31',
      cadence: 'quarterly',
      milestones: [],
      indicators: [],
    },
    light: {
      light,
      reasons: [
        { zh: reason, en: `reason of ${code}` },
        { zh: '第二条原因', en: 'second reason' },
      ],
      state: light === 'done' ? 'completed' : 'in_progress',
      deadline: '2026-12-31',
      daysLeft: opts.daysLeft ?? 31,
      progress: {
        source: 'milestones',
        expected: 50,
        reported: 50 - (opts.lag ?? 0),
        lagPoints: opts.lag ?? 0,
      },
      missingReports: [],
    },
    leadNames: leadUnits,
    cooperatingNames: [],
  };
}

// Open: DB-1 (red, overdue), A1.1 (yellow), A1.2, A2.1, A2.3 (green), A2.2 (blue) → 6 open, A3.1 done.
// On 序时进度 (lag < 0.05): A1.2, A2.1 (0.01), A2.2, A2.3 = 4 of 6 → 66.7%; behind: DB-1, A1.1 = 2 → 33.3%.
const overview: SupervisionOverview = {
  today: '2026-11-30',
  period: '2026Q3' as Period,
  items: [
    view('DB-1', 'red', ['kjj'], {
      lag: 50,
      daysLeft: -10,
      reason: '已超过办结时限（2026-11-20）10天（逾期即红灯）',
    }),
    view('A1.1', 'yellow', ['tjj', 'T1'], { lag: 15 }),
    view('A2.2', 'blue', ['kjj'], { daysLeft: 5 }),
    view('A1.2', 'green', ['kjj']),
    view('A2.1', 'green', ['T1'], { lag: 0.01 }),
    view('A2.3', 'green', ['T2']),
    view('A3.1', 'done', ['tjj']),
  ],
  ranking: [
    {
      unit: 'kjj',
      name: '科技局',
      items: 3,
      reportsDue: 4,
      onTime: 4,
      late: 0,
      missing: 0,
      onTimeRate: 100,
      overdueItems: 1,
      redItems: 1,
      rank: 1,
    },
    {
      unit: 'T1',
      name: '一镇',
      items: 2,
      reportsDue: 3,
      onTime: 2,
      late: 1,
      missing: 0,
      onTimeRate: 200 / 3,
      overdueItems: 0,
      redItems: 0,
      rank: 2,
    },
    {
      unit: 'tjj',
      name: '统计局',
      items: 2,
      reportsDue: 3,
      onTime: 1,
      late: 0,
      missing: 2,
      onTimeRate: 100 / 3,
      overdueItems: 0,
      redItems: 0,
      rank: 3,
    },
    {
      unit: 'T2',
      name: '二镇',
      items: 1,
      reportsDue: 1,
      onTime: 0,
      late: 0,
      missing: 1,
      onTimeRate: 0,
      overdueItems: 0,
      redItems: 0,
      rank: 4,
    },
    {
      unit: 'T3',
      name: '三镇',
      items: 1,
      reportsDue: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      overdueItems: 0,
      redItems: 0,
    },
  ],
  counts: {
    total: 7,
    byLight: { red: 1, yellow: 1, blue: 1, green: 3, done: 1 },
    onSchedule: 4,
    behindSchedule: 2,
    overdue: 1,
  },
};

// Last month: 统计局 first, 一镇 second, 科技局 third; 二镇 had no rank (nothing due yet).
const previousRanking = [
  { unit: 'tjj', rank: 1 },
  { unit: 'T1', rank: 2 },
  { unit: 'kjj', rank: 3 },
  { unit: 'T2' },
];

const doc = supervisionBulletinDocument(
  { plan, month: '2026-11', overview, previousRanking, synthetic: true },
  { lang: 'zh', date: '2026-12-03' },
);
const text = supervisionBulletinParagraphs(doc);
const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.number}${b.text}`] : []));
const table = doc.blocks.find((b): b is ReportTableBlock => b.kind === 'table')!;

describe('supervisionBulletinDocument', () => {
  it('is 《测试县科技创新督查通报》 2026年第11期, with the four sections in order', () => {
    expect(doc.meta).toMatchObject({
      title: '测试县科技创新督查通报',
      issueLabel: '2026年第11期',
      headline: '2026年11月科技创新重点任务督查督办情况',
      date: '2026-12-03',
      synthetic: true,
    });
    expect(headings).toEqual([
      '一、总体情况',
      '二、滞后事项',
      '（一）红灯事项（1项）',
      '（二）黄灯事项（1项）',
      '三、单位按时反馈排名',
      '四、下步要求',
    ]);
    expect(text[0]).toContain('现将截至2026年11月30日的督查督办情况通报如下');
  });

  it('prints the counts of the overview, the shares of the open items adding up to 100.0 as printed', () => {
    expect(text[1]).toBe(
      '纳入督查督办事项共7项，其中已办结1项、在办6项。在办事项中，达到序时进度4项、占66.7%，未达到序时进度2项、占33.3%。' +
        '按督办灯色分，红灯1项、黄灯1项、蓝灯1项、绿灯3项、已办结1项；超过办结时限仍未办结1项。',
    );
  });

  it('names every red and yellow item with its code, title, 牵头单位 and the first reason only', () => {
    expect(text[2]).toBe(
      '1. DB-1 DB-1事项（牵头单位：科技局）：已超过办结时限（2026-11-20）10天（逾期即红灯）。',
    );
    expect(text[3]).toBe('1. A1.1 A1.1事项（牵头单位：统计局、一镇）：A1.1的原因。');
    expect(text.join('')).not.toContain('第二条原因');
    // the code and title are the bold lead-in
    const p = doc.blocks.find((b) => b.kind === 'paragraph' && inlineText(b.parts).startsWith('1. DB-1'));
    expect(p?.kind === 'paragraph' && p.parts[0]).toMatchObject({ text: '1. DB-1 DB-1事项', bold: true });
  });

  it('ranks the units as the overview does, with 按时率 to one decimal and 位次变化 against last month', () => {
    expect(table.columns.map((c) => c.label)).toEqual([
      '位次',
      '单位',
      '应报',
      '按时',
      '逾期',
      '未报',
      '按时率',
      '位次变化',
    ]);
    // 科技局 3rd → 1st: ↑2; 一镇 2nd → 2nd: 持平; 统计局 1st → 3rd: ↓2; 二镇 unranked last month: 新增;
    // 三镇 has nothing due: no rate, no rank. 2/3 = 66.666… → 66.7, 1/3 → 33.3.
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1', '科技局', '4', '4', '0', '0', '100.0%', '↑2'],
      ['2', '一镇', '3', '2', '1', '0', '66.7%', '持平'],
      ['3', '统计局', '3', '1', '0', '2', '33.3%', '↓2'],
      ['4', '二镇', '1', '0', '0', '1', '0.0%', '新增'],
      ['—', '三镇', '0', '0', '0', '0', '—', '—'],
    ]);
    expect(table.caption).toBe('表1 2026年11月各单位进展按时反馈情况');
  });

  it('names the laggard units in 下步要求: red/yellow leads, the overdue, the late or missing reporters', () => {
    const steps = text.slice(-3);
    expect(steps[0]).toBe(
      '1. 红灯、黄灯事项的牵头单位（科技局、统计局、一镇）要认真分析滞后原因，逐项制定整改措施，明确完成时限，确保尽快赶上序时进度。',
    );
    expect(steps[1]).toMatch(/^2\. 已超过办结时限的事项，科技局要立即办理/);
    expect(steps[2]).toMatch(/^3\. 一镇、统计局、二镇存在未报或逾期反馈情况/);
  });

  it('says in the 注 that the lights are as of the month end and the indicator rows are the current period’s', () => {
    expect(doc.meta.notes[0]).toContain('截至2026年11月30日的办理记录');
    expect(doc.meta.notes[1]).toBe(
      '关联指标的事项按系统当前期（2026年第三季度）已发布数据计算序时进度，不是2026年11月30日的历史数据。',
    );
    expect(doc.meta.notes.at(-1)).toContain('含合成演示数据');
  });

  it('prints in English too, with the same figures', () => {
    const en = supervisionBulletinDocument(
      { plan, month: '2026-11', overview, previousRanking, synthetic: false },
      { lang: 'en', date: '2026-12-03' },
    );
    const p = supervisionBulletinParagraphs(en);
    expect(en.meta.issueLabel).toBe('2026, No. 11');
    expect(p[1]).toContain('4 are on 序时进度 (66.7%) and 2 behind it (33.3%)');
    const t = en.blocks.find((b): b is ReportTableBlock => b.kind === 'table')!;
    expect(t.rows.map((r) => r.at(-1)!.text)).toEqual(['↑2', 'same', '↓2', 'new', '—']);
    expect(en.meta.notes.some((n) => n.includes('synthetic'))).toBe(false);
  });

  it('without a previous ranking every ranked unit is 新增; with no red or yellow item it says so', () => {
    const calm: SupervisionOverview = {
      ...overview,
      items: overview.items.filter((v) => v.light.light !== 'red' && v.light.light !== 'yellow'),
    };
    const d = supervisionBulletinDocument(
      { plan, month: '2026-11', overview: calm, synthetic: false },
      { lang: 'zh', date: '2026-12-03' },
    );
    expect(supervisionBulletinParagraphs(d)).toContain('本期无红灯、黄灯事项。');
    const t = d.blocks.find((b): b is ReportTableBlock => b.kind === 'table')!;
    expect(t.rows.map((r) => r.at(-1)!.text)).toEqual(['新增', '新增', '新增', '新增', '—']);
  });
});

describe('supervisionScheduleShares', () => {
  it('rounds the first share half away from zero and prints the second as 100 minus it', () => {
    expect(supervisionScheduleShares(4, 2)).toEqual({ on: 66.7, behind: 33.3 });
    // 1/16 = 6.25 → 6.3; 93.75 would round to 93.8 and print 100.1 in all: 93.7 instead.
    expect(supervisionScheduleShares(1, 15)).toEqual({ on: 6.3, behind: 93.7 });
    expect(supervisionScheduleShares(0, 0)).toBeUndefined();
  });
});

describe('month helpers', () => {
  it('the last day of a month and the month before', () => {
    expect(supervisionMonthEnd('2026-11')).toBe('2026-11-30');
    expect(supervisionMonthEnd('2028-02')).toBe('2028-02-29');
    expect(supervisionMonthBefore('2026-01')).toBe('2025-12');
    expect(() => supervisionMonthEnd('2026-13')).toThrow(/YYYY-MM/);
  });
});
