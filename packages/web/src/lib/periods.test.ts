import { describe, expect, it } from 'vitest';
import {
  periodCollectingText,
  periodGroupsBetween,
  periodLabel,
  periodLastEnded,
  periodQuartersDescending,
  trendPointLabel,
} from './periods.ts';

describe('period choices', () => {
  it('lists 2025 down to 2021, each year with its annual period before Q4 … Q1', () => {
    const groups = periodGroupsBetween(2021, 2025);
    expect(groups.map((g) => g.year)).toEqual([2025, 2024, 2023, 2022, 2021]);
    expect(groups[0]!.periods).toEqual(['2025', '2025Q4', '2025Q3', '2025Q2', '2025Q1']);
    expect(groups.flatMap((g) => g.periods)).toHaveLength(25);
  });

  it('offers the 20 quarters 2025Q4 … 2021Q1 for opening a round', () => {
    const quarters = periodQuartersDescending(2021, 2025);
    expect(quarters).toHaveLength(20);
    expect(quarters[0]).toBe('2025Q4');
    expect(quarters.at(-1)).toBe('2021Q1');
  });

  it('takes the last quarter that has ended: mid-November is in Q4, so Q3; January means last year Q4', () => {
    expect(periodLastEnded(new Date(2026, 10, 24))).toBe('2026Q3');
    expect(periodLastEnded(new Date(2026, 0, 5))).toBe('2025Q4');
    expect(periodLastEnded(new Date(2026, 3, 1))).toBe('2026Q1');
  });

  it('labels a quarter with the months it accumulates (flows are year-to-date) in both languages', () => {
    expect(periodLabel('2025Q3', 'zh')).toBe('2025年第三季度（1–9月）');
    expect(periodLabel('2025Q3', 'en')).toBe('2025 Q3 (Jan–Sep)');
    expect(periodLabel('2024', 'zh')).toBe('2024年（全年）');
    expect(periodLabel('2024', 'en')).toBe('2024 (full year)');
  });

  it('names the points of a trend: year-ends as years, the current quarter as a quarter', () => {
    expect(trendPointLabel(2024)).toBe('2024');
    expect(trendPointLabel(2024.75)).toBe('2025Q3');
    expect(trendPointLabel(2024.25)).toBe('2025Q1');
  });
});

describe('periodCollectingText', () => {
  it('names a quarter being collected with how many towns have published it (issue 8 item 10)', () => {
    const q = { period: '2026Q3', regionsPublished: 1, regionsTotal: 20 };
    expect(periodCollectingText(q, 'zh')).toBe('2026年第三季度 填报中（20个地区已发布1个）');
    expect(periodCollectingText(q, 'en')).toBe('2026 Q3 being collected (1 of 20 regions published)');
    expect(periodCollectingText({ ...q, period: '2026' }, 'zh')).toBe('2026年 填报中（20个地区已发布1个）');
  });
});
