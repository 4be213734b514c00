// Rounding as a statistics bureau publishes figures: 四舍五入 on the decimal digits, half away from zero.
// Everything printed (tables, screens, the report) and everything compared as published (ranks) goes
// through here, so that a displayed difference equals the difference of the displayed figures.

/**
 * Round half away from zero to `decimals` places on the number's shortest decimal form, so binary
 * noise does not decide a half: 2.675 → 2.68 (Math.round(267.49999…)/100 would give 2.67),
 * −104.5 → −105 (Math.round gives −104), 58.519999999999996 → 58.52.
 * Convention: GB/T 8170-2008 数值修约规则 §3.3 "四舍五入" as applied to published statistics
 * (the 国家统计局 统计数据 rounding of 统计公报 figures), which rounds a 5 away from zero.
 */
export function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  // 15 significant digits is what a binary64 holds exactly; beyond that is representation noise.
  const clean = Math.abs(Number(x.toPrecision(15)));
  // Below 1e-6 (or at 1e21 and above) String() is exponential and `${clean}e${decimals}` would not
  // parse: there is no printed half to protect, so plain scaling is exact enough (3.5e-15 → 0).
  if (String(clean).includes('e')) {
    const scaled = Math.round(clean * 10 ** decimals) / 10 ** decimals;
    return x < 0 && scaled !== 0 ? -scaled : scaled;
  }
  const shifted = Math.round(Number(`${clean}e${decimals}`));
  const rounded = Number(`${shifted}e-${decimals}`);
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * The difference of two figures as printed: round each, subtract, round again (to drop the binary
 * remainder of the subtraction). 907 − 1011.5 prints 907, 1012 and −105, never −104.
 */
export function roundedDifference(a: number, b: number, decimals: number): number {
  return roundHalfAway(roundHalfAway(a, decimals) - roundHalfAway(b, decimals), decimals);
}
