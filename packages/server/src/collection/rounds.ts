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
  DueException,
  Repositories,
  Round,
  RoundAssignment,
} from '../repositories/index.ts';
import { ROUND_NOT_FOUND, refuse, succeed, type Outcome } from './outcome.ts';
import { collectionRates, type SubmitterRate } from './rates.ts';
import { roundExtend, unitDueDates } from './round-management.ts';
import { referenceLoad } from './reference.ts';
import { figurePeriod, submitterName, submitterOfUser, type CollectionUser } from './submitters.ts';

export interface RoundSummary extends Round {
  /** Figures owed in the round. */
  assignments: number;
  /** Units with their own later due date (单位例外). */
  exceptions: (DueException & { name: string })[];
}

/** A round as the API shows it: with its number of figures owed and its unit exceptions. */
export async function roundSummary(
  repos: Repositories,
  plan: Plan,
  round: Round,
  lang: Lang = 'zh',
): Promise<RoundSummary> {
  const exceptions = (await repos.rounds.exceptions(round.id)).map((e) => ({
    ...e,
    name: submitterName(plan, e.submitter, lang),
  }));
  return { ...round, assignments: (await repos.rounds.assignments(round.id)).length, exceptions };
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
    return succeed({ ...round, assignments: owed.length, exceptions: [] });
  });
}

export async function roundList(repos: Repositories, plan: Plan, lang: Lang = 'zh'): Promise<RoundSummary[]> {
  const rounds = await repos.rounds.list();
  const out: RoundSummary[] = [];
  for (const r of rounds) out.push(await roundSummary(repos, plan, r, lang));
  return out;
}

/**
 * The admin closes or reopens a round (audited). A new due date goes through 延期's rules (later, not
 * before today, with a reason: roundExtend); a cancelled round can be neither reopened nor closed again.
 */
export async function roundUpdate(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  change: { dueDate?: string; status?: 'open' | 'closed'; reason?: string },
): Promise<Outcome<Round>> {
  return repos.transaction(async (tx) => {
    const before = await tx.rounds.get(roundId);
    if (!before) return refuse(ROUND_NOT_FOUND);
    if (before.status === 'cancelled')
      return refuse({
        kind: 'conflict',
        message: {
          zh: `${before.period} 填报任务已取消，不能再修改或重新开启`,
          en: `round ${before.period} is cancelled: it cannot be changed or reopened`,
        },
      });
    if (change.dueDate !== undefined && change.dueDate !== before.dueDate) {
      const extended = await roundExtend(tx, plan, user, roundId, {
        dueDate: change.dueDate,
        reason: change.reason,
      });
      if (!extended.ok) return extended;
    }
    if (change.status === undefined) return succeed((await tx.rounds.get(roundId))!);
    const after = (await tx.rounds.update(roundId, { status: change.status }))!;
    await auditAppend(tx, {
      actor: user,
      action: 'round.update',
      entity: 'round',
      entityId: roundId,
      old: { status: before.status },
      new: { status: after.status },
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
  /** The submitter's due date in force: the round's, or its own later one (单位例外). */
  dueDate: string;
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
  const dueOf = await unitDueDates(repos, round);
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
      dueDate: dueOf(a.submitter),
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
  // Each unit on its own due date; before it has passed its on-time rate is not computed (null).
  return succeed(
    collectionRates(
      assignments,
      await unitDueDates(repos, round),
      (s) => submitterName(plan, s, lang),
      repos.rounds.now(),
    ),
  );
}

/** Submitters that still owe figures: pending, or returned and not yet resubmitted. */
export function submittersOwing(assignments: readonly RoundAssignment[]): Map<string, number> {
  const owing = new Map<string, number>();
  for (const a of assignments)
    if (a.status === 'pending' || a.status === 'returned')
      owing.set(a.submitter, (owing.get(a.submitter) ?? 0) + 1);
  return owing;
}

/** The indicators by code, for the checks. */
export function indicatorMap(plan: Plan): Map<string, Indicator> {
  return new Map(plan.indicators.map((i) => [i.code, i]));
}
