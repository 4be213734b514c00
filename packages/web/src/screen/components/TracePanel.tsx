// How a number was computed (纵向可溯): GET /api/trace for indicator × region × period — the rule in words, the
// target and 序时进度 with theirs, the inputs one level down (each can be followed in turn), and the published
// observations behind it with who submitted and approved them, and when.
import { useEffect, useState } from 'react';
import type { TraceKey } from '@ding/core';
import type { TraceResult } from '@ding/core';
import { traceFetch } from '../live/api.ts';
import { statusTone } from '../lib/colors.ts';
import { formatDateTime, formatFixed, formatLoose, formatPeriod, formatValue } from '../lib/format.ts';
import { useScreen } from './context.ts';

type Loaded = { key: string; trace: TraceResult } | { key: string; error: string };

const keyText = (k: TraceKey) => `${k.indicator}|${k.region}|${k.period}`;

function Who({ who, at }: { who: string | null; at: string | null }) {
  if (!who && !at) return <span className="muted">—</span>;
  return (
    <span>
      {who ?? '—'}
      {at && <small className="muted"> {formatDateTime(at)}</small>}
    </span>
  );
}

export function TracePanel({
  stack,
  onOpen,
  onBack,
  onClose,
  regionName,
}: {
  stack: TraceKey[];
  onOpen: (key: TraceKey) => void;
  onBack: () => void;
  onClose: () => void;
  regionName: (code: string) => string;
}) {
  const { w, name, lang } = useScreen();
  const top = stack[stack.length - 1]!;
  const k = keyText(top);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    traceFetch(top, lang, controller.signal).then(
      (trace) => setLoaded({ key: k, trace }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ key: k, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => controller.abort();
    // `top` is described by `k` (a new array with the same key must not refetch).
  }, [k, lang]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const current = loaded?.key === k ? loaded : null;
  const t = current && 'trace' in current ? current.trace : null;
  const tone = t ? statusTone(t.status) : 'none';
  return (
    <div className="trace-backdrop" onClick={onClose}>
      <div
        className="trace-panel"
        data-testid="trace-panel"
        data-indicator={top.indicator}
        data-region={top.region}
        data-period={top.period}
        role="dialog"
        aria-modal
        onClick={(e) => e.stopPropagation()}
      >
        <header className="trace-head">
          {stack.length > 1 && (
            <button type="button" className="tb-button" onClick={onBack} data-testid="trace-back">
              ‹ {w.trace.back}
            </button>
          )}
          <h2>
            {w.trace.title} · {t ? name(t.name) : top.indicator} · {regionName(top.region)} ·{' '}
            {formatPeriod(top.period, lang)}
          </h2>
          <button type="button" className="tb-button" onClick={onClose} data-testid="trace-close">
            ✕ {w.trace.close}
          </button>
        </header>
        {!current && <div className="empty">{w.trace.loading}</div>}
        {current && 'error' in current && (
          <div className="empty bad-text">
            {w.trace.failed}：{current.error}
          </div>
        )}
        {t && (
          <div className="trace-body">
            <section className="trace-summary">
              <div className="trace-value">
                <span className="num" data-testid="trace-value" data-value={t.value ?? ''}>
                  {formatValue(t.value, t.decimals)}
                </span>
                <small>{t.unit}</small>
                <span className={`chip tone-${tone}`}>{w.status[t.status]}</span>
                {t.synthetic && <span className="badge synthetic">{w.trace.synthetic}</span>}
              </div>
              <dl className="trace-facts">
                <dt>{w.trace.rule}</dt>
                <dd data-testid="trace-rule">
                  {t.rule ? (w.trace.rules[t.rule] ?? t.rule) : '—'} — {name(t.explanation.value)}
                </dd>
                {t.explanation.target && (
                  <>
                    <dt>{w.trace.target}</dt>
                    <dd data-testid="trace-target">
                      <b>
                        {t.explanation.target.comparator}{' '}
                        {formatValue(t.explanation.target.value, t.decimals)}
                      </b>{' '}
                      {t.unit} — {name(t.explanation.target.explanation)}
                      <small className="muted">
                        {' '}
                        （{t.explanation.target.source} · {t.explanation.target.rule}
                        {t.explanation.target.finalValue !== undefined &&
                          ` · ${t.explanation.target.finalYear ?? ''} ${formatValue(t.explanation.target.finalValue, t.decimals)}`}
                        ）
                      </small>
                    </dd>
                  </>
                )}
                {t.explanation.expected && (
                  <>
                    <dt>{w.trace.expected}</dt>
                    <dd data-testid="trace-expected">
                      <b>{formatValue(t.explanation.expected.value, t.decimals)}</b> {t.unit}（
                      {formatFixed(t.explanation.expected.shareOfTarget, 1)}%）—{' '}
                      {name(t.explanation.expected.explanation)}
                    </dd>
                  </>
                )}
              </dl>
            </section>
            {t.inputs.length > 0 && (
              <section>
                <h3>
                  {w.trace.inputs} <small className="muted">{t.inputs.length}</small>
                </h3>
                <div className="trace-inputs" data-testid="trace-inputs">
                  {t.inputs.map((i) => (
                    <button
                      type="button"
                      key={keyText(i)}
                      className="trace-input"
                      onClick={() => onOpen({ indicator: i.indicator, region: i.region, period: i.period })}
                    >
                      <span className="muted">{w.trace.role[i.role] ?? i.role}</span>
                      <span>
                        {i.indicator === t.key.indicator ? '' : `${name(i.indicatorName, i.indicator)} · `}
                        {name(i.regionName, regionName(i.region))}
                        {i.period !== t.key.period ? ` · ${i.period}` : ''}
                      </span>
                      <b className="num">
                        {i.indicator === t.key.indicator
                          ? formatValue(i.value, t.decimals)
                          : formatLoose(i.value)}
                      </b>
                    </button>
                  ))}
                </div>
              </section>
            )}
            <section>
              <h3>
                {w.trace.observations} <small className="muted">{t.observations.length}</small>
              </h3>
              {t.observations.length === 0 ? (
                <div className="empty">{w.trace.noObservations}</div>
              ) : (
                <div className="trace-table-wrap">
                  <table className="trace-table" data-testid="trace-observations">
                    <thead>
                      <tr>
                        <th>{w.trace.colIndicator}</th>
                        <th>{w.trace.colRegion}</th>
                        <th>{w.trace.colPeriod}</th>
                        <th className="right">{w.trace.colValue}</th>
                        <th>{w.trace.colVintage}</th>
                        <th>{w.trace.colProvenance}</th>
                        <th>{w.trace.colSubmitted}</th>
                        <th>{w.trace.colApproved}</th>
                        <th>{w.trace.colStored}</th>
                        <th>{w.trace.colSource}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {t.observations.map((o) => (
                        <tr
                          key={o.id}
                          data-testid={`trace-observation-${o.id}`}
                          className={o.usedFor === 'target' ? 'for-target' : ''}
                        >
                          <td>
                            {o.indicator === t.key.indicator
                              ? name(t.name)
                              : name(o.indicatorName, o.indicator)}
                            {o.usedFor === 'target' && (
                              <small className="muted"> · {w.trace.usedTarget}</small>
                            )}
                          </td>
                          <td>{name(o.regionName, regionName(o.region))}</td>
                          <td>{o.period}</td>
                          <td className="right num">
                            {o.indicator === t.key.indicator
                              ? formatValue(o.value, t.decimals)
                              : formatLoose(o.value)}
                          </td>
                          <td>
                            {w.trace.vintage[o.vintage] ?? o.vintage}
                            <small className="muted"> {w.trace.revision(o.revision)}</small>
                          </td>
                          <td className={o.provenance === 'synthetic' ? 'warn-text' : ''}>
                            {w.trace.provenance[o.provenance] ?? o.provenance}
                          </td>
                          <td>
                            <Who who={o.submittedBy} at={o.submittedAt} />
                          </td>
                          <td>
                            <Who who={o.approvedBy} at={o.approvedAt} />
                          </td>
                          <td>
                            <Who who={o.createdBy} at={o.createdAt} />
                          </td>
                          <td className="trace-source">
                            {[o.source, o.citation, o.note].filter(Boolean).join(' · ') || '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
