// The report archive (issue 9 §2, §7): reports generated from a published snapshot, their DOCX/PDF files,
// and the jobs that generate them (an in-process runner now, a PostgreSQL queue later: same table).
// Portable DDL except the file bytes' type; never edit this file once it has landed.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('snapshots.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    // full: the 季报; indicator: a one-page sheet; custom: sections/indicators/towns picked by the user.
    .addColumn('mode', 'text', (c) => c.notNull())
    // JSON: the indicator of a sheet, the picks of a custom report, language, 红头 …
    .addColumn('options', 'text', (c) => c.notNull())
    // 期数 "2025年第3期": year and number within it; 总第N期: across years. Assigned when a full report
    // is finalised, from report_sequence (below), so a number is never given twice nor reused.
    .addColumn('issue_year', 'integer')
    .addColumn('issue_number', 'integer')
    .addColumn('total_number', 'integer', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the 存在问题 / 下步工作 paragraphs as edited before finalising (null: the drafted ones).
    .addColumn('edits', 'text')
    // Why generation failed (status failed).
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addCheckConstraint('reports_mode', sql`mode in ('full', 'indicator', 'custom')`)
    .addCheckConstraint('reports_status', sql`status in ('draft', 'generating', 'final', 'failed')`)
    // A final report has its date; a failed one says why.
    .addCheckConstraint('reports_final_dated', sql`status <> 'final' or finalised_at is not null`)
    .addCheckConstraint('reports_failed_error', sql`status <> 'failed' or error is not null`)
    .addCheckConstraint(
      'reports_issue_numbers',
      sql`(issue_year is null and issue_number is null and total_number is null)
          or (issue_year is not null and issue_number >= 1 and total_number >= 1)`,
    )
    .execute();
  await db.schema
    .createIndex('reports_issue_unique')
    .on('reports')
    .columns(['issue_year', 'issue_number'])
    .unique()
    .where(sql.ref('issue_number'), 'is not', null)
    .execute();
  await db.schema.createIndex('reports_period').on('reports').columns(['period', 'created_at']).execute();

  // One row (id = 1): the last 总第N期 given. Its UPDATE serialises finalisations (PostgreSQL row lock).
  await db.schema
    .createTable('report_sequence')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_total_number', 'integer', (c) => c.notNull())
    .addCheckConstraint('report_sequence_one_row', sql`id = 1`)
    .execute();
  await db
    .insertInto('report_sequence' as never)
    .values({ id: 1, last_total_number: 0 } as never)
    .execute();

  await db.schema
    .createTable('report_files')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_files_pk', ['report_id', 'format'])
    .addCheckConstraint('report_files_format', sql`format in ('docx', 'pdf')`)
    .addCheckConstraint('report_files_size', sql`size > 0`)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON.
    .addColumn('payload', 'text', (c) => c.notNull())
    // Jobs with the same key never run side by side (e.g. one report per county × period at a time).
    .addColumn('singleton_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text')
    .addColumn('error', 'text')
    // JSON: what the job produced (e.g. the report id).
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addCheckConstraint('jobs_status', sql`status in ('queued', 'running', 'succeeded', 'failed')`)
    .addCheckConstraint('jobs_progress', sql`progress between 0 and 100`)
    .addCheckConstraint('jobs_failed_error', sql`status <> 'failed' or error is not null`)
    .execute();
  // The database enforces the singleton: a second active job with the same key cannot be inserted.
  await db.schema
    .createIndex('jobs_one_active_per_key')
    .on('jobs')
    .column('singleton_key')
    .unique()
    .where(sql<boolean>`status in ('queued', 'running') and singleton_key is not null`)
    .execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
  await db.schema.dropTable('report_files').execute();
  await db.schema.dropTable('report_sequence').execute();
  await db.schema.dropTable('reports').execute();
}
