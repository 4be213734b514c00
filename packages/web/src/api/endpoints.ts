// Every endpoint of docs/API.md the web app uses, typed; pages call these, never fetch directly.
import type { CupEvidenceEntry } from '@ding/core';
import { apiPath, apiRequest } from './client.ts';
import type {
  AllocationApproval,
  AllocationProposal,
  AllocationQuery,
  AuditEntry,
  AuditFilter,
  AuditPeopleView,
  CommitReason,
  CupEvidenceInput,
  CupResults,
  CupScheme,
  CurrentPeriod,
  GridRow,
  Id,
  Job,
  NewReport,
  NewUser,
  Notice,
  ObservationVersion,
  PeriodLock,
  PublishResult,
  Plan,
  ProgressRow,
  Report,
  ReportDocument,
  ReportEdits,
  ReportFormat,
  ReviewRow,
  DueException,
  Reminder,
  ReminderPreview,
  Round,
  RoundChanges,
  RoundRate,
  RoundTask,
  Session,
  SubmissionStatus,
  SubmitResult,
  SupervisionItem,
  SupervisionItemDetail,
  SupervisionItemInput,
  SupervisionOverview,
  SupervisionQuery,
  SupervisionReminderRun,
  SupervisionReportInput,
  SupervisionReportRecord,
  SupervisionSend,
  Target,
  UploadPreview,
  User,
  UserChanges,
} from './types.ts';

const seg = (id: Id) => encodeURIComponent(String(id));

const isPreview = (x: unknown): x is UploadPreview =>
  typeof x === 'object' && x !== null && Array.isArray((x as UploadPreview).errors);

/**
 * A submission's answer: a commit's `{submitted, preview}`, or a grid entry's `UploadPreview & {submitted}`
 * (docs/API.md); either way how many figures went in and the checked preview.
 */
export function submitResultRead(x: unknown): SubmitResult {
  if (isPreview(x)) {
    const submitted = (x as { submitted?: unknown }).submitted;
    return { submitted: typeof submitted === 'number' ? submitted : 0, preview: x };
  }
  const r = (x ?? {}) as Partial<SubmitResult>;
  return {
    submitted: typeof r.submitted === 'number' ? r.submitted : 0,
    ...(isPreview(r.preview) ? { preview: r.preview } : {}),
  };
}

/** The preview a refused commit or grid entry carries in its error details (422 validation, 403 scope). */
export function previewOfError(details: unknown): UploadPreview | undefined {
  return isPreview(details) ? details : undefined;
}

export interface ProgressQuery {
  /** Omitted: the server picks the latest quarter with data. */
  period?: string;
  regions: string[];
  core?: boolean;
  lang: 'zh' | 'en';
}

const progressQuery = (q: ProgressQuery) => ({
  period: q.period,
  region: q.regions,
  core: q.core,
  lang: q.lang,
});
const auditQuery = (f: AuditFilter) => ({ entity: f.entity, actor: f.actor, from: f.from, to: f.to });

export const api = {
  auth: {
    login: (username: string, password: string) =>
      apiRequest<Session>('POST', '/auth/login', { json: { username, password } }),
    logout: () => apiRequest<void>('POST', '/auth/logout'),
    me: () => apiRequest<Session>('GET', '/auth/me'),
    /** Change one's own password; every other session of the account ends (403 wrong current, 422 policy). */
    changePassword: (currentPassword: string, newPassword: string) =>
      apiRequest<void>('POST', '/auth/password', { json: { currentPassword, newPassword } }),
  },
  users: {
    list: () => apiRequest<User[]>('GET', '/users'),
    create: (user: NewUser) => apiRequest<User>('POST', '/users', { json: user }),
    update: (id: Id, changes: UserChanges) =>
      apiRequest<User>('PATCH', `/users/${seg(id)}`, { json: changes }),
  },
  plan: {
    /** The plan in force and its stored version (header X-Plan-Version), for edits made on it. */
    get: async (): Promise<{ plan: Plan; version: number | undefined }> => {
      let version: number | undefined;
      const plan = await apiRequest<Plan>('GET', '/plan', {
        onHeaders: (h) => {
          const v = Number(h.get('X-Plan-Version'));
          version = Number.isInteger(v) && v > 0 ? v : undefined;
        },
      });
      return { plan, version };
    },
    /** Replace target `index` (0-based in plan.targets); 409 conflict when the plan moved past `expectedVersion`. */
    updateTarget: (index: number, target: Target, reason: string, expectedVersion?: number) =>
      apiRequest<unknown>('PUT', `/plan/targets/${index}`, { json: { target, reason, expectedVersion } }),
  },
  allocation: {
    /** The towns' proposal for a group target (issue 10); 400/422 name the field at fault. */
    propose: (q: AllocationQuery, signal?: AbortSignal) =>
      apiRequest<AllocationProposal>('GET', '/targets/allocation', {
        query: {
          indicator: q.indicator,
          year: q.year,
          method: q.method,
          group: q.group,
          baseYear: q.baseYear,
          weight: q.weight,
        },
        signal,
      }),
    /** Approve (admin): the towns' targets go into a new plan version, audited with the reason. */
    approve: (q: AllocationQuery, reason: string, expectedVersion?: number) =>
      apiRequest<AllocationApproval>('POST', '/targets/allocation/approve', {
        json: { ...q, reason, expectedVersion },
      }),
  },
  cup: {
    /** The 科技创新杯 scheme in force (status proposal until the bureau adopts it). */
    scheme: () => apiRequest<CupScheme>('GET', '/cup/scheme'),
    /** Every town's points, ranks, awards and what-if for `year`. */
    results: (year: number, signal?: AbortSignal) =>
      apiRequest<CupResults>('GET', '/cup/results', { query: { year }, signal }),
    /** Evidence (佐证材料) for a bonus or deduction item (admin); 422 names the field at fault. */
    addEvidence: (e: CupEvidenceInput) => apiRequest<CupEvidenceEntry>('POST', '/cup/evidence', { json: e }),
    /** Evidence entries of `year`, pending and decided (admin). */
    evidence: (year: number, signal?: AbortSignal) =>
      apiRequest<CupEvidenceEntry[]>('GET', '/cup/evidence', { query: { year }, signal }),
    /** Approve or reject a pending entry (admin; only approved entries score; audited). */
    decide: (id: number, decision: 'approved' | 'rejected') =>
      apiRequest<CupEvidenceEntry>('POST', `/cup/evidence/${id}/decision`, { json: { decision } }),
    xlsxUrl: (year: number) => apiPath('/cup/results.xlsx', { year }),
    /** The 评比结果通报 (DOCX). */
    noticeUrl: (year: number) => apiPath('/cup/results.docx', { year }),
  },
  rounds: {
    list: () => apiRequest<Round[]>('GET', '/rounds'),
    open: (period: string, dueDate: string) =>
      apiRequest<Round>('POST', '/rounds', { json: { period, dueDate } }),
    /** Close or reopen a round, or move its due date (audited). */
    update: (id: Id, changes: RoundChanges) =>
      apiRequest<Round>('PATCH', `/rounds/${seg(id)}`, { json: changes }),
    tasks: (id: Id, submitter?: string) =>
      apiRequest<RoundTask[]>('GET', `/rounds/${seg(id)}/tasks`, { query: { submitter } }),
    rates: (id: Id) => apiRequest<RoundRate[]>('GET', `/rounds/${seg(id)}/rates`),
    /** 延期: a later due date with a reason (audited; units told). */
    extend: (id: Id, dueDate: string, reason: string) =>
      apiRequest<{ round: Round; notified: number }>('POST', `/rounds/${seg(id)}/extend`, {
        json: { dueDate, reason },
      }),
    /** 取消轮次: only while nothing is published (else 409); submissions withdrawn, kept. */
    cancel: (id: Id, reason: string) =>
      apiRequest<{ round: Round; withdrawn: number }>('POST', `/rounds/${seg(id)}/cancel`, {
        json: { reason },
      }),
    /** 单位例外: a unit's own later due date. */
    exceptionSet: (id: Id, submitter: string, dueDate: string, reason: string) =>
      apiRequest<DueException>('POST', `/rounds/${seg(id)}/exceptions`, {
        json: { submitter, dueDate, reason },
      }),
    exceptionClear: (id: Id, submitter: string) =>
      apiRequest<void>('DELETE', `/rounds/${seg(id)}/exceptions/${seg(submitter)}`),
    /** 催报, step 1: what would be sent (nothing is). */
    remindPreview: (id: Id, submitters?: string[]) =>
      apiRequest<ReminderPreview>('POST', `/rounds/${seg(id)}/remind/preview`, {
        json: submitters ? { submitters } : {},
      }),
    /** 催报, step 2: send what the preview with `token` showed. */
    remind: (id: Id, token: string, submitters?: string[]) =>
      apiRequest<{ sent: number; reminder: Reminder }>('POST', `/rounds/${seg(id)}/remind`, {
        json: submitters ? { token, submitters } : { token },
      }),
    reminders: (id: Id) => apiRequest<Reminder[]>('GET', `/rounds/${seg(id)}/reminders`),
    templateUrl: (id: Id) => apiPath(`/rounds/${seg(id)}/template.xlsx`),
    upload: (id: Id, file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<UploadPreview>('POST', `/rounds/${seg(id)}/uploads`, { form });
    },
    putValues: async (id: Id, rows: GridRow[]): Promise<SubmitResult> =>
      submitResultRead(await apiRequest<unknown>('PUT', `/rounds/${seg(id)}/values`, { json: { rows } })),
  },
  uploads: {
    commit: async (id: Id, reasons: CommitReason[]): Promise<SubmitResult> =>
      submitResultRead(
        await apiRequest<unknown>('POST', `/uploads/${seg(id)}/commit`, { json: { reasons } }),
      ),
  },
  notices: {
    list: () => apiRequest<Notice[]>('GET', '/notices'),
    read: (id: Id) => apiRequest<void>('POST', `/notices/${seg(id)}/read`),
  },
  review: {
    list: (status: SubmissionStatus = 'submitted') =>
      apiRequest<ReviewRow[]>('GET', '/review', { query: { status } }),
    approve: (ids: Id[]) => apiRequest<{ approved: number }>('POST', '/review/approve', { json: { ids } }),
    return: (ids: Id[], comment: string) =>
      apiRequest<{ returned: number }>('POST', '/review/return', { json: { ids, comment } }),
    publish: (period: string) => apiRequest<PublishResult>('POST', '/review/publish', { json: { period } }),
  },
  periods: {
    current: () => apiRequest<CurrentPeriod>('GET', '/periods/current'),
    locks: () => apiRequest<PeriodLock[]>('GET', '/periods/locks'),
    lock: (period: string, reason: string) =>
      apiRequest<{ period: string; locked: boolean }>('POST', `/periods/${seg(period)}/lock`, {
        json: { reason },
      }),
    unlock: (period: string, reason: string) =>
      apiRequest<{ period: string; locked: boolean }>('POST', `/periods/${seg(period)}/unlock`, {
        json: { reason },
      }),
  },
  observations: {
    history: (indicator: string, region: string, period: string) =>
      apiRequest<ObservationVersion[]>('GET', '/observations', { query: { indicator, region, period } }),
    revise: (id: Id, value: number, expectedRevision: number, reason: string) =>
      apiRequest<ObservationVersion>('PATCH', `/observations/${seg(id)}`, {
        json: { value, expectedRevision, reason },
      }),
  },
  progress: {
    rows: (q: ProgressQuery, signal?: AbortSignal) =>
      apiRequest<ProgressRow[]>('GET', '/progress', { query: progressQuery(q), signal }),
    csvUrl: (q: ProgressQuery) => apiPath('/progress.csv', progressQuery(q)),
    xlsxUrl: (q: ProgressQuery) => apiPath('/progress.xlsx', progressQuery(q)),
  },
  reports: {
    /** The archive, newest first. */
    list: () => apiRequest<Report[]>('GET', '/reports'),
    /** A draft of the latest published snapshot (admin); 400/404 name what is wrong. */
    create: (draft: NewReport) => apiRequest<Report>('POST', '/reports', { json: draft }),
    /** The report and its document as it will print. */
    preview: (id: Id) =>
      apiRequest<{ report: Report; document: ReportDocument }>('GET', `/reports/${seg(id)}`),
    edit: (id: Id, edits: ReportEdits) =>
      apiRequest<Report>('PUT', `/reports/${seg(id)}/edits`, { json: edits }),
    /** Queue the generation; follow the job with api.jobs.get. */
    generate: (id: Id) =>
      apiRequest<{ jobId: string; reportId: string }>('POST', `/reports/${seg(id)}/generate`),
    fileUrl: (id: Id, format: ReportFormat) => apiPath(`/reports/${seg(id)}/files/${format}`),
  },
  jobs: {
    get: (id: Id) => apiRequest<Job>('GET', `/jobs/${seg(id)}`),
  },
  supervision: {
    /** Items with their light and its rule, red first (server order), the unit ranking and the counts. */
    overview: (q: SupervisionQuery, signal?: AbortSignal) =>
      apiRequest<SupervisionOverview>('GET', '/supervision', {
        query: { unit: q.unit, light: q.light, state: q.state, mine: q.mine },
        signal,
      }),
    /** One item with its timeline, every report (returned ones too) and its reporting periods. */
    item: (id: Id) => apiRequest<SupervisionItemDetail>('GET', `/supervision/items/${seg(id)}`),
    /** 立项 + 交办 (admin); 422 lists every field at fault. */
    create: (input: SupervisionItemInput) =>
      apiRequest<SupervisionItem>('POST', '/supervision/items', { json: input }),
    update: (id: Id, input: SupervisionItemInput) =>
      apiRequest<SupervisionItem>('PUT', `/supervision/items/${seg(id)}`, { json: input }),
    /** 签收 (the lead unit). */
    acknowledge: (id: Id) => apiRequest<{ ok: true }>('POST', `/supervision/items/${seg(id)}/acknowledge`),
    /** 反馈: the lead unit's 进展 of a period or a cooperating unit's part, with ≤ 5 attachments. */
    report: (id: Id, input: SupervisionReportInput) => {
      const form = new FormData();
      if (input.period) form.append('period', input.period);
      form.append('text', input.text);
      if (input.percentDone !== undefined) form.append('percentDone', String(input.percentDone));
      for (const f of input.files) form.append('attachments', f, f.name);
      return apiRequest<SupervisionReportRecord>('POST', `/supervision/items/${seg(id)}/reports`, { form });
    },
    /** 审核通过, or 退办 with a reason (admin). */
    decide: (id: Id, reportId: Id, decision: 'accepted' | 'returned', reason?: string) =>
      apiRequest<SupervisionReportRecord>(
        'POST',
        `/supervision/items/${seg(id)}/reports/${seg(reportId)}/decision`,
        { json: reason === undefined ? { decision } : { decision, reason } },
      ),
    /** 延期: before the deadline in force, a later date and a reason. */
    requestExtension: (id: Id, newDeadline: string, reason: string) =>
      apiRequest<{ ok: true }>('POST', `/supervision/items/${seg(id)}/extension`, {
        json: { newDeadline, reason },
      }),
    decideExtension: (id: Id, decision: 'approved' | 'rejected') =>
      apiRequest<{ ok: true }>('POST', `/supervision/items/${seg(id)}/extension/decision`, {
        json: { decision },
      }),
    /** 办结 or 销号 (admin). */
    finish: (id: Id, step: 'complete' | 'close', note?: string) =>
      apiRequest<{ ok: true }>('POST', `/supervision/items/${seg(id)}/${step}`, {
        json: note ? { note } : {},
      }),
    attachmentUrl: (id: Id) => apiPath(`/supervision/attachments/${seg(id)}`),
    /** Today's reminder digests (admin): a dry run previews them, otherwise they are sent once each. */
    runReminders: (dryRun: boolean) =>
      apiRequest<SupervisionReminderRun>('POST', '/supervision/reminders/run', { json: { dryRun } }),
    /** The send log (admin), newest first. */
    sends: (limit = 200) => apiRequest<SupervisionSend[]>('GET', '/supervision/sends', { query: { limit } }),
  },
  audit: {
    list: (f: AuditFilter) => apiRequest<AuditEntry[]>('GET', '/audit', { query: auditQuery(f) }),
    /** The rows as people read them: names, changes, one row per operation with its items. */
    people: (f: AuditFilter) =>
      apiRequest<AuditPeopleView>('GET', '/audit', { query: { ...auditQuery(f), view: 'people' } }),
    csvUrl: (f: AuditFilter) => apiPath('/audit.csv', auditQuery(f)),
  },
};
