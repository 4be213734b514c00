// Request and response shapes of /supervision (督查督办, issue 11). The responses are core's views
// (core/src/supervision/view.ts), described here for the OpenAPI document; a test parses real answers with them.
import { z } from '@hono/zod-openapi';
import { SUPERVISION_TYPES } from '@ding/core';

const Localized = z.object({ zh: z.string(), en: z.string() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Light = z.enum(['red', 'yellow', 'blue', 'green', 'done']);
const State = z.enum(['assigned', 'in_progress', 'reported', 'returned', 'completed', 'closed']);

export const MilestoneSchema = z.object({ date: day, deliverable: z.string().max(500) });

export const SupervisionItemSchema = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: 'A2.2' }),
    type: z.enum(SUPERVISION_TYPES as [string, ...string[]]),
    title: Localized,
    leadUnits: z.array(z.string()),
    cooperatingUnits: z.array(z.string()),
    leader: z.object({ name: z.string(), userId: z.string().optional() }).optional(),
    contact: z.object({ name: z.string(), phone: z.string() }).optional(),
    assignedOn: day,
    deadline: day,
    cadence: z.enum(['monthly', 'quarterly']),
    milestones: z.array(MilestoneSchema),
    indicators: z.array(z.string()),
    source: z.string().optional(),
  })
  .openapi('SupervisionItem');

const ReportPeriod = z.object({ period: z.string(), endsOn: day, dueOn: day });

export const LightResultSchema = z
  .object({
    light: Light,
    reasons: z
      .array(Localized)
      .openapi({ description: 'why this colour: every rule that fired, the deciding one first' }),
    state: State,
    deadline: day,
    daysLeft: z.number().int(),
    progress: z.union([
      z.object({
        source: z.literal('indicators'),
        achieved: z.number(),
        lagPoints: z.number(),
        indicators: z.array(z.object({ indicator: z.string(), achieved: z.number() })),
      }),
      z.object({
        source: z.literal('milestones'),
        expected: z.number(),
        reported: z.number(),
        lagPoints: z.number(),
      }),
    ]),
    missingReports: z.array(ReportPeriod.extend({ returned: z.boolean().optional() })),
  })
  .openapi('SupervisionLight');

const AttachmentMetaSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const SupervisionReportSchema = z
  .object({
    id: z.string(),
    itemId: z.string(),
    period: z.string(),
    unit: z.string(),
    role: z.enum(['lead', 'cooperating']),
    status: z.enum(['submitted', 'accepted', 'returned']),
    percentDone: z.number().optional(),
    text: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string(),
    decidedAt: z.string().optional(),
    decidedBy: z.string().optional(),
    returnReason: z.string().optional(),
    attachments: z.array(AttachmentMetaSchema),
  })
  .openapi('SupervisionReport');

const ItemViewShape = {
  item: SupervisionItemSchema,
  light: LightResultSchema,
  leadNames: z.array(z.string()),
  cooperatingNames: z.array(z.string()),
  extensionPending: z
    .object({ newDeadline: day, reason: z.string(), at: z.string(), by: z.string() })
    .optional(),
  lastReport: SupervisionReportSchema.optional(),
  nextReport: z.object({ period: z.string(), dueOn: day }).optional(),
  redSince: day.optional(),
};

export const SupervisionItemViewSchema = z.object(ItemViewShape).openapi('SupervisionItemView');

export const SupervisionOverviewSchema = z
  .object({
    today: day,
    period: z.string().optional(),
    items: z.array(SupervisionItemViewSchema),
    ranking: z.array(
      z.object({
        unit: z.string(),
        name: z.string(),
        items: z.number().int(),
        reportsDue: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        missing: z.number().int(),
        onTimeRate: z.number().optional(),
        overdueItems: z.number().int(),
        redItems: z.number().int(),
        rank: z.number().int().optional(),
      }),
    ),
    counts: z.object({
      total: z.number().int(),
      byLight: z.object({
        red: z.number().int(),
        yellow: z.number().int(),
        blue: z.number().int(),
        green: z.number().int(),
        done: z.number().int(),
      }),
      onSchedule: z.number().int(),
      behindSchedule: z.number().int(),
      overdue: z.number().int(),
    }),
  })
  .openapi('SupervisionOverview');

export const SupervisionItemDetailSchema = z
  .object({
    ...ItemViewShape,
    events: z.array(
      z.object({
        kind: z.string(),
        at: z.string(),
        by: z.string(),
        unit: z.string().optional(),
        reportId: z.string().optional(),
        note: z.string().optional(),
        newDeadline: day.optional(),
      }),
    ),
    reports: z.array(SupervisionReportSchema),
    periods: z.array(z.object({ period: z.string(), dueOn: day })),
  })
  .openapi('SupervisionItemDetail');

export const SupervisionListQuerySchema = z.object({
  unit: z
    .string()
    .optional()
    .openapi({ param: { name: 'unit', in: 'query' }, description: 'items a unit leads or cooperates on' }),
  light: Light.optional().openapi({ param: { name: 'light', in: 'query' } }),
  state: State.optional().openapi({ param: { name: 'state', in: 'query' } }),
  mine: z
    .enum(['1', 'true'])
    .optional()
    .openapi({ param: { name: 'mine', in: 'query' }, description: "the caller's unit's own items" }),
});

export const SupervisionIdParamSchema = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
});

export const SupervisionReportParamSchema = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  reportId: z.string().openapi({ param: { name: 'reportId', in: 'path' } }),
});

export const SupervisionAttachmentParamSchema = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
});

export const SupervisionItemBodySchema = z
  .object({
    type: z.enum(SUPERVISION_TYPES as [string, ...string[]]),
    title: z.object({ zh: z.string().max(300), en: z.string().max(300).default('') }),
    leadUnits: z.array(z.string()).max(20),
    cooperatingUnits: z.array(z.string()).max(40).default([]),
    leader: z.object({ name: z.string().max(50), userId: z.string().optional() }).optional(),
    contact: z.object({ name: z.string().max(50), phone: z.string().max(30) }).optional(),
    assignedOn: day.optional(),
    deadline: day
      .optional()
      .openapi({ description: 'default: the type’s days after 交办 (方案任务: the year’s end)' }),
    cadence: z.enum(['monthly', 'quarterly']).optional(),
    milestones: z.array(MilestoneSchema).max(50).optional(),
    indicators: z.array(z.string()).max(50).optional(),
    source: z.string().max(300).optional(),
  })
  .openapi('SupervisionItemInput');

export const SupervisionReportFormSchema = z.object({
  period: z
    .string()
    .optional()
    .openapi({ description: "'2026-11' (monthly) or '2026Q3'; default the oldest owed" }),
  text: z.string().max(10_000),
  percentDone: z.coerce.number().min(0).max(100).optional(),
  attachments: z
    .union([z.custom<File>((v) => v instanceof File), z.array(z.custom<File>((v) => v instanceof File))])
    .optional()
    .openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
});

export const SupervisionDecisionSchema = z.object({
  decision: z.enum(['accepted', 'returned']),
  reason: z.string().max(2000).optional(),
});

export const SupervisionExtensionSchema = z.object({
  newDeadline: day,
  reason: z.string().max(2000),
});

export const SupervisionExtensionDecisionSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(2000).optional(),
});

export const SupervisionFinishSchema = z.object({ note: z.string().max(2000).optional() });

export const SupervisionBulletinQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .openapi({
      param: { name: 'month', in: 'query' },
      example: '2026-11',
      description: 'the month reported',
    }),
  lang: z
    .enum(['zh', 'en'])
    .optional()
    .openapi({ param: { name: 'lang', in: 'query' }, description: 'default the request language' }),
});
