// Managing collection rounds (issue 12 §4): a cancelled round (who, when, why — its status stays
// 'closed' so the 0003 CHECK needs no SQLite table rebuild), submissions withdrawn by a cancellation
// (kept, flagged), per-unit due dates, and the 催报 history. Portable DDL; never edit this file once it
// has landed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Set together by a cancellation; a cancelled round is closed and cannot be reopened.
  await db.schema.alterTable('rounds').addColumn('cancelled_at', 'text').execute();
  await db.schema.alterTable('rounds').addColumn('cancelled_by', 'text').execute();
  await db.schema.alterTable('rounds').addColumn('cancel_reason', 'text').execute();

  // A submission withdrawn by its round's cancellation: kept for history, no longer in force (is_current 0).
  await db.schema.alterTable('submission_rows').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('submission_rows').addColumn('withdrawn_by', 'text').execute();

  // A unit's own later due date in a round (e.g. 市统计局 waits for the annual 年报).
  await db.schema
    .createTable('round_due_exceptions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    // 'town:330282004' | 'department:tjj'
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_due_exceptions_pk', ['round_id', 'submitter'])
    .execute();

  // One row per confirmed 催报: who sent it, when, to which units with which text, and who had no account.
  await db.schema
    .createTable('round_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    // JSON: [{ submitter, name, owing, dueDate, message: { zh, en }, noticeId }]
    .addColumn('recipients', 'text', (c) => c.notNull())
    // JSON: [{ submitter, name, owing, dueDate, reason: 'no_account' }]
    .addColumn('skipped', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('round_reminders_round')
    .on('round_reminders')
    .columns(['round_id', 'sent_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('round_reminders').execute();
  await db.schema.dropTable('round_due_exceptions').execute();
  await db.schema.alterTable('submission_rows').dropColumn('withdrawn_by').execute();
  await db.schema.alterTable('submission_rows').dropColumn('withdrawn_at').execute();
  await db.schema.alterTable('rounds').dropColumn('cancel_reason').execute();
  await db.schema.alterTable('rounds').dropColumn('cancelled_by').execute();
  await db.schema.alterTable('rounds').dropColumn('cancelled_at').execute();
}
