// The title bar: the period and the time of the last publish on the left, the title in the middle, on the
// right the badges (synthetic data, offline since), the clock and the wall's buttons.
import { useEffect, useState } from 'react';
import { formatClock, formatDateTime, formatPeriod } from '../lib/format.ts';
import { useScreen } from './context.ts';

export function TitleBar({
  title,
  subtitle,
  period,
  publishedAt,
  synthetic,
  offlineSince,
  live,
  carousel,
  onBack,
}: {
  title: string;
  subtitle?: string;
  period: string | null;
  publishedAt: string | null;
  synthetic: boolean;
  offlineSince: Date | null;
  live: boolean;
  carousel: number | null;
  onBack?: () => void;
}) {
  const { w, lang } = useScreen();
  const [now, setNow] = useState(() => new Date());
  const [fullscreen, setFullscreen] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    const onChange = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('fullscreenchange', onChange);
    };
  }, []);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <header className="titlebar">
      <div className="tb-side tb-left">
        {onBack && (
          <button type="button" className="tb-button" onClick={onBack} data-testid="back-to-city">
            ‹ {w.backToCity}
          </button>
        )}
        {period && (
          <span className="tb-period" data-testid="screen-period" data-value={period}>
            {formatPeriod(period, lang)}
          </span>
        )}
        <span className="tb-updated" data-testid="updated-at" data-value={publishedAt ?? ''}>
          {w.updatedAt} {formatDateTime(publishedAt)}
        </span>
      </div>
      <h1 className="tb-title">
        <span className="tb-title-text">{title}</span>
        {subtitle && <small className="tb-subtitle">{subtitle}</small>}
      </h1>
      <div className="tb-side tb-right">
        {offlineSince && (
          <span className="badge offline" data-testid="offline-marker" title={w.offlineHint}>
            {w.offline(formatClock(offlineSince))}
          </span>
        )}
        {synthetic && (
          <span className="badge synthetic" data-testid="synthetic-badge" title={w.syntheticHint}>
            {w.synthetic}
          </span>
        )}
        {carousel && <span className="badge subtle">{w.carousel(carousel)}</span>}
        <span className={`live-dot${live ? ' on' : ''}`} title={w.live} aria-hidden />
        <span className="tb-clock">{formatClock(now)}</span>
        <button
          type="button"
          className="tb-button"
          onClick={toggleFullscreen}
          data-testid="fullscreen-button"
          title={fullscreen ? w.exitFullscreen : w.fullscreen}
        >
          {fullscreen ? '⤡' : '⤢'}
        </button>
      </div>
    </header>
  );
}
