// The trend chart of one indicator in one region, 2022 → 2026: year-end actuals (solid cyan) against the
// plan's target path (dashed gold) — core's trendChartSpec and chartSpecOption, the same chart the report's
// indicator sheet prints, in the screens' theme; the wall adds its tooltip and compact grid.
import { CHART_THEMES, chartSpecOption, trendChartSpec, type ScreenTrend } from '@ding/core';
import { formatValue } from '../lib/format.ts';
import type { ChartOption } from './echarts.ts';

export const TREND_COLORS = {
  actual: CHART_THEMES.screen.palette[0],
  target: CHART_THEMES.screen.target,
};

export interface TrendOptionArgs {
  trend: ScreenTrend;
  decimals: number;
  unit: string;
  labels: { actual: string; target: string };
  /** Font size of axis labels, in stage pixels. */
  fontSize?: number;
  /** Print the values on the points (large panels). */
  showLabels?: boolean;
}

export function trendOption({
  trend,
  decimals,
  unit,
  labels,
  fontSize = 13,
  showLabels = false,
}: TrendOptionArgs): ChartOption {
  const spec = trendChartSpec({ points: trend.points, unit, decimals, labels });
  const base = chartSpecOption(spec, CHART_THEMES.screen, { labels: showLabels, fontSize });
  const fmt = (v: unknown) =>
    typeof v === 'number' ? `${formatValue(v, decimals)}${unit === '%' ? '%' : ` ${unit}`}` : '—';
  const [yAxis] = base.yAxis as Record<string, unknown>[];
  const xAxis = base.xAxis as { axisLabel: Record<string, unknown> };
  return {
    ...base,
    animation: true,
    animationDuration: 600,
    title: { show: false },
    legend: { show: false }, // the panel draws its own legend (TrendLegend)
    grid: { left: 8, right: 12, top: 18, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: 'rgba(4,20,46,0.92)',
      borderColor: TREND_COLORS.actual,
      textStyle: { color: '#e8f4ff', fontSize },
      valueFormatter: fmt,
    },
    xAxis: {
      ...xAxis,
      boundaryGap: false,
      // a small multiple may not fit every year: ECharts thins the labels instead of overlapping them
      axisLabel: { ...xAxis.axisLabel, interval: 'auto', rotate: 0 },
    },
    // a wall's small multiples read the movement, so the axis hugs the data (issue 14 revisits this)
    yAxis: { ...yAxis, name: '', scale: true, splitNumber: 3 },
  } as ChartOption;
}
