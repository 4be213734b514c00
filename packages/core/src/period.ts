// Reporting periods: quarters ('2025Q3', year-to-date for flows) and years ('2025', year-end).
import type { Brand, IsoDate } from './types.ts';

export type Period = Brand<string, 'Period'>;
export type PeriodKind = 'quarter' | 'year';

export interface PeriodParts {
  year: number;
  /** 1–4 for a quarter; undefined for a whole year. */
  quarter?: number;
}

const PERIOD_PATTERN = /^(\d{4})(?:Q([1-4]))?$/;

export function periodIsValid(s: string): s is Period {
  return PERIOD_PATTERN.test(s);
}

export function periodParse(s: string): PeriodParts {
  const m = PERIOD_PATTERN.exec(s);
  if (!m) throw new Error(`not a period: '${s}' (expected YYYY or YYYYQn, e.g. 2025Q3)`);
  return m[2] ? { year: Number(m[1]), quarter: Number(m[2]) } : { year: Number(m[1]) };
}

/** Years are written with four digits ('0999'), the form periodParse reads: 999 → '0999', not '999'. */
export function periodOf(year: number, quarter?: number): Period {
  const y = String(year).padStart(4, '0');
  return (quarter ? `${y}Q${quarter}` : y) as Period;
}

export function periodKind(p: Period): PeriodKind {
  return periodParse(p).quarter ? 'quarter' : 'year';
}

export function periodYear(p: Period): number {
  return periodParse(p).year;
}

/** Months of the year covered by the period: Q1 → 3 … Q4 → 12; a year → 12. */
export function periodMonthsElapsed(p: Period): number {
  const { quarter } = periodParse(p);
  return quarter ? quarter * 3 : 12;
}

/** The last day of the period; region membership is decided on this date. */
export function periodEndDate(p: Period): IsoDate {
  const { year, quarter } = periodParse(p);
  const month = quarter ? quarter * 3 : 12;
  // Periods end in March, June, September or December (31, 30, 30, 31 days): no Date, which reads
  // years 0–99 as 1900–1999.
  const day = month === 6 || month === 9 ? 30 : 31;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${day}` as IsoDate;
}

/** Same period one year earlier (2025Q3 → 2024Q3; 2025 → 2024): the base of a YoY comparison. */
export function periodSameLastYear(p: Period): Period {
  const { year, quarter } = periodParse(p);
  return periodOf(year - 1, quarter);
}

/**
 * The period before, of the same kind: 2025Q3 → 2025Q2, 2025Q1 → 2024Q4, 2025 → 2024 (the collection
 * template's 上期值; the index's walk back to the last complete period).
 */
export function periodPrevious(p: Period): Period {
  const { year, quarter } = periodParse(p);
  if (quarter === undefined) return periodOf(year - 1);
  return quarter === 1 ? periodOf(year - 1, 4) : periodOf(year, quarter - 1);
}

/** Chronological order; a year sorts after its Q4 (it is the final, annual figure). */
export function periodCompare(a: Period, b: Period): number {
  const pa = periodParse(a);
  const pb = periodParse(b);
  return pa.year - pb.year || (pa.quarter ?? 5) - (pb.quarter ?? 5);
}

/** All quarters from `from` to `to` inclusive, e.g. 2021Q1 … 2025Q4. */
export function periodQuarterRange(from: Period, to: Period): Period[] {
  const a = periodParse(from);
  const b = periodParse(to);
  const out: Period[] = [];
  for (let y = a.year; y <= b.year; y++) {
    for (let q = 1; q <= 4; q++) {
      if (y === a.year && q < (a.quarter ?? 1)) continue;
      if (y === b.year && q > (b.quarter ?? 4)) break;
      out.push(periodOf(y, q));
    }
  }
  return out;
}
