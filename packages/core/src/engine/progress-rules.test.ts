import { describe, expect, it } from 'vitest';
import {
  completionPercent,
  expectedFlowSeasonal,
  expectedStock,
  linearTrend,
  rankWithTies,
  requiredAnnualGrowth,
  statusBand,
  yoyChange,
} from './progress-rules.ts';

const bands = { onTrack: 1, watch: 0.9 };

describe('progress formulas', () => {
  it('stock 序时进度 at Q1 of a year moving 1000 → 1200 is 1050', () => {
    expect(expectedStock(1000, 1200, 3)).toBe(1050);
  });
  it('seasonal flow 序时进度: target 80 × (last year 30 of 60 by now) = 40', () => {
    expect(expectedFlowSeasonal(80, 30, 60)).toBe(40);
  });
  it('completion of a "no more than" target reads 100% when met', () => {
    expect(completionPercent(8, 10, '<=')).toBe(125);
    expect(completionPercent(12.5, 10, '<=')).toBe(80);
    expect(completionPercent(5, 0, '>=')).toBeUndefined();
  });
  it('YoY: percent growth for amounts, pp difference for ratios', () => {
    expect(yoyChange(110, 100, 'percent')).toBeCloseTo(10, 10);
    expect(yoyChange(4.05, 3.9, 'pp')).toBeCloseTo(0.15, 10);
    expect(yoyChange(5, 0, 'percent')).toBeUndefined();
  });
  it('status bands for a "no more than" target invert the ratio', () => {
    // expected ≤ 10, actual 10.5: 10/10.5 = 0.952 → watch; actual 12: 0.833 → behind
    expect(statusBand(10.5, 10, 9, '<=', bands, false)).toBe('watch');
    expect(statusBand(12, 10, 9, '<=', bands, false)).toBe('behind');
    expect(statusBand(8.9, 10, 9, '<=', bands, false)).toBe('met');
  });
  it('status bands in percentage points for rates: −0.5 pp is watch, −1.5 pp behind', () => {
    expect(statusBand(7.5, 8, 8, '>=', bands, true)).toBe('watch');
    expect(statusBand(6.5, 8, 8, '>=', bands, true)).toBe('behind');
  });
  it('competition ranking: 9, 7, 7, 7, 3 → 1, 2, 2, 2, 5', () => {
    const ranks = rankWithTies(
      new Map([
        ['a', 9],
        ['b', 7],
        ['c', 7],
        ['d', 7],
        ['e', 3],
      ]),
      'positive',
    );
    expect([...ranks.values()]).toEqual([1, 2, 2, 2, 5]);
  });
  it('OLS through (0,1) (1,3) (2,2): slope 0.5, intercept 1.5', () => {
    expect(
      linearTrend([
        { t: 0, v: 1 },
        { t: 1, v: 3 },
        { t: 2, v: 2 },
      ]),
    ).toEqual({ slope: 0.5, intercept: 1.5 });
    expect(linearTrend([{ t: 2025, v: 1 }])).toBeUndefined();
  });
  it('required growth: 1000 → 1210 in 2 years needs 10% a year', () => {
    expect(requiredAnnualGrowth(1000, 1210, 2, 'percent')).toBeCloseTo(10, 10);
    expect(requiredAnnualGrowth(4.05, 4.35, 2, 'pp')).toBeCloseTo(0.15, 10);
  });
});
