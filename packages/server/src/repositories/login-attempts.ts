// LoginAttemptRepository: every sign-in attempt (username, IP, when, ok) — what login throttling counts.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface LoginAttempt {
  username: string;
  ip: string;
  at: string;
  ok: boolean;
}

export class LoginAttemptRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(attempt: LoginAttempt): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ username: attempt.username, ip: attempt.ip, at: attempt.at, ok: attempt.ok ? 1 : 0 })
      .execute();
  }

  /**
   * Times (oldest first) of the failed attempts for `username` after `since` and after its last
   * successful sign-in: a person who gets in is not held back by earlier typos.
   */
  async usernameFailures(username: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select('at')
      .where('username', '=', username)
      .where('ok', '=', 0)
      .where('at', '>', since)
      .where(
        'at',
        '>',
        sql<string>`coalesce((select max(s.at) from login_attempts s where s.username = ${username} and s.ok = 1), '')`,
      )
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  /**
   * Times (oldest first) of the failed attempts for `username` from `ip` after `since` and after that
   * username's last successful sign-in from that address: what the progressive delay counts, so that
   * failures sent from elsewhere never hold back the owner at their own desk.
   */
  async pairFailures(username: string, ip: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select('at')
      .where('username', '=', username)
      .where('ip', '=', ip)
      .where('ok', '=', 0)
      .where('at', '>', since)
      .where(
        'at',
        '>',
        sql<string>`coalesce((select max(s.at) from login_attempts s where s.username = ${username} and s.ip = ${ip} and s.ok = 1), '')`,
      )
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  /** Times (oldest first) of the failed attempts from `ip` after `since`, whatever the username. */
  async ipFailures(ip: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('login_attempts')
      .select('at')
      .where('ip', '=', ip)
      .where('ok', '=', 0)
      .where('at', '>', since)
      .orderBy('at')
      .execute();
    return rows.map((r) => r.at);
  }

  /** Mark a recorded attempt as successful (it was written as a failure before the password was checked). */
  async markSucceeded(attempt: Omit<LoginAttempt, 'ok'>): Promise<void> {
    await this.db
      .updateTable('login_attempts')
      .set({ ok: 1 })
      .where('username', '=', attempt.username)
      .where('ip', '=', attempt.ip)
      .where('at', '=', attempt.at)
      .where('ok', '=', 0)
      .execute();
  }

  /** Forget attempts older than `before` (they no longer count toward any window). */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('at', '<', before).execute();
  }
}
