import { describe, expect, it } from 'vitest';
import { buildTrend } from '../test/payload-fixture.ts';
import { trendOption } from './trend-option.ts';

const option = trendOption({
  trend: buildTrend(),
  decimals: 0,
  unit: '家',
  labels: { actual: '实际', target: '目标路径' },
});

describe('trendOption', () => {
  it('has the plan years on the x axis', () => {
    expect(option.xAxis).toMatchObject({ data: ['2022', '2023', '2024', '2025', '2026'] });
  });

  it('draws the target path through every year and actuals only for years that have ended', () => {
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['目标路径', '实际']);
    expect(series[0]!.data).toEqual([800, 950, 1100, 1550, 1750]);
    expect(series[1]!.data).toEqual([800, 900, 994, null, null]);
  });

  it('prints tooltip values with the indicator’s decimals and unit', () => {
    const tooltip = option.tooltip as { valueFormatter: (v: unknown) => string };
    expect(tooltip.valueFormatter(994)).toBe('994 家');
    expect(tooltip.valueFormatter(null)).toBe('—');
  });
});
