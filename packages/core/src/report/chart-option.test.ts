import { describe, expect, it } from 'vitest';
import { categoryChars, chartSpecOption, CHART_THEMES, trendChartSpec } from './chart-option.ts';
import type { ChartSpec } from './document.ts';

const spec: ChartSpec = {
  kind: 'barLine',
  title: '各镇（街道）技术交易额及增速',
  categories: ['浒山街道', '周巷镇'],
  series: [
    { name: '技术交易额', unit: '亿元', data: [12.3, null] },
    { name: '同比增长', unit: '%', data: [-3.4, 8] },
  ],
  targetLine: { name: '序时进度', value: 6 },
  decimals: 1,
};

type Series = { type: string; yAxisIndex: number; data: unknown[]; markLine?: { data: unknown[] } };
type Label = { formatter: (p: { value: unknown }) => string };

describe('chartSpecOption', () => {
  const option = chartSpecOption(spec);
  const series = option.series as (Series & { label: Label })[];

  it('barLine: the first series as bars on the left axis, the other as a line on a right axis of its unit', () => {
    expect(series.map((s) => [s.type, s.yAxisIndex])).toEqual([
      ['bar', 0],
      ['line', 1],
    ]);
    expect((option.yAxis as { name: string; position: string }[]).map((a) => [a.name, a.position])).toEqual([
      ['亿元', 'left'],
      ['%', 'right'],
    ]);
    expect(series[0]!.data).toEqual([12.3, null]);
  });

  it('draws the target as a markLine at its value on the first series only', () => {
    expect(series[0]!.markLine?.data).toEqual([{ yAxis: 6 }]);
    expect(series[1]!.markLine).toBeUndefined();
  });

  it('labels values with the spec’s decimals and leaves gaps unlabelled', () => {
    expect(series[1]!.label.formatter({ value: -3.4 })).toBe('-3.4');
    expect(series[1]!.label.formatter({ value: 8 })).toBe('8.0');
    expect(series[0]!.label.formatter({ value: null })).toBe('');
  });

  it('one kind for every series in bar and line charts; one axis when all share a unit', () => {
    const bar = chartSpecOption({
      ...spec,
      kind: 'bar',
      series: [spec.series[0]!, { ...spec.series[0]!, name: 'b' }],
    });
    expect((bar.series as Series[]).map((s) => s.type)).toEqual(['bar', 'bar']);
    expect(bar.yAxis as unknown[]).toHaveLength(1);
    const line = chartSpecOption({ ...spec, kind: 'line' });
    expect((line.series as Series[]).map((s) => s.type)).toEqual(['line', 'line']);
  });

  it('refuses a third unit, naming the chart and the units', () => {
    const three = { ...spec, series: [...spec.series, { name: 'n', unit: '家', data: [1, 2] }] };
    expect(() => chartSpecOption(three)).toThrow(
      "chart '各镇（街道）技术交易额及增速': 3 units (亿元, %, 家)",
    );
  });

  it('slants the category labels beyond 40 characters: 10 towns of 4 characters + spaces = 50', () => {
    expect(categoryChars(['浒山街道', '周巷镇'])).toBe(9); // 4 + 1 + 3 + 1
    const ten = chartSpecOption({ ...spec, categories: Array(10).fill('浒山街道'), series: [] });
    expect((ten.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(40);
    expect((option.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(0);
  });

  it('uses the theme’s font family, so the PNG renderer finds the CJK font it loaded', () => {
    expect((option.textStyle as { fontFamily: string }).fontFamily).toBe(CHART_THEMES.print.fontFamily);
    expect(CHART_THEMES.print.fontFamily.startsWith("'Noto Sans CJK SC'")).toBe(true);
  });
});

describe('trendChartSpec: the one trend chart of the screens and the report', () => {
  const spec = trendChartSpec({
    points: [
      { year: 2024, actual: 994, target: 1100 },
      { year: 2025, actual: null, target: 1550 },
    ],
    unit: '家',
    decimals: 0,
    labels: { actual: '实际', target: '目标路径' },
  });
  it('draws the target path dashed in the target colour and the actuals filled in the first palette colour', () => {
    const option = chartSpecOption(spec, CHART_THEMES.screen, { labels: false, fontSize: 18 });
    const [target, actual] = option.series as Record<string, never>[];
    expect(target).toMatchObject({
      name: '目标路径',
      data: [1100, 1550],
      connectNulls: true,
      lineStyle: { type: 'dashed', color: CHART_THEMES.screen.target },
      label: { show: false, fontSize: 16 },
    });
    expect(actual).toMatchObject({
      name: '实际',
      data: [994, null],
      connectNulls: false,
      lineStyle: { color: CHART_THEMES.screen.palette[0] },
    });
    expect(actual).toHaveProperty('areaStyle');
  });
});
