// The city screen (全市): the core indicators' cards, trends of 全市/市级/前湾 against the target path, the
// towns map, the towns' ranking, Cixi among the Ningbo peers, the alerts, the 科技创新指数, the 重点任务推进 of
// 督查督办. The panels are placed by the stage's layout (CSS grid areas): more of them side by side on a wide wall.
import { useEffect, useState } from 'react';
import type { ScreenPayload } from '@ding/core';
import type { GeoJoin } from './lib/geo.ts';
import type { StageLayout } from './lib/stage.ts';
import { AlertPanel } from './components/AlertPanel.tsx';
import { useScreen } from './components/context.ts';
import { IndexPanel } from './components/IndexPanel.tsx';
import { IndicatorCard } from './components/IndicatorCard.tsx';
import { PeerPanel } from './components/PeerPanel.tsx';
import { RankingPanel } from './components/RankingPanel.tsx';
import { SupervisionPanel } from './components/SupervisionPanel.tsx';
import { TownMap } from './components/TownMap.tsx';
import { TrendGrid, TrendRegions } from './components/Trends.tsx';

/** When the map shows the index, the trend panel goes through the indicators by itself. */
const TREND_ROTATE_MS = 12_000;

export function CardsRow({
  payload,
  metric,
  onMetric,
}: {
  payload: ScreenPayload;
  metric: string;
  onMetric: (metric: string) => void;
}) {
  const { w } = useScreen();
  return (
    <div
      className="cards"
      style={{ gridTemplateColumns: `repeat(${Math.max(1, payload.cards.length)}, 1fr)` }}
    >
      {payload.cards.map((c) => (
        <IndicatorCard
          key={c.indicator}
          card={c}
          rankLabel={payload.kind === 'town' ? w.townRank : w.peerRank}
          selected={c.indicator === metric}
          onSelect={() => onMetric(c.indicator)}
        />
      ))}
    </div>
  );
}

export function CityScreen({
  payload,
  layout,
  metric,
  onMetric,
  geo,
  regionName,
}: {
  payload: ScreenPayload;
  layout: StageLayout;
  metric: string;
  onMetric: (metric: string) => void;
  geo: { geojson: unknown; join: GeoJoin } | null;
  regionName: (code: string) => string;
}) {
  const { w, name } = useScreen();
  const indicators = payload.cards.map((c) => c.indicator);
  const focusIsIndicator = indicators.includes(metric);
  const [rotation, setRotation] = useState(0);
  useEffect(() => {
    if (focusIsIndicator || indicators.length < 2) return;
    const timer = window.setInterval(() => setRotation((r) => r + 1), TREND_ROTATE_MS);
    return () => window.clearInterval(timer);
  }, [focusIsIndicator, indicators.length]);
  const trendIndicator = focusIsIndicator
    ? metric
    : (indicators[rotation % Math.max(1, indicators.length)] ?? '');
  const card = payload.cards.find((c) => c.indicator === trendIndicator);
  const trends = payload.trends.filter((t) => t.indicator === trendIndicator);
  return (
    <>
      <CardsRow payload={payload} metric={metric} onMetric={onMetric} />
      <div className={`screen-body city layout-${layout}${payload.supervision ? '' : ' no-tasks'}`}>
        {layout === 'ultra' && (
          <TrendGrid
            trends={payload.trends}
            cards={payload.cards}
            region={payload.region}
            title={`${w.trendsAll} · ${name(payload.regionName)}`}
            className="area-multi"
            columns={4}
          />
        )}
        <TrendRegions
          trends={trends}
          card={card}
          indicatorName={name(card?.name, trendIndicator)}
          large={layout !== 'standard'}
        />
        <TownMap payload={payload} metric={metric} onMetric={onMetric} geo={geo} />
        <RankingPanel payload={payload} metric={metric} title={w.ranking} className="area-rank" />
        <PeerPanel
          peers={payload.peers}
          period={payload.period}
          regionName={regionName}
          className="area-peers"
        />
        <IndexPanel rows={payload.index} columns={2} className="area-index" basis={payload.indexPeriod} />
        <AlertPanel alerts={payload.alerts} showRegion className="area-alerts" />
        {payload.supervision && <SupervisionPanel supervision={payload.supervision} className="area-tasks" />}
      </div>
    </>
  );
}
