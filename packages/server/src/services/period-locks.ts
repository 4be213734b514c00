// Locked periods on every write path (issue 16 §3): which of a write's periods are locked, by whom, since
// when and why — for `ding import` and `PATCH /observations`, as the collection's lockGate does for rounds.
import type { LocalizedName } from '@ding/core';
import { chinaDateTime } from '../china-time.ts';
import type { PeriodLock, Repositories } from '../repositories/index.ts';

/** The locks in force among `periods`, oldest period first (none when nothing is locked). */
export async function periodLocksIn(repos: Repositories, periods: Iterable<string>): Promise<PeriodLock[]> {
  const locked = await repos.periodLocks.lockedAmong([...new Set(periods)]);
  const locks = await Promise.all([...locked].sort().map((p) => repos.periodLocks.get(p)));
  return locks.filter((l): l is PeriodLock => l !== undefined && l.locked);
}

/**
 * "期别 2025Q3 已由 boss 于 2025-10-20 16:00（北京时间）锁定（原因：审核完毕）" and how an admin overrides
 * it: `how` is the CLI's flags or the API's body field. The time is China's, as the bureau reads it.
 */
export function periodLockedMessage(lock: PeriodLock, how: { zh: string; en: string }): LocalizedName {
  const at = chinaDateTime(lock.changedAt);
  return {
    zh: `期别 ${lock.period} 已由 ${lock.changedBy} 于 ${at}（北京时间）锁定（原因：${lock.reason}）；只有管理员${how.zh}后才能修改`,
    en: `period ${lock.period} was locked by ${lock.changedBy} at ${at} Beijing time (reason: ${lock.reason}); only an admin ${how.en} may change it`,
  };
}

/** What the audit entry of an overriding write records about the locks it went through. */
export function periodLockOverrideRecord(locks: readonly PeriodLock[]) {
  return locks.map((l) => ({ period: l.period, lockedBy: l.changedBy, lockedAt: l.changedAt }));
}
