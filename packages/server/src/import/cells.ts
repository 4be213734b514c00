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
 * '2025Q3', '2025q3', '2025-Q3', '2025年第三季度', '2025年3季度', '2025年1-9月' (year to date), '2025年前三季度',
 * '2025年上半年' → '2025Q3' / '2025Q2'; '2025', '2025年', '2025年度', or the number 2025 → '2025'.
 */
export function periodFromCell(cell: RawCell): Period | undefined {
  if (cell.kind === 'number') {
    return Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2100
      ? periodOf(cell.value)
      : undefined;
  }
  if (cell.kind !== 'text') return undefined;
  const s = cellText(cell).replace(/\s+/g, '').toUpperCase();
  let m = /^(\d{4})(?:年)?-?Q([1-4])$/.exec(s);
  if (m) return periodOf(Number(m[1]), Number(m[2]));
  m = /^(\d{4})年(?:第)?([1-4一二三四])季度?$/.exec(s);
  if (m) return periodOf(Number(m[1]), CN_DIGIT[m[2]!]);
  // Statistical bulletins report year-to-date figures as 1-3月, 1-6月, 1-9月, 1-12月.
  m = /^(\d{4})年1[-—~至](3|6|9|12)月(?:份)?$/.exec(s);
  if (m) return periodOf(Number(m[1]), Number(m[2]) / 3);
  m = /^(\d{4})年(上半年|前三季度)$/.exec(s);
  if (m) return periodOf(Number(m[1]), m[2] === '上半年' ? 2 : 3);
  m = /^(\d{4})(?:年度?|年末)?$/.exec(s);
  if (m) return periodOf(Number(m[1]));
  return undefined;
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
