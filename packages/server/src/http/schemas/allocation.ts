// Request and response shapes of /targets/allocation: core's AllocationProposal (engine/allocation.ts).
import { z } from '@hono/zod-openapi';
import { ALLOCATION_METHODS, type AllocationMethod } from '@ding/core';
import { ReasonSchema } from './common.ts';

const localized = z.object({ zh: z.string(), en: z.string() });
const method = z.enum(ALLOCATION_METHODS as [AllocationMethod, ...AllocationMethod[]]).openapi({
  description:
    'base-share 按基期实际值占比 / equal-growth 按同一增长率 / weighted 按所选指标加权 / manual 手工录入',
  example: 'base-share',
});
const year = z.coerce.number().int().min(1990).max(2100);
const code = z.string().min(1).max(100);
const manual = z.record(z.string(), z.number()).openapi({
  description: "method 'manual': each town's value in the indicator's unit (a ratio: the town's ratio)",
});

export const AllocationQuerySchema = z.object({
  indicator: code.openapi({ example: 'hightech_enterprises' }),
  year: year.openapi({ example: 2026 }),
  method,
  group: code.optional().openapi({
    description:
      "the group whose target is split (330282-SJ 市级, 330282-QW 前湾); default the plan's home county",
    example: '330282-SJ',
  }),
  baseYear: year
    .optional()
    .openapi({ description: 'year of the actuals that weight the split; default year − 1' }),
  weight: code
    .optional()
    .openapi({ description: "method 'weighted': the weighting indicator", example: 'gdp' }),
  manual: z
    .string()
    .max(20000)
    .optional()
    .openapi({ description: "method 'manual' preview: a JSON object {town: value}" }),
});

export const AllocationApproveSchema = z
  .object({
    indicator: code,
    year: z.number().int().min(1990).max(2100),
    method,
    group: code.optional(),
    baseYear: z.number().int().min(1990).max(2100).optional(),
    weight: code.optional(),
    manual: manual.optional(),
    reason: ReasonSchema,
    expectedVersion: z.number().int().min(1).optional().openapi({
      description: 'the plan version the proposal was seen on (X-Plan-Version); no longer active → 409',
    }),
  })
  .openapi('AllocationApprove');

const RowSchema = z
  .object({
    region: z.string(),
    name: localized,
    base: z
      .number()
      .optional()
      .openapi({ description: "the town's base-year actual (absent: no data, manual only)" }),
    proposed: z.number().openapi({ description: 'the proposed town target' }),
    share: z.number().openapi({ description: 'share of what is allocated, 0–1' }),
    weight: z.number().optional(),
    numerator: z.number().optional().openapi({ description: 'ratios: the allocated numerator' }),
    denominator: z.number().optional().openapi({ description: "ratios: the town's denominator" }),
  })
  .openapi('AllocationRow');

export const AllocationProposalSchema = z
  .object({
    indicator: z.string(),
    year: z.number().int(),
    group: z.string(),
    groupName: localized,
    method,
    baseYear: z.number().int(),
    weight: z.string().optional(),
    allocates: z.enum(['value', 'numerator']),
    comparator: z.enum(['>=', '<=']),
    multiplier: z
      .number()
      .optional()
      .openapi({ description: 'ratios: numerator = ratio × denominator / multiplier (100 for a %)' }),
    groupTarget: z.number(),
    allocatedTotal: z.number(),
    groupBase: z.number().optional(),
    implied: z.number().openapi({ description: "the group value the towns' targets imply" }),
    rows: z.array(RowSchema),
    checks: z.object({
      sum: z.object({ ok: z.boolean(), expected: z.number(), actual: z.number() }).optional(),
      ratio: z
        .object({
          ok: z.boolean(),
          target: z.number(),
          implied: z.number(),
          comparator: z.enum(['>=', '<=']),
        })
        .optional(),
    }),
    explanation: localized,
    planVersion: z.number().int().optional().openapi({ description: 'the plan version it was computed on' }),
  })
  .openapi('AllocationProposal');

export const AllocationApprovalSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    version: z.number().int().openapi({ description: 'the new plan version holding the towns’ targets' }),
    loadedAt: z.string(),
    loadedBy: z.string(),
    active: z.boolean(),
    proposal: AllocationProposalSchema,
  })
  .openapi('AllocationApproval');
