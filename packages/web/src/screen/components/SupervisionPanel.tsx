// 重点任务推进 (issue 11): the supervised items counted by light (红/黄/蓝/绿/办结) and the most urgent red and
// yellow ones — code, title, 牵头单位, days left — as the server's 督查督办 overview gives them (core's
// screenSupervisionBuild). Nothing is recomputed here.
import type { ScreenSupervision } from '@ding/core';
import { useScreen } from './context.ts';
import { Panel } from './Panel.tsx';

const LIGHTS = ['red', 'yellow', 'blue', 'green', 'done'] as const;

export function SupervisionPanel({
  supervision,
  className,
}: {
  supervision: ScreenSupervision;
  className: string;
}) {
  const { w, name } = useScreen();
  return (
    <Panel
      title={w.tasks}
      extra={
        <span className="tasks-total">
          {w.tasksTotal(supervision.total)}
          {supervision.more > 0 && ` · ${w.tasksMore(supervision.more)}`}
        </span>
      }
      className={className}
      testId="supervision-panel"
    >
      <div className="tasks-counts">
        {LIGHTS.map((l) => (
          <div key={l} className={`tasks-count light-${l}`} data-testid={`supervision-count-${l}`}>
            <span className="dot" aria-hidden />
            <span className="tasks-count-label">{w.tasksLights[l]}</span>
            <span className="tasks-count-n">{supervision.counts[l]}</span>
          </div>
        ))}
      </div>
      {supervision.top.length === 0 ? (
        <div className="empty">{w.tasksNone}</div>
      ) : (
        <div className="tasks-list">
          {supervision.top.map((t) => (
            <div
              key={t.code}
              className={`tasks-row light-${t.light}`}
              data-testid={`supervision-item-${t.code}`}
              data-light={t.light}
            >
              <span className="dot" aria-hidden />
              <span className="tasks-code">{t.code}</span>
              <span className="tasks-title ellipsis">{name(t.title)}</span>
              <span className="tasks-lead ellipsis">{t.leads.map((l) => name(l)).join('、')}</span>
              <span className="tasks-days">{w.tasksDays(t.daysLeft)}</span>
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
