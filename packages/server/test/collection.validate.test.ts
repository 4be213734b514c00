// Collection checks, one test per issue kind (located at file, sheet, row, column, field; zh and en),
// plus the parse of files and grid rows, the template read back, and rates computed by hand.
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildIndicator, buildPlan } from '@ding/core/testing';
import type { Actor, Plan } from '@ding/core';
import {
  cellKey,
  collectionCheckRows,
  collectionIssueReason,
  collectionParseFile,
  collectionParseGrid,
  collectionRates,
  collectionTemplate,
  dueDeadline,
  figurePeriod,
  periodPrevious,
  scaleSuspect,
  submitterOfUser,
  yoyChange,
  TEMPLATE_COLUMNS,
  TEMPLATE_SHEET,
  type AssignmentState,
  type CandidateRow,
  type CheckContext,
  type CollectionIssue,
  type CollectionIssueKind,
  type ReferenceValues,
  type TemplateRow,
} from '../src/collection/index.ts';
import { csvFile, xlsxFile } from './support/files.ts';

/** The toy county with YoY thresholds and a statistics-bureau indicator reported for the whole county. */
function plan(): Plan {
  const base = buildPlan();
  return buildPlan({
    indicators: [
      ...base.indicators.map((i) =>
        i.code === 'firms'
          ? { ...i, yoyThreshold: 30, range: { min: 0 }, integer: true }
          : i.code === 'gdp'
            ? { ...i, yoyThreshold: 50, range: { min: 0 } }
            : i,
      ),
      buildIndicator({
        code: 'standards',
        unit: '个',
        aggregation: 'none',
        frequency: 'annual',
        leadUnits: [],
        sourceDepartment: 'tjj',
      }),
    ],
  });
}
const PLAN = plan();
const INDICATORS = new Map(PLAN.indicators.map((i) => [i.code, i]));
const TOWN1: Actor = { role: 'town', region: 'T1' };

const tested = new Set<CollectionIssueKind>();
const ALL_KINDS: Record<CollectionIssueKind, true> = {
  out_of_scope: true,
  not_assigned: true,
  period_not_open: true,
  round_closed: true,
  period_locked: true,
  already_reviewed: true,
  unit_scale: true,
  needs_reason: true,
  yoy_explained: true,
  rows_skipped: true,
  ytd_below_previous: true,
};
afterAll(() => {
  expect([...tested].sort()).toEqual(Object.keys(ALL_KINDS).sort());
});

function row(overrides: Partial<CandidateRow> = {}): CandidateRow {
  return {
    indicator: 'firms',
    region: 'T1',
    period: '2025Q4',
    value: 110,
    vintage: 'flash',
    at: { file: 'data.xlsx', sheet: '填报', row: 5 },
    columns: { indicator: 'A', region: 'C', period: 'E', value: 'I' },
    ...overrides,
  };
}

function context(
  overrides: Partial<CheckContext> = {},
  refs: Record<string, ReferenceValues> = {},
): CheckContext {
  const owed = (submitter: string, period = '2025Q4', status: AssignmentState['status'] = 'pending') => ({
    submitter,
    period,
    status,
  });
  return {
    indicators: INDICATORS,
    actor: TOWN1,
    submitter: 'town:T1',
    round: { period: '2025Q4', status: 'open' },
    assignments: new Map<string, AssignmentState>([
      [cellKey('firms', 'T1'), owed('town:T1')],
      [cellKey('gdp', 'T1'), owed('town:T1')],
      [cellKey('new_firms', 'T1'), owed('town:T1')],
      [cellKey('firms', 'T2'), owed('town:T2')],
      [cellKey('standards', 'C'), owed('department:tjj', '2025')],
    ]),
    lockedPeriods: new Set(),
    lockOverride: false,
    reference: (indicator, region) => refs[`${indicator}/${region}`] ?? {},
    regionName: (code) => ({ T1: '一镇', T2: '二镇', C: '测试县' })[code] ?? code,
    submitterName: (key) => key,
    ...overrides,
  };
}

/** The only error of a check, recorded as tested. */
function onlyIssue(
  result: { errors: CollectionIssue[]; warnings: CollectionIssue[] },
  which: 'errors' | 'warnings' = 'errors',
) {
  const list = result[which];
  expect(list.map((e) => e.message.en)).toHaveLength(1);
  tested.add(list[0]!.kind);
  return list[0]!;
}

describe('collection checks: one per kind, each located', () => {
  it('out_of_scope: a town reporter writing another town, located at the region cell', () => {
    const result = collectionCheckRows([row({ region: 'T2' })], context());
    const e = onlyIssue(result);
    expect(e).toMatchObject({
      kind: 'out_of_scope',
      file: 'data.xlsx',
      sheet: '填报',
      row: 5,
      column: 'C',
      field: 'region',
      region: 'T2',
    });
    expect(e.message.zh).toBe(
      '文件 data.xlsx，工作表「填报」，第 5 行，C 列（地区）：无权填报地区 二镇（T2）的指标 firms，只能填报本单位负责的数据',
    );
    expect(result.rows[0]!.verdict).toBe('error');
  });

  it('out_of_scope: a leader writes nothing, even an admin-less round', () => {
    const result = collectionCheckRows([row()], context({ actor: { role: 'leader' }, submitter: undefined }));
    expect(onlyIssue(result).kind).toBe('out_of_scope');
  });

  it('not_assigned: an indicator the round does not collect for the region, located at the indicator', () => {
    const e = onlyIssue(collectionCheckRows([row({ indicator: 'rd' })], context()));
    expect(e).toMatchObject({
      kind: 'not_assigned',
      row: 5,
      column: 'A',
      field: 'indicator',
      indicator: 'rd',
    });
    expect(e.message.en).toContain('round 2025Q4 does not collect indicator rd for T1');
  });

  it('not_assigned: a figure the round gave another unit (the plan changed since it opened) names the owner', () => {
    // The plan now says 统计局 supplies every town's firms; the round, opened before, still has T1 owing it.
    const tjj: Actor = { role: 'department', department: 'tjj' };
    const stats = buildIndicator({ code: 'firms', sourceDepartment: 'tjj', townFiguresBy: 'department' });
    const e = onlyIssue(
      collectionCheckRows(
        [row()],
        context({ actor: tjj, submitter: 'department:tjj', indicators: new Map([['firms', stats]]) }),
      ),
    );
    expect(e).toMatchObject({ kind: 'not_assigned', assignedTo: 'town:T1' });
    expect(e.message.zh).toContain('由 town:T1 填报');
  });

  it('an admin files for any submitter: no scope or ownership issue', () => {
    const result = collectionCheckRows(
      [row({ region: 'T2' }), row({ indicator: 'standards', region: 'C', period: '2025' })],
      context({ actor: { role: 'admin' }, submitter: undefined }),
    );
    expect(result.errors).toEqual([]);
  });

  it('period_not_open: an annual indicator is collected for the year, not the quarter', () => {
    const tjj: Actor = { role: 'department', department: 'tjj' };
    const e = onlyIssue(
      collectionCheckRows(
        [row({ indicator: 'standards', region: 'C', period: '2025Q4' })],
        context({ actor: tjj, submitter: 'department:tjj' }),
      ),
    );
    expect(e).toMatchObject({ kind: 'period_not_open', column: 'E', field: 'period', expected: '2025' });
    expect(e.message.zh).toContain('应填期别 2025');
  });

  it('round_closed: one file-level error for a closed round', () => {
    const result = collectionCheckRows([row()], context({ round: { period: '2025Q4', status: 'closed' } }));
    const e = onlyIssue(result);
    expect(e).toEqual({
      kind: 'round_closed',
      round: '2025Q4',
      file: 'data.xlsx',
      message: {
        zh: '文件 data.xlsx：2025Q4 填报任务已关闭，不再接收数据',
        en: 'data.xlsx: round 2025Q4 is closed and accepts no more figures',
      },
    });
  });

  it('period_locked: located at the period cell; an admin giving a reason passes', () => {
    const locked = new Set(['2025Q4']);
    const e = onlyIssue(collectionCheckRows([row()], context({ lockedPeriods: locked })));
    expect(e).toMatchObject({
      kind: 'period_locked',
      row: 5,
      column: 'E',
      field: 'period',
      period: '2025Q4',
    });
    const admin = collectionCheckRows(
      [row()],
      context({ actor: { role: 'admin' }, submitter: undefined, lockedPeriods: locked, lockOverride: true }),
    );
    expect(admin.errors).toEqual([]);
  });

  it('already_reviewed: an approved figure is not resubmitted until returned', () => {
    const assignments = new Map(context().assignments);
    assignments.set(cellKey('firms', 'T1'), { submitter: 'town:T1', period: '2025Q4', status: 'approved' });
    const e = onlyIssue(collectionCheckRows([row()], context({ assignments })));
    expect(e).toMatchObject({ kind: 'already_reviewed', status: 'approved', column: 'I', field: 'value' });
    expect(e.message.zh).toContain('请联系管理员退回');
  });

  it('unit_scale: 18700 against last year’s 1.87 亿元 is 万元 entered for 亿元 — said so, not a YoY jump', () => {
    const e = onlyIssue(
      collectionCheckRows(
        [row({ indicator: 'gdp', value: 18700 })],
        context({}, { 'gdp/T1': { lastYear: 1.87 } }),
      ),
    );
    expect(e).toMatchObject({ kind: 'unit_scale', factor: 1e4, column: 'I', field: 'value' });
    expect(e.message.zh).toContain('约为上年同期（1.87）的 1 万倍，疑似按「万元」填报，本指标单位为「亿元」');
    expect(e.message.en).toContain('entered in 万 (10⁴) instead of 亿元?');
  });

  it('needs_reason: a YoY jump above the indicator’s threshold without a reason', () => {
    const result = collectionCheckRows([row({ value: 150 })], context({}, { 'firms/T1': { lastYear: 100 } }));
    const e = onlyIssue(result);
    expect(e).toMatchObject({
      kind: 'needs_reason',
      column: 'I',
      field: 'value',
      change: 50,
      threshold: 30,
      measure: 'percent',
    });
    expect(e.message.zh).toContain(
      '同比增长 50.0%，超过指标 firms 的阈值 30%（上年同期 100），请在「原因」列说明变动原因',
    );
    expect(result.rows[0]).toMatchObject({ verdict: 'error', yoy: { change: 50, measure: 'percent' } });
  });

  it('yoy_explained: the same jump with a reason is a warning and the row passes', () => {
    const result = collectionCheckRows(
      [row({ value: 150, reason: '新认定一批企业' })],
      context({}, { 'firms/T1': { lastYear: 100 } }),
    );
    expect(result.errors).toEqual([]);
    const w = onlyIssue(result, 'warnings');
    expect(w).toMatchObject({ kind: 'yoy_explained', reason: '新认定一批企业', row: 5 });
    expect(result.rows[0]!.verdict).toBe('warning');
  });

  it('a jump within the threshold, or without last year’s value, is fine', () => {
    const result = collectionCheckRows(
      [row({ value: 125 }), row({ indicator: 'gdp', value: 3 })],
      context({}, { 'firms/T1': { lastYear: 100 } }),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows.map((r) => r.verdict)).toEqual(['ok', 'ok']);
  });

  it('ytd_below_previous: a YTD flow below the published previous quarter of the same year', () => {
    // Plan schema: flows are year to date. Published 1-9月 GDP of 一镇 is 3.2 亿元; 1-12月 = 3.1 cannot be.
    const result = collectionCheckRows(
      [row({ indicator: 'gdp', value: 3.1 })],
      context({}, { 'gdp/T1': { lastPeriod: 3.2 } }),
    );
    const e = onlyIssue(result);
    expect(e).toMatchObject({
      kind: 'ytd_below_previous',
      row: 5,
      column: 'I',
      field: 'value',
      previousPeriod: '2025Q3',
      previousValue: 3.2,
      previousSource: 'published',
    });
    expect(e.message.zh).toBe(
      '文件 data.xlsx，工作表「填报」，第 5 行，I 列（数值）：T1 2025Q4（1-12月）累计数 3.1 小于上一季度 2025Q3（1-9月）的累计数 3.2（已发布数据）：指标 gdp 为年初至今累计数，同一年内不会减少；如上一季度数据有误，请在同一文件中一并更正',
    );
    expect(e.message.en).toBe(
      "data.xlsx, sheet '填报', row 5, column I (value): the year-to-date 3.1 of T1 for 2025Q4 (Jan–Dec) is below 3.2 for the previous quarter 2025Q3 (Jan–Sep, published figure): indicator gdp is cumulative from January and cannot fall within a year; if the previous quarter is wrong, correct it in the same file",
    );
    // Q1 follows last year's Q4 (lastPeriod is 2025Q4, another year): not compared.
    const q1 = collectionCheckRows(
      [row({ indicator: 'gdp', period: '2026Q1', value: 0.7 })],
      context(
        {
          round: { period: '2026Q1', status: 'open' },
          assignments: new Map([
            [cellKey('gdp', 'T1'), { submitter: 'town:T1', period: '2026Q1', status: 'pending' as const }],
          ]),
        },
        { 'gdp/T1': { lastPeriod: 3.2 } },
      ),
    );
    expect(q1.errors).toEqual([]);
    // A stock (firms) may fall; an equal year to date is no fall.
    const same = collectionCheckRows(
      [row({ indicator: 'new_firms', value: 4 }), row({ value: 90 })],
      context({}, { 'new_firms/T1': { lastPeriod: 4 }, 'firms/T1': { lastPeriod: 101 } }),
    );
    expect(same.errors).toEqual([]);
  });

  it('rows_skipped: template rows without a value are left out and listed', async () => {
    const parsed = await collectionParseFile(
      csvFile(['指标,地区,期别,数值', 'firms,T1,2025Q4,12', 'gdp,T1,2025Q4,', 'new_firms,T1,2025Q4,3']),
      PLAN,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.indicator)).toEqual(['firms', 'new_firms']);
    expect(parsed.skipped).toEqual([{ file: 'data.csv', row: 3 }]);
    expect(collectionIssueReason({ kind: 'rows_skipped', rows: [3] }).zh).toBe(
      '1 行未填数值，未报送（第 3 行）',
    );
    tested.add('rows_skipped');
  });

  it('every kind is explained in Chinese and English', () => {
    for (const kind of Object.keys(ALL_KINDS) as CollectionIssueKind[]) expect(kind).toBeTruthy();
    const jump = {
      indicator: 'x',
      value: 2,
      lastYear: 1,
      change: 1,
      threshold: 0.5,
      measure: 'points' as const,
    };
    const reason = collectionIssueReason({ kind: 'needs_reason', ...jump });
    expect(reason.zh).toContain('变动 +1.00 个百分点');
    expect(reason.en).toContain('changes by +1.00 pp');
  });
});

describe('collection helpers', () => {
  it('YoY is a percent change for counts and a change in points for ratios and rates', () => {
    expect(yoyChange({ measure: 'stock', unit: '家' }, 120, 100)).toEqual({ change: 20, measure: 'percent' });
    expect(yoyChange({ measure: 'stock', unit: '家' }, 5, 0)).toBeUndefined();
    expect(yoyChange({ measure: 'ratio', unit: '%' }, 3.5, 3.08)).toEqual({
      change: 3.5 - 3.08,
      measure: 'points',
    });
    expect(yoyChange({ measure: 'index', unit: '%' }, 12, 10)?.measure).toBe('points');
  });

  it('a scale slip is a power of ten within a factor of 3; a percent entered as a fraction too', () => {
    expect(scaleSuspect('亿元', 18700, 1.87)).toBe(1e4);
    expect(scaleSuspect('亿元', 2.5e8, 1.2)).toBe(1e8);
    expect(scaleSuspect('万元', 0.0002, 1.9)).toBe(1e-4);
    expect(scaleSuspect('%', 0.035, 3.2)).toBe(1e-2);
    expect(scaleSuspect('家', 300, 100)).toBeUndefined();
    expect(scaleSuspect('家', 35, 0)).toBeUndefined();
  });

  it('figures of a round: annual indicators in Q4 are the year’s; the period before wraps the year', () => {
    expect(figurePeriod({ frequency: 'annual' }, '2025Q4' as never)).toBe('2025');
    expect(figurePeriod({ frequency: 'quarterly' }, '2025Q4' as never)).toBe('2025Q4');
    expect(periodPrevious('2025Q1' as never)).toBe('2024Q4');
    expect(periodPrevious('2025Q3' as never)).toBe('2025Q2');
    expect(periodPrevious('2025' as never)).toBe('2024');
  });

  it('a reporter reports for its unit; admins and leaders for none', () => {
    expect(submitterOfUser({ role: 'town', region: '330282004' })).toBe('town:330282004');
    expect(submitterOfUser({ role: 'department', department: 'tjj' })).toBe('department:tjj');
    expect(submitterOfUser({ role: 'admin' })).toBeUndefined();
    expect(submitterOfUser({ role: 'town' })).toBeUndefined();
  });
});

describe('parsing uploads and grid rows', () => {
  it('keeps the valid rows of a file with mistakes and locates each import error', async () => {
    const parsed = await collectionParseFile(
      csvFile([
        '指标,地区,期别,数值,原因',
        'firms,T1,2025Q4,abc,',
        'new_firms,T1,2025Q4,-5,',
        'nope,T1,2025Q4,1,',
        'gdp,T1,2025Q4,2.5,季节因素',
        'gdp,T1,2025Q4,2.6,',
      ]),
      PLAN,
    );
    expect(parsed.errors.map((e) => [e.kind, e.row, e.column])).toEqual([
      ['not_a_number', 2, '数值'],
      ['negative_value', 3, '数值'],
      ['unknown_indicator', 4, '指标'],
      ['duplicate_row', 6, undefined],
    ]);
    expect(parsed.rows).toEqual([
      {
        indicator: 'gdp',
        region: 'T1',
        period: '2025Q4',
        value: 2.5,
        vintage: 'flash',
        reason: '季节因素',
        at: { file: 'data.csv', row: 5 },
        columns: { indicator: '指标', region: '地区', period: '期别', value: '数值' },
      },
    ]);
  });

  it('an unreadable file is one file-level error', async () => {
    const parsed = await collectionParseFile({ name: 'x.xls', data: new Uint8Array([1, 2]) }, PLAN);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toMatchObject([{ kind: 'unreadable_file', file: 'x.xls' }]);
  });

  it('xlsx rows are located by column letter, and the 原因 column is read', async () => {
    const parsed = await collectionParseFile(
      await xlsxFile([
        ['指标代码', '指标名称', '地区代码', '期别', '数值（填报）', '原因（必填）'],
        ['firms', '企业', 'T1', '2025Q4', 12, '并购'],
      ]),
      PLAN,
    );
    expect(parsed.rows[0]).toMatchObject({
      value: 12,
      reason: '并购',
      at: { file: 'data.xlsx', sheet: '数据', row: 2 },
      columns: { indicator: 'A', region: 'C', period: 'D', value: 'E' },
    });
  });

  it('grid rows go through the same validation, located in 在线填报 by grid row and Chinese column', async () => {
    const parsed = await collectionParseGrid(
      [
        { indicator: 'firms', region: 'T1', value: 12 },
        { indicator: 'gdp', region: 'T1', value: 'x' },
        { indicator: 'new_firms', region: 'T1', value: null },
      ],
      PLAN,
      () => '2025Q4',
    );
    expect(parsed.file.format).toBe('grid');
    expect(parsed.rows.map((r) => [r.indicator, r.period, r.value, r.at.row])).toEqual([
      ['firms', '2025Q4', 12, 1],
    ]);
    expect(parsed.errors).toMatchObject([{ kind: 'not_a_number', file: '在线填报', row: 2, column: '数值' }]);
    expect(parsed.errors[0]!.message.zh).toBe('文件 在线填报，第 2 行，「数值」列：「x」不是数字');
    expect(parsed.skipped).toEqual([{ file: '在线填报', row: 3 }]);
  });
});

describe('flows year to date and whole counts, on uploads and grid entry (the import’s rules)', () => {
  it('grid entry: "2025年第三季度" for a flow is refused at the period cell; 1-9月 passes', async () => {
    const parsed = await collectionParseGrid(
      [
        { indicator: 'new_firms', region: 'T1', value: 30, period: '2025年第三季度' },
        { indicator: 'gdp', region: 'T1', value: 3, period: '2025年1-9月' },
      ],
      PLAN,
      () => '2025Q3',
    );
    expect(parsed.rows.map((r) => [r.indicator, r.period])).toEqual([['gdp', '2025Q3']]);
    expect(parsed.errors).toMatchObject([
      { kind: 'period_not_ytd', file: '在线填报', row: 1, column: '期别', field: 'period' },
    ]);
    expect(parsed.errors[0]!.message.zh).toBe(
      '文件 在线填报，第 1 行，「期别」列：期别「2025年第三季度」指第三季度当季，指标 new_firms 为流量指标，须填报年初至季末累计数，请写作「2025年1-9月」或 2025Q3',
    );
  });

  it('grid entry and an upload: 75.6 for a count is refused at the value cell', async () => {
    const grid = await collectionParseGrid(
      [
        { indicator: 'firms', region: 'T1', value: 75.6 },
        { indicator: 'gdp', region: 'T1', value: 75.6 },
      ],
      PLAN,
      () => '2025Q4',
    );
    expect(grid.rows.map((r) => r.indicator)).toEqual(['gdp']);
    expect(grid.errors.map((e) => e.message.zh)).toEqual([
      '文件 在线填报，第 1 行，「数值」列：指标 firms 以「家」计数，数值须为整数（填报值 75.6）',
    ]);
    const file = await collectionParseFile(
      await xlsxFile([
        ['指标代码', '地区代码', '期别', '数值（填报）'],
        ['firms', 'T1', '2025Q4', 75.6],
      ]),
      PLAN,
    );
    expect(file.errors).toMatchObject([
      { kind: 'not_integer', file: 'data.xlsx', sheet: '数据', row: 2, column: 'D', field: 'value' },
    ]);
  });

  it('an upload with 1-6月 above 1-9月 of the same flow names the earlier row', async () => {
    const parsed = await collectionParseFile(
      csvFile(['指标,地区,期别,数值', 'gdp,T1,2025年1-6月,3.5', 'gdp,T1,2025年1-9月,3.2']),
      PLAN,
    );
    expect(parsed.errors.map((e) => [e.kind, e.row, e.column])).toEqual([['ytd_below_previous', 3, '数值']]);
    expect(parsed.errors[0]!.message.zh).toContain('的累计数 3.5（本文件第 2 行）');
  });
});

describe('reporting and on-time rates', () => {
  it('the due date ends at midnight China Standard Time', () => {
    expect(dueDeadline('2026-01-15')).toBe('2026-01-15T15:59:59.999Z');
  });

  it('per submitter, by hand: returned figures are owed again; late figures count as submitted, not on time', () => {
    const rates = collectionRates(
      [
        { submitter: 'town:A', status: 'approved', submittedAt: '2026-01-10T02:00:00.000Z' },
        { submitter: 'town:A', status: 'submitted', submittedAt: '2026-01-15T15:30:00.000Z' },
        { submitter: 'town:A', status: 'published', submittedAt: '2026-01-16T01:00:00.000Z' },
        { submitter: 'town:A', status: 'returned', submittedAt: '2026-01-11T00:00:00.000Z' },
        { submitter: 'town:B', status: 'pending' },
        { submitter: 'town:B', status: 'pending' },
      ],
      '2026-01-15',
      (s) => s.toUpperCase(),
    );
    expect(rates).toEqual([
      {
        submitter: 'town:A',
        name: 'TOWN:A',
        total: 4,
        submitted: 3,
        approved: 2,
        onTime: 2,
        rate: 0.75,
        onTimeRate: 0.5,
        dueDate: '2026-01-15',
        due: true,
        overdue: 1,
      },
      {
        submitter: 'town:B',
        name: 'TOWN:B',
        total: 2,
        submitted: 0,
        approved: 0,
        onTime: 0,
        rate: 0,
        onTimeRate: 0,
        dueDate: '2026-01-15',
        due: true,
        overdue: 2,
      },
    ]);
  });
});

describe('the Excel template', () => {
  const rows: TemplateRow[] = [
    {
      indicator: 'firms',
      indicatorName: '企业数',
      region: 'T1',
      regionName: '一镇',
      period: '2025Q4',
      unit: '家',
      decimals: 0,
      lastPeriod: 101,
      lastYear: 95,
      range: { min: 0 },
      negativeAllowed: false,
      yoyThreshold: 30,
    },
    {
      indicator: 'gdp',
      indicatorName: 'GDP',
      region: 'T1',
      regionName: '一镇',
      period: '2025Q4',
      unit: '亿元',
      decimals: 2,
      value: 2.5,
      range: { min: 0, max: 1000 },
      negativeAllowed: false,
    },
  ];
  const meta = {
    round: '2025Q4',
    dueDate: '2026-01-15',
    submitterName: '一镇',
    title: '测试县 2025Q4 数据填报表',
  };

  it('has the import’s headers, reference values, validation on the value cells, locked reference columns and a frozen header', async () => {
    const data = await collectionTemplate(rows, meta);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    expect((ws.getRow(2).values as unknown[]).slice(1, 9)).toEqual([
      'firms',
      '企业数',
      'T1',
      '一镇',
      '2025Q4',
      '家',
      101,
      95,
    ]);
    expect(ws.getCell('I3').value).toBe(2.5);
    expect(ws.getCell('I2').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showInputMessage: true,
      prompt: expect.stringContaining('请填写不小于 0 的数值，单位：家；同比变动超过 30% 须在「原因」列说明'),
    });
    expect(ws.getCell('I3').dataValidation).toMatchObject({ operator: 'between', formulae: [0, 1000] });
    expect(ws.getCell('I2').protection).toMatchObject({ locked: false });
    expect(ws.getCell('K2').protection).toMatchObject({ locked: false });
    expect(ws.getCell('A2').protection?.locked).not.toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报', '填报说明']);
  });

  it('says that flows are asked year to date and counts are whole numbers', async () => {
    const flowRows: TemplateRow[] = [
      { ...rows[0]!, period: '2025Q3', integer: true },
      { ...rows[1]!, period: '2025Q3', flow: true },
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await collectionTemplate(flowRows, { ...meta, round: '2025Q3' })) as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell('I1').value).toBe('数值（填报；流量指标填1-9月累计数）');
    expect(ws.getCell('I2').dataValidation).toMatchObject({
      type: 'whole',
      prompt: '请填写不小于 0 的整数，单位：家；同比变动超过 30% 须在「原因」列说明',
    });
    expect(ws.getCell('I3').dataValidation).toMatchObject({
      type: 'decimal',
      prompt:
        '请填写0 至 1000 之间的数值，单位：亿元；本指标为累计数，填年初至期末（1-9月）累计值，不是当季数',
    });
    const help = wb.getWorksheet('填报说明')!;
    expect(help.getCell('A5').value).toBe(
      '3. 流量指标（如新增企业数、技术交易额）填报年初至期末的累计数：本期填 1-9月 累计数，不是当季数；累计数不应小于上一季度的累计数。期别写作 2025Q3 或「2025年1-9月」，「第三季度」只表示当季，不能用于累计数。',
    );
    expect(help.getCell('A6').value).toBe('4. 计数指标（单位为家、件、个、项、人）只能填整数。');
    // The header note is in parentheses: the upload still reads the column as 数值.
    ws.getCell('I3').value = 2.75;
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const parsed = await collectionParseFile({ name: 'filled.xlsx', data }, PLAN);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.indicator, r.period, r.value])).toEqual([['gdp', '2025Q3', 2.75]]);
  });

  it('comes back through the upload as it was downloaded, once values are filled in', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await collectionTemplate(rows, meta)) as unknown as ArrayBuffer);
    wb.getWorksheet(TEMPLATE_SHEET)!.getCell('I2').value = 130;
    wb.getWorksheet(TEMPLATE_SHEET)!.getCell('K2').value = '新认定';
    const data = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const parsed = await collectionParseFile({ name: 'filled.xlsx', data }, PLAN);
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.rows.map((r) => [r.indicator, r.region, r.period, r.value, r.reason, r.at.row])).toEqual([
      ['firms', 'T1', '2025Q4', 130, '新认定', 2],
      ['gdp', 'T1', '2025Q4', 2.5, undefined, 3],
    ]);
  });
});
