// A town screen: the town's cards (with its rank among the towns), its trends, where it stands among the
// towns indicator by indicator, the towns map with the town outlined, the index, its alerts.
import type { ScreenPayload } from '@ding/core';
import type { GeoJoin } from './lib/geo.ts';
import type { StageLayout } from './lib/stage.ts';
import { CardsRow } from './CityScreen.tsx';
import { AlertPanel } from './components/AlertPanel.tsx';
import { useScreen } from './components/context.ts';
import { IndexPanel } from './components/IndexPanel.tsx';
import { RankingPanel } from './components/RankingPanel.tsx';
import { TownMap } from './components/TownMap.tsx';
import { TownRankPanel } from './components/TownRankPanel.tsx';
import { TrendGrid } from './components/Trends.tsx';

export function TownScreen({
  payload,
  layout,
  metric,
  onMetric,
  geo,
}: {
  payload: ScreenPayload;
  layout: StageLayout;
  metric: string;
  onMetric: (metric: string) => void;
  geo: { geojson: unknown; join: GeoJoin } | null;
}) {
  const { w, name } = useScreen();
  return (
    <>
      <CardsRow payload={payload} metric={metric} onMetric={onMetric} />
      <div className={`screen-body town layout-${layout}`}>
        <TrendGrid
          trends={payload.trends}
          cards={payload.cards}
          region={payload.region}
          title={`${w.trendsAll} · ${name(payload.regionName)}`}
          className="area-multi"
          columns={layout === 'standard' ? 2 : 4}
        />
        <TownMap payload={payload} metric={metric} onMetric={onMetric} current={payload.region} geo={geo} />
        <TownRankPanel payload={payload} className="area-ranks" />
        <IndexPanel
          rows={payload.index}
          current={payload.region}
          columns={2}
          className="area-index"
          basis={payload.indexPeriod}
        />
        <AlertPanel alerts={payload.alerts} showRegion={false} className="area-alerts" />
        {layout !== 'standard' && (
          <RankingPanel
            payload={payload}
            metric={metric}
            current={payload.region}
            title={w.ranking}
            className="area-rank"
          />
        )}
      </div>
    </>
  );
}
