// Reading one cell as a period, a number or a vintage — the forms people actually type in China's statistics offices.
import { periodOf, type Period, type Vintage } from '@ding/core';
import type { RawCell } from './read.ts';

/** The text a person sees in the cell, normalised (full-width → half-width, trimmed). */
export function cellText(cell: RawCell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.normalize('NFKC').trim();
    case 'number':
      return String(cell.value);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'error':
      return cell.text;
  }
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * What a period's spelling says a figure covers. The distinction matters for flows (plan schema:
 * `measure: flow` is collected year to date, 2025Q3 = January–September), where "第三季度" — the
 * quarter's three months alone — is a different number from "1-9月" (issue 8 item 9).
 */
export type PeriodSpan =
  /** 1-9月, 前三季度, 上半年: from January to the quarter's end. */
  | 'year_to_date'
  /** 2025年第三季度, 三季度, 7-9月: the quarter's months alone. */
  | 'quarter_alone'
  /** 2025Q3: the system's code; for a flow it means the year to date, by the plan's convention. */
  | 'code'
  /** 2025, 2025年, 2025年度. */
  | 'year';

export interface PeriodCell {
  /** Undefined when the spelling names a quarter without its year ('三季度'). */
  period: Period | undefined;
  year: number | undefined;
  /** 1–4, or undefined for a whole year. */
  quarter: number | undefined;
  span: PeriodSpan;
}

/** Dashes and words people put between months: 1-9月, 1—9月, 1–9月, 1~9月, 1至9月, 1到9月. */
const MONTH_RANGE = /^(\d{4})年(\d{1,2})[-—–−~〜至到](\d{1,2})月份?$/;

function periodCell(year: number | undefined, quarter: number | undefined, span: PeriodSpan): PeriodCell {
  return { period: year === undefined ? undefined : periodOf(year, quarter), year, quarter, span };
}

/**
 * The one reading of a period cell, for the import and the collection alike (uploads and grid entry
 * go through the import's validation). '2025Q3', '2025q3', '2025-Q3' → code; '2025年1-9月',
 * '2025年1—9月', '2025年前三季度', '2025年上半年' → year to date; '2025年第三季度', '2025年3季度',
 * '三季度', '2025年7-9月' → the quarter alone; '2025', '2025年', '2025年度', '2025年末' or the
 * number 2025 → the year. Anything else (1-8月, 2025Q5) is undefined: not a period.
 */
export function periodFromCell(cell: RawCell): PeriodCell | undefined {
  if (cell.kind === 'number') {
    return Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2100
      ? periodCell(cell.value, undefined, 'year')
      : undefined;
  }
  if (cell.kind !== 'text') return undefined;
  const s = cellText(cell).replace(/\s+/g, '').toUpperCase();
  let m = /^(\d{4})(?:年)?-?Q([1-4])$/.exec(s);
  if (m) return periodCell(Number(m[1]), Number(m[2]), 'code');
  m = /^(?:(\d{4})年)?(?:第)?([1-4一二三四])季度?$/.exec(s);
  if (m) return periodCell(m[1] === undefined ? undefined : Number(m[1]), CN_DIGIT[m[2]!], 'quarter_alone');
  // Statistical bulletins report year-to-date figures as 1-3月, 1-6月, 1-9月, 1-12月; 7-9月 is a quarter.
  m = MONTH_RANGE.exec(s);
  if (m) {
    const [from, to] = [Number(m[2]), Number(m[3])];
    if (to % 3 !== 0 || to > 12) return undefined;
    if (from === 1) return periodCell(Number(m[1]), to / 3, 'year_to_date');
    if (from === to - 2) return periodCell(Number(m[1]), to / 3, 'quarter_alone');
    return undefined;
  }
  m = /^(\d{4})年(上半年|前三季度)$/.exec(s);
  if (m) return periodCell(Number(m[1]), m[2] === '上半年' ? 2 : 3, 'year_to_date');
  m = /^(\d{4})(?:年度?|年末)?$/.exec(s);
  if (m) return periodCell(Number(m[1]), undefined, 'year');
  return undefined;
}

/** The months a year-to-date figure covers: 3 → '1-9月', for the messages and the template. */
export function ytdMonths(quarter: number): string {
  return `1-${quarter * 3}月`;
}

export interface ParsedNumber {
  value: number;
  /** The figure was written or formatted as a percentage ('3.5%', or 0.035 in a % cell). */
  percent: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A number from a numeric cell or from text ('2,521.58', '２５２１．５８', '3.5%'); undefined if it is not one. */
export function numberFromCell(cell: RawCell): ParsedNumber | undefined {
  if (cell.kind === 'number')
    return Number.isFinite(cell.value) ? { value: cell.value, percent: cell.percentFormat } : undefined;
  if (cell.kind !== 'text') return undefined;
  let s = cellText(cell).replace(/\s+/g, '');
  const percent = s.endsWith('%');
  if (percent) s = s.slice(0, -1);
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  if (!NUMBER.test(s)) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? { value, percent } : undefined;
}

/**
 * The value in the indicator's unit. A % cell holds 0.035 for 3.5%; a '%' indicator stores 3.5
 * (plan convention: 4.35 means 4.35%). Rounded to 15 significant digits to drop the ×100 float noise.
 */
export function percentCellToUnit(n: ParsedNumber, fromNumericCell: boolean): number {
  return fromNumericCell && n.percent ? Number((n.value * 100).toPrecision(15)) : n.value;
}

const VINTAGE_WORDS: Record<string, Vintage> = {
  flash: 'flash',
  快报: 'flash',
  annual: 'annual',
  年报: 'annual',
  revised: 'revised',
  修订: 'revised',
  修正: 'revised',
};

export function vintageFromText(text: string): Vintage | undefined {
  return VINTAGE_WORDS[text.replace(/\s+/g, '').toLowerCase()];
}
