import { describe, expect, it } from 'vitest';
import { durationParts, formatExact, formatNumber, formatShare, formatSigned } from './format.ts';

describe('formatting figures', () => {
  it("shows a figure with the indicator's decimals and grouping, and a dash for no figure", () => {
    expect(formatNumber(2521.58, 2)).toBe('2,521.58');
    expect(formatNumber(994, 0)).toBe('994');
    expect(formatNumber(3.1, 2)).toBe('3.10');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('shows a submitted figure exactly: the plan’s decimals at least, never rounded away (issue 8 item 12)', () => {
    expect(formatExact(75.6, 0)).toBe('75.6');
    expect(formatExact(76, 0)).toBe('76');
    expect(formatExact(58.364, 2)).toBe('58.364');
    expect(formatExact(3.1, 2)).toBe('3.10');
    expect(formatExact(12345.5, 0, 'en')).toBe('12,345.5');
    expect(formatExact(0.1 + 0.2, 2)).toBe('0.30');
    expect(formatExact(1.5e-7, 2)).toBe('0.00000015');
    expect(formatExact(undefined)).toBe('—');
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
