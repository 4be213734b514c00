// Request and response shapes of the collection API: rounds, tasks, rates, uploads and their previews,
// grid entry, notices, review and publication, period locks (docs/API.md, Rounds and Review).
import { z } from '@hono/zod-openapi';
import { ReasonSchema } from './common.ts';

const Period = z
  .string()
  .regex(/^\d{4}(Q[1-4])?$/, 'period must be YYYY or YYYYQn')
  .openapi({ example: '2025Q4' });
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .openapi({ example: '2026-01-15' });
const Localized = z.object({ zh: z.string(), en: z.string() });
const SubmissionStatus = z.enum(['submitted', 'approved', 'returned', 'published']);
const AssignmentStatus = z
  .enum(['pending', 'submitted', 'approved', 'returned', 'published'])
  .openapi({ description: '待报 / 已报 / 已审核 / 已退回 / 已发布' });
const Submitter = z
  .string()
  .openapi({ example: 'town:330282004', description: "'town:<region>' or 'department:<code>'" });

export const RoundIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const UploadIdParamsSchema = RoundIdParamsSchema;
export const PeriodParamsSchema = z.object({
  period: Period.openapi({ param: { name: 'period', in: 'path' } }),
});

export const DueExceptionSchema = z
  .object({
    submitter: z.string(),
    name: z.string().optional(),
    dueDate: z.string().openapi({ description: "the unit's own due date, later than the round's" }),
    reason: z.string(),
    setAt: z.string(),
    setBy: z.string(),
  })
  .openapi('DueException');

export const RoundSchema = z
  .object({
    id: z.string(),
    period: z.string(),
    dueDate: z.string(),
    status: z
      .enum(['open', 'closed', 'cancelled'])
      .openapi({ description: '进行中 / 已关闭 (reopenable) / 已取消 (final: accepts nothing)' }),
    openedAt: z.string(),
    openedBy: z.string(),
    cancelledAt: z.string().optional(),
    cancelledBy: z.string().optional(),
    cancelReason: z.string().optional(),
    assignments: z.number().int().openapi({ description: 'figures owed in the round' }),
    exceptions: z
      .array(DueExceptionSchema)
      .openapi({ description: 'units with their own later due date (单位例外)' }),
  })
  .openapi('Round');

export const RoundExtendSchema = z
  .object({
    dueDate: IsoDate.openapi({ description: 'later than the current due date, not before today (UTC+8)' }),
    reason: z.string().max(2000).optional().openapi({ description: 'required: why (kept in the audit log)' }),
  })
  .openapi('RoundExtend');

export const RoundExtendResultSchema = z
  .object({
    round: RoundSchema,
    notified: z.number().int().openapi({ description: 'units told by an in-app notice' }),
  })
  .openapi('RoundExtendResult');

export const RoundCancelSchema = z
  .object({
    reason: z.string().max(2000).optional().openapi({ description: 'required: why (kept in the audit log)' }),
  })
  .openapi('RoundCancel');

export const RoundCancelResultSchema = z
  .object({
    round: RoundSchema,
    withdrawn: z
      .number()
      .int()
      .openapi({ description: 'submissions withdrawn (kept, flagged, no longer in force)' }),
  })
  .openapi('RoundCancelResult');

export const DueExceptionSetSchema = z
  .object({
    submitter: Submitter,
    dueDate: IsoDate.openapi({ description: "later than the round's due date, not before today (UTC+8)" }),
    reason: z.string().max(2000).optional().openapi({ description: 'required: why (kept in the audit log)' }),
  })
  .openapi('DueExceptionSet');

export const ExceptionParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
  submitter: Submitter.openapi({ param: { name: 'submitter', in: 'path' } }),
});

const ReminderRecipientSchema = z.object({
  submitter: z.string(),
  name: z.string(),
  owing: z.number().int().openapi({ description: 'figures still owed' }),
  dueDate: z.string().openapi({ description: "the unit's due date in force" }),
  message: Localized,
  noticeId: z.string().optional(),
});

const ReminderSkippedSchema = z.object({
  submitter: z.string(),
  name: z.string(),
  owing: z.number().int(),
  dueDate: z.string(),
  reason: z.enum(['no_account']).openapi({ description: 'no active account reports for it (无可用账号)' }),
});

export const ReminderPreviewSchema = z
  .object({
    roundId: z.string(),
    period: z.string(),
    recipients: z.array(ReminderRecipientSchema),
    skipped: z.array(ReminderSkippedSchema),
    token: z.string().openapi({ description: 'confirm with POST /rounds/{id}/remind { token }' }),
  })
  .openapi('ReminderPreview');

export const ReminderSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    sentAt: z.string(),
    sentBy: z.string(),
    recipients: z.array(ReminderRecipientSchema),
    skipped: z.array(ReminderSkippedSchema),
  })
  .openapi('Reminder');

export const RoundCreateSchema = z.object({ period: Period, dueDate: IsoDate }).openapi('RoundCreate');

export const RoundPatchSchema = z
  .object({
    dueDate: IsoDate.optional(),
    status: z.enum(['open', 'closed']).optional().openapi({ description: 'close a round, or reopen it' }),
    reason: ReasonSchema.optional(),
  })
  .openapi('RoundPatch');

export const TasksQuerySchema = z.object({
  submitter: Submitter.optional().openapi({
    description: 'admin and leader only; a reporter always gets its own',
  }),
});

export const TaskSchema = z
  .object({
    submitter: z.string(),
    submitterName: z.string(),
    indicator: z.string(),
    indicatorName: z.string(),
    region: z.string(),
    regionName: z.string(),
    period: z
      .string()
      .openapi({ description: "the figure's period: the round's, or its year for an annual indicator" }),
    unit: z.string(),
    decimals: z.number().int(),
    status: AssignmentStatus,
    dueDate: z
      .string()
      .openapi({ description: "the submitter's due date in force (its own, or the round's)" }),
    value: z.number().optional(),
    note: z.string().optional(),
    reason: z.string().optional(),
    lastPeriod: z.number().optional().openapi({ description: '上期值 (published)' }),
    lastYear: z.number().optional().openapi({ description: '上年同期值 (published)' }),
    comment: z.string().optional().openapi({ description: "the reviewer's comment when returned" }),
    submittedAt: z.string().optional().openapi({ description: 'first submission' }),
    submissionId: z.string().optional(),
  })
  .openapi('Task');

export const RateSchema = z
  .object({
    submitter: z.string(),
    name: z.string(),
    total: z.number().int(),
    submitted: z.number().int().openapi({ description: 'submitted, approved or published' }),
    approved: z.number().int(),
    onTime: z.number().int().openapi({ description: 'first submitted by the end of the due date (UTC+8)' }),
    rate: z.number().openapi({ description: 'submitted / total, 0–1' }),
    onTimeRate: z.number().nullable().openapi({
      description: 'onTime / total, 0–1; null before the unit’s due date has passed (未到截止日)',
    }),
    dueDate: z.string().openapi({ description: "the unit's due date in force (its own, or the round's)" }),
    due: z.boolean().openapi({ description: 'the due date has passed' }),
    overdue: z.number().int().openapi({ description: 'figures still owed after the due date' }),
  })
  .openapi('SubmitterRate');

export const RemindPreviewRequestSchema = z
  .object({
    submitters: z
      .array(Submitter)
      .optional()
      .openapi({ description: 'default: every submitter still owing' }),
  })
  .openapi('RemindPreviewRequest');

export const RemindSchema = RemindPreviewRequestSchema.extend({
  token: z
    .string()
    .optional()
    .openapi({ description: "required: the preview's token (send what was previewed)" }),
}).openapi('Remind');

export const RemindResultSchema = z
  .object({ sent: z.number().int(), reminder: ReminderSchema })
  .openapi('RemindResult');

export const UploadFormSchema = z.object({
  file: z
    .custom<File>((v) => v instanceof File, { message: 'a file (xlsx or csv) is required in field `file`' })
    .openapi({ type: 'string', format: 'binary' }),
  reason: z.string().optional().openapi({ description: 'admin only: why a locked period is changed' }),
});

export const PreviewIssueSchema = z
  .looseObject({
    kind: z.string().openapi({
      example: 'needs_reason',
      description:
        'import kinds (not_a_number, negative_value, out_of_range, unknown_indicator, unknown_region, duplicate_row, unit_mismatch, …) and collection kinds (out_of_scope, not_assigned, period_not_open, round_closed, period_locked, already_reviewed, unit_scale, needs_reason; warnings yoy_explained, rows_skipped)',
    }),
    file: z.string(),
    sheet: z.string().optional(),
    row: z.number().int().optional(),
    column: z.string().optional(),
    field: z.string().optional(),
    message: Localized,
  })
  .openapi('PreviewIssue');

/** A figure's submission in force: its id is the version a later entry or commit is based on. */
export const InForceSchema = z
  .object({
    submissionId: z.string(),
    value: z.number(),
    submittedBy: z.string(),
    submittedAt: z.string(),
    status: z.string(),
  })
  .openapi('InForceSubmission');

export const PreviewRowSchema = z
  .object({
    row: z.number().int(),
    sheet: z.string().optional(),
    indicator: z.string(),
    indicatorName: z.string(),
    region: z.string(),
    regionName: z.string(),
    period: z.string(),
    unit: z.string(),
    value: z.number(),
    vintage: z.string(),
    note: z.string().optional(),
    reason: z.string().optional(),
    lastPeriod: z.number().optional(),
    lastYear: z.number().optional(),
    yoy: z.number().optional(),
    yoyMeasure: z.enum(['percent', 'points']).optional(),
    inForce: InForceSchema.optional().openapi({
      description: 'the submission this row would replace (someone’s figure already submitted this round)',
    }),
    verdict: z.enum(['ok', 'warning', 'error']),
  })
  .openapi('PreviewRow');

export const UploadPreviewSchema = z
  .object({
    id: z
      .string()
      .nullable()
      .openapi({ description: 'null when nothing was stored (grid entry with errors)' }),
    roundId: z.string(),
    fileName: z.string(),
    ok: z.boolean(),
    rows: z.array(PreviewRowSchema),
    errors: z.array(PreviewIssueSchema),
    warnings: z.array(PreviewIssueSchema),
    committedAt: z.string().optional(),
  })
  .openapi('UploadPreview');

export const CommitSchema = z
  .object({
    reasons: z
      .array(
        z.object({
          row: z.number().int().min(0),
          sheet: z.string().optional(),
          reason: z.string().max(2000),
        }),
      )
      .optional()
      .openapi({ description: 'reasons for YoY jumps, by the row (and sheet) the preview gave' }),
    reason: ReasonSchema.optional().openapi({ description: 'admin only: why a locked period is changed' }),
  })
  .openapi('UploadCommit');

export const CommitResultSchema = z
  .object({ submitted: z.number().int(), preview: UploadPreviewSchema })
  .openapi('UploadCommitResult');

export const GridSchema = z
  .object({
    rows: z
      .array(
        z.object({
          indicator: z.string(),
          region: z.string(),
          value: z.union([z.number(), z.string(), z.null()]),
          period: z.string().optional(),
          vintage: z.string().optional(),
          note: z.string().max(2000).optional(),
          reason: z.string().max(2000).optional(),
          basedOn: z.string().max(100).nullable().optional().openapi({
            description:
              'the submission in force the value was entered over (task.submissionId); null or omitted: none. A figure submitted since gets 409 conflict with the newer value',
          }),
        }),
      )
      .min(1)
      .max(20_000),
    reason: ReasonSchema.optional().openapi({ description: 'admin only: why a locked period is changed' }),
  })
  .openapi('GridEntry');

export const GridResultSchema = UploadPreviewSchema.extend({
  submitted: z.number().int().openapi({ description: 'rows submitted (0 when errors remain)' }),
}).openapi('GridEntryResult');

export const NoticeSchema = z
  .object({
    id: z.string(),
    recipient: z.string(),
    roundId: z.string().optional(),
    message: Localized,
    createdAt: z.string(),
    createdBy: z.string(),
    readAt: z.string().optional(),
  })
  .openapi('Notice');

export const ReviewQuerySchema = z.object({
  status: SubmissionStatus.optional().openapi({ description: 'default submitted (awaiting review)' }),
  period: Period.optional().openapi({ description: "a round's period" }),
  submitter: Submitter.optional(),
});

export const ReviewRowSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    round: z.string(),
    submitter: z.string(),
    submitterName: z.string(),
    indicator: z.string(),
    indicatorName: z.string(),
    region: z.string(),
    regionName: z.string(),
    period: z.string(),
    unit: z.string(),
    value: z.number(),
    vintage: z.string(),
    status: SubmissionStatus,
    previous: z.number().optional().openapi({ description: 'the published value this would replace' }),
    lastYear: z.number().optional(),
    yoy: z.number().optional(),
    yoyMeasure: z.enum(['percent', 'points']).optional(),
    note: z.string().optional(),
    reason: z.string().optional(),
    source: z.string().optional(),
    submittedBy: z.string(),
    submittedAt: z.string(),
    reviewedBy: z.string().optional(),
    reviewedAt: z.string().optional(),
    comment: z.string().optional(),
  })
  .openapi('ReviewRow');

export const IdsSchema = z
  .object({ ids: z.array(z.string().min(1)).min(1).max(20_000) })
  .openapi('ReviewIds');
export const ReturnSchema = z
  .object({ ids: z.array(z.string().min(1)).min(1).max(20_000), comment: ReasonSchema })
  .openapi('ReviewReturn');
export const PublishSchema = z
  .object({
    period: Period.openapi({ description: "the round's period" }),
    reason: ReasonSchema.optional().openapi({ description: 'admin: required when the period is locked' }),
  })
  .openapi('Publish');
export const PublishResultSchema = z
  .object({
    published: z.number().int(),
    created: z.number().int(),
    revised: z.number().int(),
    unchanged: z.number().int(),
  })
  .openapi('PublishResult');

export const LockSchema = z.object({ reason: ReasonSchema }).openapi('PeriodLockChange');
export const LockResultSchema = z
  .object({ period: z.string(), locked: z.boolean() })
  .openapi('PeriodLockState');
export const PeriodLockSchema = z
  .object({
    period: z.string(),
    locked: z.boolean(),
    changedBy: z.string(),
    changedAt: z.string(),
    reason: z.string(),
  })
  .openapi('PeriodLock');
