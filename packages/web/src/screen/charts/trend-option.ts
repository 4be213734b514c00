// The trend chart of one indicator in one region, 2022 → 2026: year-end actuals (solid cyan) against the
// plan's target path (dashed gold). Pure: an ECharts option from a ScreenTrend.
import type { ScreenTrend } from '@ding/core';
import { formatValue } from '../lib/format.ts';
import type { ChartOption } from './echarts.ts';

export const TREND_COLORS = {
  actual: '#2ee6ff',
  target: '#ffc843',
  axis: '#6f8fc0',
  grid: 'rgba(70,130,210,0.18)',
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
  const years = trend.points.map((p) => String(p.year));
  const fmt = (v: unknown) =>
    typeof v === 'number' ? `${formatValue(v, decimals)}${unit === '%' ? '%' : ` ${unit}`}` : '—';
  return {
    animationDuration: 600,
    grid: { left: 8, right: 12, top: 18, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: 'rgba(4,20,46,0.92)',
      borderColor: '#2ee6ff',
      textStyle: { color: '#e8f4ff', fontSize },
      valueFormatter: fmt,
    },
    xAxis: {
      type: 'category',
      data: years,
      boundaryGap: false,
      axisLine: { lineStyle: { color: TREND_COLORS.axis } },
      axisTick: { show: false },
      axisLabel: { color: '#9fc3ee', fontSize },
    },
    yAxis: {
      type: 'value',
      scale: true,
      splitNumber: 3,
      axisLabel: { color: '#7f9cc8', fontSize: fontSize - 1 },
      splitLine: { lineStyle: { color: TREND_COLORS.grid } },
    },
    series: [
      {
        name: labels.target,
        type: 'line',
        data: trend.points.map((p) => p.target),
        connectNulls: true,
        symbol: 'emptyCircle',
        symbolSize: 6,
        lineStyle: { color: TREND_COLORS.target, width: 2, type: 'dashed' },
        itemStyle: { color: TREND_COLORS.target },
        label: {
          show: showLabels,
          position: 'top',
          color: TREND_COLORS.target,
          fontSize: fontSize - 1,
          formatter: (p) => fmt(p.value).replace(/ \S+$/, ''),
        },
      },
      {
        name: labels.actual,
        type: 'line',
        data: trend.points.map((p) => p.actual),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color: TREND_COLORS.actual, width: 3 },
        itemStyle: { color: TREND_COLORS.actual, borderColor: '#04142e', borderWidth: 2 },
        areaStyle: {
          color: {
            type: 'linear',
            x: 0,
            y: 0,
            x2: 0,
            y2: 1,
            colorStops: [
              { offset: 0, color: 'rgba(46,230,255,0.35)' },
              { offset: 1, color: 'rgba(46,230,255,0.02)' },
            ],
          },
        },
        label: {
          show: showLabels,
          position: 'bottom',
          color: TREND_COLORS.actual,
          fontSize: fontSize - 1,
          formatter: (p) => fmt(p.value).replace(/ \S+$/, ''),
        },
      },
    ],
  };
}
