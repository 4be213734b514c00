// How a collection service says no: a typed failure the HTTP layer maps to a status and a stable code.
import type { LocalizedName } from '@ding/core';

export type CollectionFailure =
  | { kind: 'not_found'; message: LocalizedName }
  /** Outside the caller's scope (role, submitter, region): HTTP 403 `forbidden`. */
  | { kind: 'forbidden'; message: LocalizedName; details?: unknown }
  /** A locked period without an admin's reason: HTTP 423 `locked`. */
  | { kind: 'locked'; message: LocalizedName; period: string }
  /** The state moved on (already committed, not awaiting review, round exists): HTTP 409 `conflict`. */
  | { kind: 'conflict'; message: LocalizedName; details?: unknown }
  /** Errors remain in the figures: HTTP 422 `validation`, with the preview as details. */
  | { kind: 'invalid'; message: LocalizedName; details?: unknown };

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: CollectionFailure };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = <T = never>(failure: CollectionFailure): Outcome<T> => ({ ok: false, failure });

export const ROUND_NOT_FOUND: CollectionFailure = {
  kind: 'not_found',
  message: { zh: '填报任务不存在', en: 'no such collection round' },
};

export function lockedFailure(period: string): CollectionFailure {
  return {
    kind: 'locked',
    period,
    message: {
      zh: `期别 ${period} 已锁定，只有管理员填写原因后才能修改`,
      en: `period ${period} is locked: only an admin giving a reason may change it`,
    },
  };
}
