// The daily reminder run of 督查督办 (issue 11 §4): today's lights → one digest per person (core's
// reminderDigests) → the channels through the send log (notify/dispatch.ts: once per person, day and channel,
// ever — across restarts and instances). The run also keeps each item's `red_since` (escalation counts red
// days from it) and notes a 催办 in the timeline of every item a sent digest mentioned. A dry run changes
// nothing and sends nothing: it shows who would be told what.
import {
  reminderDigests,
  type Digest,
  type DigestItem,
  type DigestPerson,
  type Plan,
  type SupervisionOverview,
} from '@ding/core';
import {
  notificationsDispatch,
  notificationsRetryDue,
  type DispatchSummary,
  type NotificationChannel,
  type OutgoingMessage,
} from '../notify/index.ts';
import type { UserRecord } from '../repositories/index.ts';
import { supervisionOverview } from './supervision.ts';
import type { Workspace } from './workspace.ts';

export interface ReminderRunOptions {
  /** China's day of the run. */
  today: string;
  dryRun: boolean;
  channels: readonly NotificationChannel[];
  /** The app's address for the link in each message (e.g. https://ding.cixi.gov.cn). */
  appUrl?: string;
  now?: Date;
}

export interface ReminderDigestSummary {
  userId: string;
  username: string;
  displayName: string;
  subject: string;
  text: string;
  entries: number;
  /** The channels that reach this person. */
  channels: string[];
}

export interface ReminderRunResult {
  date: string;
  digests: ReminderDigestSummary[];
  /** Absent on a dry run. */
  dispatch?: Omit<DispatchSummary, 'details'>;
  /** Earlier failures sent again by this run. */
  retried?: Omit<DispatchSummary, 'details'>;
}

/** The people a digest can reach: active reporters by their unit, admins, and any user named as a 责任领导. */
function digestPeople(users: readonly UserRecord[]): DigestPerson[] {
  return users
    .filter((u) => u.active)
    .map((u) => {
      const unit = u.role === 'department' ? u.department : u.role === 'town' ? u.region : undefined;
      return {
        userId: u.id,
        displayName: u.displayName,
        ...(unit ? { unit } : {}),
        ...(u.role === 'admin' ? { admin: true } : {}),
      };
    });
}

/** red_since as the run leaves it: kept while red, today when it turns red, cleared otherwise. */
function redSinceToday(overview: SupervisionOverview): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const v of overview.items)
    out.set(v.item.id, v.light.light === 'red' ? (v.redSince ?? overview.today) : null);
  return out;
}

export function digestMessage(d: Digest, user: UserRecord, appUrl: string | undefined): OutgoingMessage {
  const recipient = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    ...(user.email ? { email: user.email } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
  };
  return {
    key: d.key,
    recipient,
    subject: d.subject.zh,
    text: d.text.zh,
    en: { subject: d.subject.en, text: d.text.en },
    ...(appUrl ? { link: `${appUrl.replace(/\/$/, '')}/supervision` } : {}),
  };
}

const counts = ({ sent, skipped, failed, dead }: DispatchSummary) => ({ sent, skipped, failed, dead });

/** Today's digests, and unless dry, their delivery (with the retries of earlier failures that are due). */
export async function supervisionRemindersRun(
  ws: Workspace,
  plan: Plan,
  options: ReminderRunOptions,
): Promise<ReminderRunResult> {
  const overview = await supervisionOverview(ws, plan, options.today);
  const redSince = redSinceToday(overview);
  const items: DigestItem[] = overview.items.map((v) => {
    const since = redSince.get(v.item.id);
    return {
      item: v.item,
      light: v.light,
      ...(since ? { redSince: since } : {}),
      ...(v.extensionPending ? { extensionPending: { newDeadline: v.extensionPending.newDeadline } } : {}),
    };
  });
  const upcomingReports = new Map(
    overview.items.flatMap((v) => (v.nextReport ? [[v.item.id, v.nextReport] as const] : [])),
  );
  const users = await ws.repos.users.list();
  const byId = new Map(users.map((u) => [u.id, u]));
  const digests = reminderDigests({
    today: options.today,
    items,
    people: digestPeople(users),
    upcomingReports,
  });
  const messages = digests.flatMap((d) => {
    const user = byId.get(d.userId);
    return user ? [{ digest: d, message: digestMessage(d, user, options.appUrl) }] : [];
  });
  const summaries: ReminderDigestSummary[] = messages.map(({ digest, message }) => ({
    userId: digest.userId,
    username: message.recipient.username,
    displayName: message.recipient.displayName,
    subject: message.subject,
    text: message.text,
    entries: digest.entries.length,
    channels: options.channels.filter((c) => c.reaches(message.recipient)).map((c) => c.name),
  }));
  if (options.dryRun) return { date: options.today, digests: summaries };

  for (const [id, since] of redSince)
    if ((overview.items.find((v) => v.item.id === id)?.redSince ?? null) !== since)
      await ws.repos.supervision.setRedSince(id, since);
  const now = options.now ? { now: options.now } : {};
  const retried = await notificationsRetryDue(ws.repos, options.channels, now);
  const dispatch = await notificationsDispatch(
    ws.repos,
    options.channels,
    messages.map((m) => m.message),
    now,
  );
  // 催办 in the timeline: once per item and day, for digests that went out in this run.
  const sentKeys = new Set(dispatch.details.filter((d) => d.outcome === 'sent').map((d) => d.key));
  const reminded = new Map<string, string[]>();
  for (const { digest } of messages)
    if (sentKeys.has(digest.key))
      for (const e of digest.entries)
        reminded.set(e.itemId, [
          ...new Set([...(reminded.get(e.itemId) ?? []), byId.get(digest.userId)!.displayName]),
        ]);
  await ws.repos.transaction(async (tx) => {
    for (const [itemId, names] of reminded)
      await tx.supervision.appendEvent(itemId, {
        kind: 'reminded',
        by: 'ding reminders',
        note: `已提醒：${names.join('、')}`,
      });
  });
  return { date: options.today, digests: summaries, dispatch: counts(dispatch), retried: counts(retried) };
}
