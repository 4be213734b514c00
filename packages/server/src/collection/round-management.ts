// Managing a round once opened (issue 12 §4): extend its due date, cancel one opened by mistake, give a
// unit its own later due date, and 催报 previewed before it is sent, with its history. Every change audited.
import { createHash } from 'node:crypto';
import type { LocalizedName, Plan } from '@ding/core';
import { auditAppend } from '../audit/index.ts';
import type {
  DueException,
  ReminderRecipient,
  ReminderSkipped,
  Repositories,
  Round,
  RoundAssignment,
  RoundReminder,
  UserRecord,
} from '../repositories/index.ts';
import { ROUND_NOT_FOUND, refuse, succeed, type CollectionFailure, type Outcome } from './outcome.ts';
import { collectionToday } from './rates.ts';
import { submitterName, submitterOfUser, type CollectionUser } from './submitters.ts';

/** A validation refusal naming the field and the reason (HTTP 422 with details.field). */
function invalid(field: string, message: LocalizedName): CollectionFailure {
  return { kind: 'invalid', message, details: { field } };
}

function conflict(message: LocalizedName, details?: unknown): CollectionFailure {
  return details === undefined ? { kind: 'conflict', message } : { kind: 'conflict', message, details };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function dateIsValid(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A unit's due date in force: its own (单位例外) when later than the round's, else the round's. */
export function unitDueDate(round: Pick<Round, 'dueDate'>, exception: DueException | undefined): string {
  return exception && exception.dueDate > round.dueDate ? exception.dueDate : round.dueDate;
}

/** Every unit's due date in force in a round. */
export async function unitDueDates(
  repos: Repositories,
  round: Round,
): Promise<(submitter: string) => string> {
  const exceptions = new Map((await repos.rounds.exceptions(round.id)).map((e) => [e.submitter, e]));
  return (submitter) => unitDueDate(round, exceptions.get(submitter));
}

function reasonCheck(reason: string | undefined): Outcome<string> {
  const r = reason?.trim();
  if (!r) return refuse(invalid('reason', { zh: '请填写原因（reason）', en: 'reason: give a reason' }));
  return succeed(r);
}

/**
 * A new date must be a real date, not before today (China Standard Time, by the repositories' clock) and
 * strictly later than `after` (the date it replaces).
 */
function laterDateCheck(
  field: string,
  date: string,
  after: string,
  today: string,
  afterLabel: LocalizedName,
): CollectionFailure | undefined {
  if (!dateIsValid(date))
    return invalid(field, {
      zh: `${field}：日期「${date}」格式应为 YYYY-MM-DD`,
      en: `${field}: '${date}' must be a date YYYY-MM-DD`,
    });
  if (date < today)
    return invalid(field, {
      zh: `${field}：${date} 早于今天 ${today}`,
      en: `${field}: ${date} is before today (${today})`,
    });
  if (date <= after)
    return invalid(field, {
      zh: `${field}：${date} 须晚于${afterLabel.zh} ${after}`,
      en: `${field}: ${date} must be later than ${afterLabel.en} (${after})`,
    });
  return undefined;
}

function notOpen(round: Round, action: LocalizedName): CollectionFailure | undefined {
  if (round.status === 'open') return undefined;
  const state =
    round.status === 'cancelled' ? { zh: '已取消', en: 'cancelled' } : { zh: '已关闭', en: 'closed' };
  return conflict({
    zh: `${round.period} 填报任务${state.zh}，不能${action.zh}`,
    en: `round ${round.period} is ${state.en}: it cannot be ${action.en}`,
  });
}

/** The submitters a round assigns, with the figures they still owe (pending or returned). */
function owingBySubmitter(assignments: readonly RoundAssignment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of assignments) {
    const n = out.get(a.submitter) ?? 0;
    out.set(a.submitter, a.status === 'pending' || a.status === 'returned' ? n + 1 : n);
  }
  return out;
}

/**
 * 延期: move an open round's due date later (not before today, later than the current one), with a
 * reason; audited old → new; every unit whose due date in force changes is told by an in-app notice.
 */
export async function roundExtend(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  input: { dueDate: string; reason?: string | undefined },
): Promise<Outcome<{ round: Round; notified: number }>> {
  const reason = reasonCheck(input.reason);
  if (!reason.ok) return reason;
  return repos.transaction(async (tx) => {
    const before = await tx.rounds.get(roundId);
    if (!before) return refuse(ROUND_NOT_FOUND);
    const closed = notOpen(before, { zh: '延期', en: 'extended' });
    if (closed) return refuse(closed);
    const bad = laterDateCheck('dueDate', input.dueDate, before.dueDate, collectionToday(tx.rounds.now()), {
      zh: '当前截止日期',
      en: 'the current due date',
    });
    if (bad) return refuse(bad);
    const exceptions = new Map((await tx.rounds.exceptions(roundId)).map((e) => [e.submitter, e]));
    const after = (await tx.rounds.update(roundId, { dueDate: input.dueDate }))!;
    const told = [...owingBySubmitter(await tx.rounds.assignments(roundId)).keys()].filter(
      (s) => unitDueDate(before, exceptions.get(s)) !== unitDueDate(after, exceptions.get(s)),
    );
    await tx.notices.create(
      told.map((recipient) => ({
        recipient,
        roundId,
        createdBy: user.username,
        message: {
          zh: `【延期】${submitterName(plan, recipient, 'zh')}：${before.period} 填报任务截止日期由 ${unitDueDate(before, exceptions.get(recipient))} 延至 ${after.dueDate}。原因：${reason.value}`,
          en: `Extended for ${submitterName(plan, recipient, 'en')}: round ${before.period} is now due ${after.dueDate} (was ${unitDueDate(before, exceptions.get(recipient))}). Reason: ${reason.value}`,
        },
      })),
    );
    await auditAppend(tx, {
      actor: user,
      action: 'round.extend',
      entity: 'round',
      entityId: roundId,
      old: { dueDate: before.dueDate },
      new: { dueDate: after.dueDate, notified: told.length },
      reason: reason.value,
    });
    return succeed({ round: after, notified: told.length });
  });
}

/**
 * 取消轮次: a round opened by mistake, only while nothing of it is published. Its submissions in force are
 * withdrawn (kept, flagged, no longer in force); the round is cancelled for good and accepts nothing more.
 * Audited with the reason; every unit it assigned is told.
 */
export async function roundCancel(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  input: { reason?: string | undefined },
): Promise<Outcome<{ round: Round; withdrawn: number }>> {
  const reason = reasonCheck(input.reason);
  if (!reason.ok) return reason;
  return repos.transaction(async (tx) => {
    const before = await tx.rounds.get(roundId);
    if (!before) return refuse(ROUND_NOT_FOUND);
    if (before.status === 'cancelled')
      return refuse(
        conflict({
          zh: `${before.period} 填报任务已取消`,
          en: `round ${before.period} is already cancelled`,
        }),
      );
    const published = (
      await tx.submissions.list({ roundIds: [roundId], statuses: ['published'], currentOnly: false })
    ).length;
    if (published > 0)
      return refuse(
        conflict(
          {
            zh: `${before.period} 填报任务已有 ${published} 项数据发布，不能取消（已发布的数据只能通过更正修改；可关闭该轮次）`,
            en: `round ${before.period} cannot be cancelled: ${published} of its figures are published (correct them instead; the round may be closed)`,
          },
          { published },
        ),
      );
    const assigned = [...owingBySubmitter(await tx.rounds.assignments(roundId)).keys()];
    const withdrawn = await tx.submissions.withdrawRound(roundId, user.username);
    if (!(await tx.rounds.cancel(roundId, user.username, reason.value)))
      return refuse(
        conflict({
          zh: `${before.period} 填报任务已取消`,
          en: `round ${before.period} is already cancelled`,
        }),
      );
    const after = (await tx.rounds.get(roundId))!;
    await tx.notices.create(
      assigned.map((recipient) => ({
        recipient,
        roundId,
        createdBy: user.username,
        message: {
          zh: `【取消】${submitterName(plan, recipient, 'zh')}：${before.period} 填报任务已取消，无需再报送；已提交的数据已撤回。原因：${reason.value}`,
          en: `Cancelled for ${submitterName(plan, recipient, 'en')}: round ${before.period} is cancelled; nothing more is due and figures submitted were withdrawn. Reason: ${reason.value}`,
        },
      })),
    );
    await auditAppend(tx, {
      actor: user,
      action: 'round.cancel',
      entity: 'round',
      entityId: roundId,
      old: { status: before.status, dueDate: before.dueDate },
      new: { status: after.status, withdrawn },
      reason: reason.value,
    });
    return succeed({ round: after, withdrawn });
  });
}

/**
 * 单位例外: a unit the round assigns gets its own due date, later than the round's and not before today;
 * its on-time rate and overdue figures are judged on it. Audited; the unit is told.
 */
export async function roundExceptionSet(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  input: { submitter: string; dueDate: string; reason?: string | undefined },
): Promise<Outcome<DueException>> {
  const reason = reasonCheck(input.reason);
  if (!reason.ok) return reason;
  return repos.transaction(async (tx) => {
    const round = await tx.rounds.get(roundId);
    if (!round) return refuse(ROUND_NOT_FOUND);
    const closed = notOpen(round, { zh: '设置单位例外', en: 'given a unit exception' });
    if (closed) return refuse(closed);
    const assigned = owingBySubmitter(await tx.rounds.assignments(roundId));
    if (!assigned.has(input.submitter))
      return refuse(
        invalid('submitter', {
          zh: `submitter：${round.period} 填报任务没有给「${submitterName(plan, input.submitter, 'zh')}」（${input.submitter}）分配填报项`,
          en: `submitter: round ${round.period} assigns nothing to '${input.submitter}'`,
        }),
      );
    const bad = laterDateCheck('dueDate', input.dueDate, round.dueDate, collectionToday(tx.rounds.now()), {
      zh: '本轮截止日期',
      en: "the round's due date",
    });
    if (bad) return refuse(bad);
    const previous = (await tx.rounds.exceptions(roundId)).find((e) => e.submitter === input.submitter);
    const set = await tx.rounds.exceptionSet(roundId, {
      submitter: input.submitter,
      dueDate: input.dueDate,
      reason: reason.value,
      setBy: user.username,
    });
    await tx.notices.create([
      {
        recipient: input.submitter,
        roundId,
        createdBy: user.username,
        message: {
          zh: `【截止日期调整】${submitterName(plan, input.submitter, 'zh')}：${round.period} 填报任务本单位截止日期为 ${input.dueDate}。原因：${reason.value}`,
          en: `Due date for ${submitterName(plan, input.submitter, 'en')}: your figures of round ${round.period} are due ${input.dueDate}. Reason: ${reason.value}`,
        },
      },
    ]);
    await auditAppend(tx, {
      actor: user,
      action: 'round.exception.set',
      entity: 'round',
      entityId: roundId,
      old: previous ? { submitter: previous.submitter, dueDate: previous.dueDate } : null,
      new: { submitter: set.submitter, dueDate: set.dueDate },
      reason: reason.value,
    });
    return succeed(set);
  });
}

/** Drop a unit's own due date: it is judged on the round's again. Audited. */
export async function roundExceptionClear(
  repos: Repositories,
  user: CollectionUser,
  roundId: string,
  submitter: string,
  reason?: string,
): Promise<Outcome<{ cleared: true }>> {
  return repos.transaction(async (tx) => {
    const round = await tx.rounds.get(roundId);
    if (!round) return refuse(ROUND_NOT_FOUND);
    const previous = (await tx.rounds.exceptions(roundId)).find((e) => e.submitter === submitter);
    if (!previous || !(await tx.rounds.exceptionClear(roundId, submitter)))
      return refuse({
        kind: 'not_found',
        message: { zh: `「${submitter}」没有单位例外`, en: `'${submitter}' has no exception in this round` },
      });
    await auditAppend(tx, {
      actor: user,
      action: 'round.exception.clear',
      entity: 'round',
      entityId: roundId,
      old: { submitter, dueDate: previous.dueDate },
      new: null,
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
    });
    return succeed({ cleared: true as const });
  });
}

/** What a 催报 would send: the units reached with their text, those without an account, and its token. */
export interface ReminderPreview {
  roundId: string;
  period: string;
  recipients: ReminderRecipient[];
  skipped: ReminderSkipped[];
  /** Confirm with this: the text is sent only as previewed (a change in between gets 409). */
  token: string;
}

/** The submitter keys that have at least one active account reporting for them. */
function reachable(users: readonly UserRecord[]): Set<string> {
  const out = new Set<string>();
  for (const u of users) {
    if (!u.active) continue;
    const key = submitterOfUser({
      role: u.role,
      ...(u.region !== undefined ? { region: u.region } : {}),
      ...(u.department !== undefined ? { department: u.department } : {}),
    });
    if (key) out.add(key);
  }
  return out;
}

async function reminderCompose(
  repos: Repositories,
  plan: Plan,
  round: Round,
  only: readonly string[] | undefined,
): Promise<ReminderPreview> {
  const dueOf = await unitDueDates(repos, round);
  const wanted = only ? new Set(only) : undefined;
  const accounts = reachable(await repos.users.list());
  const recipients: ReminderRecipient[] = [];
  const skipped: ReminderSkipped[] = [];
  for (const [submitter, owing] of owingBySubmitter(await repos.rounds.assignments(round.id))) {
    if (owing === 0 || (wanted && !wanted.has(submitter))) continue;
    const dueDate = dueOf(submitter);
    const name = submitterName(plan, submitter, 'zh');
    if (!accounts.has(submitter)) {
      skipped.push({ submitter, name, owing, dueDate, reason: 'no_account' });
      continue;
    }
    recipients.push({
      submitter,
      name,
      owing,
      dueDate,
      message: {
        zh: `【催报】${name}：${round.period} 填报任务尚有 ${owing} 项数据未报送，截止日期 ${dueDate}，请尽快填报。`,
        en: `Reminder for ${submitterName(plan, submitter, 'en')}: ${owing} figure(s) of round ${round.period} are still due (due date ${dueDate}).`,
      },
    });
  }
  const token = createHash('sha256')
    .update(JSON.stringify([round.id, recipients, skipped]))
    .digest('hex')
    .slice(0, 32);
  return { roundId: round.id, period: round.period, recipients, skipped, token };
}

/** 催报, step 1: what would be sent, to whom, and who has no account (nothing is sent). */
export async function roundRemindPreview(
  repos: Repositories,
  plan: Plan,
  roundId: string,
  only?: readonly string[],
): Promise<Outcome<ReminderPreview>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const closed = notOpen(round, { zh: '催报', en: 'reminded' });
  if (closed) return refuse(closed);
  return succeed(await reminderCompose(repos, plan, round, only));
}

/**
 * 催报, step 2: send exactly what was previewed (its token), as in-app notices to the units with an
 * account; the history keeps who sent it, when, to whom with which text, and who had no account. Audited.
 */
export async function roundRemind(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  input: { token?: string | undefined; submitters?: readonly string[] | undefined },
): Promise<Outcome<{ sent: number; reminder: RoundReminder }>> {
  if (!input.token)
    return refuse(
      invalid('token', {
        zh: 'token：请先预览催报内容（POST /rounds/{id}/remind/preview），确认后再发送',
        en: 'token: preview the reminder first (POST /rounds/{id}/remind/preview), then confirm it',
      }),
    );
  return repos.transaction(async (tx) => {
    const round = await tx.rounds.get(roundId);
    if (!round) return refuse(ROUND_NOT_FOUND);
    const closed = notOpen(round, { zh: '催报', en: 'reminded' });
    if (closed) return refuse(closed);
    const preview = await reminderCompose(tx, plan, round, input.submitters);
    if (preview.token !== input.token)
      return refuse(
        conflict(
          {
            zh: '催报内容在预览后已变化（有单位已报送或账号变动），请重新预览后确认',
            en: 'the reminder changed since it was previewed (figures came in or accounts changed): preview it again',
          },
          { preview },
        ),
      );
    if (preview.recipients.length === 0 && preview.skipped.length === 0)
      return refuse(
        conflict({ zh: '没有尚欠数据的单位，无需催报', en: 'no unit owes figures: nothing to remind' }),
      );
    const notices = await tx.notices.create(
      preview.recipients.map((r) => ({
        recipient: r.submitter,
        roundId,
        createdBy: user.username,
        message: r.message,
      })),
    );
    const recipients = preview.recipients.map((r, i) => ({ ...r, noticeId: notices[i]!.id }));
    const reminder = await tx.rounds.reminderAdd(roundId, {
      sentBy: user.username,
      recipients,
      skipped: preview.skipped,
    });
    await auditAppend(tx, {
      actor: user,
      action: 'round.remind',
      entity: 'round',
      entityId: roundId,
      old: null,
      new: {
        reminder: reminder.id,
        recipients: recipients.map((r) => r.submitter),
        skipped: preview.skipped.map((s) => s.submitter),
      },
    });
    return succeed({ sent: notices.length, reminder });
  });
}

/** A round's 催报 history, newest first. */
export async function roundReminders(
  repos: Repositories,
  roundId: string,
): Promise<Outcome<RoundReminder[]>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  return succeed(await repos.rounds.reminders(roundId));
}
