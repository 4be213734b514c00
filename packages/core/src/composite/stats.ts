// Descriptive statistics on typed columns for the index engine; NaN means "missing" and is skipped.

/** Which standard deviation: sample (n − 1, R's sd()) or population (n, used by the Croatian index). */
export type SdType = 'sample' | 'population';

export function statsCount(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) n++;
  return n;
}

export function statsMean(x: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Standard deviation; sample SD divides by n − 1 (R's sd()), population SD by n. */
export function statsSd(x: ArrayLike<number>, type: SdType): number {
  const m = statsMean(x);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      ss += (v - m) * (v - m);
      n++;
    }
  }
  const d = type === 'sample' ? n - 1 : n;
  return d <= 0 ? NaN : Math.sqrt(ss / d);
}

export function statsMin(x: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < m) m = v;
  }
  return m === Infinity ? NaN : m;
}

export function statsMax(x: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v > m) m = v;
  }
  return m === -Infinity ? NaN : m;
}

/** Non-missing values, sorted ascending. */
export function statsSorted(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(statsCount(x));
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) out[k++] = x[i]!;
  return out.sort();
}

/**
 * Quantile by R's default definition (type 7): h = (n − 1)p, linear interpolation between the order
 * statistics around h. COINr reports rank intervals with stats::quantile(), so we use the same rule.
 */
export function statsQuantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function statsMedian(x: ArrayLike<number>): number {
  return statsQuantileSorted(statsSorted(x), 0.5);
}

/** Skewness and kurtosis (both type 2, below) from one pass over the deviations. */
export function statsShape(x: ArrayLike<number>): { skewness: number; kurtosis: number } {
  const n = statsCount(x);
  const m = statsMean(x);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const skewness =
    n < 3 ? NaN : ((Math.sqrt(n) * s3) / Math.pow(s2, 1.5)) * (Math.sqrt(n * (n - 1)) / (n - 2));
  const r = (n * s4) / (s2 * s2);
  const kurtosis = n < 4 ? NaN : (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return { skewness, kurtosis };
}

/**
 * Skewness as e1071::skewness(type = 2), the definition COINr's skew() copies and Excel's SKEW() uses:
 * g1 = √n Σd³ / (Σd²)^{3/2}, then G1 = g1 √(n(n − 1)) / (n − 2). Needs at least 3 values.
 */
export function statsSkewness(x: ArrayLike<number>): number {
  const n = statsCount(x);
  if (n < 3) return NaN;
  const m = statsMean(x);
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    s2 += d * d;
    s3 += d * d * d;
  }
  const g1 = (Math.sqrt(n) * s3) / Math.pow(s2, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/**
 * Excess kurtosis as e1071::kurtosis(type = 2) (COINr's kurt(), Excel's KURT()):
 * r = n Σd⁴ / (Σd²)², G2 = ((n + 1)(r − 3) + 6)(n − 1) / ((n − 2)(n − 3)). Needs at least 4 values.
 */
export function statsKurtosis(x: ArrayLike<number>): number {
  const n = statsCount(x);
  if (n < 4) return NaN;
  const m = statsMean(x);
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/**
 * Ranks with ties sharing the best place ("sport" ranking, R's rank(ties.method = "min")).
 * `descending` ranks the highest value 1 (scores); ascending ranks the lowest value 1. NaN stays NaN.
 * Writes into `out` (reused across Monte Carlo runs) and uses `order` as scratch of the same length.
 */
export function statsRankInto(
  x: ArrayLike<number>,
  descending: boolean,
  out: Float64Array,
  order: Int32Array,
): Float64Array {
  const n = x.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i]!)) out[i] = NaN;
    else order[k++] = i;
  }
  const idx = order.subarray(0, k);
  if (descending) idx.sort((a, b) => x[b]! - x[a]!);
  else idx.sort((a, b) => x[a]! - x[b]!);
  for (let r = 0; r < k; r++) {
    const i = idx[r]!;
    out[i] = r > 0 && x[i]! === x[idx[r - 1]!]! ? out[idx[r - 1]!]! : r + 1;
  }
  return out;
}

export function statsRank(x: ArrayLike<number>, descending: boolean): Float64Array {
  return statsRankInto(x, descending, new Float64Array(x.length), new Int32Array(x.length));
}
