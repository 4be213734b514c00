// Request and response shapes of /audit.
import { z } from '@hono/zod-openapi';

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

export const AuditQuerySchema = z.object({
  entity: z.string().optional(),
  entityId: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  from: z.string().optional().openapi({ description: 'YYYY-MM-DD or ISO timestamp (inclusive)' }),
  to: z.string().optional().openapi({ description: 'YYYY-MM-DD or ISO timestamp (inclusive)' }),
  limit: z.coerce.number().int().min(1).max(10000).optional(),
});
