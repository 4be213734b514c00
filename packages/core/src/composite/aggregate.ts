// Aggregation kernels: combine the columns of one aggregate's children into its column, for every unit
// at once, reading and writing one column-major Float64Array (no per-cell allocation; the Monte Carlo
// analysis calls these thousands of times).
import { assertNever } from '../types.ts';
import type { AggregationMethodSpec, IndexMethods } from './spec.ts';
import { statsMean, statsSd } from './stats.ts';

/** Why an aggregate could not be computed for a unit (the stated rule for values ≤ 0, or MPI's M ≤ 0). */
export interface AggregationFailure {
  unit: number;
  /** Column index of the offending child, when one value is to blame. */
  child?: number;
  value: number;
  reason: string;
}

export interface AggregateTask {
  /** Column-major values, nUnits per column; the output column is written in place. */
  values: Float64Array;
  nUnits: number;
  children: Int32Array;
  /** Weights of the children (any positive scale; each kernel rescales over the available inputs). */
  weights: Float64Array;
  out: number;
  missing: IndexMethods['missing'];
  /** Scratch of length ≥ 3·nUnits, reused between calls. */
  scratch: Float64Array;
}

/** Returns null, or the first failure. Also returns the shift applied by a `shift` rule via `onShift`. */
export function aggregateColumn(
  task: AggregateTask,
  spec: AggregationMethodSpec,
  onShift?: (shift: number) => void,
): AggregationFailure | null {
  const { values, nUnits: n, children, weights, out, missing, scratch } = task;
  const o = out * n;
  const k = children.length;
  const acc = scratch.subarray(0, n);
  const wsum = scratch.subarray(n, 2 * n);
  const cnt = scratch.subarray(2 * n, 3 * n);
  acc.fill(0);
  wsum.fill(0);
  cnt.fill(0);

  switch (spec.method) {
    case 'arithmetic': {
      // Weighted mean over the available inputs: Σwx/Σw (COINr a_amean drops NAs and rescales w).
      for (let c = 0; c < k; c++) {
        const base = children[c]! * n;
        const w = weights[c]!;
        for (let i = 0; i < n; i++) {
          const x = values[base + i]!;
          if (x === x) {
            acc[i] = acc[i]! + w * x;
            wsum[i] = wsum[i]! + w;
            cnt[i] = cnt[i]! + 1;
          }
        }
      }
      for (let i = 0; i < n; i++) values[o + i] = acc[i]! / wsum[i]!;
      return missingRule(values, o, cnt, k, missing);
    }
    case 'geometric':
    case 'harmonic': {
      const shift = shiftFor(task, spec);
      if (typeof shift !== 'number') return shift;
      if (shift !== 0) onShift?.(shift);
      // Geometric: exp(Σw ln x / Σw); harmonic: Σw / Σ(w/x).
      const geometric = spec.method === 'geometric';
      for (let c = 0; c < k; c++) {
        const base = children[c]! * n;
        const w = weights[c]!;
        for (let i = 0; i < n; i++) {
          const x = values[base + i]!;
          if (x === x) {
            acc[i] = acc[i]! + (geometric ? w * Math.log(x + shift) : w / (x + shift));
            wsum[i] = wsum[i]! + w;
            cnt[i] = cnt[i]! + 1;
          }
        }
      }
      if (geometric) for (let i = 0; i < n; i++) values[o + i] = Math.exp(acc[i]! / wsum[i]!) - shift;
      else for (let i = 0; i < n; i++) values[o + i] = wsum[i]! / acc[i]! - shift;
      return missingRule(values, o, cnt, k, missing);
    }
    case 'mpi': {
      // Mazziotta & Pareto (2016, Soc. Indic. Res. 127:983–1003): MPI∓ = M ∓ S·cv, cv = S/M, with S the
      // population SD of the unit's inputs; weights generalise M and S to weighted moments. With
      // `standardise`, input c is read as 100 + 10·(x − mean_c)/sd_c (their step 1).
      const shiftC = new Float64Array(k);
      const scaleC = new Float64Array(k).fill(1);
      if (spec.standardise) {
        for (let c = 0; c < k; c++) {
          const col = values.subarray(children[c]! * n, (children[c]! + 1) * n);
          const m = statsMean(col);
          const s = statsSd(col, 'population');
          scaleC[c] = s > 0 ? 10 / s : 0;
          shiftC[c] = 100 - m * scaleC[c]!;
        }
      }
      for (let c = 0; c < k; c++) {
        const base = children[c]! * n;
        const w = weights[c]!;
        const a = scaleC[c]!;
        const b = shiftC[c]!;
        for (let i = 0; i < n; i++) {
          const x = values[base + i]!;
          if (x === x) {
            acc[i] = acc[i]! + w * (a * x + b);
            wsum[i] = wsum[i]! + w;
            cnt[i] = cnt[i]! + 1;
          }
        }
      }
      for (let i = 0; i < n; i++) acc[i] = acc[i]! / wsum[i]!; // M
      const ss = new Float64Array(n);
      for (let c = 0; c < k; c++) {
        const base = children[c]! * n;
        const w = weights[c]!;
        const a = scaleC[c]!;
        const b = shiftC[c]!;
        for (let i = 0; i < n; i++) {
          const x = values[base + i]!;
          if (x === x) {
            const z = a * x + b;
            ss[i] = ss[i]! + w * (z - acc[i]!) * (z - acc[i]!);
          }
        }
      }
      for (let i = 0; i < n; i++) {
        if (acc[i]! <= 0 && wsum[i]! > 0) {
          return {
            unit: i,
            value: acc[i]!,
            reason:
              'MPI needs a positive mean M (normalise to z-scores with mean 100, SD 10, or set standardise: true)',
          };
        }
      }
      const sign = spec.penalty === 'negative' ? -1 : 1;
      for (let i = 0; i < n; i++) values[o + i] = acc[i]! + (sign * (ss[i]! / wsum[i]!)) / acc[i]!; // S·cv = S²/M
      return missingRule(values, o, cnt, k, missing);
    }
    case 'topsis': {
      // Hwang & Yoon (1981): weighted inputs v = w·x (weights rescaled to sum 1), ideal = column max,
      // anti-ideal = column min, closeness = D⁻/(D⁺ + D⁻) with Euclidean distances.
      let wt = 0;
      for (let c = 0; c < k; c++) wt += weights[c]!;
      const dPlus = acc;
      const dMinus = wsum;
      for (let c = 0; c < k; c++) {
        const base = children[c]! * n;
        const w = weights[c]! / wt;
        let best = -Infinity;
        let worst = Infinity;
        for (let i = 0; i < n; i++) {
          const v = values[base + i]! * w;
          if (v > best) best = v;
          if (v < worst) worst = v;
        }
        for (let i = 0; i < n; i++) {
          const v = values[base + i]! * w;
          if (v === v) {
            dPlus[i] = dPlus[i]! + (v - best) * (v - best);
            dMinus[i] = dMinus[i]! + (v - worst) * (v - worst);
            cnt[i] = cnt[i]! + 1;
          }
        }
      }
      for (let i = 0; i < n; i++) {
        const dp = Math.sqrt(dPlus[i]!);
        const dm = Math.sqrt(dMinus[i]!);
        values[o + i] = dp + dm === 0 ? NaN : dm / (dp + dm);
      }
      return missingRule(values, o, cnt, k, missing);
    }
    default:
      return assertNever(spec, 'aggregation');
  }
}

/**
 * The stated missing-value rule, applied after the method has written every unit: no input, too small
 * an available share, or (propagate) any missing input makes the aggregate missing.
 */
function missingRule(
  values: Float64Array,
  o: number,
  cnt: Float64Array,
  k: number,
  missing: IndexMethods['missing'],
): null {
  const propagate = missing.rule === 'propagate';
  const minShare = missing.minShare;
  for (let i = 0; i < cnt.length; i++) {
    const present = cnt[i]!;
    if (present === 0 || present < minShare * k || (propagate && present < k)) values[o + i] = NaN;
  }
  return null;
}

/** The shift for a geometric/harmonic aggregate, or the failure under the `error` rule. */
function shiftFor(
  task: AggregateTask,
  spec: Extract<AggregationMethodSpec, { method: 'geometric' | 'harmonic' }>,
): number | AggregationFailure {
  const { values, nUnits: n, children } = task;
  let min = Infinity;
  let at: AggregationFailure | null = null;
  for (let c = 0; c < children.length; c++) {
    const base = children[c]! * n;
    for (let i = 0; i < n; i++) {
      const x = values[base + i]!;
      if (x < min) {
        min = x;
        if (x <= 0) at = { unit: i, child: children[c]!, value: x, reason: '' };
      }
    }
  }
  if (min > 0) return 0;
  const what =
    spec.method === 'geometric'
      ? 'geometric mean needs values > 0 (ln)'
      : 'harmonic mean needs values > 0 (1/x)';
  if (spec.nonPositive === 'error')
    return { ...at!, reason: `${what}; set nonPositive: "shift" or normalise to a positive range` };
  const shift = spec.shift ?? 1 - min;
  if (min + shift <= 0)
    return { ...at!, reason: `${what}; the stated shift ${shift} does not lift the minimum ${min} above 0` };
  return shift;
}

/** The aggregation method of an aggregate: byParent, else byLevel, else default. */
export function aggregationFor(methods: IndexMethods, code: string, level: number): AggregationMethodSpec {
  return (
    methods.aggregation.byParent?.[code] ??
    methods.aggregation.byLevel?.[String(level)] ??
    methods.aggregation.default
  );
}
