// The towns' 科技创新指数: score bars in rank order with the change since the previous period.
import type { ScreenIndexRow, ScreenPayload } from '@ding/core';
import { formatFixed, formatSigned } from '../lib/format.ts';
import { useScreen } from './context.ts';
import { Panel } from './Panel.tsx';

export function IndexPanel({
  rows,
  current,
  columns,
  className,
  basis,
}: {
  rows: ScreenIndexRow[];
  current?: string;
  columns: number;
  className: string;
  /** The period the scores are of when too few towns have published the screen's (payload.indexPeriod). */
  basis?: ScreenPayload['indexPeriod'];
}) {
  const { w, name, go } = useScreen();
  const max = Math.max(1, ...rows.map((r) => r.score));
  const perColumn = Math.ceil(rows.length / Math.max(1, columns));
  return (
    <Panel title={w.index} className={className} testId="index-panel">
      {basis && (
        <div
          className="ellipsis"
          style={{ fontSize: '0.8em', opacity: 0.8 }}
          title={name(basis.reason)}
          data-testid="index-period"
        >
          {name(basis.reason)}
        </div>
      )}
      {rows.length === 0 ? (
        <div className="empty">{w.indexNone}</div>
      ) : (
        <div
          className="index-list"
          style={{
            gridTemplateColumns: `repeat(${columns}, 1fr)`,
            gridTemplateRows: `repeat(${perColumn}, 1fr)`,
          }}
        >
          {rows.map((r) => (
            <div
              key={r.region}
              className={`index-row${r.region === current ? ' current' : ''}`}
              data-testid={`index-row-${r.region}`}
              data-rank={r.rank}
            >
              <span className={`rank-badge r${r.rank}`}>{r.rank}</span>
              <button
                type="button"
                className="plain index-name"
                onClick={() => go({ kind: 'town', code: r.region })}
              >
                {name(r.name)}
              </button>
              <span className="index-bar">
                <i style={{ width: `${(r.score / max) * 100}%` }} />
              </span>
              <span className="num index-score" data-value={r.score} title={w.trace.noIndexTrace}>
                {formatFixed(r.score, 2)}
              </span>
              <span className={`index-change ${r.change === null ? '' : r.change >= 0 ? 'up' : 'down'}`}>
                {r.change === null
                  ? ''
                  : `${r.change >= 0 ? '▲' : '▼'}${formatSigned(r.change, 2).replace(/^[+-]/, '')}`}
              </span>
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
