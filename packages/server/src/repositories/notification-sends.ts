// NotificationSendRepository: the send log of notifications — one row per message key × channel, claimed
// before sending, then sent, failed (with when to retry) or dead. The unique (key, channel) constraint and
// the compare-and-set claims below are what keep two senders from delivering the same digest.
import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationSendStatus, NotificationSendsTable } from '../db/schema.ts';
import type { OutgoingMessage, Recipient } from '../notify/channel.ts';
import { systemClock, type Clock } from './support.ts';

export type { NotificationSendStatus } from '../db/schema.ts';

export interface NotificationSend {
  id: number;
  key: string;
  channel: string;
  recipientUserId: string;
  recipientAddress: string;
  status: NotificationSendStatus;
  /** Deliveries tried (a claim not yet finished is not counted). */
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The message as last claimed: what was (or will be) sent. */
  message: OutgoingMessage;
}

export interface NewNotificationSend {
  channel: string;
  recipientAddress: string;
  message: OutgoingMessage;
}

/** `claimed`: this caller now holds the row and must send it; otherwise the row as someone left it. */
export interface NotificationClaim {
  claimed: boolean;
  send: NotificationSend;
}

/** What the JSON column holds: the message's parts that have no column of their own. */
interface StoredParts {
  recipient: Recipient;
  html?: string;
  link?: string;
  en?: { subject: string; text: string };
}

function partsOf(m: OutgoingMessage): string {
  const parts: StoredParts = { recipient: m.recipient };
  if (m.html !== undefined) parts.html = m.html;
  if (m.link !== undefined) parts.link = m.link;
  if (m.en !== undefined) parts.en = m.en;
  return JSON.stringify(parts);
}

function fromRow(r: Selectable<NotificationSendsTable>): NotificationSend {
  const parts = JSON.parse(r.message) as StoredParts;
  return {
    id: Number(r.id),
    key: r.key,
    channel: r.channel,
    recipientUserId: r.recipient_user_id,
    recipientAddress: r.recipient_address,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    message: { key: r.key, subject: r.subject, text: r.body, ...parts },
  };
}

/** Columns written when a message is (re)claimed: a retry sends the newest content of its key. */
function messageColumns(s: NewNotificationSend) {
  return {
    recipient_user_id: s.message.recipient.userId,
    recipient_address: s.recipientAddress,
    subject: s.message.subject,
    body: s.message.text,
    message: partsOf(s.message),
  };
}

const MAX_ERROR_LENGTH = 2000;

export class NotificationSendRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Claim (message key, channel) to send it: a new row, pending until `leaseUntil`; or an existing failed
   * or lapsed pending row whose time has come (`now`). A sent, dead or not-yet-due row is not claimed.
   */
  async claim(s: NewNotificationSend, leaseUntil: string, now = this.clock()): Promise<NotificationClaim> {
    const inserted = await this.db
      .insertInto('notification_sends')
      .values({
        key: s.message.key,
        channel: s.channel,
        ...messageColumns(s),
        status: 'pending',
        attempts: 0,
        last_error: null,
        next_attempt_at: leaseUntil,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(['key', 'channel']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { claimed: true, send: fromRow(inserted) };
    const existing = await this.find(s.message.key, s.channel);
    if (!existing)
      throw new Error(`notification ${s.message.key} (${s.channel}) vanished while being claimed`);
    return this.reclaim(existing, now, leaseUntil, messageColumns(s));
  }

  /** Claim a stored row again (a retry), with the message it holds. */
  async claimStored(
    send: NotificationSend,
    leaseUntil: string,
    now = this.clock(),
  ): Promise<NotificationClaim> {
    return this.reclaim(send, now, leaseUntil, {});
  }

  /**
   * Compare-and-set on status and next_attempt_at: of two senders that read the same due row, only the
   * first update matches.
   */
  private async reclaim(
    send: NotificationSend,
    now: string,
    leaseUntil: string,
    columns: Partial<ReturnType<typeof messageColumns>>,
  ): Promise<NotificationClaim> {
    const due =
      (send.status === 'failed' || send.status === 'pending') &&
      send.nextAttemptAt !== null &&
      send.nextAttemptAt <= now;
    if (!due) return { claimed: false, send };
    const row = await this.db
      .updateTable('notification_sends')
      .set({ ...columns, status: 'pending', next_attempt_at: leaseUntil })
      .where('id', '=', send.id)
      .where('status', '=', send.status)
      .where('next_attempt_at', '=', send.nextAttemptAt)
      .returningAll()
      .executeTakeFirst();
    if (row) return { claimed: true, send: fromRow(row) };
    const current = await this.find(send.key, send.channel);
    return { claimed: false, send: current ?? send };
  }

  async markSent(id: number, at = this.clock()): Promise<NotificationSend | undefined> {
    const row = await this.db
      .updateTable('notification_sends')
      .set((eb) => ({
        status: 'sent',
        attempts: eb('attempts', '+', 1),
        sent_at: at,
        next_attempt_at: null,
        last_error: null,
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /** A failed attempt: retried at `retryAt`, or dead when there is none. */
  async markFailed(id: number, error: string, retryAt: string | null): Promise<NotificationSend | undefined> {
    const row = await this.db
      .updateTable('notification_sends')
      .set((eb) => ({
        status: retryAt === null ? 'dead' : 'failed',
        attempts: eb('attempts', '+', 1),
        // An error page's text can be long: the log keeps its beginning.
        last_error: (error || 'unknown error').slice(0, MAX_ERROR_LENGTH),
        next_attempt_at: retryAt,
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async find(key: string, channel: string): Promise<NotificationSend | undefined> {
    const row = await this.db
      .selectFrom('notification_sends')
      .selectAll()
      .where('key', '=', key)
      .where('channel', '=', channel)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /** Failed rows due for a retry and pending rows whose claim lapsed, by `now`; oldest due first. */
  async due(channels: readonly string[], now = this.clock(), limit = 500): Promise<NotificationSend[]> {
    if (channels.length === 0) return [];
    const rows = await this.db
      .selectFrom('notification_sends')
      .selectAll()
      .where('status', 'in', ['failed', 'pending'])
      .where('next_attempt_at', '<=', now)
      .where('channel', 'in', channels)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The log for the admin page, newest first; `since` is an ISO time (created at or after). */
  async list(
    query: { since?: string; status?: NotificationSendStatus; limit?: number } = {},
  ): Promise<NotificationSend[]> {
    let q = this.db.selectFrom('notification_sends').selectAll();
    if (query.since !== undefined) q = q.where('created_at', '>=', query.since);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 200)
      .execute();
    return rows.map(fromRow);
  }
}
