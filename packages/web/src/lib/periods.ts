// Period choices for selectors: quarters and years of the plan, newest first, with readable labels.
import { periodOf, periodParse, type Period } from '@ding/core';
import type { PeriodPublication } from '../api/types.ts';

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

/**
 * A point of the engine's trend line as a period: t is a year-end (2024) or, for the current quarter,
 * year − 1 + months/12 (2025Q3 is 2024.75; engine/progress.ts projectToFinal).
 */
export function trendPointLabel(t: number): string {
  if (Number.isInteger(t)) return String(t);
  const year = Math.floor(t) + 1;
  const quarter = Math.round((t - Math.floor(t)) * 4);
  return quarter >= 1 && quarter <= 3 ? `${year}Q${quarter}` : t.toFixed(2);
}

/** '2026年第三季度' / '2026 Q3'; '2026年' / '2026': a period without its months, for short notes. */
export function periodShortLabel(p: string, lang: 'zh' | 'en'): string {
  const { year, quarter } = periodParse(p);
  if (quarter === undefined) return lang === 'zh' ? `${year}年` : String(year);
  return lang === 'zh' ? `${year}年第${ZH_QUARTER[quarter]}季度` : `${year} Q${quarter}`;
}

/**
 * A quarter still being collected, as issue 8 item 10 asks it to be shown instead of a page of 无数据:
 * '2026年第三季度 填报中（20个地区已发布1个）' / '2026 Q3 being collected (1 of 20 regions published)'.
 */
export function periodCollectingText(
  p: Pick<PeriodPublication, 'period' | 'regionsPublished' | 'regionsTotal'>,
  lang: 'zh' | 'en',
): string {
  return lang === 'zh'
    ? `${periodShortLabel(p.period, lang)} 填报中（${p.regionsTotal}个地区已发布${p.regionsPublished}个）`
    : `${periodShortLabel(p.period, lang)} being collected (${p.regionsPublished} of ${p.regionsTotal} regions published)`;
}
