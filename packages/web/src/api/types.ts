// Wire types of the HTTP API (docs/API.md; the server's Zod schemas in packages/server/src/http/schemas and
// the collection service's shapes). Domain types come from @ding/core, as types only.
import type {
  AllocationProposal as CoreAllocationProposal,
  LocalizedName,
  Plan,
  ProgressRow,
  Role,
  Target,
} from '@ding/core';

export type { Plan, ProgressRow, Role, Target };
export type { CupEvidenceInput, CupResults, CupScheme, CupTownResult } from '@ding/core';

/** Ids are opaque: the web app only echoes them back in paths and bodies. */
export type Id = string | number;

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  /** Plan department code of a department reporter. */
  department?: string;
  /** Region code of a town reporter. */
  region?: string;
  active: boolean;
  /** Contacts for reminder digests. */
  email?: string;
  phone?: string;
  /** An admin set the password: it must be changed before anything else. */
  mustChangePassword?: true;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  department?: string;
  region?: string;
  email?: string;
  phone?: string;
}

/** PATCH /users/:id: null clears the department or region. */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  department?: string | null;
  region?: string | null;
  active?: boolean;
  password?: string;
  email?: string | null;
  phone?: string | null;
}

export interface Round {
  id: Id;
  period: string;
  dueDate: string;
  /** 'cancelled' is final: opened by mistake, accepts nothing. */
  status: 'open' | 'closed' | 'cancelled';
  openedAt: string;
  openedBy: string;
  cancelledAt?: string;
  cancelledBy?: string;
  cancelReason?: string;
  /** Figures owed in the round. */
  assignments?: number;
  /** Units with their own later due date (单位例外). */
  exceptions?: DueException[];
}

/** A unit's own later due date in a round. */
export interface DueException {
  submitter: string;
  name?: string;
  dueDate: string;
  reason: string;
  setAt: string;
  setBy: string;
}

/** One unit a 催报 reaches (or reached), with its text. */
export interface ReminderRecipient {
  submitter: string;
  name: string;
  owing: number;
  dueDate: string;
  message: { zh: string; en: string };
  noticeId?: string;
}

/** A unit a 催报 cannot reach: no active account (无可用账号). */
export interface ReminderSkipped {
  submitter: string;
  name: string;
  owing: number;
  dueDate: string;
  reason: 'no_account';
}

/** POST /rounds/:id/remind/preview: confirm with its token. */
export interface ReminderPreview {
  roundId: Id;
  period: string;
  recipients: ReminderRecipient[];
  skipped: ReminderSkipped[];
  token: string;
}

/** A confirmed 催报 in the round's history. */
export interface Reminder {
  id: string;
  roundId: Id;
  sentAt: string;
  sentBy: string;
  recipients: ReminderRecipient[];
  skipped: ReminderSkipped[];
}

export interface RoundChanges {
  dueDate?: string;
  status?: 'open' | 'closed';
  reason?: string;
}

export type SubmissionStatus = 'submitted' | 'approved' | 'returned' | 'published';

/** How far a period is published (GET /periods/current). */
export interface PeriodPublication {
  period: string;
  coreDue: number;
  coreWithValue: number;
  regionsPublished: number;
  regionsTotal: number;
}

/** GET /periods/current: the one "current period" rule (core's currentPeriodResolve), and the synthetic flag. */
export interface CurrentPeriod {
  period: string | null;
  basis: 'substantial' | 'latest_with_data' | 'none';
  coverage: PeriodPublication | null;
  /** A later quarter with some figures, not yet substantially published (填报中). */
  collecting: PeriodPublication | null;
  /** Any published observation in force is synthetic demo data. */
  synthetic: boolean;
  rule: { zh: string; en: string };
}

export interface PeriodLock {
  period: string;
  locked: boolean;
  changedBy: string;
  changedAt: string;
  reason: string;
}

export interface PublishResult {
  /** Approved figures now published. */
  published: number;
  /** Figures stored for the first time. */
  created?: number;
  /** Figures that got a new revision (the previous value kept). */
  revised?: number;
  /** Figures identical to the value already published. */
  unchanged?: number;
}

export type TaskStatus = 'pending' | 'submitted' | 'approved' | 'returned' | 'published';

/** One figure a submitter owes in a round (the contract's `Task`; renamed: a plan Task is an action's task). */
export interface RoundTask {
  /** 'town:330282004' or 'department:tjj'. */
  submitter?: string;
  submitterName?: string;
  indicator: string;
  indicatorName?: string;
  region: string;
  regionName?: string;
  period: string;
  unit: string;
  decimals?: number;
  status: TaskStatus;
  value?: number;
  note?: string;
  reason?: string;
  lastPeriod?: number;
  lastYear?: number;
  /** The reviewer's comment when the figure was returned. */
  comment?: string;
  /** First submission. */
  submittedAt?: string;
  submissionId?: string;
  /** The submitter's due date in force (its own, or the round's). */
  dueDate?: string;
}

export interface RoundRate {
  submitter: string;
  name: string;
  total: number;
  submitted: number;
  approved: number;
  onTime: number;
  /** submitted / total, 0–1. */
  rate: number;
  /** onTime / total, 0–1 (a figure not yet in is not on time); null before the due date (未到截止日). */
  onTimeRate: number | null;
  /** The unit's due date in force. */
  dueDate?: string;
  /** Its due date has passed. */
  due?: boolean;
  /** Figures still owed after it. */
  overdue?: number;
}

export interface Notice {
  id: Id;
  /** A submitter key ('town:330282004') or a user id. */
  recipient?: string;
  roundId?: Id;
  message: string | LocalizedName;
  createdAt: string;
  createdBy?: string;
  readAt?: string;
}

/** A located import problem (packages/server/src/import/errors.ts); `kind` stays open for kinds added later. */
export interface ImportProblem {
  kind: string;
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  message: LocalizedName;
  /** What the cell held, when the server could not read it (not_a_number, unknown_indicator, …). */
  text?: string;
  /** The offending number (negative_value, out_of_range). */
  value?: number;
}

/** One parsed row of an upload as the preview shows it, with its reference values and verdict. */
export interface PreviewRow {
  row: number;
  sheet?: string;
  indicator: string;
  indicatorName?: string;
  region: string;
  regionName?: string;
  period: string;
  unit?: string;
  value: number;
  vintage?: string;
  note?: string;
  reason?: string;
  lastPeriod?: number;
  lastYear?: number;
  /** YoY change vs last year's published value: percent, or percentage points (yoyMeasure). */
  yoy?: number;
  yoyMeasure?: 'percent' | 'points';
  verdict?: 'ok' | 'warning' | 'error';
}

export interface UploadPreview {
  /** Null when nothing was stored (grid entry with errors). */
  id: Id | null;
  roundId?: Id;
  fileName: string;
  ok: boolean;
  rows: PreviewRow[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface GridRow {
  indicator: string;
  region: string;
  period?: string;
  value: number;
  note?: string;
  reason?: string;
  /** The submission in force the value was entered over (the task's submissionId), null for none: 409 if stale. */
  basedOn?: string | null;
}

/** What a grid submission or a commit answers: how many figures went in, and the checked preview. */
export interface SubmitResult {
  submitted: number;
  preview?: UploadPreview;
}

export interface CommitReason {
  row: number;
  sheet?: string;
  reason: string;
}

export interface ReviewRow {
  id: Id;
  roundId?: Id;
  round?: string;
  submitter?: string;
  submitterName?: string;
  indicator: string;
  indicatorName?: string;
  region: string;
  regionName?: string;
  period: string;
  unit?: string;
  value: number;
  vintage?: string;
  status?: string;
  /** The published value this would replace, if any. */
  previous?: number;
  lastYear?: number;
  yoy?: number;
  yoyMeasure?: 'percent' | 'points';
  note?: string;
  reason?: string;
  /** The uploaded file (or 在线填报). */
  source?: string;
  submittedBy: string;
  submittedAt: string;
  comment?: string;
}

/** One version of a stored figure (GET /observations: all versions, newest first). */
export interface ObservationVersion {
  id: Id;
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: 'flash' | 'annual' | 'revised';
  provenance: 'real' | 'synthetic';
  citation?: string;
  source?: string;
  note?: string;
  status: string;
  revision: number;
  supersedes?: string;
  current: boolean;
  batchId?: string;
  createdAt: string;
  createdBy: string;
}

export interface AuditEntry {
  id: Id;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  old: unknown;
  new: unknown;
  reason?: string;
}

/** One field of old → new as people read it (server audit/present.ts). */
export interface AuditChangeView {
  field: string;
  label: LocalizedName;
  /** Absent: no value on that side. */
  old?: LocalizedName;
  new?: LocalizedName;
}

export interface AuditItemView {
  entryId?: number;
  object: LocalizedName;
  changes: AuditChangeView[];
}

/** One line of the log: one operation, its items expandable (GET /audit?view=people). */
export interface AuditRowView {
  key: string;
  entryIds: number[];
  at: string;
  actor: string;
  actorName?: string;
  action: string;
  actionName: LocalizedName;
  entity: string;
  entityName: LocalizedName;
  entityId: string;
  object: LocalizedName;
  summary: LocalizedName;
  count: number;
  changes: AuditChangeView[];
  items: AuditItemView[];
  itemsTotal: number;
  reason?: string;
}

export interface AuditPeopleView {
  rows: AuditRowView[];
  entities: { code: string; name: LocalizedName }[];
  actions: { code: string; name: LocalizedName }[];
}

export interface AuditFilter {
  entity?: string;
  actor?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

// ---- reports (server http/schemas/reports.ts; the document model is core's report/document.ts) ----

export type {
  ReportDocument,
  ReportBlock,
  InlinePart,
  NumberPart,
  NumberSource,
  ChartSpec,
} from '@ding/core';

export type ReportMode = 'full' | 'indicator' | 'custom';
export type ReportStatus = 'draft' | 'generating' | 'final' | 'failed';
export type ReportFormat = 'docx' | 'pdf';

export interface ReportOptions {
  indicator?: string;
  sections?: string[];
  indicators?: string[];
  regions?: string[];
  lang?: 'zh' | 'en';
  redHeader?: boolean;
  formats?: ReportFormat[];
}

/** 存在问题 paragraphs (problems[i] is the paragraph problems.{i+1}; null keeps it as drafted) and 下步工作. */
export interface ReportEdits {
  problems?: (string | null)[];
  nextSteps?: string[];
}

/** A report of the archive (GET /reports). */
export interface Report {
  id: string;
  snapshotId: number;
  period: string;
  mode: ReportMode;
  options: ReportOptions;
  status: ReportStatus;
  /** 期数 of a final full report: 2025年第3期（总第N期）. */
  issue?: { year: number; number: number; total: number };
  edits?: ReportEdits;
  error?: string;
  createdAt: string;
  createdBy: string;
  finalisedAt?: string;
  files: { format: ReportFormat; sha256: string; size: number }[];
}

export interface NewReport {
  period: string;
  mode: ReportMode;
  options?: ReportOptions;
  snapshotId?: number;
}

/** A background job (GET /jobs/:id). */
export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** 0–100. */
  progress: number;
  stage?: string;
  error?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** Target allocation to towns (issue 10): core's engine/allocation.ts types, as GET /targets/allocation sends them. */
export type {
  AllocationChecks,
  AllocationManualResult,
  AllocationMethod,
  AllocationRequest as AllocationQuery,
  AllocationRow,
} from '@ding/core';

/** A proposal with the plan version it was computed on (sent back as expectedVersion on approve). */
export type AllocationProposal = CoreAllocationProposal & { planVersion?: number };

/** POST /targets/allocation/approve: the plan version the towns' targets went into. */
export interface AllocationApproval {
  id: string;
  planId: string;
  version: number;
  loadedAt: string;
  loadedBy: string;
  active: boolean;
  proposal: AllocationProposal;
}

/** 督查督办 (issue 11): core's supervision views, as /supervision sends them. */
export type {
  Milestone,
  SupervisionItem,
  SupervisionItemDetail,
  SupervisionItemView,
  SupervisionLight,
  SupervisionOverview,
  SupervisionReportRecord,
  SupervisionState,
  SupervisionType,
} from '@ding/core';

/** GET /supervision's filters; `mine` asks for the caller's unit's own items. */
export interface SupervisionQuery {
  unit?: string;
  light?: string;
  state?: string;
  mine?: boolean;
}

/** POST /supervision/items and PUT …/{id} (admin): the server numbers the item and checks it whole. */
export interface SupervisionItemInput {
  type: string;
  title: { zh: string; en: string };
  leadUnits: string[];
  cooperatingUnits: string[];
  leader?: { name: string; userId?: string };
  contact?: { name: string; phone: string };
  assignedOn?: string;
  /** Omitted: the type's default (交办 + SUPERVISION_DEFAULT_DAYS, 方案任务 the year's end). */
  deadline?: string;
  cadence?: 'monthly' | 'quarterly';
  milestones?: { date: string; deliverable: string }[];
  indicators?: string[];
  source?: string;
}

/** POST /supervision/items/{id}/reports: a lead unit's 进展 or a cooperating unit's part, with files. */
export interface SupervisionReportInput {
  period?: string;
  text: string;
  percentDone?: number;
  files: File[];
}

/** One person's digest of the day, as POST /supervision/reminders/run previews and sends it. */
export interface SupervisionDigestPreview {
  userId: string;
  username: string;
  displayName: string;
  /** zh-CN, as the message is sent. */
  subject: string;
  text: string;
  /** How many lines (entries) the digest has. */
  entries: number;
  /** The channels that reach this person (in-app, email, webhook …). */
  channels: string[];
}

export interface SupervisionDispatch {
  sent: number;
  skipped: number;
  failed: number;
  dead: number;
}

export interface SupervisionReminderRun {
  date: string;
  digests: SupervisionDigestPreview[];
  /** Only when not a dry run. */
  dispatch?: SupervisionDispatch;
}

/** GET /supervision/sends: the send log, one row per message and channel. */
export interface SupervisionSend {
  id: string;
  key: string;
  channel: string;
  recipientUserId: string;
  address: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed' | 'dead';
  attempts: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  createdAt: string;
  sentAt?: string | null;
}
