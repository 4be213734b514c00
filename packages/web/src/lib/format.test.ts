import { describe, expect, it } from 'vitest';
import { durationParts, formatNumber, formatShare, formatSigned } from './format.ts';

describe('formatting figures', () => {
  it("shows a figure with the indicator's decimals and grouping, and a dash for no figure", () => {
    expect(formatNumber(2521.58, 2)).toBe('2,521.58');
    expect(formatNumber(994, 0)).toBe('994');
    expect(formatNumber(3.1, 2)).toBe('3.10');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('signs a change and does not print −0.0', () => {
    expect(formatSigned(3.24, 1)).toBe('+3.2');
    expect(formatSigned(-1, 1)).toBe('−1.0');
    expect(formatSigned(-0.01, 1)).toBe('0.0');
    expect(formatSigned(0, 2)).toBe('0.00');
  });

  it('computes a reporting rate from counts and shows a dash when nothing is owed', () => {
    expect(formatShare(17, 20)).toBe('85.0%');
    expect(formatShare(0, 0)).toBe('—');
  });

  it('splits a login wait into minutes and seconds, rounding up', () => {
    expect(durationParts(900)).toEqual({ m: 15, s: 0 });
    expect(durationParts(61.2)).toEqual({ m: 1, s: 2 });
    expect(durationParts(-5)).toEqual({ m: 0, s: 0 });
  });
});
