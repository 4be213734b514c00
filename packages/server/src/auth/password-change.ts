// Changing one's own password (issue 13 item 7): the current password must verify, and a wrong one is a
// failed log-in attempt of that username from that address — so this endpoint guesses no faster than log-in.
// On success the hash is replaced, every other session of the account ends (this one stays) and the change
// is audited in the same transaction (never the password or its hash).
import { setTimeout as sleep } from 'node:timers/promises';
import { auditAppend } from '../audit/audit.ts';
import type { Repositories } from '../repositories/index.ts';
import { passwordHash, passwordVerify, type ScryptParams } from './password.ts';
import { loginAttemptBegin, loginRetryAfter } from './throttle.ts';

export type PasswordChangeResult =
  | { ok: true; sessionsEnded: number }
  | { ok: false; kind: 'bad_current_password' }
  | { ok: false; kind: 'too_many_attempts'; retryAfterSeconds: number };

export interface PasswordChangeOptions {
  /** The session that asks: it stays signed in. */
  sessionId: string;
  ip: string;
  now: () => Date;
  /** Added to a wrong current password, as to a failed log-in. */
  failureDelayMs: number;
  params?: ScryptParams | undefined;
}

/**
 * Replace `user`'s password. The new one must already have passed the password policy (the schema an
 * admin-set password passes) and differ from the current one: the caller checks both, before any hashing.
 */
export async function passwordChange(
  repos: Repositories,
  user: { id: string; username: string },
  passwords: { currentPassword: string; newPassword: string },
  options: PasswordChangeOptions,
): Promise<PasswordChangeResult> {
  const { username } = user;
  const retryAfterSeconds = await loginRetryAfter(repos, username, options.ip, options.now());
  // Throttled: refuse without checking the password (a right guess must not be confirmed).
  if (retryAfterSeconds !== undefined) return { ok: false, kind: 'too_many_attempts', retryAfterSeconds };

  const attempt = await loginAttemptBegin(repos, { username, ip: options.ip }, options.now());
  const found = await repos.users.credentials(username);
  const matches =
    found !== undefined && (await passwordVerify(passwords.currentPassword, found.passwordHash));
  if (!matches || found.user.id !== user.id || !found.user.active) {
    await sleep(options.failureDelayMs);
    return { ok: false, kind: 'bad_current_password' };
  }
  // The right password from this address: as a log-in, it forgives this address's earlier typos.
  await attempt.succeeded();
  const hash = await passwordHash(passwords.newPassword, options.params);
  return repos.transaction(async (tx) => {
    await tx.users.update(user.id, { passwordHash: hash, mustChangePassword: false });
    const sessionsEnded = await tx.sessions.deleteForUser(user.id, { except: options.sessionId });
    await auditAppend(tx, {
      actor: username,
      action: 'user.password.change',
      entity: 'user',
      entityId: user.id,
      new: { passwordChanged: true, otherSessionsEnded: sessionsEnded },
    });
    return { ok: true, sessionsEnded };
  });
}
