// The database's tables as TypeScript types (what Kysely checks queries against); one interface per table.
// The layout itself is created by the migrations in ./migrations — keep the two in step.
import type { Provenance, Vintage } from '@ding/core';
import type { Generated } from 'kysely';

/**
 * Lifecycle of a stored figure. Only 'published' is stored: figures submitted in a collection round
 * wait in submission_rows (migration 0003) and reach observations only when an admin publishes them.
 * The column has no CHECK constraint on purpose: widening a CHECK in SQLite means rebuilding the table.
 */
export type ObservationStatus = 'published';

/** Timestamps are ISO-8601 UTC text ('2025-10-01T08:00:00.000Z') on both backends: sortable, identical. */
export type IsoTimestamp = string;

/** Booleans are stored as 0/1 integers on both backends, so rows read back identically. */
export type Flag = 0 | 1;

export interface PlansTable {
  /** Row id (UUID): one stored version of one plan file. */
  id: string;
  /** The plan's own id from the file (e.g. 'cixi'). */
  plan_id: string;
  /** 1, 2, 3 … per plan_id, in the order versions were saved. */
  version: number;
  /** The validated plan as JSON text. */
  content: string;
  /** SHA-256 of `content`: saving the same plan twice does not create a new version. */
  checksum: string;
  loaded_at: IsoTimestamp;
  loaded_by: string;
  /** At most one row has active = 1 (partial unique index plans_one_active). */
  active: Flag;
}

export interface ObservationsTable {
  /** Row id (UUID). A row is one version of one figure; its value is never updated. */
  id: string;
  indicator: string;
  region: string;
  /** '2025Q3' (year-to-date for flows, period end for stocks) or '2025' (year-end). */
  period: string;
  /** Chronological sort key derived from `period`: year × 10 + quarter (a whole year is 5, after Q4). */
  period_order: number;
  /**
   * REAL in SQLite, double precision in PostgreSQL: both are IEEE-754 binary64, exactly what the
   * engine computes with, so 2521.58 reads back as the same JavaScript number on both backends.
   * (numeric would come back from pg as a string and buy no precision the engine could use.)
   */
  value: number;
  vintage: Vintage;
  provenance: Provenance;
  citation: string | null;
  source: string | null;
  note: string | null;
  status: ObservationStatus;
  /** 1 for the first value of (indicator, region, period, vintage); each revision adds one. */
  revision: number;
  /** The row this one replaced (revision − 1); unique, so the history is one straight chain. */
  supersedes: string | null;
  /** 1 on the value in force; partial unique index observations_one_current allows one per key. */
  is_current: Flag;
  /** The import batch that wrote this row, if it came from a file. */
  batch_id: string | null;
  created_at: IsoTimestamp;
  created_by: string;
}

export interface ImportBatchesTable {
  id: string;
  file_name: string;
  /** 'csv' | 'xlsx' */
  format: string;
  /** Valid data rows in the file (written as new values, revisions or left unchanged). */
  row_count: number;
  /** SHA-256 of the file's bytes: the same file imported twice is recognisable. */
  checksum: string;
  created_at: IsoTimestamp;
  created_by: string;
}

/** A person who signs in (issue 3 §2). Roles: see Role in @ding/core (collection/scope.ts). */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash (auth/password.ts). */
  password_hash: string;
  role: 'admin' | 'department' | 'town' | 'leader';
  /** Plan department code of a department reporter. */
  department: string | null;
  /** Region code of a town reporter. */
  region: string | null;
  active: Flag;
  created_at: IsoTimestamp;
  /** Contacts for reminders (migration 0009). */
  email: string | null;
  phone: string | null;
  /** 1: the password was set by an admin; the account must choose its own before anything else. */
  must_change_password: Flag;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: IsoTimestamp;
  /** Sliding: moved forward on use (auth/sessions.ts). */
  expires_at: IsoTimestamp;
  last_seen_at: IsoTimestamp;
}

export interface LoginAttemptsTable {
  username: string;
  ip: string;
  at: IsoTimestamp;
  ok: Flag;
}

/** Append-only (triggers refuse UPDATE and DELETE): who changed what, when, old → new, why. */
export interface AuditLogTable {
  /** Sequence (bigserial in PostgreSQL, read back as a string there). */
  id: Generated<number | string>;
  at: IsoTimestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON text. */
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

/** A collection round (填报任务) for one period; its assignments say who owes which figure. */
export interface RoundsTable {
  id: string;
  period: string;
  /** 'YYYY-MM-DD': figures submitted by the end of this day (China Standard Time) are on time. */
  due_date: string;
  /** A cancelled round stays 'closed' here and has cancelled_at (0011): the CHECK of 0003 is unchanged. */
  status: 'open' | 'closed';
  opened_at: IsoTimestamp;
  opened_by: string;
  /** Set together when the round was cancelled (opened by mistake, nothing published). */
  cancelled_at: IsoTimestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

/** A unit's own later due date in a round (0011). */
export interface RoundDueExceptionsTable {
  round_id: string;
  submitter: string;
  /** 'YYYY-MM-DD' */
  due_date: string;
  reason: string;
  set_at: IsoTimestamp;
  set_by: string;
}

/** A confirmed 催报 (0011): JSON lists of the units reminded and those skipped for want of an account. */
export interface RoundRemindersTable {
  id: string;
  round_id: string;
  sent_at: IsoTimestamp;
  sent_by: string;
  recipients: string;
  skipped: string;
}

export type AssignmentStatus = 'pending' | 'submitted' | 'approved' | 'returned' | 'published';

export interface RoundAssignmentsTable {
  round_id: string;
  /** 'town:330282004' | 'department:tjj' */
  submitter: string;
  indicator: string;
  region: string;
  /** The figure's period (the round's quarter, or its year for an annual indicator). */
  period: string;
  status: AssignmentStatus;
  /** First submission (on-time rate). */
  submitted_at: IsoTimestamp | null;
  comment: string | null;
}

export interface UploadsTable {
  id: string;
  round_id: string;
  submitter: string;
  file_name: string;
  format: 'xlsx' | 'csv' | 'grid';
  checksum: string;
  created_at: IsoTimestamp;
  created_by: string;
  ok: Flag;
  /** JSON (collection/uploads.ts StoredPreview). */
  preview: string;
  committed_at: IsoTimestamp | null;
  committed_by: string | null;
}

export type SubmissionStatus = 'submitted' | 'approved' | 'returned' | 'published';

/** A submitted figure on its way to publication; `observations` receives it only when published. */
export interface SubmissionRowsTable {
  id: string;
  round_id: string;
  upload_id: string | null;
  submitter: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: Vintage;
  note: string | null;
  reason: string | null;
  status: SubmissionStatus;
  /** 1 on the submission in force for (round, indicator, region); a resubmission keeps the old row with 0. */
  is_current: Flag;
  submitted_by: string;
  submitted_at: IsoTimestamp;
  reviewed_by: string | null;
  reviewed_at: IsoTimestamp | null;
  comment: string | null;
  observation_id: string | null;
  /** Withdrawn by its round's cancellation (0011): kept with is_current 0. */
  withdrawn_at: IsoTimestamp | null;
  withdrawn_by: string | null;
}

export interface PeriodLocksTable {
  period: string;
  locked: Flag;
  changed_by: string;
  changed_at: IsoTimestamp;
  reason: string;
}

export interface NoticesTable {
  id: string;
  /** A submitter key or a user id. */
  recipient: string;
  round_id: string | null;
  message_zh: string;
  message_en: string;
  created_at: IsoTimestamp;
  created_by: string;
  read_at: IsoTimestamp | null;
}

/** One row (id = 1): the snapshot counter and the count of write statements on observations (0004). */
export interface SnapshotStateTable {
  id: number;
  last_snapshot_id: number;
  /** bigint: read back as a string by pg. */
  observation_writes: number | string;
}

export type SnapshotReason = 'publication' | 'import' | 'init' | 'correction' | 'migration';

/** A published snapshot: the observation revisions in force when a publication, import or init committed. */
export interface SnapshotsTable {
  /** 1, 2, 3 … in commit order (from snapshot_state), never reused. */
  id: number;
  created_at: IsoTimestamp;
  created_by: string;
  /** plans.id of the plan version in force. */
  plan_version_id: string | null;
  reason: SnapshotReason;
  round_id: string | null;
  batch_id: string | null;
  detail: string | null;
  observation_count: number;
  /** snapshot_state.observation_writes at creation (bigint). */
  write_stamp: number | string;
}

/** The observation rows a snapshot pins. */
export interface SnapshotObservationsTable {
  snapshot_id: number;
  observation_id: string;
}

export type ReportMode = 'full' | 'indicator' | 'custom';
export type ReportStatus = 'draft' | 'generating' | 'final' | 'failed';

/** An archived report (issue 9): generated from one snapshot; numbered 期数/总第N期 when a full one is finalised. */
export interface ReportsTable {
  id: string;
  snapshot_id: number;
  period: string;
  mode: ReportMode;
  /** JSON. */
  options: string;
  issue_year: number | null;
  issue_number: number | null;
  total_number: number | null;
  status: ReportStatus;
  /** JSON: edited 存在问题 / 下步工作 paragraphs. */
  edits: string | null;
  error: string | null;
  created_at: IsoTimestamp;
  created_by: string;
  finalised_at: IsoTimestamp | null;
}

/** One row (id = 1): the last 总第N期 given. */
export interface ReportSequenceTable {
  id: number;
  last_total_number: number;
}

/** A report's rendered file; written in the transaction that makes the report final. */
export interface ReportFilesTable {
  report_id: string;
  format: 'docx' | 'pdf';
  /** BLOB (SQLite) / bytea (PostgreSQL): both drivers read a Buffer back. */
  bytes: Uint8Array;
  sha256: string;
  size: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A background job (jobs/runner.ts): run in process today, by a PostgreSQL queue later. */
export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  singleton_key: string | null;
  status: JobStatus;
  progress: number;
  stage: string | null;
  error: string | null;
  /** JSON. */
  result: string | null;
  created_at: IsoTimestamp;
  created_by: string;
  started_at: IsoTimestamp | null;
  finished_at: IsoTimestamp | null;
  /** The runner instance that claimed it (migration 0008). */
  owner: string | null;
  /** When its owner last renewed the lease while running (0008). */
  heartbeat_at: IsoTimestamp | null;
}

export type CupEvidenceStatus = 'pending' | 'approved' | 'rejected';

/** 科技创新杯 evidence (佐证材料) for a bonus/deduction item; scores once approved (migration 0007). */
export interface CupEvidenceTable {
  id: Generated<number>;
  year: number;
  region: string;
  item: string;
  quantity: number;
  note: string;
  file: string | null;
  status: CupEvidenceStatus;
  created_at: IsoTimestamp;
  created_by: string;
  decided_at: IsoTimestamp | null;
  decided_by: string | null;
}

/** A 督办事项 (migration 0009); JSON text columns hold arrays. */
export interface SupervisionItemsTable {
  id: string;
  code: string;
  type: 'plan_task' | 'leader_instruction' | 'meeting_minutes' | 'higher_inspection';
  title_zh: string;
  title_en: string;
  lead_units: string;
  cooperating_units: string;
  milestones: string;
  indicators: string;
  leader_name: string | null;
  leader_user_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  assigned_on: string;
  deadline: string;
  cadence: 'monthly' | 'quarterly';
  source: string | null;
  red_since: string | null;
  created_at: IsoTimestamp;
  created_by: string;
}

/** One step of an item's timeline; append-only. */
export interface SupervisionEventsTable {
  id: Generated<number>;
  item_id: string;
  kind: string;
  at: IsoTimestamp;
  by: string;
  unit: string | null;
  report_id: string | null;
  note: string | null;
  new_deadline: string | null;
}

export interface SupervisionReportsTable {
  id: string;
  item_id: string;
  period: string;
  unit: string;
  role: 'lead' | 'cooperating';
  status: 'submitted' | 'accepted' | 'returned';
  percent_done: number | null;
  text: string;
  submitted_at: IsoTimestamp;
  submitted_by: string;
  decided_at: IsoTimestamp | null;
  decided_by: string | null;
  return_reason: string | null;
}

export interface SupervisionAttachmentsTable {
  id: string;
  report_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: IsoTimestamp;
}

export type NotificationSendStatus = 'pending' | 'sent' | 'failed' | 'dead';

/** One message key × channel of the notification send log (migration 0010); unique on (key, channel). */
export interface NotificationSendsTable {
  id: Generated<number>;
  key: string;
  channel: string;
  recipient_user_id: string;
  /** The e-mail address, webhook URL or user id it was sent to. */
  recipient_address: string;
  subject: string;
  body: string;
  /** JSON: the recipient and the message's other parts, for a retry. */
  message: string;
  status: NotificationSendStatus;
  attempts: number;
  last_error: string | null;
  /** failed: when to retry; pending: when the claim lapses (its sender presumably crashed). */
  next_attempt_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
  sent_at: IsoTimestamp | null;
}

/** The event log (migration 0012): announcements to open screens, ids increasing. */
export interface EventsTable {
  /** bigserial on PostgreSQL: read back as text there, as a number on SQLite. */
  id: Generated<number | string>;
  type: string;
  payload: string;
  at: IsoTimestamp;
}

export interface Database {
  plans: PlansTable;
  observations: ObservationsTable;
  import_batches: ImportBatchesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  rounds: RoundsTable;
  round_assignments: RoundAssignmentsTable;
  round_due_exceptions: RoundDueExceptionsTable;
  round_reminders: RoundRemindersTable;
  uploads: UploadsTable;
  submission_rows: SubmissionRowsTable;
  period_locks: PeriodLocksTable;
  notices: NoticesTable;
  snapshot_state: SnapshotStateTable;
  snapshots: SnapshotsTable;
  snapshot_observations: SnapshotObservationsTable;
  reports: ReportsTable;
  cup_evidence: CupEvidenceTable;
  report_sequence: ReportSequenceTable;
  report_files: ReportFilesTable;
  jobs: JobsTable;
  supervision_items: SupervisionItemsTable;
  supervision_events: SupervisionEventsTable;
  supervision_reports: SupervisionReportsTable;
  supervision_attachments: SupervisionAttachmentsTable;
  notification_sends: NotificationSendsTable;
  events: EventsTable;
}
