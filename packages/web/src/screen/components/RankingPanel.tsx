// The towns ranked by the selected metric, scrolling: rank, name (opens the town), a bar, the value (trace).
import type { ScreenPayload } from '@ding/core';
import { formatValue } from '../lib/format.ts';
import { AutoScroll } from './AutoScroll.tsx';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';
import { Panel } from './Panel.tsx';
import { metricDecimals, metricUnit } from './TownMap.tsx';

export const RANK_ROW_HEIGHT = 38;

export function RankingPanel({
  payload,
  metric,
  current,
  title,
  className,
}: {
  payload: ScreenPayload;
  metric: string;
  current?: string;
  title: string;
  className: string;
}) {
  const { name, go } = useScreen();
  const rows = payload.ranking[metric] ?? [];
  const decimals = metricDecimals(payload, metric);
  const unit = metricUnit(payload, metric);
  const values = rows.map((r) => r.value ?? 0);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const metricName = payload.mapMetrics.find((m) => m.key === metric)?.name;
  return (
    <Panel
      title={
        <>
          {title} · <span className="accent">{name(metricName, metric)}</span>
        </>
      }
      extra={unit ? <span className="muted">{unit}</span> : undefined}
      className={className}
      testId="ranking-panel"
    >
      <AutoScroll rowHeight={RANK_ROW_HEIGHT} className="rank-list">
        {rows.map((r) => {
          const width = r.value === null || max === min ? 0 : ((r.value - min) / (max - min)) * 100;
          return (
            <div
              key={r.region}
              className={`rank-row${r.region === current ? ' current' : ''}`}
              data-testid={`ranking-row-${r.region}`}
              data-rank={r.rank ?? ''}
              style={{ height: RANK_ROW_HEIGHT }}
            >
              <span className={`rank-badge r${r.rank ?? 0}`}>{r.rank ?? '—'}</span>
              <button
                type="button"
                className="plain rank-name"
                onClick={() => go({ kind: 'town', code: r.region })}
              >
                {name(r.name)}
              </button>
              <span className="rank-bar">
                <i style={{ width: `${width}%` }} />
              </span>
              <Num
                trace={r.trace}
                testId={`ranking-value-${r.region}`}
                value={r.value}
                className="rank-value"
              >
                {formatValue(r.value, decimals)}
              </Num>
            </div>
          );
        })}
      </AutoScroll>
    </Panel>
  );
}
