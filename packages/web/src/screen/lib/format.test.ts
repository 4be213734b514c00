import { describe, expect, it } from 'vitest';
import {
  formatCompletion,
  formatDateTime,
  formatFixed,
  formatLoose,
  formatPeriod,
  formatRequiredGrowth,
  formatSigned,
  formatValue,
  formatYoy,
} from './format.ts';

describe('formatValue (the engine’s rounding, printed with the indicator’s decimals)', () => {
  it('prints a count without decimals and a ratio with its two', () => {
    expect(formatValue(1284, 0)).toBe('1284');
    expect(formatValue(4.18, 2)).toBe('4.18');
  });

  it('keeps trailing zeros so that 4.2 with two decimals reads 4.20, like the table', () => {
    expect(formatValue(4.2, 2)).toBe('4.20');
    expect(formatValue(450, 1)).toBe('450.0');
  });

  it('does not group digits (the text compares equal to the engine’s number)', () => {
    expect(formatValue(2521.58, 2)).toBe('2521.58');
    expect(Number(formatValue(2521.58, 2))).toBe(2521.58);
  });

  it('prints no figure as a dash, and a rounded zero without a sign', () => {
    expect(formatValue(null, 2)).toBe('—');
    expect(formatValue(Number.NaN, 2)).toBe('—');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
  });

  it('prints completion to one decimal', () => {
    expect(formatCompletion(82.8)).toBe('82.8');
    expect(formatCompletion(98)).toBe('98.0');
    expect(formatCompletion(null)).toBe('—');
  });
});

describe('formatYoy and formatRequiredGrowth (as progressRecords writes them)', () => {
  it('writes growth of a count in percent to 0.1 with its sign', () => {
    expect(formatYoy({ change: 29.2, kind: 'percent' }, 0, '家', 'zh')).toBe('+29.2%');
    expect(formatYoy({ change: -3, kind: 'percent' }, 0, '家', 'zh')).toBe('-3.0%');
  });

  it('writes a change of a percentage in 个百分点 with the indicator’s decimals', () => {
    expect(formatYoy({ change: 0.17, kind: 'pp' }, 2, '%', 'zh')).toBe('+0.17个百分点');
    expect(formatYoy({ change: 0.17, kind: 'pp' }, 2, '%', 'en')).toBe('+0.17 pp');
  });

  it('writes a change of another level in its own unit', () => {
    expect(formatYoy({ change: 2.5, kind: 'pp' }, 1, '件', 'zh')).toBe('+2.5 件');
  });

  it('writes nothing without a YoY', () => {
    expect(formatYoy(null, 2, '%', 'zh')).toBe('');
  });

  it('writes the required growth: percent to 0.1, pp to 0.01', () => {
    expect(formatRequiredGrowth({ value: 12.345, kind: 'percent' }, '家', 'zh')).toBe('12.3%');
    expect(formatRequiredGrowth({ value: 0.125, kind: 'pp' }, '%', 'zh')).toBe('0.13个百分点');
  });

  it('signs zero with a plus, like the table', () => {
    expect(formatSigned(0, 1)).toBe('+0.0');
    expect(formatSigned(-0.04, 1)).toBe('+0.0');
  });
});

describe('formatPeriod', () => {
  it('reads a quarter and a year in Chinese and English', () => {
    expect(formatPeriod('2025Q3', 'zh')).toBe('2025年第三季度');
    expect(formatPeriod('2025', 'zh')).toBe('2025年度');
    expect(formatPeriod('2025Q3', 'en')).toBe('2025 Q3');
  });

  it('leaves unknown text alone', () => {
    expect(formatPeriod('2025M07', 'zh')).toBe('2025M07');
  });
});

describe('formatDateTime', () => {
  it('prints a time stamp to the minute in the local zone (UTC in tests)', () => {
    expect(formatDateTime('2025-10-15T02:03:59.000Z')).toBe('2025-10-15 02:03');
  });

  it('prints a dash without a time and the text when it is not one', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatLoose', () => {
  it('cuts trailing zeros of inputs whose decimals are unknown', () => {
    expect(formatLoose(120.30999999999999)).toBe('120.31');
    expect(formatLoose(77)).toBe('77');
    expect(formatLoose(4.177241999)).toBe('4.1772');
  });
});
