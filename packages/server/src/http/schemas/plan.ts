// Request and response shapes of /plan: the plan itself is the plan file's schema (@ding/core).
import { z } from '@hono/zod-openapi';
import { indicatorSchema, planSchema, targetSchema } from '@ding/core';
import { ReasonSchema } from './common.ts';

// The core schemas may have been built before @hono/zod-openapi extended zod (import order), and such
// instances lack .openapi(): a clone is a fresh instance that has it.
export const PlanSchema = planSchema.clone().openapi('Plan', {
  description: 'The active plan, same shape as the plan file (plans/plan.schema.json)',
});
export const TargetSchema = targetSchema.clone().openapi('Target');
export const IndicatorSchema = indicatorSchema.clone().openapi('Indicator');

export const PlanVersionSchema = z
  .object({
    id: z.string(),
    planId: z.string().openapi({ example: 'cixi' }),
    version: z.number().int().openapi({ description: 'stored version; each edit adds one' }),
    loadedAt: z.string(),
    loadedBy: z.string(),
    active: z.boolean(),
    plan: PlanSchema,
  })
  .openapi('PlanVersion');

const expectedVersion = z.number().int().min(1).optional().openapi({
  description:
    'the plan version the edit was made on (header X-Plan-Version of GET /plan); when given and no longer active → 409 conflict',
});

export const TargetPutSchema = z
  .object({ target: TargetSchema, reason: ReasonSchema, expectedVersion })
  .openapi('TargetPut');

export const IndicatorPatchSchema = z
  .object({
    changes: indicatorSchema
      .omit({ code: true })
      .partial()
      .openapi('IndicatorChanges', { description: 'fields to change (the code cannot change)' }),
    reason: ReasonSchema,
    expectedVersion,
  })
  .openapi('IndicatorPatch');

export const TargetIndexParamsSchema = z.object({
  index: z.coerce
    .number()
    .int()
    .min(0)
    .openapi({ param: { name: 'index', in: 'path' }, description: 'position in plan.targets (0-based)' }),
});

export const IndicatorCodeParamsSchema = z.object({
  code: z
    .string()
    .min(1)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'rd_gdp_ratio' }),
});
