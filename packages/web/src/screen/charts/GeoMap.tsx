// The operator's own towns map (GET /api/map/geojson), drawn with ECharts' map series and coloured like the
// tiles. Loaded on demand: walls without a GeoJSON never download the map chart.
import { useMemo } from 'react';
import { MapChart } from 'echarts/charts';
import { registerMap, use } from 'echarts/core';
import type { ScreenTile } from '@ding/core';
import { rankColor } from '../lib/colors.ts';
import { formatValue } from '../lib/format.ts';
import { geoItemName, type GeoJoin } from '../lib/geo.ts';
import { useScreen } from '../components/context.ts';
import { EChart } from './EChart.tsx';

use([MapChart]);

const MAP_NAME = 'ding-towns';
let registered: unknown = null;

export default function GeoMap({
  geojson,
  join,
  tiles,
  decimals,
  unit,
  current,
}: {
  geojson: unknown;
  join: GeoJoin;
  tiles: ScreenTile[];
  decimals: number;
  unit: string;
  current?: string;
}) {
  const { name, go, w } = useScreen();
  if (registered !== geojson) {
    registerMap(MAP_NAME, geojson as Parameters<typeof registerMap>[1]);
    registered = geojson;
  }
  const byItem = useMemo(() => new Map(tiles.map((t) => [geoItemName(join, t), t])), [tiles, join]);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        backgroundColor: 'rgba(4,20,46,0.92)',
        borderColor: '#2ee6ff',
        textStyle: { color: '#e8f4ff', fontSize: 14 },
        formatter: (p: { name: string }) => {
          const t = byItem.get(p.name);
          if (!t) return p.name;
          return `${name(t.name)}<br/>${formatValue(t.value, decimals)} ${unit}<br/>${w.rank(t.rank)}${t.of ? ` / ${t.of}` : ''}`;
        },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: join.property,
          roam: false,
          // Fill the panel (the map keeps its own aspect ratio inside this box).
          top: 8,
          bottom: 8,
          left: 8,
          right: 8,
          label: {
            show: true,
            color: '#e8f4ff',
            fontSize: 12,
            formatter: (p: { name: string }) => {
              const t = byItem.get(p.name);
              return t ? name(t.name) : '';
            },
          },
          itemStyle: { borderColor: '#5fd8ff', borderWidth: 1 },
          emphasis: { itemStyle: { areaColor: '#ffc843' }, label: { color: '#04142e' } },
          data: tiles.map((t) => ({
            name: geoItemName(join, t),
            value: t.value,
            itemStyle: {
              areaColor: rankColor(t.rank, t.of),
              ...(t.region === current ? { borderColor: '#ffc843', borderWidth: 3 } : {}),
            },
          })),
        },
      ],
    }),
    [tiles, join, byItem, decimals, unit, current, name, w],
  );
  return (
    <EChart
      option={option}
      className="geo-map"
      onClick={(item) => {
        const t = byItem.get(item);
        if (t) go({ kind: 'town', code: t.region });
      }}
    />
  );
}
