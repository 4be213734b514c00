// Weighting methods for the children of one aggregate: equal, entropy (熵权法), AHP (Saaty's principal
// eigenvector with consistency ratio) and PCA (squared loadings of the first principal component).
import { statsMax, statsMean, statsMin, statsSd } from './stats.ts';

/** Weights scaled to sum to 1 (all-zero weights stay zero). */
export function weightsNormalise(w: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]!;
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = s === 0 ? 0 : w[i]! / s;
  return out;
}

export function weightsEqual(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

/**
 * 熵权法 (Shannon entropy weights; Elsayed et al. 2017, Int. J. Eng. Trends Technol. 46(2):60–66):
 * p_ij = x_ij / Σ_i x_ij, e_j = −(1/ln m) Σ_i p_ij ln p_ij (0·ln 0 = 0), w_j = (1 − e_j)/Σ(1 − e).
 * `columns` are the criteria (each a column over the m alternatives; NaN rows are skipped).
 * `preNormalisation: 'minmax'` first rescales each column to [0, 1]; `shift` is added after that.
 */
export function weightsEntropy(
  columns: readonly ArrayLike<number>[],
  opts: { preNormalisation: 'minmax' | 'none'; shift: number },
): Float64Array | { error: string } {
  const div = new Float64Array(columns.length);
  for (let j = 0; j < columns.length; j++) {
    const x = columns[j]!;
    const mn = statsMin(x);
    const mx = statsMax(x);
    let m = 0;
    let sum = 0;
    const val = (i: number) =>
      (opts.preNormalisation === 'minmax' ? (mx === mn ? 0 : (x[i]! - mn) / (mx - mn)) : x[i]!) + opts.shift;
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i]!)) continue;
      const v = val(i);
      if (v < 0)
        return {
          error: `entropy weights need values ≥ 0; column ${j + 1} has ${x[i]} (use preNormalisation minmax)`,
        };
      sum += v;
      m++;
    }
    if (m < 2 || sum === 0) {
      div[j] = 0; // a constant (or empty) column carries no information
      continue;
    }
    let e = 0;
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(x[i]!)) continue;
      const p = val(i) / sum;
      if (p > 0) e -= p * Math.log(p);
    }
    div[j] = 1 - e / Math.log(m);
  }
  let s = 0;
  for (const v of div) s += v;
  if (s === 0) return { error: 'entropy weights: no column varies' };
  return weightsNormalise(div);
}

/** Saaty's random consistency index RI for n = 1…15 (Saaty 1980; the values COINr and pymcdm use). */
export const AHP_RANDOM_INDEX = [
  0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

export interface AhpResult {
  weights: Float64Array;
  lambdaMax: number;
  /** CI = (λmax − n)/(n − 1). */
  consistencyIndex: number;
  /** CR = CI/RI; Saaty's rule accepts CR < 0.1. */
  consistencyRatio: number;
}

/**
 * AHP weights: the principal eigenvector of the pairwise comparison matrix A (a_ij = how much more
 * important i is than j, a_ji = 1/a_ij), found by power iteration (A is positive, so Perron–Frobenius
 * guarantees a unique positive principal eigenvector), scaled to sum 1.
 */
export function weightsAhp(matrix: readonly (readonly number[])[]): AhpResult | { error: string } {
  const n = matrix.length;
  if (n < 2) return { error: 'AHP needs at least 2 items' };
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    if (row.length !== n)
      return { error: `AHP matrix row ${i + 1} has ${row.length} entries, expected ${n}` };
    if (Math.abs(row[i]! - 1) > 1e-9)
      return { error: `AHP matrix diagonal entry (${i + 1},${i + 1}) must be 1` };
    for (let j = 0; j < n; j++) {
      const a = row[j]!;
      const b = matrix[j]![i]!;
      if (!(a > 0)) return { error: `AHP matrix entry (${i + 1},${j + 1}) must be > 0` };
      if (Math.abs(a * b - 1) > 1e-6) {
        return {
          error: `AHP matrix is not reciprocal: a(${i + 1},${j + 1})·a(${j + 1},${i + 1}) = ${a * b}, must be 1`,
        };
      }
    }
  }
  let v = new Float64Array(n).fill(1 / n);
  let lambda = n;
  for (let it = 0; it < 1000; it++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += matrix[i]![j]! * v[j]!;
      next[i] = s;
    }
    let sum = 0;
    for (const x of next) sum += x;
    lambda = sum; // since Σv = 1, Σ(Av) = λ at convergence
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / sum;
      delta = Math.max(delta, Math.abs(next[i]! - v[i]!));
    }
    v = next;
    if (delta < 1e-15) break;
  }
  const ci = n > 1 ? (lambda - n) / (n - 1) : 0;
  const ri = AHP_RANDOM_INDEX[n] ?? AHP_RANDOM_INDEX[AHP_RANDOM_INDEX.length - 1]!;
  return { weights: v, lambdaMax: lambda, consistencyIndex: ci, consistencyRatio: ri === 0 ? 0 : ci / ri };
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations; returns eigenvalues and column eigenvectors. */
export function weightsSymmetricEigen(a: readonly (readonly number[])[]): {
  values: number[];
  vectors: number[][];
} {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p]![q]! * m[p]![q]!;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((r, i) => r[i]!), vectors: v };
}

/** Pearson correlation matrix of the columns, over rows where every column is present. */
export function weightsCorrelation(columns: readonly ArrayLike<number>[]): number[][] {
  const k = columns.length;
  const rows: number[] = [];
  const n = columns[0]?.length ?? 0;
  for (let i = 0; i < n; i++) if (columns.every((c) => !Number.isNaN(c[i]!))) rows.push(i);
  const z = columns.map((c) => {
    const v = Float64Array.from(rows.map((i) => c[i]!));
    const m = statsMean(v);
    const s = statsSd(v, 'population');
    return v.map((x) => (s === 0 ? 0 : (x - m) / s));
  });
  const r: number[][] = [];
  for (let a = 0; a < k; a++) {
    r.push([]);
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < rows.length; i++) s += z[a]![i]! * z[b]![i]!;
      r[a]!.push(a === b ? 1 : s / rows.length);
    }
  }
  return r;
}

/**
 * PCA weights (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §6.1): with one retained
 * component, the squared loadings scaled to unity sum; for the unit eigenvector v of the largest
 * eigenvalue of the correlation matrix, that is w_j = v_j².
 */
export function weightsPca(columns: readonly ArrayLike<number>[]): {
  weights: Float64Array;
  explained: number;
} {
  const r = weightsCorrelation(columns);
  const { values, vectors } = weightsSymmetricEigen(r);
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  const w = new Float64Array(columns.length);
  for (let j = 0; j < columns.length; j++) w[j] = vectors[j]![best]! ** 2;
  const total = values.reduce((s, x) => s + x, 0);
  return { weights: weightsNormalise(w), explained: values[best]! / total };
}
