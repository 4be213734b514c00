// Charts for the report: core's ECharts option for a ChartSpec, rendered server-side to SVG (ECharts SSR)
// and to PNG by resvg with the CJK font files loaded explicitly (no system font lookup, so the PNG is the
// same on every machine that has Noto CJK installed).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as EChartsModule from 'echarts';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { chartSpecOption, CHART_THEMES, type ChartSpec } from '@ding/core';
import { CHART } from './gongwen.ts';

/**
 * Where Debian's fonts-noto-cjk puts the chart font (print theme: 'Noto Sans CJK SC'); the existing files are
 * loaded. Only these two: resvg shapes each text with every candidate face, and Noto CJK's tables are big
 * (a chart's ~50 labels take ~0.3–0.5 s), so fewer files is faster.
 */
export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** Size in CSS pixels (96 per inch): the size to place the image at. */
  widthPx: number;
  heightPx: number;
}

/** Millimetres → CSS pixels at 96 px/in. */
export const mmToPx = (mm: number): number => Math.round((mm / 25.4) * 96);

/** The chart fonts that exist here; a clear error when none does (the PNG would have no Chinese). */
export function chartFontFiles(files: readonly string[] = CJK_FONT_FILES): string[] {
  const found = files.filter((f) => existsSync(f));
  if (found.length === 0) {
    throw new Error(
      `图表字体缺失 (chart fonts missing): none of ${files.join(', ')} exists; install Debian fonts-noto-cjk`,
    );
  }
  return found;
}

/**
 * ECharts, required on first use: it is the heaviest module the server loads (~1 s), and only the report's
 * charts need it — every `ding` command and the server's start would otherwise pay for it.
 */
const requireLazy = createRequire(import.meta.url);
let echartsModule: typeof EChartsModule | undefined;
const echarts = (): typeof EChartsModule =>
  (echartsModule ??= requireLazy('echarts') as typeof EChartsModule);

/** ECharts SSR: the spec's option as an SVG string of the given size. */
export function chartSvg(spec: ChartSpec, widthPx: number, heightPx: number): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: widthPx, height: heightPx });
  try {
    chart.setOption(chartSpecOption(spec, CHART_THEMES.print));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function resvgOptions(scale: number, fontFiles: readonly string[]): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: [...fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: 'Noto Sans CJK SC',
      sansSerifFamily: 'Noto Sans CJK SC',
    },
  };
}

/**
 * SVG → PNG at `scale` × its size, with the CJK fonts loaded from files. resvg renders on libuv's thread pool
 * (renderAsync), so charts of one document render in parallel and the server's event loop stays free.
 */
export async function svgToPng(
  svg: string,
  scale: number,
  fontFiles: readonly string[] = chartFontFiles(),
): Promise<Buffer> {
  const image = await renderAsync(svg, resvgOptions(scale, fontFiles));
  return image.asPng();
}

/**
 * Rendered charts by spec and size: regenerating a report (same snapshot, same charts) skips resvg. Keyed by
 * the spec, not the SVG: ECharts numbers its SVG ids per instance, so the same chart never gives the same SVG.
 */
const chartCache = new Map<string, RenderedChart>();
const CHART_CACHE_MAX = 64;

/** Drop the chart cache (the bench measures cold renders). */
export function chartCacheClear(): void {
  chartCache.clear();
}

/** A spec rendered at the report's chart size (the 版心 width), as SVG and a print-resolution PNG. */
export async function chartRender(
  spec: ChartSpec,
  size: { widthMm: number; heightMm: number; scale: number } = {
    widthMm: CHART.widthMm,
    heightMm: CHART.heightMm,
    scale: CHART.pngScale,
  },
): Promise<RenderedChart> {
  const key = createHash('sha256').update(JSON.stringify({ spec, size })).digest('hex');
  const hit = chartCache.get(key);
  if (hit) return hit;
  const widthPx = mmToPx(size.widthMm);
  const heightPx = mmToPx(size.heightMm);
  const svg = chartSvg(spec, widthPx, heightPx);
  const rendered = { svg, png: await svgToPng(svg, size.scale), widthPx, heightPx };
  if (chartCache.size >= CHART_CACHE_MAX) chartCache.delete(chartCache.keys().next().value!);
  chartCache.set(key, rendered);
  return rendered;
}
