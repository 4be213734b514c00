// Numbers and times as the wall prints them. The payload's figures are already rounded by the engine the
// way the progress table rounds them (progressRecords: a value to its indicator's decimals, completion to
// 0.1, YoY percent to 0.1 and pp to the decimals); these print them with exactly those decimals, without
// digit grouping, so that a card's text equals the engine's figure (an e2e test compares them).

export type ScreenLang = 'zh' | 'en';

/** '—' for no figure. */
export const NO_FIGURE = '—';

/** A figure with a fixed number of decimals: 1284, 4.18, -3.6; '—' when there is none. */
export function formatFixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_FIGURE;
  const s = value.toFixed(Math.max(0, Math.min(20, Math.trunc(decimals))));
  // -0.00 is 0.00: a figure rounded to zero has no sign.
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** An indicator's value (or target, or 序时进度) to the indicator's decimals. */
export function formatValue(value: number | null | undefined, decimals: number): string {
  return formatFixed(value, decimals);
}

/** 完成率 to one decimal, without the % sign (the card prints it beside). */
export function formatCompletion(completion: number | null | undefined): string {
  return formatFixed(completion, 1);
}

/**
 * The unit of a change, as progressRecords writes it: percent for growth of counts and amounts, percentage
 * points (个百分点) for a change of a percentage, the indicator's own unit for a change of another level.
 */
export function changeUnit(kind: 'percent' | 'pp', unit: string, lang: ScreenLang): string {
  if (kind === 'percent') return '%';
  if (unit === '%') return lang === 'zh' ? '个百分点' : ' pp';
  return ` ${unit}`;
}

/** With its sign, as progressRecords prints it: +29.2, -0.4, +0.17. */
export function formatSigned(value: number, decimals: number): string {
  const s = formatFixed(value, decimals);
  return value >= 0 || s === formatFixed(0, decimals) ? (s.startsWith('-') ? s : `+${s}`) : s;
}

/** 同比: percent to 0.1; a pp change to the indicator's decimals. '' when there is none (as in the table). */
export function formatYoy(
  yoy: { change: number; kind: 'percent' | 'pp' } | null | undefined,
  decimals: number,
  unit: string,
  lang: ScreenLang,
): string {
  if (!yoy) return '';
  return `${formatSigned(yoy.change, yoy.kind === 'pp' ? decimals : 1)}${changeUnit(yoy.kind, unit, lang)}`;
}

/** Growth required each year to reach the final target: percent to 0.1, pp to 0.01 (as progressRecords). */
export function formatRequiredGrowth(
  growth: { value: number; kind: 'percent' | 'pp' } | null | undefined,
  unit: string,
  lang: ScreenLang,
): string {
  if (!growth) return '';
  return `${formatFixed(growth.value, growth.kind === 'pp' ? 2 : 1)}${changeUnit(growth.kind, unit, lang)}`;
}

const QUARTER_ZH = ['一', '二', '三', '四'];

/** 2025Q3 → 2025年第三季度 (2025 Q3); 2025 → 2025年度 (2025). Other text is returned as it is. */
export function formatPeriod(period: string, lang: ScreenLang): string {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) return period;
  const [, year, q] = m;
  if (lang === 'en') return q ? `${year} Q${q}` : year!;
  return q ? `${year}年第${QUARTER_ZH[Number(q) - 1]}季度` : `${year}年度`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'HH:MM' in the wall's time zone. */
export function formatClock(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** 'YYYY-MM-DD HH:MM' in the wall's time zone; '—' without a time, the text itself when it is not one. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NO_FIGURE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(d)}`;
}

/** A value of a trace input or observation, whose decimals the trace does not give: at most 4, trailing zeros cut. */
export function formatLoose(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_FIGURE;
  const s = formatFixed(value, 4);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
