// 督查督办 (issue 11): supervised items (the plan's tasks and the admin's own), their timeline (append-only:
// the state is folded from it in core), the lead and cooperating units' progress reports with attachments,
// and contacts on accounts for reminders. Portable DDL; never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('supervision_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A plan task's code (A1.1) or the admin's number (DB-1).
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    // JSON arrays of unit codes (departments or towns), milestones and indicator codes.
    .addColumn('lead_units', 'text', (c) => c.notNull())
    .addColumn('cooperating_units', 'text', (c) => c.notNull())
    .addColumn('milestones', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text')
    .addColumn('leader_user_id', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('assigned_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    // First China day of the current run of red (set by the daily reminder run): escalation counts from it.
    .addColumn('red_since', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'supervision_items_type',
      sql`type in ('plan_task', 'leader_instruction', 'meeting_minutes', 'higher_inspection')`,
    )
    .addCheckConstraint('supervision_items_cadence', sql`cadence in ('monthly', 'quarterly')`)
    .addCheckConstraint('supervision_items_dates', sql`assigned_on <= deadline`)
    .execute();

  await db.schema
    .createTable('supervision_events')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('item_id', 'text', (c) => c.notNull().references('supervision_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('report_id', 'text')
    .addColumn('note', 'text')
    .addColumn('new_deadline', 'text')
    .execute();
  await db.schema
    .createIndex('supervision_events_item')
    .on('supervision_events')
    .columns(['item_id', 'id'])
    .execute();

  await db.schema
    .createTable('supervision_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('supervision_items.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // The lead unit's report, or a cooperating unit's part of the same period.
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent_done', 'double precision')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('return_reason', 'text')
    .addCheckConstraint('supervision_reports_role', sql`role in ('lead', 'cooperating')`)
    .addCheckConstraint('supervision_reports_status', sql`status in ('submitted', 'accepted', 'returned')`)
    .addCheckConstraint(
      'supervision_reports_percent',
      sql`percent_done is null or (percent_done >= 0 and percent_done <= 100)`,
    )
    .addCheckConstraint(
      'supervision_reports_returned',
      sql`(status = 'returned') = (return_reason is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('supervision_reports_item')
    .on('supervision_reports')
    .columns(['item_id', 'period', 'unit'])
    .execute();

  await db.schema
    .createTable('supervision_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('supervision_reports.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('supervision_attachments_size', sql`size > 0`)
    .execute();
  await db.schema
    .createIndex('supervision_attachments_report')
    .on('supervision_attachments')
    .column('report_id')
    .execute();

  // Contacts for reminders (issue 11 §4, issue 13 §7).
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  // An account an admin created or whose password an admin set must choose its own at first log-in (issue 13 §7).
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  await db.schema.alterTable('users').dropColumn('phone').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
  await db.schema.dropTable('supervision_attachments').execute();
  await db.schema.dropTable('supervision_reports').execute();
  await db.schema.dropTable('supervision_events').execute();
  await db.schema.dropTable('supervision_items').execute();
}
