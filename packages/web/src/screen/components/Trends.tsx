// Trends 2022 → 2026, actual against the target path: one indicator across 全市 / 市级 / 前湾 (TrendRegions),
// or every card's indicator in one region (TrendGrid: the town screen, the ultra-wide wall).
import { useMemo } from 'react';
import type { ScreenCard, ScreenTrend } from '@ding/core';
import { EChart } from '../charts/EChart.tsx';
import { trendOption, TREND_COLORS } from '../charts/trend-option.ts';
import { formatValue } from '../lib/format.ts';
import { useScreen } from './context.ts';
import { Panel } from './Panel.tsx';

function TrendChart({
  trend,
  card,
  fontSize,
  showLabels,
}: {
  trend: ScreenTrend;
  card: ScreenCard | undefined;
  fontSize: number;
  showLabels: boolean;
}) {
  const { w } = useScreen();
  const option = useMemo(
    () =>
      trendOption({
        trend,
        decimals: card?.decimals ?? 2,
        unit: card?.unit ?? '',
        labels: { actual: w.trendActual, target: w.trendTarget },
        fontSize,
        showLabels,
      }),
    [trend, card?.decimals, card?.unit, w, fontSize, showLabels],
  );
  return <EChart option={option} className="trend-chart" />;
}

export function TrendLegend() {
  const { w } = useScreen();
  return (
    <span className="trend-legend">
      <i className="swatch solid" style={{ background: TREND_COLORS.actual }} />
      {w.trendActual}
      <i className="swatch dashed" style={{ borderColor: TREND_COLORS.target }} />
      {w.trendTarget}
    </span>
  );
}

/** One indicator, one small chart per region (全市, 市级, 前湾). */
export function TrendRegions({
  trends,
  card,
  indicatorName,
  large,
}: {
  trends: ScreenTrend[];
  card: ScreenCard | undefined;
  indicatorName: string;
  large: boolean;
}) {
  const { w, name } = useScreen();
  return (
    <Panel
      title={
        <>
          {w.trends} · <span className="accent">{indicatorName}</span>
        </>
      }
      extra={<TrendLegend />}
      className="area-trend"
      testId="trend-panel"
    >
      <div className="trend-row">
        {trends.map((t) => (
          <div className="trend-cell" key={t.region} data-testid={`trend-${t.indicator}-${t.region}`}>
            <div className="trend-cell-title">
              {name(t.regionName)}
              {card?.unit ? <small> · {card.unit}</small> : null}
            </div>
            <TrendChart trend={t} card={card} fontSize={large ? 15 : 12} showLabels={large} />
          </div>
        ))}
      </div>
    </Panel>
  );
}

/** Every card's indicator in one region: small multiples with the latest actual beside the name. */
export function TrendGrid({
  trends,
  cards,
  region,
  title,
  className,
  columns,
}: {
  trends: ScreenTrend[];
  cards: ScreenCard[];
  region: string;
  title: string;
  className: string;
  columns: number;
}) {
  const { name } = useScreen();
  const mine = cards.flatMap((c) => {
    const t = trends.find((x) => x.indicator === c.indicator && x.region === region);
    return t ? [{ card: c, trend: t }] : [];
  });
  return (
    <Panel title={title} extra={<TrendLegend />} className={className} testId="trend-grid">
      <div className="trend-grid" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {mine.map(({ card, trend }) => {
          const last = [...trend.points].reverse().find((p) => p.actual !== null);
          return (
            <div
              className="trend-cell"
              key={card.indicator}
              data-testid={`trend-${card.indicator}-${region}`}
            >
              <div className="trend-cell-title" title={name(card.name)}>
                <span className="ellipsis">{name(card.name)}</span>
                {last && (
                  <small>
                    {last.year}: {formatValue(last.actual, card.decimals)}
                    {card.unit === '%' ? '%' : ` ${card.unit}`}
                  </small>
                )}
              </div>
              <TrendChart trend={trend} card={card} fontSize={12} showLabels={false} />
            </div>
          );
        })}
      </div>
    </Panel>
  );
}
