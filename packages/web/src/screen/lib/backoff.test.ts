import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const half = () => 0;
  const full = () => 1;

  it('doubles from one second', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, undefined, full))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than 30 s, however many failures', () => {
    expect(backoffDelay(5, undefined, full)).toBe(30_000);
    expect(backoffDelay(1000, undefined, full)).toBe(30_000);
  });

  it('keeps at least half of the wait and spreads the rest at random', () => {
    expect(backoffDelay(2, undefined, half)).toBe(2000);
    const d = backoffDelay(2);
    expect(d).toBeGreaterThanOrEqual(2000);
    expect(d).toBeLessThanOrEqual(4000);
  });

  it('treats a negative or broken attempt count as the first retry', () => {
    expect(backoffDelay(-3, undefined, full)).toBe(1000);
    expect(backoffDelay(Number.NaN, undefined, full)).toBe(1000);
  });
});
