// Normalisation of one indicator column onto a common scale. Polarity follows COINr: values (and any
// fixed goalposts, targets or thresholds) are multiplied by the direction (−1 for 逆向) first, so every
// method can assume "more is better"; only ratio-to-benchmark inverts the ratio instead, b/x.
import { assertNever } from '../types.ts';
import type { NormalisationSpec } from './spec.ts';
import { statsMax, statsMean, statsMin, statsRankInto, statsSd } from './stats.ts';

export interface NormaliseContext {
  direction: 1 | -1;
  /** The framework node's target/benchmark, used when the spec does not give one. */
  target?: number;
}

/**
 * Normalise `x` into `out` (same length). Returns null, or a message when the method cannot apply
 * (no target, a zero benchmark, …). A column with zero range yields NaN, as in COINr n_minmax.
 */
export function normaliseInto(
  x: ArrayLike<number>,
  spec: NormalisationSpec,
  ctx: NormaliseContext,
  out: Float64Array,
): string | null {
  const n = x.length;
  const d = ctx.direction;
  switch (spec.method) {
    case 'none':
      for (let i = 0; i < n; i++) out[i] = x[i]! * d;
      return null;
    case 'minmax': {
      // COINr n_minmax: (x − min)/(max − min)·(u − l) + l.
      for (let i = 0; i < n; i++) out[i] = x[i]! * d;
      const mn = statsMin(out);
      const mx = statsMax(out);
      const [l, u] = spec.range;
      const k = (u - l) / (mx - mn);
      for (let i = 0; i < n; i++) out[i] = (out[i]! - mn) * k + l;
      return null;
    }
    case 'zscore': {
      for (let i = 0; i < n; i++) out[i] = x[i]! * d;
      const m = statsMean(out);
      const s = statsSd(out, spec.sdType);
      for (let i = 0; i < n; i++) out[i] = ((out[i]! - m) / s) * spec.sd + spec.mean;
      return null;
    }
    case 'goalposts': {
      // COINr n_goalposts: with direction −1 the goalposts are negated and swap roles.
      const lo = d === 1 ? spec.lower : -spec.upper;
      const hi = d === 1 ? spec.upper : -spec.lower;
      if (hi === lo) return 'goalposts: lower and upper are equal';
      for (let i = 0; i < n; i++) {
        let y = (x[i]! * d - lo) / (hi - lo);
        if (spec.truncate) y = y > 1 ? 1 : y < 0 ? 0 : y;
        out[i] = y * spec.scale;
      }
      return null;
    }
    case 'distanceToTarget': {
      // COINr n_dist2targ: 1 − (targ − x)/(targ − min) = (x − min)/(targ − min), on direction-adjusted
      // values. For a 逆向 indicator this equals (max − x)/(max − targ), the Croatian 2013 rule written
      // with 1 − x and 1 − ref (the constant cancels).
      const t0 = spec.target ?? ctx.target;
      if (t0 === undefined) return 'distanceToTarget: no target (give one in the spec or the framework node)';
      const t = t0 * d;
      for (let i = 0; i < n; i++) out[i] = x[i]! * d;
      const mn = statsMin(out);
      if (t === mn) return 'distanceToTarget: the target equals the minimum';
      for (let i = 0; i < n; i++) {
        let y = (out[i]! - mn) / (t - mn);
        if (spec.cap && y > 1) y = 1;
        out[i] = y * spec.scale;
      }
      return null;
    }
    case 'ratioToBenchmark': {
      // 科技进步统计监测: 正向 100·x/b, 逆向 100·b/x, each capped (default 100).
      const b = spec.benchmark ?? ctx.target;
      if (b === undefined)
        return 'ratioToBenchmark: no benchmark (give one in the spec or the framework node)';
      if (b === 0) return 'ratioToBenchmark: the benchmark is 0';
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        let y = d === 1 ? (100 * v) / b : (100 * b) / v;
        if (d === -1 && v === 0) y = Infinity;
        out[i] = y > spec.cap ? spec.cap : y;
      }
      return null;
    }
    case 'efficacy': {
      // 功效系数法: d = 60 + 40·(x − x_s)/(x_h − x_s); thresholds are negated with the values for 逆向.
      for (let i = 0; i < n; i++) out[i] = x[i]! * d;
      const xh = spec.excellent !== undefined ? spec.excellent * d : statsMax(out);
      const xs = spec.satisfactory !== undefined ? spec.satisfactory * d : statsMin(out);
      if (xh === xs) return 'efficacy: the excellent and satisfactory values are equal';
      for (let i = 0; i < n; i++) out[i] = 60 + (40 * (out[i]! - xs)) / (xh - xs);
      return null;
    }
    case 'rank':
    case 'percentileRank': {
      const adj = new Float64Array(n);
      for (let i = 0; i < n; i++) adj[i] = x[i]! * d;
      statsRankInto(adj, false, out, new Int32Array(n));
      if (spec.method === 'percentileRank') {
        let k = 0;
        for (let i = 0; i < n; i++) if (!Number.isNaN(adj[i]!)) k++;
        for (let i = 0; i < n; i++) out[i] = (out[i]! - 1) / (k - 1);
      }
      return null;
    }
    case 'vector': {
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        if (!Number.isNaN(v)) ss += v * v;
      }
      const r = Math.sqrt(ss);
      if (r === 0) return 'vector: every value is 0';
      for (let i = 0; i < n; i++) out[i] = (x[i]! * d) / r;
      return null;
    }
    default:
      return assertNever(spec, 'normalisation');
  }
}

/** Convenience: a new normalised column. Throws on an inapplicable method (use normaliseInto to branch). */
export function normaliseColumn(
  x: ArrayLike<number>,
  spec: NormalisationSpec,
  ctx: NormaliseContext,
): Float64Array {
  const out = new Float64Array(x.length);
  const err = normaliseInto(x, spec, ctx, out);
  if (err !== null) throw new Error(err);
  return out;
}

/** 功效系数 of one value: 60 + 40·(x − x_s)/(x_h − x_s). */
export function normaliseEfficacyValue(x: number, excellent: number, satisfactory: number): number {
  return 60 + (40 * (x - satisfactory)) / (excellent - satisfactory);
}
