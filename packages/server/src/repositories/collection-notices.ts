// NoticeRepository: in-app notices (催报 reminders) to a submitter or a user, with when they were read.
import { randomUUID } from 'node:crypto';
import type { LocalizedName } from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, NoticesTable } from '../db/schema.ts';
import type { Clock } from './support.ts';

export interface Notice {
  id: string;
  /** A submitter key ('town:330282004') or a user id. */
  recipient: string;
  roundId?: string;
  message: LocalizedName;
  createdAt: string;
  createdBy: string;
  readAt?: string;
}

export interface NewNotice {
  recipient: string;
  roundId?: string;
  message: LocalizedName;
  createdBy: string;
}

function noticeFromRow(row: Selectable<NoticesTable>): Notice {
  const n: Notice = {
    id: row.id,
    recipient: row.recipient,
    message: { zh: row.message_zh, en: row.message_en },
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.round_id !== null) n.roundId = row.round_id;
  if (row.read_at !== null) n.readAt = row.read_at;
  return n;
}

export class NoticeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(notices: readonly NewNotice[]): Promise<Notice[]> {
    if (notices.length === 0) return [];
    const at = this.clock();
    const rows = notices.map((n) => ({
      id: randomUUID(),
      recipient: n.recipient,
      round_id: n.roundId ?? null,
      message_zh: n.message.zh,
      message_en: n.message.en,
      created_at: at,
      created_by: n.createdBy,
      read_at: null,
    }));
    await this.db.insertInto('notices').values(rows).execute();
    return rows.map(noticeFromRow);
  }

  /** Notices to any of these recipients, newest first. */
  async forRecipients(recipients: readonly string[], options: { limit?: number } = {}): Promise<Notice[]> {
    if (recipients.length === 0) return [];
    const rows = await this.db
      .selectFrom('notices')
      .selectAll()
      .where('recipient', 'in', recipients)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(options.limit ?? 200)
      .execute();
    return rows.map(noticeFromRow);
  }

  /** Mark a notice read (keeping the first time), only when addressed to one of `recipients`; false if not. */
  async markRead(id: string, recipients: readonly string[]): Promise<boolean> {
    if (recipients.length === 0) return false;
    const result = await this.db
      .updateTable('notices')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(this.clock())) }))
      .where('id', '=', id)
      .where('recipient', 'in', recipients)
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) === 1n;
  }
}
