// Sessions: a random token in the `ding_session` cookie, stored only as its SHA-256, 12 h sliding expiry
// within an absolute lifetime of 7 days, with a per-session CSRF token. Kept in the database so several app instances share them (MISSION §9).
import { createHash, randomBytes } from 'node:crypto';
import type { Repositories, SessionRecord, UserRecord } from '../repositories/index.ts';

export const SESSION_COOKIE = 'ding_session';
/** 12 hours after the last request (a working day, not a week: a shared office PC forgets). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * However busy, a session ends 7 days after sign-in (issue 16 §8): a stolen cookie kept alive by a script
 * stops working, and everyone signs in again at least weekly.
 */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** The expiry slides at most once a minute: no database write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

const token = () => randomBytes(32).toString('base64url');

/** 12 h after `now`, but never past the absolute end (created + 7 days). */
function expiryAt(createdAt: string, now: Date): string {
  const end = Date.parse(createdAt) + SESSION_ABSOLUTE_MS;
  return new Date(Math.min(now.getTime() + SESSION_TTL_MS, end)).toISOString();
}

/** The session id stored for a cookie token. */
export function sessionTokenDigest(cookieToken: string): string {
  return createHash('sha256').update(cookieToken).digest('hex');
}

export interface StartedSession {
  /** Goes to the cookie; never stored. */
  token: string;
  session: SessionRecord;
}

export async function sessionStart(
  repos: Repositories,
  user: UserRecord,
  now: Date,
): Promise<StartedSession> {
  const cookieToken = token();
  const at = now.toISOString();
  const session = await repos.sessions.create({
    id: sessionTokenDigest(cookieToken),
    userId: user.id,
    csrfToken: token(),
    createdAt: at,
    lastSeenAt: at,
    expiresAt: expiryAt(at, now),
  });
  // Housekeeping while we are here: expired sessions are useless rows.
  await repos.sessions.deleteExpired(at);
  return { token: cookieToken, session };
}

export interface ResolvedSession {
  session: SessionRecord;
  user: UserRecord;
  /** The expiry moved: the cookie should be sent again with the new lifetime. */
  renewed: boolean;
}

/** The live session of a cookie token, its expiry slid forward; undefined if unknown, expired or the account is off. */
export async function sessionResolve(
  repos: Repositories,
  cookieToken: string,
  now: Date,
): Promise<ResolvedSession | undefined> {
  const found = await repos.sessions.findWithUser(sessionTokenDigest(cookieToken));
  if (!found) return undefined;
  const { session, user } = found;
  const end = Date.parse(session.createdAt) + SESSION_ABSOLUTE_MS;
  if (session.expiresAt <= now.toISOString() || now.getTime() >= end) {
    await repos.sessions.delete(session.id);
    return undefined;
  }
  if (!user.active) return undefined;
  if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_EVERY_MS)
    return { session, user, renewed: false };
  const times = { lastSeenAt: now.toISOString(), expiresAt: expiryAt(session.createdAt, now) };
  await repos.sessions.touch(session.id, times);
  return { session: { ...session, ...times }, user, renewed: true };
}

export async function sessionEnd(repos: Repositories, sessionId: string): Promise<void> {
  await repos.sessions.delete(sessionId);
}
