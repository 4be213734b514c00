// Collection rounds (issue 3 §3–5): rounds and who owes what, uploads and their previews, submitted
// figures on their way to publication (staged here; `observations` holds published figures only),
// period locks and in-app notices. Portable DDL only; never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // One round per period: a second 2025Q4 round would split who owes what.
    .addColumn('period', 'text', (c) => c.notNull().unique())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addCheckConstraint('rounds_status', sql`status in ('open', 'closed')`)
    .execute();

  await db.schema
    .createTable('round_assignments')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    // 'town:330282004' | 'department:tjj' (submitterKey in @ding/core).
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    // The figure's period: the round's quarter, or its year for an annual indicator owed in Q4.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // First submission: the on-time rate counts when a figure first arrived, not its last correction.
    .addColumn('submitted_at', 'text')
    // The reviewer's comment when returned.
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('round_assignments_pk', ['round_id', 'indicator', 'region'])
    .addCheckConstraint(
      'round_assignments_status',
      sql`status in ('pending', 'submitted', 'approved', 'returned', 'published')`,
    )
    .execute();
  await db.schema
    .createIndex('round_assignments_submitter')
    .on('round_assignments')
    .columns(['round_id', 'submitter'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    // Whose figures: the uploader's submitter key, or 'admin'.
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // 'xlsx' | 'csv' | 'grid' (values typed into the web app's entry grid).
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    // 1 when the preview had no errors.
    .addColumn('ok', 'integer', (c) => c.notNull())
    // JSON: the parsed rows and the parse errors, re-checked against the round's state on commit.
    .addColumn('preview', 'text', (c) => c.notNull())
    // Set once, by the commit that submitted the rows: an upload is committed at most once.
    .addColumn('committed_at', 'text')
    .addColumn('committed_by', 'text')
    .addCheckConstraint('uploads_ok_flag', sql`ok in (0, 1)`)
    .addCheckConstraint('uploads_format', sql`format in ('xlsx', 'csv', 'grid')`)
    .execute();
  await db.schema.createIndex('uploads_round').on('uploads').columns(['round_id', 'submitter']).execute();

  await db.schema
    .createTable('submission_rows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('upload_id', 'text', (c) => c.references('uploads.id'))
    .addColumn('submitter', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // Binary64 on both backends, like observations.value.
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // Why a figure jumped (required above the indicator's yoyThreshold) or why a locked period changed.
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // 1 on the submission in force for its figure; a resubmission keeps the earlier row with 0.
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('comment', 'text')
    // The published observation this row became.
    .addColumn('observation_id', 'text', (c) => c.references('observations.id'))
    .addCheckConstraint(
      'submission_rows_status',
      sql`status in ('submitted', 'approved', 'returned', 'published')`,
    )
    .addCheckConstraint('submission_rows_vintage', sql`vintage in ('flash', 'annual', 'revised')`)
    .addCheckConstraint('submission_rows_is_current_flag', sql`is_current in (0, 1)`)
    .execute();
  // One submission in force per figure of a round: two concurrent commits cannot both be current.
  await db.schema
    .createIndex('submission_rows_one_current')
    .on('submission_rows')
    .columns(['round_id', 'indicator', 'region'])
    .unique()
    .where(sql.ref('is_current'), '=', 1)
    .execute();
  await db.schema
    .createIndex('submission_rows_status')
    .on('submission_rows')
    .columns(['status', 'round_id'])
    .execute();
  await db.schema.createIndex('submission_rows_upload').on('submission_rows').column('upload_id').execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addCheckConstraint('period_locks_locked_flag', sql`locked in (0, 1)`)
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A submitter key ('town:330282004') or a user id.
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.references('rounds.id'))
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notices_recipient')
    .on('notices')
    .columns(['recipient', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notices').execute();
  await db.schema.dropTable('period_locks').execute();
  await db.schema.dropTable('submission_rows').execute();
  await db.schema.dropTable('uploads').execute();
  await db.schema.dropTable('round_assignments').execute();
  await db.schema.dropTable('rounds').execute();
}
