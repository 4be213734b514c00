// EventLogRepository: the append-only event log that screens resume from (SSE Last-Event-ID) and that
// server-mode instances read after a NOTIFY.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface LoggedEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  at: string;
}

export class EventLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends one event; its id (greater than every id before it). */
  async append(type: string, payload: Record<string, unknown>, at: string): Promise<number> {
    const row = await this.db
      .insertInto('events')
      .values({ type, payload: JSON.stringify(payload), at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Events after `afterId`, oldest first, at most `limit`. */
  async since(afterId: number, limit = 1000): Promise<LoggedEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      type: r.type,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      at: r.at,
    }));
  }

  /** The last id written (0 when none). */
  async latestId(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
