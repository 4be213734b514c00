// The submitter's Excel template (填报模板): one row per figure owed, reference values beside the cell to
// fill, data validation in the sheet, reference columns locked. Its headers are the import's aliases,
// so the file comes back through the upload exactly as downloaded.
import type ExcelJS from 'exceljs';
import { excel } from '../excel.ts';
import { periodParse, type Indicator, type LocalizedName, type Period } from '@ding/core';
import { ytdMonths } from '../import/cells.ts';

export interface TemplateRow {
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
  decimals: number;
  /** Published value of the period before (上期值), for reference. */
  lastPeriod?: number;
  /** Published value of the same period last year (上年同期值), for reference. */
  lastYear?: number;
  /** Already submitted (shown so a returned figure can be corrected in place). */
  value?: number;
  note?: string;
  reason?: string;
  range?: Indicator['range'];
  /** Negative values are valid (growth rates). */
  negativeAllowed: boolean;
  yoyThreshold?: number;
  /** The threshold is in percentage points (ratios, rates), else in percent. */
  yoyInPoints?: boolean;
  /** A flow (plan `measure: flow`): the figure asked is the year to date (1-9月), not the quarter alone. */
  flow?: boolean;
  /** A count (plan `integer: true`): whole numbers only. */
  integer?: boolean;
}

export interface TemplateMeta {
  round: string;
  dueDate: string;
  submitterName: string;
  title: string;
}

/**
 * Column headers. Each of 指标代码, 地区代码, 期别, 单位, 数值, 备注 is an import alias (headers.ts);
 * 指标名称 and 地区名称 are secondary aliases (the codes win); 上期值 and 上年同期值 are not aliases and
 * are ignored on upload; 原因 is read by the collection upload. Text in parentheses is ignored on upload.
 */
export const TEMPLATE_COLUMNS = [
  { key: 'indicator', header: '指标代码', width: 26 },
  { key: 'indicatorName', header: '指标名称', width: 34 },
  { key: 'region', header: '地区代码', width: 13 },
  { key: 'regionName', header: '地区名称', width: 12 },
  { key: 'period', header: '期别', width: 9 },
  { key: 'unit', header: '单位', width: 9 },
  { key: 'lastPeriod', header: '上期值', width: 12 },
  { key: 'lastYear', header: '上年同期值', width: 12 },
  { key: 'value', header: '数值（填报）', width: 14 },
  { key: 'note', header: '备注', width: 24 },
  { key: 'reason', header: '原因（同比变动超过阈值时必填）', width: 34 },
] as const;

type ColumnKey = (typeof TEMPLATE_COLUMNS)[number]['key'];
const col = (key: ColumnKey) => TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1;
/** Cells a submitter fills in; every other cell is locked. */
const EDITABLE: ColumnKey[] = ['value', 'note', 'reason'];

export const TEMPLATE_SHEET = '填报';
export const TEMPLATE_HELP_SHEET = '填报说明';

function numberFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

/**
 * What a flow's figure covers in a round for `period`: '1-9月' for 2025Q3, '1-12月' for 2025 (plan
 * schema: flows are year to date).
 */
export function templateYtdMonths(period: string): string {
  const { quarter } = periodParse(period as Period);
  return ytdMonths(quarter ?? 4);
}

/** The value column's header: says that flows are asked year to date ('流量指标填1-9月累计数'). */
export function templateValueHeader(rows: readonly Pick<TemplateRow, 'flow'>[], round: string): string {
  return rows.some((r) => r.flow)
    ? `数值（填报；流量指标填${templateYtdMonths(round)}累计数）`
    : '数值（填报）';
}

/**
 * The value cell's rule: a decimal (a whole number for counts) within the indicator's range (≥ 0 unless
 * negatives are valid); a flow's prompt says the figure is the year to date.
 */
export function templateValueRule(
  row: Pick<
    TemplateRow,
    'range' | 'negativeAllowed' | 'unit' | 'yoyThreshold' | 'yoyInPoints' | 'flow' | 'integer' | 'period'
  >,
): {
  validation: ExcelJS.DataValidation;
  text: LocalizedName;
} {
  const min = row.range?.min ?? (row.negativeAllowed ? undefined : 0);
  const max = row.range?.max;
  const bounds =
    min !== undefined && max !== undefined
      ? {
          operator: 'between' as const,
          formulae: [min, max],
          zh: `${min} 至 ${max} 之间的数值`,
          en: `between ${min} and ${max}`,
        }
      : min !== undefined
        ? {
            operator: 'greaterThanOrEqual' as const,
            formulae: [min],
            zh: `不小于 ${min} 的数值`,
            en: `at least ${min}`,
          }
        : max !== undefined
          ? {
              operator: 'lessThanOrEqual' as const,
              formulae: [max],
              zh: `不大于 ${max} 的数值`,
              en: `at most ${max}`,
            }
          : { operator: 'between' as const, formulae: [-1e15, 1e15], zh: '数值', en: 'any number' };
  const kind = row.integer ? { zh: '整数', en: 'whole number' } : { zh: '数值', en: 'number' };
  const what = {
    zh: bounds.zh.replace(/数值$/, kind.zh),
    en: row.integer ? `a whole number ${bounds.en === 'any number' ? '' : bounds.en}`.trim() : bounds.en,
  };
  const ytd = row.flow
    ? `；本指标为累计数，填年初至期末（${templateYtdMonths(row.period)}）累计值，不是当季数`
    : '';
  const yoy =
    row.yoyThreshold !== undefined
      ? `；同比变动超过 ${row.yoyThreshold}${row.yoyInPoints ? ' 个百分点' : '%'} 须在「原因」列说明`
      : '';
  return {
    validation: {
      type: row.integer ? 'whole' : 'decimal',
      operator: bounds.operator,
      formulae: bounds.formulae,
      allowBlank: true,
      showInputMessage: true,
      promptTitle: '填报提示',
      prompt: `请填写${what.zh}，单位：${row.unit}${ytd}${yoy}`,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '数值有误',
      error: `请输入${what.zh}（单位：${row.unit}），不要填写文字或单位`,
    },
    text: what,
  };
}

export async function collectionTemplate(rows: readonly TemplateRow[], meta: TemplateMeta): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = '科创鼎 Ding';
  workbook.title = meta.title;
  const ws = workbook.addWorksheet(TEMPLATE_SHEET, {
    // Frozen header (and the code/name columns) while scrolling.
    views: [
      { state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2', activeCell: `${letter(col('value'))}2` },
    ],
  });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    key: c.key,
    header: c.key === 'value' ? templateValueHeader(rows, meta.round) : c.header,
    width: c.key === 'value' && rows.some((r) => r.flow) ? 22 : c.width,
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 30;
  header.eachCell((cell, n) => {
    const editable = EDITABLE.includes(TEMPLATE_COLUMNS[n - 1]!.key);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: editable ? 'FFFFF2CC' : 'FFE5E7EB' } };
  });

  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    const values: Record<ColumnKey, string | number | null> = {
      indicator: r.indicator,
      indicatorName: r.indicatorName,
      region: r.region,
      regionName: r.regionName,
      period: r.period,
      unit: r.unit,
      lastPeriod: r.lastPeriod ?? null,
      lastYear: r.lastYear ?? null,
      value: r.value ?? null,
      note: r.note ?? null,
      reason: r.reason ?? null,
    };
    for (const c of TEMPLATE_COLUMNS) {
      const cell = row.getCell(col(c.key));
      cell.value = values[c.key];
      if (c.key === 'lastPeriod' || c.key === 'lastYear' || c.key === 'value')
        cell.numFmt = numberFormat(r.decimals);
      if (EDITABLE.includes(c.key)) cell.protection = { locked: false };
    }
    // Codes as text: a region code like 330282004 must not become a number.
    row.getCell(col('region')).numFmt = '@';
    row.getCell(col('value')).dataValidation = templateValueRule(r).validation;
  });

  // Reference columns are locked (no password: it prevents slips, not intent); the editable ones are not.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  });

  const help = workbook.addWorksheet(TEMPLATE_HELP_SHEET);
  help.getColumn(1).width = 100;
  [
    meta.title,
    `填报单位：${meta.submitterName}；期别：${meta.round}；截止日期：${meta.dueDate}`,
    '1. 只在黄色表头的「数值」「备注」「原因」列填写，其他列为参考信息，已锁定。',
    '2. 数值按「单位」列的计量单位填写（如单位为亿元，1.2 亿元填 1.2，不要填 12000 万元），不要输入文字或单位。',
    `3. 流量指标（如新增企业数、技术交易额）填报年初至期末的累计数：本期填 ${templateYtdMonths(meta.round)} 累计数，不是当季数；累计数不应小于上一季度的累计数。期别写作 ${meta.round} 或「${periodYtdText(meta.round)}」，「第三季度」只表示当季，不能用于累计数。`,
    '4. 计数指标（单位为家、件、个、项、人）只能填整数。',
    '5. 与上年同期相比变动超过阈值的，须在「原因」列说明原因，否则无法提交。',
    '6. 未填数值的行不会报送；可分多次上传，已报送的数据在审核通过前可重新上传覆盖。',
    '7. 填好后在系统「我的填报」中上传本文件（也可上传 CSV），按提示修改标出的单元格后提交。',
  ].forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** '2025年1-9月' for 2025Q3, '2025年1-12月' for 2025. */
function periodYtdText(period: string): string {
  return `${periodParse(period as Period).year}年${templateYtdMonths(period)}`;
}

function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
