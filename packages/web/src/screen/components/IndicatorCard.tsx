// One core indicator as a card: value, annual target, completion with the 序时进度 marker, YoY, status colour,
// and its rank (among the Ningbo peers on the city screen, among the towns on a town screen).
import type { ScreenCard } from '@ding/core';
import { statusTone } from '../lib/colors.ts';
import { formatCompletion, formatFixed, formatPeriod, formatValue, formatYoy } from '../lib/format.ts';
import { progressGeometry } from '../lib/progress-bar.ts';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';

export function IndicatorCard({
  card,
  rankLabel,
  selected,
  onSelect,
}: {
  card: ScreenCard;
  rankLabel: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { w, name, lang } = useScreen();
  const id = card.indicator;
  const d = card.decimals;
  const tone = statusTone(card.status);
  const bar = progressGeometry(card.completion, card.expectedShare);
  const yoy = formatYoy(card.yoy, d, card.unit, lang);
  return (
    <article
      className={`card tone-${tone}${selected ? ' selected' : ''}`}
      data-testid={`card-${id}`}
      data-status={card.status}
    >
      <header className="card-head">
        <h3 className="card-name" title={name(card.name)}>
          <button type="button" className="plain" onClick={onSelect}>
            {name(card.name)}
          </button>
        </h3>
        <span className={`chip tone-${tone}`} data-testid={`card-status-${id}`} data-status={card.status}>
          {w.status[card.status]}
        </span>
      </header>
      <div className="card-main">
        <Num trace={card.trace} testId={`card-value-${id}`} value={card.value} className="card-value">
          {formatValue(card.value, d)}
        </Num>
        <span className="card-unit">{card.unit}</span>
        {card.value === null && card.latest && (
          <span className="card-latest">
            {w.latest(formatPeriod(card.latest.period, lang))}{' '}
            <Num trace={card.latest.trace} testId={`card-latest-${id}`} value={card.latest.value}>
              {formatValue(card.latest.value, d)}
            </Num>
          </span>
        )}
      </div>
      <div className="card-line">
        <span className="label">{w.annualTarget}</span>
        <Num trace={card.trace} testId={`card-target-${id}`} value={card.target} className="card-target">
          {formatValue(card.target, d)}
        </Num>
        <span className="label gap">{w.completion}</span>
        <Num
          trace={card.trace}
          testId={`card-completion-${id}`}
          value={card.completion}
          className="card-completion"
        >
          {formatCompletion(card.completion)}
        </Num>
        {card.completion !== null && <span className="pct">%</span>}
      </div>
      <div className={`pbar${bar.short ? ' short' : ''}${bar.over ? ' over' : ''}`} aria-hidden>
        <div className="pbar-fill" style={{ width: `${bar.fill}%` }} />
        {bar.marker !== null && <div className="pbar-marker" style={{ left: `${bar.marker}%` }} />}
      </div>
      <footer className="card-foot">
        <span data-testid={`card-expected-${id}`}>
          {w.expectedShort} {card.expectedShare === null ? '—' : `${formatFixed(card.expectedShare, 1)}%`}
        </span>
        <span data-testid={`card-yoy-${id}`}>
          {w.yoy} {yoy || '—'}
        </span>
        <span>
          {card.finalTarget
            ? `${w.finalTarget(card.finalTarget.year)} ${formatValue(card.finalTarget.value, d)}`
            : ''}
        </span>
        {card.rank ? (
          <span className="card-rank" data-testid={`card-rank-${id}`}>
            {rankLabel} <b>{w.rankOf(card.rank.rank, card.rank.of)}</b>
          </span>
        ) : (
          <span />
        )}
      </footer>
    </article>
  );
}
