import { describe, expect, it } from 'vitest';
import { imputeColumnByGroup, imputeColumnLocf, imputeColumnMean, imputeColumnMedian } from './impute.ts';
import { treatmentApply, treatmentLogCT, treatmentPasses } from './treat.ts';

const winsorise = {
  method: 'winsorise' as const,
  winmax: 5,
  skewThreshold: 2,
  kurtosisThreshold: 3.5,
  fallback: 'logCT' as const,
  combine: false,
};

describe('outlier treatment (COINr Treat defaults)', () => {
  it('an indicator fails only when |skew| ≥ 2 and kurtosis ≥ 3.5', () => {
    // 1..10, 30, 100: skew 3.06, kurtosis 9.74 → fails. 1..10, 30, 30: skew 1.71 → passes.
    expect(treatmentPasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100], 2, 3.5)).toBe(false);
    expect(treatmentPasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30], 2, 3.5)).toBe(true);
  });

  it('winsorises the top point to the next value and stops once the column passes', () => {
    // COINr's winsorise() example: 100 becomes 30, after which skew = 1.71 < 2.
    const r = treatmentApply(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]), winsorise);
    if ('error' in r) throw new Error(r.error);
    expect(Array.from(r.values)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]);
    expect(r.log.winsorised).toBe(1);
    expect(r.log.winsorisedHigh).toEqual([11]);
    expect(r.log.logApplied).toBe(false);
    expect(r.log.passedAfter).toBe(true);
  });

  it('a negatively skewed column is winsorised at the bottom', () => {
    const x = Float64Array.from([-100, -30, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10]);
    const r = treatmentApply(x, winsorise);
    if ('error' in r) throw new Error(r.error);
    expect(r.values[0]).toBe(-30);
    expect(r.log.winsorisedLow).toEqual([0]);
  });

  it('falls back to log_CT of the original values when winmax points are not enough', () => {
    // Twenty 1s, 100 and 10000: skew 4.69, kurtosis 22.0. With winmax 1, 10000 → 100 leaves skew 3.06 and
    // kurtosis 8.08 (still failing), so log_CT applies to the original values:
    // ln(x − min + 0.01·(max − min)) = ln(x − 1 + 99.99).
    const x = Float64Array.from([...Array<number>(20).fill(1), 100, 10000]);
    const r = treatmentApply(x, { ...winsorise, winmax: 1 });
    if ('error' in r) throw new Error(r.error);
    expect(r.log.logApplied).toBe(true);
    expect(r.log.passedAfter).toBe(false);
    expect(r.values[0]).toBeCloseTo(Math.log(99.99), 12);
    expect(r.values[21]).toBeCloseTo(Math.log(10000 - 1 + 99.99), 12);
  });

  it('log_CT maps the minimum to ln of 1% of the range', () => {
    expect(Array.from(treatmentLogCT([0, 100]))).toEqual([Math.log(1), Math.log(101)]);
  });

  it('a plain ln of a value ≤ 0 is an error, never a silent NaN', () => {
    expect(treatmentApply(Float64Array.from([1, 0, 2]), { method: 'log', variant: 'ln' })).toEqual({
      error: expect.stringMatching(/ln needs values > 0/),
    });
  });
});

describe('imputation', () => {
  it('mean and median of the column', () => {
    const a = Float64Array.from([1, NaN, 2, 6]);
    expect(imputeColumnMean(a)).toBe(1);
    expect(a[1]).toBe(3);
    const b = Float64Array.from([1, NaN, 2, 6]);
    imputeColumnMedian(b);
    expect(b[1]).toBe(2);
  });

  it('group mean uses only the unit’s group; a unit with no group stays missing (COINr i_mean_grp)', () => {
    const x = Float64Array.from([1, 3, NaN, 10, 20, NaN, NaN]);
    const g = ['a', 'a', 'a', 'b', 'b', 'b', null];
    expect(imputeColumnByGroup(x, g, 'mean')).toBe(2);
    expect(Array.from(x)).toEqual([1, 3, 2, 10, 20, 15, NaN]);
  });

  it('LOCF carries the latest earlier value of the same unit, within maxPeriods', () => {
    const units = ['A', 'A', 'A', 'B', 'B', 'B'];
    const times = [2021, 2022, 2023, 2021, 2022, 2023];
    const x = Float64Array.from([5, NaN, NaN, NaN, 7, NaN]);
    const r = imputeColumnLocf(x, units, times, 1);
    // A 2022 ← 2021; A 2023 is two periods after 2021: not filled with maxPeriods 1; B 2021 has no past.
    expect(Array.from(x)).toEqual([5, 5, NaN, NaN, 7, 7]);
    expect(r.from.get(1)).toBe(2021);
    expect(r.from.get(5)).toBe(2022);
  });
});
