// Outlier treatment of one indicator column: COINr's skew/kurtosis-driven winsorisation with a log
// fallback, or a plain log transform. Each call says what it did, so the treated stage is explainable.
import { assertNever } from '../types.ts';
import type { TreatmentSpec } from './spec.ts';
import { statsKurtosis, statsMax, statsMin, statsShape, statsSkewness } from './stats.ts';

export interface TreatmentLog {
  method: TreatmentSpec['method'];
  skewBefore: number;
  kurtosisBefore: number;
  /** Outlier check before any treatment (COINr check_SkewKurt). */
  passedBefore: boolean;
  /** Points winsorised (0 when none); `winsorisedHigh`/`winsorisedLow` are the row indices. */
  winsorised: number;
  winsorisedHigh: number[];
  winsorisedLow: number[];
  /** The log fallback (or forced log) was applied. */
  logApplied: boolean;
  skewAfter: number;
  kurtosisAfter: number;
  passedAfter: boolean;
}

/**
 * COINr check_SkewKurt: an indicator passes when |skewness| < skewThreshold OR kurtosis < kurtThreshold,
 * i.e. it is treated only when both are high (defaults 2 and 3.5, JRC/COIN practice).
 */
export function treatmentPasses(x: ArrayLike<number>, skewThreshold: number, kurtThreshold: number): boolean {
  return Math.abs(statsSkewness(x)) < skewThreshold || statsKurtosis(x) < kurtThreshold;
}

/**
 * COINr winsorise(): while the column fails and fewer than `winmax` points are winsorised, replace the
 * maximum (when skew ≥ 0) or the minimum (skew < 0) — all tied copies — with the next value inward.
 * As in COINr, the count is the number of points now sitting at the winsorised max plus min, so ties
 * count for each copy.
 */
export function treatmentWinsorise(
  x: Float64Array,
  winmax: number,
  skewThreshold: number,
  kurtThreshold: number,
): { values: Float64Array; high: number[]; low: number[] } {
  const v = Float64Array.from(x);
  let high: number[] = [];
  let low: number[] = [];
  let passing = treatmentPasses(v, skewThreshold, kurtThreshold);
  while (!passing && high.length + low.length < winmax) {
    if (statsSkewness(v) >= 0) {
      const mx = statsMax(v);
      high = [];
      let next = -Infinity;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === mx) high.push(i);
        else if (v[i]! > next) next = v[i]!;
      }
      if (next === -Infinity) break; // every value is the same: nothing to pull in
      for (const i of high) v[i] = next;
    } else {
      const mn = statsMin(v);
      low = [];
      let next = Infinity;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === mn) low.push(i);
        else if (v[i]! < next) next = v[i]!;
      }
      if (next === Infinity) break;
      for (const i of low) v[i] = next;
    }
    passing = treatmentPasses(v, skewThreshold, kurtThreshold);
  }
  return { values: v, high, low };
}

/** COINr log_CT: ln(x − min + 0.01·(max − min)), defined for any real x (the minimum maps to ln of 1% of the range). */
export function treatmentLogCT(x: ArrayLike<number>): Float64Array {
  const mn = statsMin(x);
  const mx = statsMax(x);
  const a = 0.01 * (mx - mn);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]! - mn + a);
  return out;
}

/**
 * Treat one column; returns the treated values (the input itself when nothing changes — the caller
 * copies it into the treated stage) and what was done. ln of a value ≤ 0 is an error.
 */
export function treatmentApply(
  x: Float64Array,
  spec: TreatmentSpec,
): { values: Float64Array; log: TreatmentLog } | { error: string } {
  const before = statsShape(x);
  const skewBefore = before.skewness;
  const kurtosisBefore = before.kurtosis;
  const base = {
    method: spec.method,
    skewBefore,
    kurtosisBefore,
    winsorised: 0,
    winsorisedHigh: [] as number[],
    winsorisedLow: [] as number[],
    logApplied: false,
  };
  const finish = (
    values: Float64Array,
    passedBefore: boolean,
    extra: Partial<TreatmentLog>,
    sk: number,
    kt: number,
  ) => {
    const after = values === x ? before : statsShape(values);
    return {
      values,
      log: {
        ...base,
        ...extra,
        passedBefore,
        skewAfter: after.skewness,
        kurtosisAfter: after.kurtosis,
        passedAfter: Math.abs(after.skewness) < sk || after.kurtosis < kt,
      },
    };
  };
  switch (spec.method) {
    case 'none':
      return finish(x, true, {}, Infinity, Infinity);
    case 'winsorise': {
      const sk = spec.skewThreshold;
      const kt = spec.kurtosisThreshold;
      // Fewer than 4 values: skewness/kurtosis are undefined (NaN), and NaN comparisons fail, which
      // would treat every short column; treat such a column as passing instead.
      if (Number.isNaN(kurtosisBefore) || Math.abs(skewBefore) < sk || kurtosisBefore < kt) {
        return finish(x, true, {}, sk, kt);
      }
      const w = treatmentWinsorise(x, spec.winmax, sk, kt);
      const extra = {
        winsorised: w.high.length + w.low.length,
        winsorisedHigh: w.high,
        winsorisedLow: w.low,
      };
      if (treatmentPasses(w.values, sk, kt) || spec.fallback === 'none')
        return finish(w.values, false, extra, sk, kt);
      // Still failing: COINr applies the fallback to the original values unless combine_treat.
      const logged = treatmentLogCT(spec.combine ? w.values : x);
      return finish(
        logged,
        false,
        spec.combine ? { ...extra, logApplied: true } : { logApplied: true },
        sk,
        kt,
      );
    }
    case 'log': {
      if (spec.variant === 'logCT')
        return finish(treatmentLogCT(x), false, { logApplied: true }, Infinity, Infinity);
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        if (x[i]! <= 0)
          return { error: `ln of ${x[i]} (row ${i + 1}): ln needs values > 0; use variant logCT` };
        out[i] = Math.log(x[i]!);
      }
      return finish(out, false, { logApplied: true }, Infinity, Infinity);
    }
    default:
      return assertNever(spec, 'treatment');
  }
}
