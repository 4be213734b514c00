// Cixi among the Ningbo districts (二、总体目标): 规模 indicators against "top 3", 水平 indicators against the
// Ningbo average, saying which average it is (the reference region's own figure, or the peers' plain mean).
import type { ScreenPeerRow } from '@ding/core';
import { formatPeriod, formatValue } from '../lib/format.ts';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';
import { Panel } from './Panel.tsx';

function PeerRow({
  row,
  period,
  regionName,
}: {
  row: ScreenPeerRow;
  period: string;
  regionName: (code: string) => string;
}) {
  const { w, name, lang } = useScreen();
  const d = row.decimals ?? 2;
  const unit = row.unit === '%' ? '%' : row.unit;
  const tone = row.met === null ? 'none' : row.met ? 'good' : 'bad';
  return (
    <div
      className={`peer-row tone-${tone}`}
      data-testid={`peer-row-${row.indicator}`}
      data-met={String(row.met)}
    >
      <span className="peer-name" title={name(row.name)}>
        {name(row.name)}
        {row.period !== period && (
          <small className="muted"> · {w.peerAt(formatPeriod(row.period, lang))}</small>
        )}
      </span>
      <span className={`chip tone-${tone}`}>
        {row.met === null ? '—' : row.met ? w.peerMet : w.peerNotMet}
      </span>
      <span className="peer-value">
        <Num trace={row.trace} testId={`peer-value-${row.indicator}`} value={row.value}>
          {formatValue(row.value, d)}
        </Num>
        <small>{unit}</small>
      </span>
      <span
        className="peer-rank"
        data-testid={`peer-rank-${row.indicator}`}
        title={row.rankNote ? name(row.rankNote.explanation) : undefined}
      >
        {row.rank === null ? '—' : w.rank(row.rank)}
        {row.rank !== null && <small> / {row.of}</small>}
      </span>
      <span className="peer-goal">
        {row.goal === 'top3' ? (
          w.peerTop3
        ) : (
          <>
            {w.peerAvg}{' '}
            <Num
              trace={row.averageTrace ?? null}
              testId={`peer-average-${row.indicator}`}
              value={row.average}
            >
              {formatValue(row.average, d)}
            </Num>{' '}
            <small className="muted" data-testid={`peer-average-rule-${row.indicator}`}>
              {row.averageRule === 'reference_region'
                ? w.peerAvgReference(
                    name(row.averageName ?? undefined, regionName(row.averageTrace?.region ?? '')),
                  )
                : row.averageRule === 'mean_of_peers'
                  ? w.peerAvgMean(row.of)
                  : ''}
            </small>
          </>
        )}
      </span>
    </div>
  );
}

export function PeerPanel({
  peers,
  period,
  regionName,
  className,
}: {
  peers: ScreenPeerRow[];
  period: string;
  regionName: (code: string) => string;
  className: string;
}) {
  const { w } = useScreen();
  return (
    <Panel title={w.peers} className={className} testId="peer-panel">
      <div className="peer-list">
        {peers.map((p) => (
          <PeerRow key={p.indicator} row={p} period={period} regionName={regionName} />
        ))}
      </div>
    </Panel>
  );
}
