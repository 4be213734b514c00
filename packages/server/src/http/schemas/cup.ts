// Request and response shapes of /cup (科技创新杯, issue 10 §5–7): the scheme is core's scheme schema; the
// results are core's cupScore output (every item's points with its formula and the inputs to trace).
import { z } from '@hono/zod-openapi';
import { cupSchemeSchema } from '@ding/core';

const Localized = z.object({ zh: z.string(), en: z.string() });

// A clone has .openapi() even when core's schema was built before @hono/zod-openapi extended zod.
export const CupSchemeSchema = cupSchemeSchema.clone().openapi('CupScheme', {
  description:
    'The scoring scheme in force (plans/cixi/cup-scheme.yaml); status proposal until the bureau adopts it',
});

export const CupYearQuerySchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'query' }, example: 2025 }),
  lang: z
    .enum(['zh', 'en'])
    .optional()
    .openapi({ param: { name: 'lang', in: 'query' } }),
});

const CupItemScoreSchema = z
  .object({
    item: z.string(),
    name: Localized,
    dimension: z.string(),
    rule: z.enum(['target_completion', 'growth', 'rank', 'index_score', 'yes_no', 'per_unit']),
    points: z.number(),
    max: z.number(),
    formula: Localized,
    inputs: z
      .object({
        indicator: z.string().optional(),
        region: z.string(),
        period: z.string(),
        value: z.number().optional(),
        target: z.number().optional(),
        completion: z.number().optional().openapi({ description: '完成率, percent of the annual target' }),
        growth: z
          .number()
          .optional()
          .openapi({ description: 'YoY: % for counts, percentage points for ratios' }),
        growthKind: z.enum(['percent', 'pp']).optional(),
        rank: z.number().optional(),
        of: z.number().optional(),
        index: z.number().optional(),
        observationIds: z.array(z.string()),
      })
      .openapi({ description: 'open GET /api/trace with indicator, region and period' }),
    missing: z.enum(['no_value', 'no_target', 'no_growth', 'no_index', 'partial_coverage']).optional(),
    coverage: z
      .object({ published: z.number().int(), of: z.number().int() })
      .optional()
      .openapi({ description: 'partial_coverage: members of the group with a value, of how many' }),
  })
  .openapi('CupItemScore');

const CupAdjustmentScoreSchema = z
  .object({
    item: z.string(),
    name: Localized,
    side: z.enum(['bonus', 'deduction']),
    points: z.number().openapi({ description: 'after the cap; negative for a deduction' }),
    uncapped: z.number(),
    cap: z.number(),
    capped: z.boolean(),
    formula: Localized,
    evidence: z.array(z.number().int()),
  })
  .openapi('CupAdjustmentScore');

export const CupTownResultSchema = z
  .object({
    region: z.string(),
    name: Localized,
    group: z.string(),
    items: z.array(CupItemScoreSchema),
    dimensions: z.array(z.object({ code: z.string(), name: Localized, points: z.number(), max: z.number() })),
    base: z.number(),
    bonus: z.number(),
    deduction: z.number(),
    total: z.number(),
    rankInGroup: z.number().int(),
    groupSize: z.number().int(),
    rankOverall: z.number().int(),
    lastYear: z
      .object({ total: z.number(), rankInGroup: z.number().int(), rankOverall: z.number().int() })
      .optional(),
    rankChange: z
      .number()
      .int()
      .optional()
      .openapi({ description: "位次变化: last year's rank in group − this year's" }),
    adjustments: z.array(CupAdjustmentScoreSchema),
    awards: z.array(Localized),
    whatIf: z.array(
      z.object({
        item: z.string(),
        indicator: z.string(),
        target: z.number(),
        value: z.number(),
        gain: z.number().openapi({ description: 'points gained by reaching the target' }),
      }),
    ),
  })
  .openapi('CupTownResult');

export const CupResultsSchema = z
  .object({
    year: z.number().int(),
    schemeId: z.string(),
    status: z.enum(['proposal', 'adopted']),
    towns: z.array(CupTownResultSchema),
    awards: z.array(
      z.object({
        group: z.string(),
        name: Localized,
        kind: z.enum(['top', 'advanced']),
        regions: z.array(z.string()),
      }),
    ),
    warnings: z.array(z.string()),
    synthetic: z.boolean().openapi({ description: 'true when any figure scored is synthetic demo data' }),
    scheme: CupSchemeSchema,
  })
  .openapi('CupResults');

export const CupEvidenceBodySchema = z
  .object({
    year: z.number().int().min(1990).max(2100),
    region: z.string().min(1),
    item: z.string().min(1).openapi({ description: 'a bonus or deduction item of the scheme' }),
    quantity: z.number().int().min(1).default(1),
    note: z.string().max(2000).default(''),
    file: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: '佐证材料 file reference (name, archive number or URL)' }),
  })
  .openapi('CupEvidenceInput');

export const CupEvidenceSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    region: z.string(),
    item: z.string(),
    quantity: z.number().int(),
    note: z.string(),
    file: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'rejected']),
    createdAt: z.string(),
    createdBy: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
  })
  .openapi('CupEvidence');

export const CupEvidenceIdParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const CupEvidenceDecisionSchema = z
  .object({ decision: z.enum(['approved', 'rejected']) })
  .openapi('CupEvidenceDecision');

export const CupEvidenceListQuerySchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .optional()
    .openapi({ param: { name: 'year', in: 'query' } }),
});
