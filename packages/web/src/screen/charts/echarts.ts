// ECharts, tree-shaken: the core, the two chart types the trends use, grid and tooltip, the canvas renderer.
// The map chart is loaded on demand (geo-map.ts) only when an operator supplied a GeoJSON.
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

export { init, type EChartsType };
