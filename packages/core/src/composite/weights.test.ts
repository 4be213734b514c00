import { describe, expect, it } from 'vitest';
import { weightsAhp, weightsEntropy, weightsPca } from './weights.ts';

/** Columns of a row-major matrix. */
const columnsOf = (m: number[][]) => m[0]!.map((_, j) => m.map((r) => r[j]!));

describe('entropy weights (熵权法)', () => {
  it('reproduce Elsayed et al. (2017) for their 12 × 5 matrix', () => {
    // Matrix and expected weights as in the MIT-licensed test suite of pymcdm (test_weights.py,
    // TestEntropyWeights, citing Elsayed, Dawood & Karthikeyan, "Evaluating alternatives through the
    // application of TOPSIS method with entropy weight", Int. J. Eng. Trends Technol. 46(2), 2017, 60–66):
    // weights rounded to 6 places [0.104991, 0.069124, 0.071373, 0.449937, 0.304575].
    const m = [
      [7, 312, 1891, 6613, 163],
      [72, 88, 728, 941804, 1078],
      [10, 252, 2594, 3466, 117471],
      [10, 145, 980, 2371, 86329],
      [65, 54, 350, 501, 29897],
      [29, 48, 380, 912, 34051],
      [7, 476, 3300, 78470, 2212],
      [70, 87, 650, 733, 819000],
      [4, 86, 591, 3015, 103],
      [12, 79, 579, 3240, 96098],
      [21, 45, 261, 1253, 453],
      [1, 72, 530, 4333, 0.1048],
    ];
    const w = weightsEntropy(columnsOf(m), { preNormalisation: 'none', shift: 0 });
    if ('error' in w) throw new Error(w.error);
    expect(Array.from(w, (x) => Math.round(x * 1e6) / 1e6)).toEqual([
      0.104991, 0.069124, 0.071373, 0.449937, 0.304575,
    ]);
  });

  it('a constant column carries no information (weight 0); equal spread gives equal weights', () => {
    const w = weightsEntropy(
      [
        [1, 2, 3],
        [5, 5, 5],
        [10, 20, 30],
      ],
      { preNormalisation: 'none', shift: 0 },
    );
    if ('error' in w) throw new Error(w.error);
    expect(w[1]).toBe(0);
    expect(w[0]).toBeCloseTo(0.5, 14); // same proportions as column 3
  });

  it('min-max pre-normalisation handles negative values; without it they are an error', () => {
    expect(
      weightsEntropy(
        [
          [-1, 0, 1],
          [1, 2, 4],
        ],
        { preNormalisation: 'none', shift: 0 },
      ),
    ).toEqual({
      error: expect.stringMatching(/≥ 0/),
    });
    const w = weightsEntropy(
      [
        [-1, 0, 1],
        [1, 2, 4],
      ],
      { preNormalisation: 'minmax', shift: 0 },
    );
    expect('error' in w).toBe(false);
  });
});

describe('AHP weights', () => {
  it('a consistent matrix gives its exact ratios and CR = 0', () => {
    // a_ij = w_i/w_j with w = (4, 2, 1)/7: the eigenvector is w itself and λmax = n.
    const r = weightsAhp([
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ]);
    if ('error' in r) throw new Error(r.error);
    expect(r.weights[0]).toBeCloseTo(4 / 7, 12);
    expect(r.weights[2]).toBeCloseTo(1 / 7, 12);
    expect(r.lambdaMax).toBeCloseTo(3, 12);
    expect(r.consistencyRatio).toBeCloseTo(0, 10);
  });

  it('3 × 3 judgements (1, 3, 5 / 3): weights = row geometric means, λmax = 1 + ρ^⅓ + ρ^−⅓, CR with Saaty RI 0.58', () => {
    // For a 3 × 3 reciprocal matrix the principal eigenvector equals the normalised row geometric means
    // (Crawford & Williams 1985) and λmax = 1 + ρ^{1/3} + ρ^{−1/3} with ρ = a13/(a12·a23) = 5/9.
    const r = weightsAhp([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
    if ('error' in r) throw new Error(r.error);
    const g = [Math.cbrt(15), 1, Math.cbrt(1 / 15)];
    const s = g[0]! + g[1]! + g[2]!;
    g.forEach((v, i) => expect(r.weights[i]).toBeCloseTo(v / s, 10));
    const rho = 5 / 9;
    const lambda = 1 + Math.cbrt(rho) + 1 / Math.cbrt(rho);
    expect(r.lambdaMax).toBeCloseTo(lambda, 10); // 3.0385
    expect(r.consistencyRatio).toBeCloseTo((lambda - 3) / 2 / 0.58, 10); // 0.0332
  });

  it('an inconsistent matrix reports CR ≥ 0.1', () => {
    // A > B (9), B > C (9), but C > A (9): circular judgements.
    const r = weightsAhp([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    if ('error' in r) throw new Error(r.error);
    expect(r.consistencyRatio).toBeGreaterThanOrEqual(0.1);
  });

  it('a matrix that is not reciprocal is rejected with the entry named', () => {
    expect(
      weightsAhp([
        [1, 2],
        [2, 1],
      ]),
    ).toEqual({ error: expect.stringMatching(/not reciprocal: a\(1,2\)/) });
  });
});

describe('PCA weights', () => {
  it('two positively correlated columns and one independent: first PC loads 1/√2, 1/√2, 0 → weights ½, ½, 0', () => {
    // Centred columns with Σab = 2, Σa² = Σb² = 4 (r = 0.5) and c orthogonal to both: the correlation
    // matrix [[1, ½, 0], [½, 1, 0], [0, 0, 1]] has first eigenvector (1, 1, 0)/√2 with λ = 1.5.
    const a = [1, -1, 1, -1, 0, 0, 0, 0];
    const b = [1, -1, 0, 0, 1, -1, 0, 0];
    const c = [0, 0, 0, 0, 0, 0, 1, -1];
    const r = weightsPca([a, b, c]);
    expect(r.weights[0]).toBeCloseTo(0.5, 10);
    expect(r.weights[1]).toBeCloseTo(0.5, 10);
    expect(r.weights[2]).toBeCloseTo(0, 10);
    expect(r.explained).toBeCloseTo(1.5 / 3, 10); // λ1 = 1 + r = 1.5 of trace 3
  });
});
