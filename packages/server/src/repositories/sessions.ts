// SessionRepository: signed-in sessions, keyed by the SHA-256 of the cookie token (never the token).
import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../db/schema.ts';
import { userFromRow, type UserRecord } from './users.ts';

export interface SessionRecord {
  /** SHA-256 (hex) of the token. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: SessionRecord): Promise<SessionRecord> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
    return session;
  }

  /** The session and its account, in one query (every API request asks this). */
  async findWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as id',
        'sessions.user_id as user_id',
        'sessions.csrf_token as csrf_token',
        'sessions.created_at as created_at',
        'sessions.expires_at as expires_at',
        'sessions.last_seen_at as last_seen_at',
        'users.username as username',
        'users.display_name as display_name',
        'users.role as role',
        'users.department as department',
        'users.region as region',
        'users.active as active',
        'users.created_at as user_created_at',
        'users.email as email',
        'users.phone as phone',
        'users.must_change_password as must_change_password',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      session: sessionFromRow(row),
      user: userFromRow({ ...row, id: row.user_id, created_at: row.user_created_at }),
    };
  }

  /** Slide the expiry forward. */
  async touch(id: string, times: { lastSeenAt: string; expiresAt: string }): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: times.lastSeenAt, expires_at: times.expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /**
   * Sign an account out everywhere (password changed, account deactivated); `except` keeps one session
   * (the one that changed its own password).
   */
  async deleteForUser(userId: string, options: { except?: string } = {}): Promise<number> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (options.except !== undefined) query = query.where('id', '!=', options.except);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
