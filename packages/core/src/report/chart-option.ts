// One ECharts option per chart kind (bar, line, barLine) from a ChartSpec, shared by the report (server-side
// SVG/PNG) and any screen that shows the same chart. Pure: a plain option object, no ECharts import.
import type { ChartSeries, ChartSpec, NumberSource } from './document.ts';

/** Colours and fonts of a medium: 'print' (white paper, the report) or 'screen' (the dark big screens). */
export interface ChartTheme {
  background: string;
  text: string;
  axis: string;
  grid: string;
  /** Series colours in order; the first is the main series. */
  palette: string[];
  target: string;
  /** A CSS font-family list; the first family must be one the SVG → PNG renderer has loaded. */
  fontFamily: string;
  fontSize: number;
}

export const CHART_THEMES = {
  print: {
    background: '#ffffff',
    text: '#222222',
    axis: '#666666',
    grid: '#dddddd',
    palette: ['#2f5597', '#c55a11', '#548235', '#7f6000', '#7030a0'],
    target: '#c00000',
    fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', SimHei, sans-serif",
    fontSize: 13,
  },
  screen: {
    background: 'transparent',
    text: '#9fc3ee',
    axis: '#6f8fc0',
    grid: 'rgba(70,130,210,0.18)',
    palette: ['#2ee6ff', '#ffc843', '#7cffb2', '#ff7d7d', '#c9a7ff'],
    target: '#ffc843',
    fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    fontSize: 13,
  },
} as const satisfies Record<string, ChartTheme>;

/** An ECharts option as plain data (the caller passes it to ECharts' setOption). */
export type ChartOptionObject = Record<string, unknown>;

/** '12.3' with the chart's decimals; '' for a gap. */
function labelText(v: unknown, decimals: number): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(decimals) : '';
}

/** The characters of all category labels together, with one of space between two labels. */
export function categoryChars(categories: readonly string[]): number {
  return categories.reduce((n, c) => n + [...c].length + 1, 0);
}

function seriesType(spec: ChartSpec, index: number): 'bar' | 'line' {
  switch (spec.kind) {
    case 'bar':
      return 'bar';
    case 'line':
      return 'line';
    case 'barLine':
      return index === 0 ? 'bar' : 'line';
  }
}

/** Units in order of first appearance: the first gets the left axis, a second the right one. */
function axisUnits(series: readonly ChartSeries[]): string[] {
  return [...new Set(series.map((s) => s.unit))];
}

export interface ChartOptionSettings {
  /** Print the values on the bars and points (default true: paper cannot hover). */
  labels?: boolean;
  /** Overrides the theme's font size (a wall's panels set theirs). */
  fontSize?: number;
}

/** A line's style by its role: a dashed target path, a filled actual, or a plain line. */
function lineStyleOf(s: ChartSeries, color: string, theme: ChartTheme) {
  switch (s.style) {
    case 'target':
      return {
        symbol: 'emptyCircle',
        symbolSize: 6,
        lineStyle: { color: theme.target, width: 2, type: 'dashed' },
        itemStyle: { color: theme.target },
        connectNulls: true,
      };
    case 'area':
      return {
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color, width: 3 },
        itemStyle: {
          color,
          borderColor: theme.background === 'transparent' ? '#04142e' : '#ffffff',
          borderWidth: 2,
        },
        areaStyle: { color, opacity: 0.18 },
        connectNulls: false,
      };
    case undefined:
      return { symbol: 'circle', symbolSize: 6, lineStyle: { color, width: 2 }, connectNulls: false };
  }
}

/**
 * The option for a spec. Axes: one value axis per distinct unit (at most two, named with the unit); a
 * target line is a dashed markLine on the first series. Value labels print with spec.decimals (default 1).
 */
export function chartSpecOption(
  spec: ChartSpec,
  theme: ChartTheme = CHART_THEMES.print,
  settings: ChartOptionSettings = {},
): ChartOptionObject {
  const decimals = spec.decimals ?? 1;
  const units = axisUnits(spec.series);
  if (units.length > 2) {
    throw new Error(`chart '${spec.title}': ${units.length} units (${units.join(', ')}); at most 2 axes`);
  }
  const fontSize = settings.fontSize ?? theme.fontSize;
  const text = { color: theme.text, fontFamily: theme.fontFamily, fontSize };
  const series = spec.series.map((s, i) => {
    const type = seriesType(spec, i);
    // a target path has the theme's target colour; the other series take the palette in order
    const nth = spec.series.slice(0, i).filter((x) => x.style !== 'target').length;
    const color = s.style === 'target' ? theme.target : theme.palette[nth % theme.palette.length]!;
    return {
      name: s.name,
      type,
      yAxisIndex: units.indexOf(s.unit),
      data: s.data,
      itemStyle: { color },
      ...(type === 'line' ? lineStyleOf(s, color, theme) : { barMaxWidth: 28 }),
      label: {
        show: settings.labels ?? true,
        position: s.style === 'area' ? 'bottom' : 'top',
        ...text,
        fontSize: fontSize - 2,
        // A line's labels sit over the bars in barLine: a box in the background colour keeps them readable.
        ...(type === 'line' && spec.kind === 'barLine'
          ? { color, backgroundColor: theme.background, padding: [1, 2] }
          : {}),
        formatter: (p: { value: unknown }) => labelText(p.value, decimals),
      },
      ...(i === 0 && spec.targetLine
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: theme.target, type: 'dashed', width: 1.5 },
              label: {
                ...text,
                color: theme.target,
                fontSize: fontSize - 2,
                position: 'insideEndTop',
                formatter: `${spec.targetLine.name} ${spec.targetLine.value.toFixed(decimals)}`,
              },
              data: [{ yAxis: spec.targetLine.value }],
            },
          }
        : {}),
    };
  });
  return {
    backgroundColor: theme.background,
    animation: false,
    textStyle: { fontFamily: theme.fontFamily },
    title: {
      text: spec.title,
      left: 'center',
      top: 4,
      textStyle: { ...text, fontSize: fontSize + 2, fontWeight: 'bold' },
    },
    legend: {
      show: spec.series.length > 1 || spec.targetLine !== undefined,
      bottom: 4,
      textStyle: text,
      data: spec.series.map((s) => s.name),
    },
    grid: { left: 12, right: 12, top: 44, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLine: { lineStyle: { color: theme.axis } },
      axisTick: { show: false },
      // Every label shown; slanted when they would not fit side by side (more than ~40 characters of
      // labels in a chart the width of the page, e.g. 10 towns of 3–5 characters).
      axisLabel: { ...text, interval: 0, rotate: categoryChars(spec.categories) > 40 ? 40 : 0 },
    },
    yAxis: units.map((unit, i) => ({
      type: 'value',
      name: unit,
      position: i === 0 ? 'left' : 'right',
      nameTextStyle: text,
      axisLabel: text,
      axisLine: { show: false },
      splitLine: { show: i === 0, lineStyle: { color: theme.grid } },
    })),
    series,
  };
}

/** One year of a trend: the year-end actual (null before it has ended) and the year's target (null if none). */
export interface TrendPoint {
  year: number;
  actual: number | null;
  target: number | null;
}

/**
 * The trend chart of one indicator, actuals against the plan's target path — the same spec on the big
 * screens (their trend panels) and in the report (the indicator sheet), so both draw it alike.
 */
export function trendChartSpec(args: {
  points: readonly TrendPoint[];
  unit: string;
  decimals: number;
  labels: { actual: string; target: string };
  title?: string;
  sources?: { actual?: (NumberSource | null)[]; target?: (NumberSource | null)[] };
}): ChartSpec {
  const { points, unit, labels } = args;
  return {
    kind: 'line',
    title: args.title ?? '',
    categories: points.map((p) => String(p.year)),
    series: [
      {
        name: labels.target,
        unit,
        style: 'target',
        data: points.map((p) => p.target),
        ...(args.sources?.target ? { sources: args.sources.target } : {}),
      },
      {
        name: labels.actual,
        unit,
        style: 'area',
        data: points.map((p) => p.actual),
        ...(args.sources?.actual ? { sources: args.sources.actual } : {}),
      },
    ],
    decimals: args.decimals,
  };
}
