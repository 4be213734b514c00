// Shapes of the screen endpoints: the payload (@ding/core screen/types.ts ScreenPayload), the trace of a
// number, and their query parameters. The payload's contract is core's type; these document it in OpenAPI.
import { z } from '@hono/zod-openapi';
import { RankNoteSchema } from './progress.ts';

const localized = z.object({ zh: z.string(), en: z.string() });
const status = z.enum(['met', 'on_track', 'watch', 'behind', 'no_target', 'no_data', 'not_due']);
const changeKind = z.enum(['percent', 'pp']);

export const TraceKeySchema = z
  .object({ indicator: z.string(), region: z.string(), period: z.string() })
  .openapi('TraceKey', { description: 'GET /api/trace?indicator&region&period explains the number' });

const CardSchema = z.object({
  indicator: z.string(),
  name: localized,
  unit: z.string(),
  decimals: z.number(),
  region: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable().openapi({ description: 'annual target of the period’s year' }),
  completion: z.number().nullable().openapi({ description: '完成率 %' }),
  expected: z.number().nullable().openapi({ description: '序时进度' }),
  expectedShare: z.number().nullable().openapi({ description: '序时进度 as % of the annual target' }),
  yoy: z.object({ change: z.number(), kind: changeKind }).nullable(),
  status,
  trace: TraceKeySchema,
  synthetic: z.boolean().optional(),
  targetRule: z.string().nullable().optional().openapi({ description: 'explicit, or an estimated path' }),
  finalTarget: z.object({ value: z.number(), year: z.number() }).nullable().optional(),
  rank: z
    .object({ rank: z.number(), of: z.number(), peerSet: z.string(), peerSetName: localized.optional() })
    .nullable()
    .optional(),
  latest: z
    .object({ period: z.string(), value: z.number(), trace: TraceKeySchema })
    .nullable()
    .optional()
    .openapi({ description: 'latest year-end figure when the card has no value for the period' }),
});

const TrendSchema = z.object({
  indicator: z.string(),
  region: z.string(),
  regionName: localized,
  points: z.array(
    z.object({ year: z.number(), actual: z.number().nullable(), target: z.number().nullable() }),
  ),
});

const TileSchema = z.object({
  region: z.string(),
  name: localized,
  col: z.number(),
  row: z.number(),
  value: z.number().nullable(),
  rank: z.number().nullable(),
  of: z.number().optional(),
});

const RankingRowSchema = z.object({
  region: z.string(),
  name: localized,
  value: z.number().nullable(),
  rank: z.number().nullable(),
  of: z.number(),
  trace: TraceKeySchema.nullable(),
});

const PeerRowSchema = z.object({
  indicator: z.string(),
  name: localized,
  unit: z.string(),
  category: z.enum(['scale', 'level']),
  value: z.number().nullable(),
  rank: z.number().nullable(),
  of: z.number(),
  goal: z.enum(['top3', 'above_average']),
  average: z.number().nullable(),
  averageRule: z.enum(['reference_region', 'mean_of_peers']).nullable(),
  met: z.boolean().nullable(),
  period: z.string().openapi({ description: 'the period compared: the latest with peer figures' }),
  trace: TraceKeySchema,
  decimals: z.number().optional(),
  averageTrace: TraceKeySchema.nullable().optional(),
  averageName: localized
    .nullable()
    .optional()
    .openapi({ description: 'the reference region’s name when averageRule is reference_region' }),
  rankNote: RankNoteSchema.nullable()
    .optional()
    .openapi({ description: 'why rank is null: the engine row’s rankNote (plan coverage.minShare)' }),
});

const AlertSchema = z.object({
  indicator: z.string(),
  name: localized,
  region: z.string(),
  regionName: localized,
  status,
  value: z.number().nullable(),
  expected: z.number().nullable(),
  requiredGrowth: z.object({ value: z.number(), kind: changeKind, years: z.number() }).nullable(),
  trace: TraceKeySchema,
  gapToExpected: z.number().nullable().optional(),
  gapRelative: z.number().nullable().optional(),
  target: z.number().nullable().optional(),
  unit: z.string().optional(),
  decimals: z.number().optional(),
});

export const IndexTraceKeySchema = z
  .object({ region: z.string(), period: z.string(), set: z.string() })
  .openapi('IndexTraceKey', { description: 'GET /api/index/explain?region&period&set explains the score' });

const IndexRowSchema = z.object({
  region: z.string(),
  name: localized,
  score: z.number(),
  rank: z.number(),
  change: z.number().nullable(),
  trace: IndexTraceKeySchema.optional(),
});

const PeerSetNameSchema = z.object({
  code: z.string(),
  name: localized,
  reference: z.object({ region: z.string(), name: localized }).nullable(),
});

export const ScreenPayloadSchema = z
  .object({
    kind: z.enum(['city', 'town']),
    region: z.string(),
    regionName: localized,
    period: z.string(),
    publishedAt: z.string().nullable(),
    synthetic: z.boolean(),
    cards: z.array(CardSchema),
    trends: z.array(TrendSchema),
    mapMetrics: z.array(z.object({ key: z.string(), name: localized })),
    tiles: z.record(z.string(), z.array(TileSchema)),
    ranking: z.record(z.string(), z.array(RankingRowSchema)),
    peers: z.array(PeerRowSchema),
    alerts: z.array(AlertSchema),
    index: z.array(IndexRowSchema),
    warnings: z.array(z.string()).optional(),
    home: z
      .object({ region: z.string(), name: localized })
      .optional()
      .openapi({ description: 'the home county (全市), also on a town screen' }),
    peerSet: PeerSetNameSchema.nullable()
      .optional()
      .openapi({ description: 'city screen: the peer set of `peers` and its reference region' }),
    indexPeriod: z.object({ period: z.string(), reason: localized }).optional().openapi({
      description:
        'the period `index` is of when too few towns have published the screen’s period (plan coverage.minShare): the last complete one, and why',
    }),
    supervision: z
      .object({
        today: z.string(),
        total: z.number().int(),
        counts: z.object({
          red: z.number().int(),
          yellow: z.number().int(),
          blue: z.number().int(),
          green: z.number().int(),
          done: z.number().int(),
        }),
        top: z.array(
          z.object({
            code: z.string(),
            title: localized,
            leads: z.array(localized),
            light: z.enum(['red', 'yellow']),
            daysLeft: z.number().int(),
          }),
        ),
        more: z.number().int(),
      })
      .optional()
      .openapi({
        description:
          'city screen: 重点任务推进 — the supervised items by light and the first red and yellow ones (GET /supervision order)',
      }),
  })
  .openapi('ScreenPayload');

export const ScreenQuerySchema = z.object({
  period: z.string().optional().openapi({
    description:
      'YYYY or YYYYQn; default the current period (GET /periods/current: the latest in which at least half of the core indicators due have a value for the home county)',
    example: '2025Q3',
  }),
  cards: z
    .string()
    .optional()
    .openapi({ description: 'comma-separated indicator codes; default the core indicators of the 分解表' }),
});

export const TownParamsSchema = z.object({
  code: z
    .string()
    .min(1)
    .openapi({ param: { name: 'code', in: 'path' }, example: '330282004' }),
});

export const TraceQuerySchema = z.object({
  indicator: z.string().min(1).openapi({ example: 'hightech_enterprises' }),
  region: z.string().min(1).openapi({ example: '330282' }),
  period: z.string().min(1).openapi({ example: '2025Q3' }),
});

const targetExplanation = z.object({
  value: z.number(),
  comparator: z.enum(['>=', '<=']),
  rule: z.string(),
  targetType: z.string(),
  source: z.string(),
  finalValue: z.number().optional(),
  finalYear: z.number().optional(),
  explanation: localized.openapi({ description: 'how the target was derived, in zh and en' }),
});

export const TraceSchema = z
  .object({
    key: TraceKeySchema,
    name: localized,
    regionName: localized.optional(),
    unit: z.string(),
    decimals: z.number(),
    value: z.number().nullable(),
    rule: z
      .enum(['reported', 'sum_of_members', 'ratio_of_sums', 'growth_of_sums'])
      .nullable()
      .openapi({ description: 'how the value was obtained; null without a value' }),
    synthetic: z.boolean(),
    status,
    explanation: z.object({
      value: localized,
      target: targetExplanation.nullable(),
      expected: z
        .object({ value: z.number(), rule: z.string(), shareOfTarget: z.number(), explanation: localized })
        .nullable()
        .openapi({ description: '序时进度 and its rule' }),
    }),
    inputs: z.array(
      TraceKeySchema.extend({
        role: z.enum(['member', 'numerator', 'denominator', 'current', 'last_year']),
        value: z.number().nullable(),
        rule: z.string().nullable(),
        indicatorName: localized.optional(),
        regionName: localized.optional(),
      }),
    ),
    observations: z.array(
      z.object({
        id: z.string(),
        indicator: z.string(),
        region: z.string(),
        period: z.string(),
        value: z.number(),
        vintage: z.string(),
        provenance: z.string(),
        citation: z.string().nullable(),
        source: z.string().nullable(),
        note: z.string().nullable(),
        revision: z.number(),
        createdAt: z.string(),
        createdBy: z.string(),
        submittedBy: z.string().nullable(),
        submittedAt: z.string().nullable(),
        approvedBy: z.string().nullable(),
        approvedAt: z.string().nullable(),
        usedFor: z.enum(['value', 'target']),
        indicatorName: localized.optional(),
        regionName: localized.optional(),
      }),
    ),
  })
  .openapi('Trace');

/** An operator's towns map: any GeoJSON object (a FeatureCollection whose features name the towns' codes). */
export const GeoJsonSchema = z
  .object({ type: z.string() })
  .passthrough()
  .openapi('GeoJson', { description: 'served as supplied by the operator; Ding ships no map files' });

export const IndexExplainQuerySchema = z.object({
  region: z.string().min(1).openapi({ example: '330282004' }),
  period: z.string().optional().openapi({
    description: 'YYYY or YYYYQn; default the screens’ default period',
    example: '2025Q4',
  }),
  set: z.string().optional().openapi({
    description: 'a peer set of the plan; default the towns’ (cixi-towns)',
    example: 'cixi-towns',
  }),
});

const rankMove = z.object({
  region: z.string(),
  name: localized,
  previousRank: z.number().nullable(),
  rank: z.number().nullable(),
});

export const IndexExplainSchema = z
  .object({
    key: IndexTraceKeySchema,
    name: localized.openapi({ description: 'the index (the spec’s name)' }),
    region: z.string(),
    regionName: localized,
    peerSet: z.object({ code: z.string(), name: localized }),
    score: z
      .number()
      .nullable()
      .openapi({ description: 'unrounded; null when the region could not be scored' }),
    rank: z.number().nullable(),
    of: z.number().openapi({ description: 'regions ranked' }),
    meanScore: z.number().nullable(),
    parts: z.array(
      z.object({
        indicator: z.string(),
        name: localized,
        unit: z.string().nullable(),
        period: z.string().openapi({ description: 'the period whose figure was used' }),
        raw: z.number().nullable(),
        normalised: z.number().nullable(),
        effectiveWeight: z.number().openapi({ description: 'share of the index; the parts add up to 1' }),
        contribution: z
          .number()
          .openapi({ description: 'effectiveWeight × normalised; the parts add up to score' }),
        aboveMean: z.number().openapi({ description: 'contribution − the peer set’s mean contribution' }),
        observationIds: z.array(z.string()),
        trace: TraceKeySchema.nullable(),
        missing: z.object({ treatment: z.enum(['imputed', 'dropped']), note: z.string() }).nullable(),
      }),
    ),
    change: z
      .object({
        previousPeriod: z.string(),
        previousScore: z.number().nullable(),
        score: z.number().nullable(),
        change: z.number().nullable(),
        previousRank: z.number().nullable(),
        rank: z.number().nullable(),
        rankChange: z
          .number()
          .nullable()
          .openapi({ description: 'previousRank − rank: −2 = dropped two places' }),
        parts: z.array(
          z.object({
            indicator: z.string(),
            name: localized,
            previous: z.number(),
            current: z.number(),
            change: z.number(),
          }),
        ),
        overtakenBy: z.array(rankMove),
        overtook: z.array(rankMove),
      })
      .nullable()
      .openapi({ description: 'since the same period a year earlier, by indicator; null without it' }),
    method: z.object({
      periodRule: z.string(),
      normalisation: z.record(z.string(), z.unknown()),
      weighting: z.record(z.string(), z.unknown()),
      aggregation: z.record(z.string(), z.unknown()),
      missing: z.object({ rule: z.enum(['renormalise', 'propagate']), minShare: z.number() }),
      weights: z.array(
        z.object({
          aggregate: z.string(),
          name: localized,
          method: z.string(),
          children: z.array(z.object({ code: z.string(), name: localized, weight: z.number() })),
        }),
      ),
      text: localized,
    }),
    leftOut: z.array(z.object({ indicator: z.string(), regionsWithValue: z.number(), note: z.string() })),
    synthetic: z.boolean(),
    warnings: z.array(z.string()),
  })
  .openapi('IndexExplain');
