// Numbers, changes, rates, dates and waits as the tables show them.

/** A figure with the indicator's decimals and digit grouping; '—' when there is none. */
export function formatNumber(
  value: number | null | undefined,
  decimals = 2,
  lang: 'zh' | 'en' = 'zh',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/**
 * A submitted figure exactly as entered: at least the indicator's decimals, and every decimal the value
 * has beyond them (issue 8 item 12: a reviewer must see 75.6 家, not 76). Float noise past 15 significant
 * digits is not a decimal anyone typed.
 */
export function formatExact(
  value: number | null | undefined,
  decimals = 2,
  lang: 'zh' | 'en' = 'zh',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const typed = Number(value.toPrecision(15));
  // '75.6' → 1, '1.5e-7' → 8: the decimals the number really has.
  const m = /^-?\d+(?:\.(\d+))?(?:e-(\d+))?$/.exec(String(typed));
  const own = (m?.[1]?.length ?? 0) + Number(m?.[2] ?? 0);
  return typed.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: Math.min(20, Math.max(decimals, own)),
  });
}

/** A change with its sign: +3.2 / −1.0 (a true minus sign, as printed statistics use). */
export function formatSigned(value: number, decimals: number): string {
  const s = Math.abs(value).toFixed(decimals);
  return value > 0 ? `+${s}` : value < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** part / whole as a percentage with one decimal; '—' when nothing is owed. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}

/** Minutes and seconds of a wait, rounded up to the second. */
export function durationParts(seconds: number): { m: number; s: number } {
  const total = Math.max(0, Math.ceil(seconds));
  return { m: Math.floor(total / 60), s: total % 60 };
}

/** 'YYYY-MM-DD HH:mm' in the browser's time zone; the text itself when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
