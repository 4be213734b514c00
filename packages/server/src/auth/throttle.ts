// Login throttling (issue 3: "a wrong password five times slows/blocks log-in"): 5 failures for a username
// or 20 from one IP within 15 minutes block further attempts — even with the right password — until
// the oldest of those failures leaves the window. Counted in the database, so it holds across instances.
import type { Repositories } from '../repositories/index.ts';

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  perUsername: 5,
  perIp: 20,
} as const;

/** Seconds until `failures` (oldest first, all inside the window) drop below `limit`; 0 if already below. */
function waitFor(failures: string[], limit: number, now: Date): number {
  if (failures.length < limit) return 0;
  // Unblocked once only limit − 1 remain: when failure number (length − limit + 1) leaves the window.
  const oldestThatMustExpire = Date.parse(failures[failures.length - limit]!);
  return Math.max(1, Math.ceil((oldestThatMustExpire + THROTTLE.windowMs - now.getTime()) / 1000));
}

/** How long the caller must wait before trying again; undefined when it may try now. */
export async function loginRetryAfter(
  repos: Repositories,
  username: string,
  ip: string,
  now: Date,
): Promise<number | undefined> {
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const [byUser, byIp] = await Promise.all([
    repos.loginAttempts.usernameFailures(username, since),
    repos.loginAttempts.ipFailures(ip, since),
  ]);
  const wait = Math.max(waitFor(byUser, THROTTLE.perUsername, now), waitFor(byIp, THROTTLE.perIp, now));
  return wait > 0 ? wait : undefined;
}

/**
 * Record an attempt as failed *before* the password is checked, so that attempts sent in parallel
 * count against each other; `succeeded` turns it into a success afterwards.
 */
export async function loginAttemptBegin(
  repos: Repositories,
  attempt: { username: string; ip: string },
  now: Date,
): Promise<{ succeeded(): Promise<void> }> {
  const at = now.toISOString();
  await repos.loginAttempts.record({ ...attempt, at, ok: false });
  return {
    succeeded: async () => {
      await repos.loginAttempts.markSucceeded({ ...attempt, at });
      // Attempts older than a day count toward nothing.
      await repos.loginAttempts.prune(new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
    },
  };
}
