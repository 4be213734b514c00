import { describe, expect, it } from 'vitest';
import { fixtureTable } from '../../test/fixtures/fixtures.ts';
import { coinrDataRead, coinrMetaRead } from './coinr.ts';
import { prngMulberry32 } from './prng.ts';
import { indexMethodsSchema, uncertaintySpecSchema, type UncertaintySpecInput } from './spec.ts';
import { sampleMatrix, sensitivityEstimate, uncertaintyRun } from './uncertainty.ts';

const meta = coinrMetaRead(fixtureTable('asem', 'ASEM_iMeta.csv'));
if (!meta.ok) throw new Error(JSON.stringify(meta.errors));
const data = coinrDataRead(fixtureTable('asem', 'ASEM_iData.csv'), meta.value);
if (!data.ok) throw new Error(JSON.stringify(data.errors));
const fw = meta.value.compiled;
const input = data.value;
// Min-max onto [1, 100] so that the geometric mean is defined (COINr's uncertainty vignette does the same).
const methods = indexMethodsSchema.parse({
  normalisation: { default: { method: 'minmax', range: [1, 100] } },
});
const ua = (s: UncertaintySpecInput) => {
  const r = uncertaintyRun(fw, methods, input, uncertaintySpecSchema.parse(s));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
// COINr's example analysis: weights ±25% at levels 2 and 3, arithmetic or geometric mean.
const coinrLike: UncertaintySpecInput = {
  runs: 200,
  seed: 7,
  weights: { noise: 0.25, levels: [2, 3] },
  aggregation: [{ method: 'arithmetic' }, { method: 'geometric', nonPositive: 'error' }],
};

describe('uncertainty analysis', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const a = ua(coinrLike);
    const b = ua(coinrLike);
    const c = ua({ ...coinrLike, seed: 8 });
    expect(Array.from(a.ranks)).toEqual(Array.from(b.ranks));
    expect(Array.from(a.ranks)).not.toEqual(Array.from(c.ranks));
    expect(a.factors).toEqual(['weights', 'aggregation']);
    expect(a.regenerations).toBe(200);
    expect(a.failedRuns).toBe(0);
  });

  it('each unit’s 5–95% rank interval contains its median rank; ranks are 1 … 51', () => {
    const a = ua(coinrLike);
    for (const s of a.rankStats) {
      expect(s.q05Rank).toBeLessThanOrEqual(s.medianRank);
      expect(s.medianRank).toBeLessThanOrEqual(s.q95Rank);
      expect(s.q05Rank).toBeGreaterThanOrEqual(1);
      expect(s.q95Rank).toBeLessThanOrEqual(51);
    }
    const top = [...a.rankStats].sort((x, y) => x.nominalRank - y.nominalRank)[0]!;
    expect(top.nominalRank).toBe(1);
  });

  it('alternatives that change nothing give zero-width intervals at the nominal rank', () => {
    const a = ua({ runs: 20, seed: 1, aggregation: [{ method: 'arithmetic' }, { method: 'arithmetic' }] });
    for (const s of a.rankStats) {
      expect(s.q05Rank).toBe(s.nominalRank);
      expect(s.q95Rank).toBe(s.nominalRank);
    }
  });

  it('runs whose method cannot apply are counted, explained and left out', () => {
    // Min-max to [0, 100] puts a 0 in every indicator: the geometric mean's `error` rule fails those runs.
    const zeroBased = indexMethodsSchema.parse({});
    const r = uncertaintyRun(fw, zeroBased, input, uncertaintySpecSchema.parse({ ...coinrLike, runs: 50 }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.failedRuns).toBeGreaterThan(0);
    expect(r.value.failedRuns).toBeLessThan(50);
    expect(r.value.failures[0]).toMatch(/geometric mean needs values > 0/);
    expect(r.value.rankStats.every((s) => Number.isFinite(s.medianRank))).toBe(true);
  });

  it('nothing to vary is an error', () => {
    const r = uncertaintyRun(fw, methods, input, uncertaintySpecSchema.parse({ runs: 10 }));
    expect(r.ok).toBe(false);
  });

  it('sensitivity indices of the ASEM choices: aggregation matters more than ±25% weight noise', () => {
    const a = ua({ ...coinrLike, runs: 300, sensitivity: true });
    expect(a.regenerations).toBe(300 * 4);
    const s = Object.fromEntries(a.sensitivity!.indices.map((x) => [x.factor, x]));
    expect(s.aggregation!.total).toBeGreaterThan(s.weights!.total);
    for (const x of a.sensitivity!.indices) expect(x.total).toBeGreaterThanOrEqual(0);
  });
});

describe('sensitivity estimators (Saltelli 2010 first order, Jansen 1999 total)', () => {
  it('recover the analytic indices of the Ishigami function', () => {
    // f = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1, x_i ~ U(−π, π) (Ishigami & Homma 1990). Analytic values
    // (Saltelli et al. 2010, Comput. Phys. Commun. 181:259–270): S1 = 0.3139, S2 = 0.4424, S3 = 0;
    // ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
    const N = 40_000;
    const d = 3;
    const X = sampleMatrix(N, d, true, prngMulberry32(2024));
    const rows = N * (d + 2);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const [x1, x2, x3] = [0, 1, 2].map((j) => (X[r * d + j]! * 2 - 1) * Math.PI) as [
        number,
        number,
        number,
      ];
      y[r] = Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
    }
    const s = sensitivityEstimate(y, N, d, ['weights', 'normalisation', 'aggregation']);
    const [a, b, c] = s.indices;
    expect(a!.first).toBeCloseTo(0.3139, 1);
    expect(b!.first).toBeCloseTo(0.4424, 1);
    expect(Math.abs(c!.first)).toBeLessThan(0.05);
    expect(a!.total).toBeCloseTo(0.5576, 1);
    expect(b!.total).toBeCloseTo(0.4424, 1);
    expect(c!.total).toBeCloseTo(0.2437, 1);
    // Variance of the Ishigami function: a²/8 + b·π⁴/5 + b²·π⁸/18 + 1/2 = 13.8446.
    expect(s.outputVariance).toBeCloseTo(13.8446, 0);
  });

  it('the Saltelli design is A, B, then A with column i from B', () => {
    const X = sampleMatrix(2, 2, true, prngMulberry32(1));
    const row = (r: number) => [X[r * 2]!, X[r * 2 + 1]!];
    const [A0, A1, B0, B1, AB10, AB11, AB20, AB21] = [0, 1, 2, 3, 4, 5, 6, 7].map(row);
    expect(AB10).toEqual([B0![0], A0![1]]);
    expect(AB11).toEqual([B1![0], A1![1]]);
    expect(AB20).toEqual([A0![0], B0![1]]);
    expect(AB21).toEqual([A1![0], B1![1]]);
  });
});
