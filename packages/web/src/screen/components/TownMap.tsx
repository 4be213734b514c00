// The towns on a map coloured by the selected metric (an indicator or the index), by rank: the schematic
// tile map at the plan's positions (west → east along the bay), or the operator's GeoJSON when supplied.
// Hovering a town shows its value and rank; clicking it opens its screen; clicking its value, the trace.
import { lazy, Suspense } from 'react';
import type { ScreenPayload, ScreenRankingRow, ScreenTile } from '@ding/core';
import { NO_VALUE_COLOR, RANK_SCALE, rankColor, textOn } from '../lib/colors.ts';
import { formatValue } from '../lib/format.ts';
import { tileGrid } from '../lib/regions.ts';
import type { GeoJoin } from '../lib/geo.ts';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';
import { Panel } from './Panel.tsx';

const GeoMap = lazy(() => import('../charts/GeoMap.tsx'));

/** Decimals of a metric: its card's, or 2 for the index score. */
export function metricDecimals(payload: ScreenPayload, metric: string): number {
  return payload.cards.find((c) => c.indicator === metric)?.decimals ?? 2;
}

export function metricUnit(payload: ScreenPayload, metric: string): string {
  return payload.cards.find((c) => c.indicator === metric)?.unit ?? '';
}

export function MetricSelect({
  payload,
  metric,
  onChange,
}: {
  payload: ScreenPayload;
  metric: string;
  onChange: (metric: string) => void;
}) {
  const { name } = useScreen();
  return (
    <select
      className="metric-select"
      value={metric}
      onChange={(e) => onChange(e.target.value)}
      data-testid="metric-select"
      aria-label="metric"
    >
      {payload.mapMetrics.map((m) => (
        <option key={m.key} value={m.key}>
          {name(m.name)}
        </option>
      ))}
    </select>
  );
}

function Tile({
  tile,
  row,
  decimals,
  unit,
  current,
}: {
  tile: ScreenTile;
  row: ScreenRankingRow | undefined;
  decimals: number;
  unit: string;
  current: boolean;
}) {
  const { name, go, w } = useScreen();
  const bg = rankColor(tile.rank, tile.of ?? row?.of);
  const value = formatValue(tile.value, decimals);
  const of = tile.of ?? row?.of;
  return (
    <div
      className={`tile${current ? ' current' : ''}`}
      data-testid={`tile-${tile.region}`}
      data-rank={tile.rank ?? ''}
      role="link"
      tabIndex={0}
      style={{ gridColumn: tile.col + 1, gridRow: tile.row + 1, background: bg, color: textOn(bg) }}
      onClick={() => go({ kind: 'town', code: tile.region })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') go({ kind: 'town', code: tile.region });
      }}
    >
      <span className="tile-name">{name(tile.name)}</span>
      <span className="tile-foot">
        <Num
          trace={row?.trace}
          testId={`tile-value-${tile.region}`}
          value={tile.value}
          className="tile-value"
        >
          {value}
        </Num>
        <span className="tile-rank">{tile.rank === null ? '' : `#${tile.rank}`}</span>
      </span>
      <span className="tile-tip" role="tooltip">
        <b>{name(tile.name)}</b>
        <span>
          {value}
          {unit && tile.value !== null ? ` ${unit}` : ''}
        </span>
        <span>
          {w.rank(tile.rank)}
          {of ? ` / ${of}` : ''}
        </span>
      </span>
    </div>
  );
}

export function TownMap({
  payload,
  metric,
  onMetric,
  current,
  geo,
}: {
  payload: ScreenPayload;
  metric: string;
  onMetric: (metric: string) => void;
  /** The town whose screen this is (outlined). */
  current?: string;
  /** The operator's map and how it joins the towns; null for the tile map. */
  geo: { geojson: unknown; join: GeoJoin } | null;
}) {
  const { w } = useScreen();
  const tiles = payload.tiles[metric] ?? [];
  const rows = new Map((payload.ranking[metric] ?? []).map((r) => [r.region, r]));
  const { cols, rows: gridRows } = tileGrid(tiles);
  const decimals = metricDecimals(payload, metric);
  const unit = metricUnit(payload, metric);
  return (
    <Panel
      title={w.map}
      extra={<MetricSelect payload={payload} metric={metric} onChange={onMetric} />}
      className="area-map"
      testId="town-map"
    >
      {geo ? (
        <Suspense fallback={null}>
          <GeoMap
            geojson={geo.geojson}
            join={geo.join}
            tiles={tiles}
            decimals={decimals}
            unit={unit}
            current={current}
          />
        </Suspense>
      ) : (
        <div
          className="tile-map"
          style={{
            gridTemplateColumns: `repeat(${cols}, 1fr)`,
            gridTemplateRows: `repeat(${gridRows}, 1fr)`,
          }}
        >
          <div className="bay" aria-hidden />
          {tiles.map((t) => (
            <Tile
              key={t.region}
              tile={t}
              row={rows.get(t.region)}
              decimals={decimals}
              unit={unit}
              current={t.region === current}
            />
          ))}
        </div>
      )}
      <div className="map-legend">
        <span>{w.mapLegendWorst}</span>
        <i
          className="legend-scale"
          style={{ background: `linear-gradient(90deg, ${RANK_SCALE.join(', ')})` }}
        />
        <span>{w.mapLegendBest}</span>
        <i className="legend-none" style={{ background: NO_VALUE_COLOR }} />
        <span>{w.mapNoValue}</span>
      </div>
    </Panel>
  );
}
