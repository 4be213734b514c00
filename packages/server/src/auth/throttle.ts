// Login throttling (issue 3: "a wrong password five times slows/blocks log-in"; issue 16 §8: a lockout must
// not keep `admin` out forever). Two rules, counted in the database so they hold across instances:
// - per username + address, a progressive delay: the first 4 failures cost nothing, the 5th makes the
//   next attempt wait 30 s, each further one doubles it, up to 15 min; counted over 24 h and forgotten
//   when that username signs in from that address. Guesses from elsewhere never delay the owner's desk.
// - per address, a ceiling: 100 failures within 15 minutes, whatever the usernames, block that address
//   until the oldest of them leaves the window. An office behind one NAT (a few dozen people, each
//   mistyping now and then) stays far below it; a script trying many usernames does not.
// While either holds, an attempt is refused even with the right password (a right guess must not be confirmed).
import type { Repositories } from '../repositories/index.ts';

export const THROTTLE = {
  /** Failures per username + address that cost nothing. */
  freeFailures: 4,
  /** Wait after the first failure beyond the free ones; doubled for each further one. */
  firstDelayMs: 30 * 1000,
  /** The longest wait between two attempts of a username from one address. */
  maxDelayMs: 15 * 60 * 1000,
  /** How long a username + address's failures count (login_attempts are pruned after a day). */
  pairWindowMs: 24 * 60 * 60 * 1000,
  /** Failures from one address (any usernames) within `ipWindowMs` that block it. */
  perIp: 100,
  ipWindowMs: 15 * 60 * 1000,
} as const;

/** The wait after `n` failures of a username from one address: 0 up to 4, then 30 s, 60 s, 120 s … 15 min. */
export function throttleDelayMs(n: number): number {
  if (n <= THROTTLE.freeFailures) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** (n - THROTTLE.freeFailures - 1));
}

/** Seconds until the progressive delay after these failures (oldest first) has passed; 0 if it has. */
function pairWait(failures: string[], now: Date): number {
  const last = failures[failures.length - 1];
  if (last === undefined) return 0;
  const until = Date.parse(last) + throttleDelayMs(failures.length);
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Seconds until `failures` (oldest first, all inside the window) drop below `limit`; 0 if already below. */
function ceilingWait(failures: string[], limit: number, windowMs: number, now: Date): number {
  if (failures.length < limit) return 0;
  // Unblocked once only limit − 1 remain: when failure number (length − limit + 1) leaves the window.
  const oldestThatMustExpire = Date.parse(failures[failures.length - limit]!);
  return Math.max(1, Math.ceil((oldestThatMustExpire + windowMs - now.getTime()) / 1000));
}

/** How long the caller must wait before trying again; undefined when it may try now. */
export async function loginRetryAfter(
  repos: Repositories,
  username: string,
  ip: string,
  now: Date,
): Promise<number | undefined> {
  const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const [byPair, byIp] = await Promise.all([
    repos.loginAttempts.pairFailures(username, ip, since(THROTTLE.pairWindowMs)),
    repos.loginAttempts.ipFailures(ip, since(THROTTLE.ipWindowMs)),
  ]);
  const wait = Math.max(pairWait(byPair, now), ceilingWait(byIp, THROTTLE.perIp, THROTTLE.ipWindowMs, now));
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
      // Attempts older than the longest window count toward nothing.
      await repos.loginAttempts.prune(new Date(now.getTime() - THROTTLE.pairWindowMs).toISOString());
    },
  };
}
