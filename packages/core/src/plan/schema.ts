// The plan file's schema: regions, groups, peers, departments, indicators, targets, actions and tasks.
// A plan is data (YAML/JSON); this schema is its contract and is published as JSON Schema (plan.schema.json).
import { z } from 'zod';

const code = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'codes use letters, digits, _ . - only');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const year = z.number().int().min(1990).max(2100);
const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
/** Where in the seed (or another source) a fact comes from, e.g. '三(一)1' or '核心指标分解表'. */
const source = z.string().min(1);

export const departmentSchema = z.strictObject({
  code,
  name: localized,
  note: z.string().optional(),
});

export const regionKindSchema = z.enum(['province', 'city', 'county', 'district', 'street', 'town', 'zone']);

export const regionSchema = z.strictObject({
  code,
  name: localized,
  kind: regionKindSchema,
  /** Administrative parent; towns of a county aggregate into it. */
  parent: code.optional(),
  /** First day the region exists with this extent (inclusive). */
  validFrom: isoDate.optional(),
  /** Last day the region exists with this extent (inclusive). */
  validTo: isoDate.optional(),
  /** True when the code is not an official NBS code (functional zones, new streets). */
  unofficialCode: z.boolean().optional(),
  /** Region this one was carved out of, for a boundary change. */
  splitFrom: code.optional(),
  /** Position on the schematic tile map (column west→east, row north→south). */
  tile: z.strictObject({ col: z.number().int(), row: z.number().int() }).optional(),
  note: z.string().optional(),
});

const memberSchema = z.strictObject({
  region: code,
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
});

export const regionGroupSchema = z.strictObject({
  code,
  name: localized,
  /** Explicit members (with validity), e.g. 前湾 = 庵东 + 崇寿 (+ 陆中湾 from 2024-11). */
  members: z.array(memberSchema).optional(),
  /** Or: everything under `whole` except the members of the listed groups, e.g. 市级 = 全市 − 前湾. */
  complementOf: z.strictObject({ whole: code, minus: z.array(code).min(1) }).optional(),
  note: z.string().optional(),
});

export const peerSetSchema = z.strictObject({
  code,
  name: localized,
  members: z.array(code).min(2),
  /** A region whose value is the peer average (e.g. 宁波市 for "above the Ningbo average"). */
  reference: code.optional(),
  note: z.string().optional(),
});

export const measureSchema = z.enum(['stock', 'flow', 'ratio', 'growth', 'index']);
export const aggregationSchema = z.enum(['sum', 'ratio_of_sums', 'growth_of_sums', 'none']);
export const progressRuleSchema = z.enum([
  'stock_interpolation',
  'flow_linear',
  'flow_seasonal',
  'level_constant',
]);

export const indicatorSchema = z.strictObject({
  code,
  name: localized,
  /** Display unit, e.g. '%', '家', '亿元', '件', '人年/万人'. */
  unit: z.string().min(1),
  /** stock 存量 (value at period end) / flow 累计流量 (year-to-date) / ratio / growth rate (%) / index. */
  measure: measureSchema,
  polarity: z.enum(['positive', 'negative']),
  /** 规模 (scale) or 水平 (level) indicator in the Ningbo assessment; 'none' for components. */
  category: z.enum(['scale', 'level', 'none']),
  frequency: z.enum(['quarterly', 'annual']),
  /**
   * For an annual indicator whose value can be computed each quarter from quarterly components:
   * true when the plan judges that quarterly value (status, completion); default false, so Q1–Q3
   * say 未到报送期 (issue 8 item 7: a 年报 indicator is judged on its annual figure).
   */
  quarterlyMeaningful: z.boolean().optional(),
  /** For ratios: value = numerator / denominator × multiplier (e.g. R&D / GDP × 100). */
  ratio: z.strictObject({ numerator: code, denominator: code, multiplier: z.number().positive() }).optional(),
  /** For growth rates: the YoY growth (%) of this flow or stock indicator. */
  growthOf: code.optional(),
  aggregation: aggregationSchema,
  /** How 序时进度 (expected-to-date) is computed; defaults from the measure (see progress.ts). */
  progressRule: progressRuleSchema.optional(),
  decimals: z.number().int().min(0).max(6),
  /**
   * A count in 家/件/个/项/人 (enterprises, patents, projects, people): submitted values must be whole
   * numbers (import and grid entry refuse 75.6). Not for 人年 (full-time equivalents), 万人 or ratios.
   */
  integer: z.boolean().optional(),
  /** Only used to compute other indicators (GDP, population …); carries no target of its own. */
  component: z.boolean().optional(),
  /** One of the 7 indicators of the 核心指标分解表. */
  core: z.boolean().optional(),
  leadUnits: z.array(code),
  cooperatingUnits: z.array(code),
  /** Department that reports the figure (统计快报 source), when not the lead unit. */
  sourceDepartment: code.optional(),
  /**
   * Who supplies the town breakdown of a summed indicator (`aggregation: sum`) in a collection round:
   * 'towns' (the default) — each town reports its own figure; 'department' — the supplying department
   * (`sourceDepartment`, else the first lead unit) reports every town's figure from its register or
   * survey (市科技局 高企 by town, 市统计局 GDP by town), and no town is asked for it. Indicators that are
   * not summed are owed by the supplying department for the county alone, whatever this says.
   */
  townFiguresBy: z.enum(['towns', 'department']).optional(),
  /** |YoY change| above this (percent, or percentage points for ratios) needs a written reason on import. */
  yoyThreshold: z.number().positive().optional(),
  /** Plausible range for a single value (import validation). */
  range: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
  source,
  note: z.string().optional(),
});

const comparator = z.enum(['>=', '<=']);
const targetBase = {
  indicator: code,
  region: code,
  source,
  note: z.string().optional(),
};

export const targetSchema = z.discriminatedUnion('type', [
  /** Year-end values on a path, e.g. 有效发明专利 全市 2022…2026 (分解表), or a single 2026 value. */
  z.strictObject({
    type: z.literal('path'),
    ...targetBase,
    comparator: comparator.default('>='),
    values: z.record(z.string().regex(/^\d{4}$/), z.number()),
    /**
     * false: only the written years have a target. A target decomposed to a town for one year (目标分解)
     * says nothing of the years before it, so the engine must not estimate them. Default true.
     */
    interpolate: z.boolean().optional(),
  }),
  /** The flow in each year from..to must reach `value`, e.g. 新增科技型中小企业 年新增450家. */
  z.strictObject({ type: z.literal('annual_flow'), ...targetBase, from: year, to: year, value: z.number() }),
  /** The flow summed over from..to must reach `value`, e.g. 累计承担重大科技项目 40 项. */
  z.strictObject({ type: z.literal('cumulative'), ...targetBase, from: year, to: year, value: z.number() }),
  /** Year-end value in `year` ≥ factor × value in `baseYear`, e.g. 科技人才 实现倍增. */
  z.strictObject({
    type: z.literal('multiple_of_base'),
    ...targetBase,
    baseYear: year,
    year,
    factor: z.number().positive(),
  }),
  /** Average annual growth from baseYear to year ≥ rate (%), e.g. 财政科技投入增速年均10%以上. */
  z.strictObject({
    type: z.literal('average_growth'),
    ...targetBase,
    baseYear: year,
    year,
    rate: z.number(),
  }),
  /** Growth of `indicator` ≥ growth of `exceeds` + marginPp each year, e.g. 高新投资增速 > 工业投资增速. */
  z.strictObject({
    type: z.literal('relative_growth'),
    ...targetBase,
    exceeds: code,
    marginPp: z.number().min(0),
    from: year,
    to: year,
  }),
]);

export const taskSchema = z.strictObject({
  code,
  name: localized,
  leadUnits: z.array(code).min(1),
  cooperatingUnits: z.array(code),
  indicators: z.array(code),
  source,
});

export const actionSchema = z.strictObject({
  code,
  name: localized,
  tasks: z.array(taskSchema).min(1),
  source,
});

export const statusBandsSchema = z.strictObject({
  /** completion / 序时进度 at or above this ratio is 'on_track' (green). */
  onTrack: z.number().positive(),
  /** at or above this (and below onTrack) is 'watch' (amber); below is 'behind' (red). */
  watch: z.number().positive(),
});

export const coverageSchema = z.strictObject({
  /**
   * Share (0–1] of a peer set's members valid on the period's end date that must have a published
   * value before ranks or the 科技创新指数 are computed for that set and period (issue 8 item 11: the
   * first town to publish must not be "1/1"). Default 1: every member.
   */
  minShare: z.number().gt(0).max(1),
});

export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  id: code,
  name: localized,
  /** The county/city the plan is for; its children are the towns. */
  home: code,
  /** Last year before the plan (actuals only), first and last plan years. */
  baselineYear: year,
  startYear: year,
  targetYear: year,
  statusBands: statusBandsSchema.default({ onTrack: 1, watch: 0.9 }),
  coverage: coverageSchema.default({ minShare: 1 }),
  departments: z.array(departmentSchema).min(1),
  regions: z.array(regionSchema).min(1),
  regionGroups: z.array(regionGroupSchema),
  peerSets: z.array(peerSetSchema),
  indicators: z.array(indicatorSchema).min(1),
  targets: z.array(targetSchema),
  actions: z.array(actionSchema),
  source: z.string().optional(),
});

export type Department = z.infer<typeof departmentSchema>;
export type Region = z.infer<typeof regionSchema>;
export type RegionKind = z.infer<typeof regionKindSchema>;
export type RegionGroup = z.infer<typeof regionGroupSchema>;
export type PeerSet = z.infer<typeof peerSetSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Aggregation = z.infer<typeof aggregationSchema>;
export type ProgressRule = z.infer<typeof progressRuleSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Target = z.infer<typeof targetSchema>;
export type TargetType = Target['type'];
export type Task = z.infer<typeof taskSchema>;
export type Action = z.infer<typeof actionSchema>;
export type StatusBands = z.infer<typeof statusBandsSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
/** A plan as written in the file (after defaults are applied). */
export type Plan = z.infer<typeof planSchema>;

/** The JSON Schema published for editors (plans/plan.schema.json is generated from this). */
export function planJsonSchema(): unknown {
  return z.toJSONSchema(planSchema, { io: 'input' });
}
