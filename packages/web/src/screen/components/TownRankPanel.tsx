// A town among the towns, indicator by indicator: its value and its rank (from its cards), drawn as a
// position on a track from last to first.
import type { ScreenPayload } from '@ding/core';
import { rankColor } from '../lib/colors.ts';
import { formatValue } from '../lib/format.ts';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';
import { Panel } from './Panel.tsx';

export function TownRankPanel({ payload, className }: { payload: ScreenPayload; className: string }) {
  const { w, name } = useScreen();
  const indexRow = payload.index.find((r) => r.region === payload.region);
  return (
    <Panel title={w.townRanks} className={className} testId="town-rank-panel">
      <div className="town-ranks">
        {payload.cards.map((c) => {
          const rank = c.rank ?? null;
          const pos = rank && rank.of > 1 ? (1 - (rank.rank - 1) / (rank.of - 1)) * 100 : rank ? 100 : null;
          return (
            <div
              key={c.indicator}
              className="town-rank-row"
              data-testid={`town-rank-${c.indicator}`}
              data-rank={rank?.rank ?? ''}
            >
              <span className="ellipsis town-rank-name" title={name(c.name)}>
                {name(c.name)}
              </span>
              <span className="town-rank-value">
                <Num trace={c.trace} value={c.value}>
                  {formatValue(c.value, c.decimals)}
                </Num>
                <small>{c.unit}</small>
              </span>
              <span className="town-rank-track">
                {pos !== null && (
                  <i style={{ left: `${pos}%`, background: rankColor(rank!.rank, rank!.of) }} aria-hidden />
                )}
              </span>
              <span className="town-rank-text">{rank ? w.rankOf(rank.rank, rank.of) : '—'}</span>
            </div>
          );
        })}
        {indexRow && (
          <div className="town-rank-row index" data-testid="town-rank-index" data-rank={indexRow.rank}>
            <span className="ellipsis town-rank-name">{w.index}</span>
            <span className="town-rank-value">
              <span className="num">{indexRow.score.toFixed(2)}</span>
            </span>
            <span className="town-rank-track">
              <i
                style={{
                  left: `${payload.index.length > 1 ? (1 - (indexRow.rank - 1) / (payload.index.length - 1)) * 100 : 100}%`,
                  background: rankColor(indexRow.rank, payload.index.length),
                }}
                aria-hidden
              />
            </span>
            <span className="town-rank-text">{w.rankOf(indexRow.rank, payload.index.length)}</span>
          </div>
        )}
      </div>
    </Panel>
  );
}
