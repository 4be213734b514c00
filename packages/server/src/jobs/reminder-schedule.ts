// The daily reminder run in `ding serve` (issue 11 §4): once the day's hour (北京时间, default 09) has come,
// today's digests are sent; the check repeats every few minutes so a server started later in the day, or
// one whose send failed, still sends — and never twice, because the send log keys each digest by person,
// day and channel (several instances or restarts only find it sent). Earlier failures are retried on the
// same beat.
import { chinaDateTime } from '../china-time.ts';
import type { NotificationChannel } from '../notify/index.ts';
import { supervisionRemindersRun } from '../services/supervision-reminders.ts';
import { workspacePlan, type Workspace } from '../services/workspace.ts';

export interface ReminderScheduleOptions {
  channels: NotificationChannel[];
  /** Hour of the China day from which the digests go out (0–23). */
  hour: number;
  /** How often to look (default 5 minutes). */
  intervalMs?: number;
  appUrl?: string;
  now?: () => Date;
  onError?: (e: unknown) => void;
}

export interface ReminderSchedule {
  /** Runs one check now (what the timer does), resolving when it is done. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/** From env: DING_REMINDERS=off disables; DING_REMINDER_HOUR (default 9). */
export function reminderScheduleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): {
  enabled: boolean;
  hour: number;
} {
  const hour = Number(env.DING_REMINDER_HOUR ?? 9);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new Error(`DING_REMINDER_HOUR must be an hour 0–23, not '${env.DING_REMINDER_HOUR}'`);
  return { enabled: env.DING_REMINDERS !== 'off', hour };
}

export function reminderScheduleStart(ws: Workspace, options: ReminderScheduleOptions): ReminderSchedule {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= (async () => {
      const at = now();
      const [today, time] = chinaDateTime(at).split(' ') as [string, string];
      if (Number(time.slice(0, 2)) < options.hour) return;
      const plan = await workspacePlan(ws);
      await supervisionRemindersRun(ws, plan, {
        today,
        dryRun: false,
        channels: options.channels,
        now: at,
        ...(options.appUrl ? { appUrl: options.appUrl } : {}),
      });
    })()
      .catch((e) => options.onError?.(e))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5 * 60_000);
  timer.unref();
  void tick();
  return {
    tick,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
