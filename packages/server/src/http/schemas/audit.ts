// Request and response shapes of /audit: the raw entries, and the people's view (`view=people`).
import { z } from '@hono/zod-openapi';

const LocalizedNameSchema = z.object({ zh: z.string(), en: z.string() });

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string().openapi({ example: 'observation.revise' }),
    entity: z.string().openapi({ example: 'observation' }),
    entityId: z.string(),
    old: z.unknown(),
    new: z.unknown(),
    reason: z.string().optional(),
  })
  .openapi('AuditEntry');

export const AuditChangeViewSchema = z
  .object({
    field: z.string().openapi({ example: 'value' }),
    label: LocalizedNameSchema.openapi({ example: { zh: '数值', en: 'Value' } }),
    old: LocalizedNameSchema.optional().openapi({ description: 'absent: no value before' }),
    new: LocalizedNameSchema.optional().openapi({ description: 'absent: no value after' }),
  })
  .openapi('AuditChangeView');

export const AuditItemViewSchema = z
  .object({
    entryId: z.number().int().optional(),
    object: LocalizedNameSchema,
    changes: z.array(AuditChangeViewSchema),
  })
  .openapi('AuditItemView');

export const AuditRowViewSchema = z
  .object({
    key: z.string().openapi({ description: "'e<id>' for one entry, 'g<newest>-<oldest>' for a group" }),
    entryIds: z.array(z.number().int()),
    at: z.string(),
    actor: z.string(),
    actorName: z.string().optional(),
    action: z.string(),
    actionName: LocalizedNameSchema.openapi({ example: { zh: '发布数据', en: 'Published figures' } }),
    entity: z.string(),
    entityName: LocalizedNameSchema,
    entityId: z.string().openapi({ description: "'' for a group" }),
    object: LocalizedNameSchema.openapi({
      example: {
        zh: '浒山街道 · 有效高新技术企业数 · 2026年第三季度',
        en: 'Hushan · High-tech enterprises · 2026 Q3',
      },
    }),
    summary: LocalizedNameSchema.openapi({ example: { zh: '发布数据 · 300 项 · 2026年第三季度', en: '…' } }),
    count: z.number().int(),
    changes: z.array(AuditChangeViewSchema),
    items: z.array(AuditItemViewSchema),
    itemsTotal: z.number().int(),
    reason: z.string().optional(),
  })
  .openapi('AuditRowView');

const NamedCodeSchema = z.object({ code: z.string(), name: LocalizedNameSchema });

export const AuditPeopleViewSchema = z
  .object({
    rows: z.array(AuditRowViewSchema),
    entities: z.array(NamedCodeSchema),
    actions: z.array(NamedCodeSchema),
  })
  .openapi('AuditPeopleView');

export const AuditQuerySchema = z.object({
  entity: z.string().optional(),
  entityId: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  from: z.string().optional().openapi({ description: 'YYYY-MM-DD or ISO timestamp (inclusive)' }),
  to: z.string().optional().openapi({ description: 'YYYY-MM-DD or ISO timestamp (inclusive)' }),
  limit: z.coerce.number().int().min(1).max(10000).optional(),
  view: z.enum(['entries', 'people']).optional().openapi({
    description:
      "'people': the rows as people read them (`AuditPeopleView`: names, changes, one row per operation); default the entries",
  }),
});
