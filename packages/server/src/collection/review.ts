// Review and publication: submitted → approved (or returned with a comment) → published as new
// observation revisions (the prior value is kept). Period locks. Every change audited.
import { regionName, type Lang, type Period, type Plan, type RegionCode } from '@ding/core';
import { auditAppend } from '../audit/index.ts';
import { eventsPublished } from '../services/events.ts';
import type { NewObservation, Repositories, Submission, SubmissionStatus } from '../repositories/index.ts';
import { cellKey, yoyChange, type YoyMeasure } from './checks.ts';
import { lockedFailure, refuse, succeed, type Outcome } from './outcome.ts';
import { referenceLoad } from './reference.ts';
import { indicatorMap } from './rounds.ts';
import { submitterName, type CollectionUser } from './submitters.ts';

/** A submitted figure in the approvals queue (docs/API.md ReviewRow). */
export interface ReviewRow {
  id: string;
  roundId: string;
  round: string;
  submitter: string;
  submitterName: string;
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
  value: number;
  vintage: string;
  status: SubmissionStatus;
  /** The published value this would replace, if any. */
  previous?: number;
  lastYear?: number;
  yoy?: number;
  yoyMeasure?: YoyMeasure;
  note?: string;
  reason?: string;
  /** The uploaded file (or 在线填报). */
  source?: string;
  submittedBy: string;
  submittedAt: string;
  reviewedBy?: string;
  reviewedAt?: string;
  comment?: string;
}

export interface ReviewQuery {
  /** Default 'submitted' (awaiting review). */
  status?: SubmissionStatus;
  /** A round's period. */
  period?: string;
  submitter?: string;
}

export async function reviewList(
  repos: Repositories,
  plan: Plan,
  query: ReviewQuery = {},
  lang: Lang = 'zh',
): Promise<ReviewRow[]> {
  const rounds = await repos.rounds.list();
  const wanted = query.period === undefined ? rounds : rounds.filter((r) => r.period === query.period);
  const roundPeriod = new Map(rounds.map((r) => [r.id, r.period]));
  const rows = await repos.submissions.list({
    roundIds: wanted.map((r) => r.id),
    statuses: [query.status ?? 'submitted'],
    ...(query.submitter !== undefined ? { submitter: query.submitter } : {}),
  });
  const reference = await referenceLoad(repos, rows);
  const files = await uploadNames(repos, rows);
  const indicators = indicatorMap(plan);
  return rows.map((s) => {
    const ind = indicators.get(s.indicator);
    const ref = reference(s.indicator, s.region, s.period);
    const r: ReviewRow = {
      id: s.id,
      roundId: s.roundId,
      round: roundPeriod.get(s.roundId) ?? '',
      submitter: s.submitter,
      submitterName: submitterName(plan, s.submitter, lang),
      indicator: s.indicator,
      indicatorName: ind ? ind.name[lang] : s.indicator,
      region: s.region,
      regionName: regionName(plan, s.region as RegionCode, lang),
      period: s.period,
      unit: ind?.unit ?? '',
      value: s.value,
      vintage: s.vintage,
      status: s.status,
      submittedBy: s.submittedBy,
      submittedAt: s.submittedAt,
    };
    if (ref.current) r.previous = ref.current.value;
    if (ref.lastYear !== undefined) {
      r.lastYear = ref.lastYear;
      const yoy = ind && yoyChange(ind, s.value, ref.lastYear);
      if (yoy) {
        r.yoy = Number(yoy.change.toFixed(4));
        r.yoyMeasure = yoy.measure;
      }
    }
    const source = s.uploadId ? files.get(s.uploadId) : undefined;
    if (source) r.source = source;
    if (s.note !== undefined) r.note = s.note;
    if (s.reason !== undefined) r.reason = s.reason;
    if (s.reviewedBy !== undefined) r.reviewedBy = s.reviewedBy;
    if (s.reviewedAt !== undefined) r.reviewedAt = s.reviewedAt;
    if (s.comment !== undefined) r.comment = s.comment;
    return r;
  });
}

async function uploadNames(repos: Repositories, rows: readonly Submission[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(rows.flatMap((r) => (r.uploadId ? [r.uploadId] : [])))) {
    const u = await repos.submissions.upload(id);
    if (u) names.set(id, u.fileName);
  }
  return names;
}

/** Rows that cannot move: missing, replaced by a resubmission, or not in a state that allows it. */
async function reviewable(
  repos: Repositories,
  ids: readonly string[],
  from: readonly SubmissionStatus[],
): Promise<{ rows: Submission[]; refused: { id: string; status?: SubmissionStatus; current?: boolean }[] }> {
  const unique = [...new Set(ids)];
  const found = new Map((await repos.submissions.byIds(unique)).map((s) => [s.id, s]));
  const refused = unique.flatMap((id) => {
    const s = found.get(id);
    if (!s) return [{ id }];
    return s.current && from.includes(s.status) ? [] : [{ id, status: s.status, current: s.current }];
  });
  return { rows: unique.flatMap((id) => (found.get(id) ? [found.get(id)!] : [])), refused };
}

/** POST /review/approve — all of them or none (409 naming those that are not awaiting review). */
export async function reviewApprove(
  repos: Repositories,
  user: CollectionUser,
  ids: readonly string[],
): Promise<Outcome<{ approved: number }>> {
  const moved = await reviewMove(repos, user, ids, ['submitted'], 'approved');
  return moved.ok ? succeed({ approved: moved.value }) : moved;
}

/** POST /review/return — back to the submitter with a comment (shown on its task); a notice tells it. */
export async function reviewReturn(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  ids: readonly string[],
  comment: string,
): Promise<Outcome<{ returned: number }>> {
  const moved = await reviewMove(repos, user, ids, ['submitted', 'approved'], 'returned', comment, plan);
  return moved.ok ? succeed({ returned: moved.value }) : moved;
}

async function reviewMove(
  repos: Repositories,
  user: CollectionUser,
  ids: readonly string[],
  from: readonly SubmissionStatus[],
  to: 'approved' | 'returned',
  comment?: string,
  plan?: Plan,
): Promise<Outcome<number>> {
  return repos.transaction(async (tx) => {
    const { rows, refused } = await reviewable(tx, ids, from);
    if (refused.length)
      return refuse({
        kind: 'conflict',
        message: {
          zh: `${refused.length} 条数据不在可${to === 'approved' ? '审核' : '退回'}状态（已处理或已被重新报送），未作任何修改`,
          en: `${refused.length} row(s) cannot be ${to} (already handled or resubmitted); nothing was changed`,
        },
        details: { refused },
      });
    const moved = await tx.submissions.review(ids, from, to, user.username, comment);
    // Same transaction, rows checked above: a mismatch means a concurrent reviewer; undo everything.
    if (moved !== rows.length) throw new Error(`review: ${moved} of ${rows.length} rows moved; rolled back`);
    const byRound = new Map<string, Submission[]>();
    for (const r of rows) byRound.set(r.roundId, [...(byRound.get(r.roundId) ?? []), r]);
    for (const [roundId, list] of byRound)
      await tx.rounds.setStatus(roundId, list, to, comment === undefined ? {} : { comment });
    for (const r of rows)
      await auditAppend(tx, {
        actor: user,
        action: to === 'approved' ? 'submission.approve' : 'submission.return',
        entity: 'submission',
        entityId: r.id,
        old: { status: r.status, indicator: r.indicator, region: r.region, period: r.period, value: r.value },
        new: { status: to },
        ...(comment !== undefined ? { reason: comment } : {}),
      });
    if (to === 'returned' && plan) {
      const bySubmitter = new Map<string, number>();
      for (const r of rows) bySubmitter.set(r.submitter, (bySubmitter.get(r.submitter) ?? 0) + 1);
      await tx.notices.create(
        [...bySubmitter].map(([recipient, n]) => ({
          recipient,
          createdBy: user.username,
          message: {
            zh: `【退回】${submitterName(plan, recipient, 'zh')}：您报送的 ${n} 项数据被退回，请修改后重新报送。意见：${comment ?? ''}`,
            en: `Returned to ${submitterName(plan, recipient, 'en')}: ${n} figure(s) need correcting. Comment: ${comment ?? ''}`,
          },
        })),
      );
    }
    return succeed(moved);
  });
}

export interface PublishResult {
  /** Approved figures now published. */
  published: number;
  /** Figures stored for the first time. */
  created: number;
  /** Figures that got a new revision (the previous value kept). */
  revised: number;
  /** Figures identical to the value already published (nothing written). */
  unchanged: number;
}

/**
 * POST /review/publish — every approved figure of the round for `period` becomes a published observation
 * in one transaction: provenance real, cited as `${round} 填报 by ${submitter}`, its upload file as source.
 * A figure already published gets a new revision (the prior value stays in its history). Audited per figure.
 */
export async function reviewPublish(
  repos: Repositories,
  user: CollectionUser,
  period: string,
  reason?: string,
): Promise<Outcome<PublishResult>> {
  const round = await repos.rounds.byPeriod(period);
  if (!round)
    return refuse({
      kind: 'not_found',
      message: { zh: `${period} 没有填报任务`, en: `no collection round for ${period}` },
    });
  const override = user.role === 'admin' && !!reason?.trim();
  const outcome = await repos.transaction(async (tx): Promise<Outcome<PublishResult>> => {
    const approved = await tx.submissions.list({ roundIds: [round.id], statuses: ['approved'] });
    const locked = await tx.periodLocks.lockedAmong([round.period, ...approved.map((s) => s.period)]);
    if (locked.size && !override) return refuse(lockedFailure([...locked][0]!));
    if (approved.length === 0) return succeed({ published: 0, created: 0, revised: 0, unchanged: 0 });

    const files = await uploadNames(tx, approved);
    const observations: NewObservation[] = approved.map((s) => {
      const source = s.uploadId ? files.get(s.uploadId) : undefined;
      return {
        indicator: s.indicator,
        region: s.region,
        period: s.period,
        value: s.value,
        vintage: s.vintage,
        provenance: 'real',
        citation: `${round.period} 填报 by ${s.submitter}`,
        ...(source !== undefined ? { source } : {}),
        ...(s.note !== undefined ? { note: s.note } : {}),
      };
    });
    const key = (o: { indicator: string; region: string; period: string; vintage: string }) =>
      `${cellKey(o.indicator, o.region)}\u0000${o.period}\u0000${o.vintage}`;
    const before = new Map(
      (
        await tx.observations.current({
          indicators: [...new Set(approved.map((s) => s.indicator))],
          regions: [...new Set(approved.map((s) => s.region))],
          periods: [...new Set(approved.map((s) => s.period as Period))],
        })
      ).map((o) => [key(o), o]),
    );
    const summary = await tx.observations.insertMany(observations, { createdBy: user.username });
    const written = new Map(summary.written.map((o) => [key(o), o]));
    for (const s of approved) {
      const now = written.get(key(s));
      const old = before.get(key(s));
      if (!(await tx.submissions.markPublished(s.id, (now ?? old)?.id)))
        throw new Error(`publish: submission ${s.id} changed during publication; rolled back`);
      if (now)
        await auditAppend(tx, {
          actor: user,
          action: 'observation.publish',
          entity: 'observation',
          entityId: now.id,
          old: old ? { id: old.id, value: old.value, revision: old.revision, vintage: old.vintage } : null,
          new: {
            indicator: now.indicator,
            region: now.region,
            period: now.period,
            vintage: now.vintage,
            value: now.value,
            revision: now.revision,
            submission: s.id,
          },
          reason: reason?.trim() || `${round.period} 填报审核发布`,
        });
    }
    await tx.rounds.setStatus(round.id, approved, 'published');
    // The published figures in force, pinned with the publication (issue 9 §2, issue 17 §1).
    if (summary.created + summary.revised > 0)
      await tx.snapshots.create({ createdBy: user.username, reason: 'publication', roundId: round.id });
    return succeed({
      published: approved.length,
      created: summary.created,
      revised: summary.revised,
      unchanged: summary.unchanged,
    });
  });
  // After the commit: open screens reload (GET /api/events) and cached screen payloads are dropped.
  if (outcome.ok && outcome.value.published > 0) await eventsPublished(repos, round.period);
  return outcome;
}

/** POST /periods/:period/lock|unlock — audited with its reason. */
export async function periodLockSet(
  repos: Repositories,
  user: CollectionUser,
  period: string,
  locked: boolean,
  reason: string,
): Promise<Outcome<{ period: string; locked: boolean }>> {
  return repos.transaction(async (tx) => {
    const before = await tx.periodLocks.get(period);
    const after = await tx.periodLocks.set(period, locked, user.username, reason);
    await auditAppend(tx, {
      actor: user,
      action: locked ? 'period.lock' : 'period.unlock',
      entity: 'period',
      entityId: period,
      old: { locked: before?.locked ?? false },
      new: { locked: after.locked },
      reason,
    });
    return succeed({ period, locked: after.locked });
  });
}
