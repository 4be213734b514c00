// Periods with years below 1000 or below 100: written with four digits, ending on the right day.
import { describe, expect, it } from 'vitest';
import { periodEndDate, periodIsValid, periodOf, periodPrevious } from './period.ts';

describe('periods of any four-digit year (issue 16 item 6: a year below 1000 crashed the import)', () => {
  it('periodOf writes four digits, so periodParse reads back what it made', () => {
    expect(periodOf(999, 4)).toBe('0999Q4');
    expect(periodIsValid(periodOf(999, 4))).toBe(true);
    expect(periodOf(2025, 3)).toBe('2025Q3');
  });

  it('periodEndDate: quarters end on 31 March, 30 June, 30 September, 31 December — also for year 99, which Date reads as 1999', () => {
    expect(['0099Q1', '0099Q2', '0099Q3', '0099'].map((p) => periodEndDate(p as never))).toEqual([
      '0099-03-31',
      '0099-06-30',
      '0099-09-30',
      '0099-12-31',
    ]);
    expect(periodEndDate('2024Q1' as never)).toBe('2024-03-31');
  });
});

describe('periodPrevious', () => {
  it('steps back one period of the same kind, across the year for Q1, with four-digit years', () => {
    expect(periodPrevious('2025Q3' as never)).toBe('2025Q2');
    expect(periodPrevious('2026Q1' as never)).toBe('2025Q4');
    expect(periodPrevious('2025' as never)).toBe('2024');
    expect(periodPrevious('1000Q1' as never)).toBe('0999Q4');
  });
});
