// The submitter's Excel template (填报模板): one row per figure owed, reference values beside the cell to
// fill, data validation in the sheet, reference columns locked. Its headers are the import's aliases,
// so the file comes back through the upload exactly as downloaded.
import ExcelJS from 'exceljs';
import type { Indicator, LocalizedName } from '@ding/core';

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

/** The value cell's rule: a decimal within the indicator's range (≥ 0 unless negatives are valid). */
export function templateValueRule(
  row: Pick<TemplateRow, 'range' | 'negativeAllowed' | 'unit' | 'yoyThreshold' | 'yoyInPoints'>,
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
  const yoy =
    row.yoyThreshold !== undefined
      ? `；同比变动超过 ${row.yoyThreshold}${row.yoyInPoints ? ' 个百分点' : '%'} 须在「原因」列说明`
      : '';
  return {
    validation: {
      type: 'decimal',
      operator: bounds.operator,
      formulae: bounds.formulae,
      allowBlank: true,
      showInputMessage: true,
      promptTitle: '填报提示',
      prompt: `请填写${bounds.zh}，单位：${row.unit}${yoy}`,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '数值有误',
      error: `请输入${bounds.zh}（单位：${row.unit}），不要填写文字或单位`,
    },
    text: { zh: bounds.zh, en: bounds.en },
  };
}

export async function collectionTemplate(rows: readonly TemplateRow[], meta: TemplateMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '科创鼎 Ding';
  workbook.title = meta.title;
  const ws = workbook.addWorksheet(TEMPLATE_SHEET, {
    // Frozen header (and the code/name columns) while scrolling.
    views: [
      { state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2', activeCell: `${letter(col('value'))}2` },
    ],
  });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width }));
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
    '3. 与上年同期相比变动超过阈值的，须在「原因」列说明原因，否则无法提交。',
    '4. 未填数值的行不会报送；可分多次上传，已报送的数据在审核通过前可重新上传覆盖。',
    '5. 填好后在系统「我的填报」中上传本文件（也可上传 CSV），按提示修改标出的单元格后提交。',
  ].forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
