import { describe, expect, it } from 'vitest';
import { prngMulberry32 } from './prng.ts';
import {
  statsKurtosis,
  statsMedian,
  statsQuantileSorted,
  statsRank,
  statsSd,
  statsSkewness,
} from './stats.ts';

describe('descriptive statistics', () => {
  it('sample and population SD of 2,4,4,4,5,5,7,9 are √(32/7) and 2', () => {
    // The classic textbook set: Σ(x − 5)² = 32.
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(statsSd(x, 'population')).toBe(2);
    expect(statsSd(x, 'sample')).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it('skewness and kurtosis follow e1071 type 2 (Excel SKEW/KURT), as COINr', () => {
    // x = 1..10, 30, 100 (COINr's winsorise() example). By hand: mean 19.583…; type-2 formulas give
    // skew 3.0632, kurtosis 9.7414 (checked against a separate implementation of the same formulas).
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
    expect(statsSkewness(x)).toBeCloseTo(3.0632410342394985, 12);
    expect(statsKurtosis(x)).toBeCloseTo(9.741390834569144, 12);
    // A symmetric set has zero skew; 1..5 has type-2 excess kurtosis −1.2.
    expect(statsSkewness([1, 2, 3, 4, 5])).toBeCloseTo(0, 14);
    expect(statsKurtosis([1, 2, 3, 4, 5])).toBeCloseTo(-1.2, 12);
  });

  it('missing values (NaN) are skipped', () => {
    expect(statsSd([2, NaN, 4, 4, 4, 5, 5, 7, 9], 'population')).toBe(2);
    expect(statsMedian([NaN, 3, 1, 2])).toBe(2);
  });

  it('quantiles use R type 7: h = (n − 1)p with linear interpolation', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // quantile(1:10, 0.05) = 1 + 0.45·1 = 1.45; 0.95 → 9.55; median 5.5.
    expect(statsQuantileSorted(s, 0.05)).toBeCloseTo(1.45, 14);
    expect(statsQuantileSorted(s, 0.95)).toBeCloseTo(9.55, 14);
    expect(statsQuantileSorted(s, 0.5)).toBe(5.5);
  });

  it('ranks: highest score first, ties share the better place, missing stays missing', () => {
    expect(Array.from(statsRank([10, 30, 20, 30, NaN], true))).toEqual([4, 1, 3, 1, NaN]);
    expect(Array.from(statsRank([10, 30, 20, 30], false))).toEqual([1, 3, 2, 3]);
  });
});

describe('seeded generator', () => {
  it('mulberry32 reproduces the reference sequence for seed 1', () => {
    // Reference values of the published algorithm (first outputs ÷ 2^32 for seed 1).
    const r = prngMulberry32(1);
    expect(r.next()).toBeCloseTo(0.6270739405881613, 15);
    expect(r.next()).toBeCloseTo(0.002735721180215478, 15);
  });

  it('the same seed gives the same stream, a different seed a different one', () => {
    const a = prngMulberry32(42);
    const b = prngMulberry32(42);
    const c = prngMulberry32(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
  });

  it('is uniform enough: mean of 100,000 draws within 0.005 of 1/2', () => {
    const r = prngMulberry32(7);
    let s = 0;
    for (let i = 0; i < 100_000; i++) s += r.next();
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
