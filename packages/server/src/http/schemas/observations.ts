// Request and response shapes of /observations: every stored version of a figure, and an admin's revision.
import { z } from '@hono/zod-openapi';
import { ReasonSchema } from './common.ts';

export const ObservationSchema = z
  .object({
    id: z.string(),
    indicator: z.string(),
    region: z.string(),
    period: z.string().openapi({ example: '2025Q3' }),
    value: z.number(),
    vintage: z.enum(['flash', 'annual', 'revised']).openapi({ description: '快报 / 年报 / 修订' }),
    provenance: z.enum(['real', 'synthetic']),
    citation: z.string().optional(),
    source: z.string().optional(),
    note: z.string().optional(),
    status: z.string().openapi({ description: 'lifecycle: published (and the collection states)' }),
    revision: z.number().int(),
    supersedes: z.string().optional(),
    current: z.boolean(),
    batchId: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Observation');

export const ObservationQuerySchema = z.object({
  indicator: z.string().min(1).openapi({ example: 'gdp' }),
  region: z.string().min(1).openapi({ example: '330282' }),
  period: z.string().min(1).openapi({ example: '2022Q4' }),
});

export const ObservationPatchSchema = z
  .object({
    value: z.number().finite(),
    expectedRevision: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'the revision the editor saw; anything else → 409 with the current one' }),
    reason: ReasonSchema,
    overrideLock: z.boolean().optional().openapi({
      description:
        'change a figure of a locked period anyway (admins; the reason is audited); without it → 423',
    }),
  })
  .openapi('ObservationPatch');

export const ObservationIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
