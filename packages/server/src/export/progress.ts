// The progress table as an export: core's PROGRESS_COLUMNS (numbers as numbers, rules in words) for CSV,
// and for XLSX a print-ready sheet (title rows, the plan's decimals per row, frozen header and
// indicator/region columns, landscape A4 fitted to the width with the header repeated on every page).
import {
  PROGRESS_COLUMNS,
  progressRecords,
  progressTableCaption,
  type Lang,
  type Period,
  type Plan,
  type ProgressRecord,
  type ProgressRow,
} from '@ding/core';
import type { ExportColumn, ExportTable } from './table.ts';
import { chinaDate } from '../china-time.ts';

export interface ProgressExportOptions {
  lang?: Lang;
  period: Period;
  /** 制表日期, YYYY-MM-DD; by default today in China Standard Time (the bureau's calendar day). */
  date?: string;
}

/** Text columns that can run long: wrapped at a fixed width so the printed page keeps its columns legible. */
const WRAPPED: Partial<Record<keyof ProgressRecord, number>> = {
  indicatorName: 22,
  peerSet: 14,
  valueRule: 12,
  targetRule: 14,
  expectedRule: 16,
  notes: 20,
};

/** Two ideographic spaces between the items of a caption line, as a printed table sets them. */
const GAP = '\u3000\u3000';

/** Today's date in China (北京时间) as YYYY-MM-DD: chinaDate, kept under the name the exports use. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDate(now);
}

export function progressExportTable(
  plan: Plan,
  rows: readonly ProgressRow[],
  options: ProgressExportOptions,
): ExportTable<ProgressRecord> {
  const records = progressRecords(plan, [...rows], options.lang ?? 'zh');
  const caption = progressTableCaption(plan, rows, options.period);
  const date = options.date ?? todayInChina();
  const columns: ExportColumn<ProgressRecord>[] = PROGRESS_COLUMNS.map((col) => {
    const wrap = WRAPPED[col.key];
    const decimals = col.decimals;
    return {
      key: col.key,
      header: col.label,
      value: (r: ProgressRecord) => r[col.key],
      type: col.numeric ? ('number' as const) : ('text' as const),
      ...(decimals ? { decimals: (r: ProgressRecord) => decimals(r) } : {}),
      ...(wrap ? { wrap: true, width: wrap } : {}),
    };
  });
  return {
    name: { zh: '进度', en: 'Progress' },
    columns,
    rows: records,
    caption: {
      title: caption.title,
      lines: [
        {
          zh: `期别：${caption.period.zh}${GAP}范围：${caption.scope.zh}`,
          en: `Period: ${caption.period.en}    Scope: ${caption.scope.en}`,
        },
        {
          zh: `制表单位：${caption.tabulator.zh}${GAP}制表日期：${date}`,
          en: `Compiled by: ${caption.tabulator.en}    Date: ${date}`,
        },
      ],
      ...(caption.synthetic
        ? {
            warning: {
              zh: '含合成演示数据：标“合成”的数值为演示用模拟数据，不得作为统计数据引用',
              en: 'Contains synthetic demo data: values marked "synthetic" are simulated and must not be quoted',
            },
          }
        : {}),
    },
    // 指标 and 地区 stay in view when scrolling right.
    frozenColumns: 2,
    orientation: 'landscape',
    // e.g. the 累计 columns when no row has a cumulative target, ranks when the peers publish annually
    hideEmptyColumns: true,
  };
}
