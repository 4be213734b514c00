// An admin correcting a stored figure: a new revision (the old value is kept), refused with the value
// now in force when someone changed it first (no lost update), checked against the editor's scope and the
// period's lock (an admin overrides it explicitly, with the edit's reason), audited.
import { scopeAllowsWrite, type Actor, type LocalizedName, type Plan } from '@ding/core';
import { auditAppend } from '../audit/audit.ts';
import type { ObservationRecord, PeriodLock, Repositories } from '../repositories/index.ts';
import { periodLockOverrideRecord, periodLockedMessage, periodLocksIn } from './period-locks.ts';

export interface ObservationEdit {
  value: number;
  /** The revision the editor saw. */
  expectedRevision: number;
  reason: string;
  /** Change a figure of a locked period anyway (admins only; the reason is recorded). */
  overrideLock?: boolean;
}

export type ObservationEditError =
  | { kind: 'not_found'; message: LocalizedName }
  | { kind: 'forbidden'; message: LocalizedName }
  /** The figure's period is locked (issue 16 §3): who locked it, when and why. */
  | { kind: 'locked'; message: LocalizedName; lock: PeriodLock }
  | { kind: 'conflict'; message: LocalizedName; current: ObservationRecord | undefined };

export type ObservationEditResult =
  { ok: true; value: ObservationRecord } | { ok: false; error: ObservationEditError };

/** Audit entity id of a figure: stable across its revisions, so its whole story is one filter away. */
export function observationAuditId(o: {
  indicator: string;
  region: string;
  period: string;
  vintage: string;
}) {
  return `${o.indicator}:${o.region}:${o.period}:${o.vintage}`;
}

function conflict(current: ObservationRecord | undefined): ObservationEditError {
  return {
    kind: 'conflict',
    current,
    message: current
      ? {
          zh: `该数据已被 ${current.createdBy} 修改为 ${current.value}（第 ${current.revision} 版），请核对后重试`,
          en: `${current.createdBy} already changed this figure to ${current.value} (revision ${current.revision}); check and retry`,
        }
      : { zh: '该数据已不是现行值', en: 'this figure is no longer the value in force' },
  };
}

export async function observationRevise(
  repos: Repositories,
  plan: Plan,
  actor: Actor & { username: string },
  id: string,
  edit: ObservationEdit,
): Promise<ObservationEditResult> {
  return repos.transaction(async (tx): Promise<ObservationEditResult> => {
    const before = await tx.observations.get(id);
    if (!before) {
      return {
        ok: false,
        error: { kind: 'not_found', message: { zh: '没有该数据', en: 'no such observation' } },
      };
    }
    const indicator = plan.indicators.find((i) => i.code === before.indicator);
    if (!indicator || !scopeAllowsWrite(actor, indicator, before.region)) {
      return {
        ok: false,
        error: {
          kind: 'forbidden',
          message: { zh: '超出您的填报范围', en: 'outside your scope of writing' },
        },
      };
    }
    // Checked in the writing transaction, as the collection's lockGate does for rounds (issue 3 §5).
    const locks = await periodLocksIn(tx, [before.period]);
    const override = edit.overrideLock === true && actor.role === 'admin' && edit.reason.trim() !== '';
    if (locks[0] && !override) {
      return {
        ok: false,
        error: {
          kind: 'locked',
          lock: locks[0],
          message: periodLockedMessage(locks[0], {
            zh: '填写原因并确认解锁修改（overrideLock）',
            en: 'giving a reason and overrideLock: true',
          }),
        },
      };
    }
    const currentOf = async () =>
      (
        await tx.observations.current({
          indicators: [before.indicator],
          regions: [before.region],
          periods: [before.period],
          vintage: before.vintage,
        })
      )[0];
    if (!before.current || before.revision !== edit.expectedRevision) {
      return { ok: false, error: conflict(before.current ? before : await currentOf()) };
    }
    const revised = await tx.observations.revise(id, {
      value: edit.value,
      createdBy: actor.username,
      // A published (real) figure keeps its citation, saying that it was corrected after publication.
      ...(before.provenance === 'real' && before.citation
        ? { citation: `${before.citation}（${actor.username} 更正：${edit.reason}）` }
        : {}),
    });
    if (!revised.ok) {
      const [problem] = revised.errors;
      if (problem?.kind === 'not_current') return { ok: false, error: conflict(problem.current) };
      return {
        ok: false,
        error: { kind: 'not_found', message: { zh: '没有该数据', en: 'no such observation' } },
      };
    }
    const after = revised.value;
    // A correction is a new state of the published figures: pinned like a publication (issue 9 §2).
    await tx.snapshots.create({ createdBy: actor.username, reason: 'correction', detail: edit.reason });
    await auditAppend(tx, {
      actor: actor.username,
      action: 'observation.revise',
      entity: 'observation',
      entityId: observationAuditId(after),
      old: { id: before.id, value: before.value, revision: before.revision },
      new: {
        id: after.id,
        value: after.value,
        revision: after.revision,
        ...(locks.length ? { lockOverride: periodLockOverrideRecord(locks) } : {}),
      },
      reason: edit.reason,
    });
    return { ok: true, value: after };
  });
}
