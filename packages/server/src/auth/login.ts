// Signing in: throttle check, password check (same work for an unknown username), attempt recorded, session.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Repositories, UserRecord } from '../repositories/index.ts';
import { passwordDecoyHash, passwordVerify } from './password.ts';
import { sessionStart, type StartedSession } from './sessions.ts';
import { loginAttemptBegin, loginRetryAfter } from './throttle.ts';

export type LoginResult =
  | { ok: true; user: UserRecord; started: StartedSession }
  | { ok: false; kind: 'bad_credentials' }
  | { ok: false; kind: 'too_many_attempts'; retryAfterSeconds: number };

export interface LoginOptions {
  ip: string;
  now: () => Date;
  /** Added to every failed attempt, so guessing is slow even below the block threshold. */
  failureDelayMs: number;
}

/** Usernames are compared lower-case and trimmed: 'Admin ' is admin. */
export function usernameNormalize(username: string): string {
  return username.trim().toLowerCase();
}

export async function login(
  repos: Repositories,
  credentials: { username: string; password: string },
  options: LoginOptions,
): Promise<LoginResult> {
  const username = usernameNormalize(credentials.username);
  const retryAfterSeconds = await loginRetryAfter(repos, username, options.ip, options.now());
  // Blocked: refuse without even checking the password (a right guess must not be confirmed).
  if (retryAfterSeconds !== undefined) return { ok: false, kind: 'too_many_attempts', retryAfterSeconds };

  const attempt = await loginAttemptBegin(repos, { username, ip: options.ip }, options.now());
  const found = await repos.users.credentials(username);
  const matches = await passwordVerify(
    credentials.password,
    found?.passwordHash ?? (await passwordDecoyHash()),
  );
  if (!matches || !found || !found.user.active) {
    await sleep(options.failureDelayMs);
    return { ok: false, kind: 'bad_credentials' };
  }
  await attempt.succeeded();
  const started = await sessionStart(repos, found.user, options.now());
  return { ok: true, user: found.user, started };
}
