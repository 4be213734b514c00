import { describe, expect, it } from 'vitest';
import { normaliseColumn, normaliseEfficacyValue, normaliseInto } from './normalise.ts';
import type { NormalisationSpec } from './spec.ts';

const up = { direction: 1 as const };
const down = { direction: -1 as const };
const arr = (x: Float64Array) => Array.from(x);

describe('normalisation methods', () => {
  it('min-max to [0, 100]: (x − min)/(max − min)·100 (COINr n_minmax)', () => {
    expect(arr(normaliseColumn([2, 4, 6, 10], { method: 'minmax', range: [0, 100] }, up))).toEqual([
      0, 25, 50, 100,
    ]);
  });

  it('min-max of a 逆向 indicator multiplies by −1 first, so the smallest value scores 100', () => {
    expect(arr(normaliseColumn([2, 4, 6, 10], { method: 'minmax', range: [0, 100] }, down))).toEqual([
      100, 75, 50, 0,
    ]);
    expect(arr(normaliseColumn([2, 4, 6, 10], { method: 'minmax', range: [1, 100] }, up))).toEqual([
      1, 25.75, 50.5, 100,
    ]);
  });

  it('min-max keeps missing values missing and gives NaN for a column with zero range (COINr)', () => {
    expect(arr(normaliseColumn([2, NaN, 10], { method: 'minmax', range: [0, 100] }, up))).toEqual([
      0,
      NaN,
      100,
    ]);
    expect(
      arr(normaliseColumn([3, 3, 3], { method: 'minmax', range: [0, 100] }, up)).every(Number.isNaN),
    ).toBe(true);
  });

  it('z-score: the SD type is a parameter — sample (n − 1) or population (n)', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9]; // mean 5, population SD 2, sample SD √(32/7)
    const pop = normaliseColumn(x, { method: 'zscore', mean: 100, sd: 10, sdType: 'population' }, up);
    expect(pop[0]).toBeCloseTo(100 + (10 * (2 - 5)) / 2, 12); // 85
    const smp = normaliseColumn(x, { method: 'zscore', mean: 0, sd: 1, sdType: 'sample' }, up);
    expect(smp[7]).toBeCloseTo((9 - 5) / Math.sqrt(32 / 7), 12);
  });

  it('goalposts: (x − L)/(U − L)·100, truncated; flipped for 逆向 (COINr n_goalposts)', () => {
    const gp: NormalisationSpec = { method: 'goalposts', lower: 20, upper: 85, scale: 100, truncate: true };
    // HDI-style life expectancy goalposts 20–85: 72.5 → 80.769…; 90 is capped at 100; 10 at 0.
    const y = normaliseColumn([72.5, 90, 10], gp, up);
    expect(y[0]).toBeCloseTo((52.5 / 65) * 100, 12);
    expect(y[1]).toBe(100);
    expect(y[2]).toBe(0);
    // Less is better: 20 is the best (100), 85 the worst (0), 72.5 → (85 − 72.5)/65·100.
    const z = normaliseColumn([20, 85, 72.5], gp, down);
    expect(z[0]).toBe(100);
    expect(z[1]).toBe(0);
    expect(z[2]).toBeCloseTo((12.5 / 65) * 100, 12);
  });

  it('distance to target: (x − min)/(target − min), optionally capped at 1 (COINr n_dist2targ)', () => {
    expect(
      arr(
        normaliseColumn(
          [10, 20, 30, 50],
          { method: 'distanceToTarget', target: 40, scale: 1, cap: false },
          up,
        ),
      ),
    ).toEqual([0, 1 / 3, 2 / 3, 4 / 3]);
    expect(
      arr(normaliseColumn([10, 50], { method: 'distanceToTarget', target: 40, scale: 1, cap: true }, up)),
    ).toEqual([0, 1]);
    // The target can come from the framework node (iMeta Target).
    expect(
      arr(
        normaliseColumn(
          [10, 40],
          { method: 'distanceToTarget', scale: 100, cap: false },
          { direction: 1, target: 40 },
        ),
      ),
    ).toEqual([0, 100]);
  });

  it('distance to target of a 逆向 indicator equals the Croatian 2013 rule with 1 − x and 1 − ref', () => {
    // crodi 2013: s = ((1 − x) − min(1 − x))/((1 − ref) − min(1 − x)); with x = unemployment 0.1…0.4 and
    // ref 0.16: min(1 − x) = 0.6, so x = 0.2 → (0.8 − 0.6)/(0.84 − 0.6) = 0.8333…
    const x = [0.1, 0.2, 0.4];
    const ours = normaliseColumn(x, { method: 'distanceToTarget', target: 0.16, scale: 1, cap: false }, down);
    const crodi = x.map((v) => (1 - v - 0.6) / (1 - 0.16 - 0.6));
    ours.forEach((v, i) => expect(v).toBeCloseTo(crodi[i]!, 14));
  });

  it('ratio to a benchmark is capped at 100; a 逆向 indicator scores 100·b/x (科技进步统计监测)', () => {
    const spec: NormalisationSpec = { method: 'ratioToBenchmark', benchmark: 2.5, cap: 100 };
    // R&D/GDP 2.0% against a 2.5% benchmark → 80; 3.08% → capped at 100.
    expect(arr(normaliseColumn([2.0, 3.08], spec, up))).toEqual([80, 100]);
    // Energy use per GDP 0.5 against benchmark 0.4 (less is better) → 80.
    expect(normaliseColumn([0.5], { ...spec, benchmark: 0.4 }, down)[0]).toBeCloseTo(80, 12);
  });

  it('功效系数法: x = 5.81, x_h = 12, x_s = 6 gives 58.73', () => {
    // d = 60 + 40·(5.81 − 6)/(12 − 6) = 60 − 1.2667 = 58.733 (the example in the index issue).
    expect(normaliseEfficacyValue(5.81, 12, 6)).toBeCloseTo(58.73, 2);
    const d = normaliseColumn([5.81, 12, 6], { method: 'efficacy', excellent: 12, satisfactory: 6 }, up);
    expect(d[0]).toBeCloseTo(58.7333333, 6);
    expect(d[1]).toBe(100);
    expect(d[2]).toBe(60);
  });

  it('功效系数 defaults to x_h = max and x_s = min, reversed for 逆向', () => {
    expect(arr(normaliseColumn([1, 3, 5], { method: 'efficacy' }, up))).toEqual([60, 80, 100]);
    expect(arr(normaliseColumn([1, 3, 5], { method: 'efficacy' }, down))).toEqual([100, 80, 60]);
  });

  it('rank and percentile rank: the best value ranks highest, ties share the lower rank (COINr n_rank, n_prank)', () => {
    expect(arr(normaliseColumn([5, 1, 5, 3], { method: 'rank' }, up))).toEqual([3, 1, 3, 2]);
    expect(arr(normaliseColumn([5, 1, 3], { method: 'percentileRank' }, up))).toEqual([1, 0, 0.5]);
    expect(arr(normaliseColumn([5, 1, 3], { method: 'rank' }, down))).toEqual([1, 3, 2]);
  });

  it('vector normalisation x/√Σx² (TOPSIS step 1)', () => {
    expect(arr(normaliseColumn([3, 4], { method: 'vector' }, up))).toEqual([0.6, 0.8]);
  });

  it('a method that cannot apply returns a reason instead of numbers', () => {
    const out = new Float64Array(2);
    expect(normaliseInto([1, 2], { method: 'distanceToTarget', scale: 1, cap: false }, up, out)).toMatch(
      /no target/,
    );
    expect(normaliseInto([1, 2], { method: 'ratioToBenchmark', benchmark: 0, cap: 100 }, up, out)).toMatch(
      /benchmark is 0/,
    );
  });
});
