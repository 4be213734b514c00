// Response shape of GET /periods/current: the current period (core's CurrentPeriod, engine/current-period.ts),
// the quarter being collected with how far it is published, and whether any published figure is synthetic.
import { z } from '@hono/zod-openapi';

const localized = z.object({ zh: z.string(), en: z.string() });

export const PeriodPublicationSchema = z
  .object({
    period: z.string().openapi({ example: '2026Q1' }),
    coreDue: z.number().int().openapi({ description: 'core indicators due in the period' }),
    coreWithValue: z
      .number()
      .int()
      .openapi({ description: 'of those, the ones with a value for the county (reported or complete sum)' }),
    regionsPublished: z
      .number()
      .int()
      .openapi({ description: 'towns with at least one published figure for the period', example: 1 }),
    regionsTotal: z.number().int().openapi({ description: 'towns on the period’s end date', example: 20 }),
  })
  .openapi('PeriodPublication');

export const CurrentPeriodSchema = z
  .object({
    period: z
      .string()
      .nullable()
      .openapi({ description: 'the current period; null when nothing is published', example: '2025Q4' }),
    basis: z.enum(['substantial', 'latest_with_data', 'none']).openapi({
      description:
        'substantial: the latest period meeting the rule; latest_with_data: none meets it, the latest with any figure; none: nothing published',
    }),
    coverage: PeriodPublicationSchema.nullable(),
    collecting: PeriodPublicationSchema.nullable().openapi({
      description: 'a later quarter with figures that does not meet the rule yet (填报中); null when none',
    }),
    synthetic: z
      .boolean()
      .openapi({ description: 'any published observation in force is synthetic demo data (含合成演示数据)' }),
    rule: localized.openapi({ description: 'the rule, in words' }),
  })
  .openapi('CurrentPeriod');
