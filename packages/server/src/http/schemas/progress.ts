// Response shape of /progress: the engine's ProgressRow (@ding/core engine/progress.ts), every figure
// with the rule that made it and the observation ids it came from (可溯).
import { z } from '@hono/zod-openapi';

const yoyKind = z.enum(['percent', 'pp']);
const localized = z.object({ zh: z.string(), en: z.string() });

/** Why a row has no rank (the engine's RankNote): the peers' figures are annual only, or too few published. */
export const RankNoteSchema = z.object({
  reason: z.enum(['peers_annual_only', 'partial_coverage']),
  peerSet: z.string(),
  published: z.number(),
  of: z.number(),
  explanation: localized,
});

export const ProgressRowSchema = z
  .object({
    indicator: z.string(),
    region: z.string(),
    period: z.string(),
    unit: z.string(),
    value: z
      .object({
        value: z.number(),
        rule: z
          .string()
          .openapi({ description: 'reported | sum_of_members | ratio_of_sums | growth_of_sums' }),
        observationIds: z.array(z.string()),
        synthetic: z.boolean(),
        members: z.array(z.string()).optional(),
      })
      .optional(),
    target: z
      .object({
        value: z.number(),
        comparator: z.enum(['>=', '<=']),
        rule: z.string(),
        targetType: z.string(),
        source: z.string(),
        finalValue: z.number().optional(),
        finalYear: z.number().optional(),
        observationIds: z.array(z.string()),
        explanation: localized.openapi({ description: 'how the target was derived, in zh and en' }),
      })
      .optional(),
    completion: z.number().optional().openapi({ description: '完成率 %' }),
    expected: z
      .object({ value: z.number(), rule: z.string(), shareOfTarget: z.number(), explanation: localized })
      .optional()
      .openapi({ description: '序时进度' }),
    gapToExpected: z.number().optional(),
    gapToTarget: z.number().optional(),
    yoy: z.object({ lastYear: z.number(), change: z.number(), kind: yoyKind }).optional(),
    yoyNote: z
      .object({
        reason: z.literal('boundary_change'),
        change: z.object({ removed: z.array(z.string()), added: z.array(z.string()) }),
        adjusted: z.boolean(),
        explanation: localized,
      })
      .optional()
      .openapi({
        description:
          '口径调整: the territory changed since last year; yoy is on a comparable base (adjusted) or absent',
      }),
    rank: z
      .object({ rank: z.number(), of: z.number(), peerSet: z.string() })
      .optional()
      .openapi({ description: 'competition rank on the figures as published (rounded to the decimals)' }),
    rankNote: RankNoteSchema.optional().openapi({ description: 'why the row has no rank' }),
    status: z.enum(['met', 'on_track', 'watch', 'behind', 'no_target', 'no_data', 'not_due']),
    projection: z
      .object({
        value: z.number(),
        year: z.number(),
        method: z.literal('linear_trend'),
        points: z.array(z.object({ t: z.number(), v: z.number() })),
        willMeet: z.boolean(),
      })
      .optional(),
    requiredGrowth: z
      .object({ value: z.number(), kind: yoyKind, from: z.number(), years: z.number(), met: z.boolean() })
      .optional()
      .openapi({
        description: 'annual growth needed to reach the final target; met: already reached (已达到)',
      }),
    cumulative: z
      .object({
        target: z.number(),
        from: z.number(),
        to: z.number(),
        done: z.number(),
        share: z.number(),
        remaining: z.number(),
        requiredPerYear: z.number().optional(),
        projectedTotal: z.number().optional(),
        willMeet: z.boolean().optional(),
        observationIds: z.array(z.string()),
      })
      .optional()
      .openapi({ description: 'progress of a target summed over several years (累计)' }),
  })
  .openapi('ProgressRow');

export const ProgressQuerySchema = z.object({
  period: z.string().optional().openapi({
    description:
      'YYYY or YYYYQn; default the current period (GET /periods/current: the latest in which half of the core indicators due have a value for the county)',
    example: '2025Q3',
  }),
  region: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: 'region or group code, repeatable; default every region and group' }),
  core: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .openapi({ description: 'only the core indicators of the 分解表' }),
  lang: z.enum(['zh', 'en']).optional().openapi({ description: 'language of the file headers (csv/xlsx)' }),
});
