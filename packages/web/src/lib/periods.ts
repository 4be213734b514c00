// Period choices for selectors: quarters and years of the plan, newest first, with readable labels.
import { periodCompare, periodOf, periodParse, type Period } from '@ding/core';

export interface PeriodGroup {
  year: number;
  /** The year's annual period first, then Q4 … Q1. */
  periods: Period[];
}

/** Years `toYear` down to `fromYear`, each with its annual period and its four quarters. */
export function periodGroupsBetween(fromYear: number, toYear: number): PeriodGroup[] {
  const out: PeriodGroup[] = [];
  for (let y = toYear; y >= fromYear; y--) {
    out.push({
      year: y,
      periods: [periodOf(y), periodOf(y, 4), periodOf(y, 3), periodOf(y, 2), periodOf(y, 1)],
    });
  }
  return out;
}

/** Quarters only, newest first (a collection round is opened for a quarter or a year). */
export function periodQuartersDescending(fromYear: number, toYear: number): Period[] {
  return periodGroupsBetween(fromYear, toYear).flatMap((g) => g.periods.filter((p) => p.includes('Q')));
}

/** The last quarter that has ended before `today` (its figures can exist): 2026-11-24 → 2026Q3. */
export function periodLastEnded(today: Date): Period {
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3); // quarters fully past this year
  return quarter === 0 ? periodOf(year - 1, 4) : periodOf(year, quarter);
}

/** The quarter before `p` (2025Q1 → 2024Q4); a year steps to the previous year's Q4. */
export function periodPreviousQuarter(p: Period): Period {
  const { year, quarter } = periodParse(p);
  if (quarter === undefined) return periodOf(year - 1, 4);
  return quarter === 1 ? periodOf(year - 1, 4) : periodOf(year, quarter - 1);
}

/** Where to look for the newest figures: the newest of the given periods, then earlier quarters. */
export function periodCandidates(known: readonly Period[], start: Period, count: number): Period[] {
  const newest = [...known].sort((a, b) => periodCompare(b, a))[0];
  const out: Period[] = newest && periodCompare(newest, start) <= 0 ? [newest] : [];
  for (let p = start; out.length < count; p = periodPreviousQuarter(p)) if (!out.includes(p)) out.push(p);
  return out;
}

const ZH_QUARTER = ['', '一', '二', '三', '四'];

/** '2025年第三季度（1–9月）' / '2025 Q3 (Jan–Sep)'; '2025年（全年）' / '2025 (full year)'. */
export function periodLabel(p: string, lang: 'zh' | 'en'): string {
  const { year, quarter } = periodParse(p);
  if (quarter === undefined) return lang === 'zh' ? `${year}年（全年）` : `${year} (full year)`;
  const months = quarter * 3;
  if (lang === 'zh') return `${year}年第${ZH_QUARTER[quarter]}季度（1–${months}月）`;
  const en = ['', 'Mar', 'Jun', 'Sep', 'Dec'][quarter];
  return `${year} Q${quarter} (Jan–${en})`;
}
