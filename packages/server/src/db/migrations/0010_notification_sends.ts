// The send log of outgoing notifications (issue 11 §4): one row per message key × channel, so a daily digest
// is delivered at most once per channel — across restarts and across instances, because the unique
// (key, channel) constraint decides who sends. Failed rows keep their error and when to retry. Portable
// DDL; never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('notification_sends')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    // The message's idempotency key, e.g. 'digest:<user id>:2025-10-09'.
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient_user_id', 'text', (c) => c.notNull())
    // Where it went: the e-mail address, the webhook URL or the user id (in-app).
    .addColumn('recipient_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // JSON: what a retry needs besides subject and body (the recipient, html, link, English text).
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    // A failed row's retry time, or a pending row's claim expiry (a sender that crashed mid-send).
    .addColumn('next_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('notification_sends_key_channel', ['key', 'channel'])
    .addCheckConstraint('notification_sends_status', sql`status in ('pending', 'sent', 'failed', 'dead')`)
    .addCheckConstraint('notification_sends_sent', sql`(status = 'sent') = (sent_at is not null)`)
    .execute();
  await db.schema
    .createIndex('notification_sends_due')
    .on('notification_sends')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_sends_created')
    .on('notification_sends')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_sends').execute();
}
