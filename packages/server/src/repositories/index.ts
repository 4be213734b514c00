// The repositories, bundled: the only code that knows SQL. Bind them to a transaction with `transaction`.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ImportBatchRepository } from './import-batches.ts';
import { ObservationRepository } from './observations.ts';
import { PlanRepository } from './plans.ts';
import { systemClock, transactional, type Clock } from './support.ts';
import { UserRepository } from './users.ts';
import { SessionRepository } from './sessions.ts';
import { LoginAttemptRepository } from './login-attempts.ts';
import { AuditRepository } from './audit.ts';
import { RoundRepository } from './collection-rounds.ts';
import { SubmissionRepository } from './collection-submissions.ts';
import { PeriodLockRepository } from './collection-locks.ts';
import { NoticeRepository } from './collection-notices.ts';
import { SnapshotRepository } from './snapshots.ts';
import { CupEvidenceRepository } from './cup-evidence.ts';
import { SupervisionRepository } from './supervision.ts';
import { EventLogRepository } from './events.ts';
import { NotificationSendRepository } from './notification-sends.ts';
export {
  ReportIssueMismatchError,
  ReportRepository,
  type NewReport,
  type RenderedFile,
  type Report,
  type ReportEdits,
  type ReportFile,
  type ReportFileMeta,
  type ReportFormat,
  type ReportIssue,
  type ReportMode,
  type ReportOptions,
  type ReportStatus,
} from './reports.ts';
export { JobRepository, type Job, type JobStatus, type NewJob } from './jobs.ts';
export { CupEvidenceRepository, type CupEvidenceRecord, type NewCupEvidence } from './cup-evidence.ts';
export { EventLogRepository, type LoggedEvent } from './events.ts';
export {
  SupervisionRepository,
  type NewAttachment,
  type NewReport as NewSupervisionReport,
} from './supervision.ts';
export {
  NotificationSendRepository,
  type NewNotificationSend,
  type NotificationClaim,
  type NotificationSend,
  type NotificationSendStatus,
} from './notification-sends.ts';
import { ReportRepository } from './reports.ts';
import { JobRepository } from './jobs.ts';

export interface Repositories {
  plans: PlanRepository;
  observations: ObservationRepository;
  importBatches: ImportBatchRepository;
  users: UserRepository;
  sessions: SessionRepository;
  loginAttempts: LoginAttemptRepository;
  audit: AuditRepository;
  /** Collection rounds and assignments (issue 3 §3). */
  rounds: RoundRepository;
  /** Uploads and submitted figures awaiting review and publication. */
  submissions: SubmissionRepository;
  periodLocks: PeriodLockRepository;
  notices: NoticeRepository;
  /** Published snapshots: the observation revisions in force at a publication, import or init. */
  snapshots: SnapshotRepository;
  /** The report archive: reports of a snapshot, their numbers and files. */
  reports: ReportRepository;
  /** Background jobs (jobs/runner.ts). */
  jobs: JobRepository;
  /** 科技创新杯 evidence (佐证材料) for bonus/deduction items. */
  cupEvidence: CupEvidenceRepository;
  /** 督查督办: items, their timeline, progress reports and attachments. */
  supervision: SupervisionRepository;
  /** The event log screens resume from (SSE Last-Event-ID) and server-mode instances read after NOTIFY. */
  events: EventLogRepository;
  /** The notification send log: one row per message key × channel (notify/dispatch.ts). */
  notificationSends: NotificationSendRepository;
  /**
   * Run `fn` with repositories bound to one database transaction: if it throws, nothing it wrote
   * stays. Called inside a transaction already, it joins that one.
   */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface RepositoryOptions {
  /** Source of timestamps (ISO-8601 UTC); default the system clock. */
  clock?: Clock;
}

export function createRepositories(db: Kysely<Database>, options: RepositoryOptions = {}): Repositories {
  const clock = options.clock ?? systemClock;
  const tx = transactional(db);
  return {
    plans: new PlanRepository(db, tx, clock),
    observations: new ObservationRepository(db, tx, clock),
    importBatches: new ImportBatchRepository(db, clock),
    users: new UserRepository(db, clock),
    sessions: new SessionRepository(db),
    loginAttempts: new LoginAttemptRepository(db),
    audit: new AuditRepository(db, clock),
    rounds: new RoundRepository(db, clock),
    submissions: new SubmissionRepository(db, clock),
    periodLocks: new PeriodLockRepository(db, clock),
    notices: new NoticeRepository(db, clock),
    snapshots: new SnapshotRepository(db, tx, clock),
    reports: new ReportRepository(db, tx, clock),
    jobs: new JobRepository(db, clock),
    cupEvidence: new CupEvidenceRepository(db, clock),
    supervision: new SupervisionRepository(db, clock),
    events: new EventLogRepository(db),
    notificationSends: new NotificationSendRepository(db, clock),
    transaction: (fn) => tx((trx) => fn(createRepositories(trx, options))),
  };
}

export { ObservationRepository, ConcurrentUpdateError } from './observations.ts';
export type {
  InsertOptions,
  InsertSummary,
  ObservationQuery,
  ReviseError,
  RevisionChange,
} from './observations.ts';
export { PlanRepository } from './plans.ts';
export type { SavePlanOptions, StoredPlanContent } from './plans.ts';
export { ImportBatchRepository } from './import-batches.ts';
export type { NewImportBatch } from './import-batches.ts';
export {
  VINTAGE_RANK,
  periodOrder,
  type ImportBatch,
  type ImportFormat,
  type NewObservation,
  type ObservationKey,
  type ObservationRecord,
  type StoredPlan,
} from './records.ts';
export { RepositoryError, systemClock, type Clock } from './support.ts';
export { UserRepository, type NewUser, type UserChanges, type UserRecord } from './users.ts';
export { SessionRepository, type SessionRecord } from './sessions.ts';
export { LoginAttemptRepository, type LoginAttempt } from './login-attempts.ts';
export { AuditRepository, type AuditEntry, type AuditQuery, type NewAuditEntry } from './audit.ts';
export {
  RoundRepository,
  type AssignmentStatus,
  type DueException,
  type FigureCell,
  type NewAssignment,
  type ReminderRecipient,
  type ReminderSkipped,
  type Round,
  type RoundAssignment,
  type RoundReminder,
  type RoundStatus,
} from './collection-rounds.ts';
export {
  SubmissionRepository,
  type NewSubmission,
  type NewUpload,
  type Submission,
  type SubmissionQuery,
  type SubmissionStatus,
  type Upload,
  type UploadFormat,
} from './collection-submissions.ts';
export { PeriodLockRepository, type PeriodLock } from './collection-locks.ts';
export { NoticeRepository, type NewNotice, type Notice } from './collection-notices.ts';
export {
  SnapshotRepository,
  type NewSnapshot,
  type Snapshot,
  type SnapshotFreshness,
  type SnapshotObservationQuery,
  type SnapshotReason,
} from './snapshots.ts';
