// Rounds (填报任务): open one for a period with who owes what, list a submitter's tasks with reference
// values, reporting and on-time rates, reminders, and the admin's changes to a round.
import {
  periodIsValid,
  regionName,
  roundAssignments,
  submitterKey,
  type Indicator,
  type Lang,
  type Period,
  type Plan,
  type RegionCode,
} from '@ding/core';
import { auditAppend } from '../audit/index.ts';
import type {
  AssignmentStatus,
  Notice,
  Repositories,
  Round,
  RoundAssignment,
  RoundStatus,
} from '../repositories/index.ts';
import { ROUND_NOT_FOUND, refuse, succeed, type Outcome } from './outcome.ts';
import { collectionRates, type SubmitterRate } from './rates.ts';
import { referenceLoad } from './reference.ts';
import { figurePeriod, submitterName, submitterOfUser, type CollectionUser } from './submitters.ts';

export interface RoundSummary extends Round {
  /** Figures owed in the round. */
  assignments: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dueDateIsValid(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Open a round: every figure the plan says is owed for the period (roundAssignments: one submitter per
 * figure — a department for the town figures it supplies and the county-only ones, each town for the
 * figures it holds itself), each pending. Audited.
 */
export async function roundOpen(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  input: { period: string; dueDate: string },
): Promise<Outcome<RoundSummary>> {
  if (!periodIsValid(input.period))
    return refuse({
      kind: 'invalid',
      message: {
        zh: `期别「${input.period}」格式应为 2025Q4 或 2025`,
        en: `period '${input.period}' must be 2025Q4 or 2025`,
      },
    });
  if (!dueDateIsValid(input.dueDate))
    return refuse({
      kind: 'invalid',
      message: {
        zh: `截止日期「${input.dueDate}」格式应为 YYYY-MM-DD`,
        en: `due date '${input.dueDate}' must be YYYY-MM-DD`,
      },
    });
  const period: Period = input.period;
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const owed = roundAssignments(plan, period).map((a) => ({
    submitter: submitterKey(a.submitter),
    indicator: a.indicator,
    region: a.region,
    period: figurePeriod(indicators.get(a.indicator)!, period),
  }));
  return repos.transaction(async (tx) => {
    const existing = await tx.rounds.byPeriod(period);
    if (existing)
      return refuse({
        kind: 'conflict',
        message: { zh: `${period} 的填报任务已存在`, en: `a round for ${period} already exists` },
        details: { round: existing },
      });
    const round = await tx.rounds.create({ period, dueDate: input.dueDate, openedBy: user.username }, owed);
    await auditAppend(tx, {
      actor: user,
      action: 'round.open',
      entity: 'round',
      entityId: round.id,
      new: { period, dueDate: input.dueDate, assignments: owed.length },
    });
    return succeed({ ...round, assignments: owed.length });
  });
}

export async function roundList(repos: Repositories): Promise<RoundSummary[]> {
  const rounds = await repos.rounds.list();
  const out: RoundSummary[] = [];
  for (const r of rounds) out.push({ ...r, assignments: (await repos.rounds.assignments(r.id)).length });
  return out;
}

/** The admin changes a round's due date or closes/reopens it (audited). */
export async function roundUpdate(
  repos: Repositories,
  user: CollectionUser,
  roundId: string,
  change: { dueDate?: string; status?: RoundStatus; reason?: string },
): Promise<Outcome<Round>> {
  if (change.dueDate !== undefined && !dueDateIsValid(change.dueDate))
    return refuse({
      kind: 'invalid',
      message: {
        zh: `截止日期「${change.dueDate}」格式应为 YYYY-MM-DD`,
        en: `due date '${change.dueDate}' must be YYYY-MM-DD`,
      },
    });
  return repos.transaction(async (tx) => {
    const before = await tx.rounds.get(roundId);
    if (!before) return refuse(ROUND_NOT_FOUND);
    const after = (await tx.rounds.update(roundId, change))!;
    await auditAppend(tx, {
      actor: user,
      action: 'round.update',
      entity: 'round',
      entityId: roundId,
      old: { dueDate: before.dueDate, status: before.status },
      new: { dueDate: after.dueDate, status: after.status },
      ...(change.reason ? { reason: change.reason } : {}),
    });
    return succeed(after);
  });
}

/** One figure a submitter owes, as their to-do list shows it (docs/API.md Task). */
export interface Task {
  submitter: string;
  submitterName: string;
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
  decimals: number;
  status: AssignmentStatus;
  value?: number;
  note?: string;
  reason?: string;
  lastPeriod?: number;
  lastYear?: number;
  /** The reviewer's comment when the figure was returned. */
  comment?: string;
  /** First submission. */
  submittedAt?: string;
  /** The submission in force, for review links. */
  submissionId?: string;
}

/**
 * Whose tasks a caller may see: a reporter only its own submitter's (whatever it asks for); an admin or a
 * leader anyone's (all when `asked` is undefined).
 */
export function taskScope(
  user: CollectionUser,
  asked: string | undefined,
): Outcome<{ submitter: string | undefined }> {
  if (user.role === 'admin' || user.role === 'leader') return succeed({ submitter: asked });
  const own = submitterOfUser(user);
  if (!own || (asked !== undefined && asked !== own))
    return refuse({
      kind: 'forbidden',
      message: { zh: '只能查看本单位的填报任务', en: 'you may only see your own unit’s tasks' },
    });
  return succeed({ submitter: own });
}

export async function roundTasks(
  repos: Repositories,
  plan: Plan,
  roundId: string,
  submitter: string | undefined,
  lang: Lang = 'zh',
): Promise<Outcome<{ round: Round; tasks: Task[] }>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const assignments = await repos.rounds.assignments(roundId, submitter === undefined ? {} : { submitter });
  const submissions = await repos.submissions.list({
    roundIds: [roundId],
    ...(submitter === undefined ? {} : { submitter }),
  });
  const byCell = new Map(submissions.map((s) => [`${s.indicator}\u0000${s.region}`, s]));
  const reference = await referenceLoad(repos, assignments);
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const tasks = assignments.map((a) => {
    const ind = indicators.get(a.indicator);
    const s = byCell.get(`${a.indicator}\u0000${a.region}`);
    const ref = reference(a.indicator, a.region, a.period);
    const task: Task = {
      submitter: a.submitter,
      submitterName: submitterName(plan, a.submitter, lang),
      indicator: a.indicator,
      indicatorName: ind ? ind.name[lang] : a.indicator,
      region: a.region,
      regionName: regionName(plan, a.region as RegionCode, lang),
      period: a.period,
      unit: ind?.unit ?? '',
      decimals: ind?.decimals ?? 2,
      status: a.status,
    };
    if (s) {
      task.value = s.value;
      task.submissionId = s.id;
      if (s.note !== undefined) task.note = s.note;
      if (s.reason !== undefined) task.reason = s.reason;
    }
    if (ref.lastPeriod !== undefined) task.lastPeriod = ref.lastPeriod;
    if (ref.lastYear !== undefined) task.lastYear = ref.lastYear;
    if (a.comment !== undefined) task.comment = a.comment;
    if (a.submittedAt !== undefined) task.submittedAt = a.submittedAt;
    return task;
  });
  return succeed({ round, tasks });
}

export async function roundRates(
  repos: Repositories,
  plan: Plan,
  roundId: string,
  lang: Lang = 'zh',
): Promise<Outcome<SubmitterRate[]>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const assignments = await repos.rounds.assignments(roundId);
  return succeed(collectionRates(assignments, round.dueDate, (s) => submitterName(plan, s, lang)));
}

/** Submitters that still owe figures: pending, or returned and not yet resubmitted. */
export function submittersOwing(assignments: readonly RoundAssignment[]): Map<string, number> {
  const owing = new Map<string, number>();
  for (const a of assignments)
    if (a.status === 'pending' || a.status === 'returned')
      owing.set(a.submitter, (owing.get(a.submitter) ?? 0) + 1);
  return owing;
}

/** 催报: an in-app notice to each submitter that still owes figures (optionally only those listed). */
export async function roundRemind(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  only?: readonly string[],
): Promise<Outcome<{ sent: number; notices: Notice[] }>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const owing = submittersOwing(await repos.rounds.assignments(roundId));
  const wanted = only ? new Set(only) : undefined;
  const notices = await repos.notices.create(
    [...owing]
      .filter(([s]) => !wanted || wanted.has(s))
      .map(([recipient, n]) => ({
        recipient,
        roundId,
        createdBy: user.username,
        message: {
          zh: `【催报】${submitterName(plan, recipient, 'zh')}：${round.period} 填报任务尚有 ${n} 项数据未报送，截止日期 ${round.dueDate}，请尽快填报。`,
          en: `Reminder for ${submitterName(plan, recipient, 'en')}: ${n} figure(s) of round ${round.period} are still due (due date ${round.dueDate}).`,
        },
      })),
  );
  return succeed({ sent: notices.length, notices });
}

/** The indicators by code, for the checks. */
export function indicatorMap(plan: Plan): Map<string, Indicator> {
  return new Map(plan.indicators.map((i) => [i.code, i]));
}
