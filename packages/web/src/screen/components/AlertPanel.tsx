// Indicators behind 序时进度 (behind, then watch; the largest relative shortfall first), with the growth now
// required each year to reach the final-year target.
import type { ScreenAlert } from '@ding/core';
import { statusTone } from '../lib/colors.ts';
import { formatRequiredGrowth, formatValue } from '../lib/format.ts';
import { AutoScroll } from './AutoScroll.tsx';
import { useScreen } from './context.ts';
import { Num } from './Num.tsx';
import { Panel } from './Panel.tsx';

export const ALERT_ROW_HEIGHT = 64;

export function AlertPanel({
  alerts,
  className,
  showRegion,
}: {
  alerts: ScreenAlert[];
  className: string;
  showRegion: boolean;
}) {
  const { w, name, lang } = useScreen();
  return (
    <Panel
      title={w.alerts}
      extra={<span className="count">{alerts.length}</span>}
      className={className}
      testId="alert-panel"
    >
      {alerts.length === 0 ? (
        <div className="empty">{w.alertsNone}</div>
      ) : (
        <AutoScroll rowHeight={ALERT_ROW_HEIGHT} intervalMs={3500} className="alert-list">
          {alerts.map((a) => {
            const d = a.decimals ?? 2;
            const unit = a.unit ?? '';
            const growth = formatRequiredGrowth(a.requiredGrowth, unit, lang);
            const tone = statusTone(a.status);
            return (
              <div
                key={`${a.indicator}-${a.region}`}
                className={`alert-row tone-${tone}`}
                data-testid={`alert-${a.indicator}-${a.region}`}
                data-status={a.status}
                style={{ height: ALERT_ROW_HEIGHT }}
              >
                <span className={`dot tone-${tone}`} aria-hidden />
                <div className="alert-text">
                  <div className="alert-title">
                    {showRegion && <span className="alert-region">{name(a.regionName)}</span>}
                    <span className="ellipsis">{name(a.name)}</span>
                    <span className={`chip tone-${tone}`}>{w.status[a.status]}</span>
                  </div>
                  <div className="alert-figures">
                    {w.alertNow}{' '}
                    <Num trace={a.trace} testId={`alert-value-${a.indicator}-${a.region}`} value={a.value}>
                      {formatValue(a.value, d)}
                    </Num>
                    <small>{unit}</small> · {w.alertExpected}{' '}
                    <Num trace={a.trace} value={a.expected}>
                      {formatValue(a.expected, d)}
                    </Num>
                    {a.gapRelative !== undefined && a.gapRelative !== null && (
                      <>
                        {' '}
                        · {w.alertGap} <span className="bad-text">{a.gapRelative.toFixed(1)}%</span>
                      </>
                    )}
                    {' · '}
                    <span className="alert-need" data-testid={`alert-need-${a.indicator}-${a.region}`}>
                      {growth ? w.alertNeed(growth) : w.alertNeedUnknown}
                    </span>
                  </div>
                </div>
              </div>
            );
          })}
        </AutoScroll>
      )}
    </Panel>
  );
}
