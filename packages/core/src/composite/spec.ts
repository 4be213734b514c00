// The index spec: the method of a composite index as data — its tree of indicators and aggregates, and
// every step's choice (denominate → impute → screen → treat → normalise → weight → aggregate).
// Defaults are COINr's (bluefoxr/COINr, MIT): no denomination, treatment or imputation; min-max to
// [0, 100]; weights as given; weighted arithmetic mean that drops missing values and renormalises.
// Published as JSON Schema (indexSpecJsonSchema) so that a spec file can be edited with completion.
import { z } from 'zod';
import type { Result } from '../types.ts';
import type { IndexError } from './framework.ts';

const code = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'codes use letters, digits, _ . - only');
const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

// ---------------------------------------------------------------------------------------------
// Framework: the tree (any depth) — indicators at the leaves, aggregates above.

export const indexNodeSchema = z.strictObject({
  code,
  kind: z.enum(['indicator', 'aggregate']),
  name: z.union([z.string().min(1), localized]).optional(),
  /** The aggregate this node feeds; absent for a root (the index, or a separate sub-index). */
  parent: code.optional(),
  /** Weight relative to its siblings (renormalised within the parent unless `weightRule` says otherwise). */
  weight: z.number().nonnegative().default(1),
  /** Polarity: 1 = more is better (正向), −1 = less is better (逆向). Only meaningful for indicators. */
  direction: z.union([z.literal(1), z.literal(-1)]).default(1),
  /**
   * Further aggregates this node also feeds, e.g. a 规模 (scale) or 水平 (level) sub-index that cuts across
   * the dimensions. Makes the framework a directed acyclic graph; each edge has its own weight.
   */
  alsoIn: z.array(z.strictObject({ parent: code, weight: z.number().nonnegative() })).optional(),
  /** Column of the data to divide by when `methods.denominate` is on (COINr iMeta `Denominator`). */
  denominator: z.string().min(1).optional(),
  /** Multiplier applied after dividing (e.g. 10000 for "per 10,000 people"). */
  scaleFactor: z.number().positive().optional(),
  /** Target or benchmark value, used by distance-to-target and ratio-to-benchmark normalisation. */
  target: z.number().optional(),
  unit: z.string().optional(),
  note: z.string().optional(),
});
export type IndexNode = z.output<typeof indexNodeSchema>;
export type IndexNodeInput = z.input<typeof indexNodeSchema>;

export const indexFrameworkSchema = z.strictObject({
  nodes: z.array(indexNodeSchema).min(2),
  /**
   * `relative`: weights are relative within each parent (COINr). `sumTo1` / `sumTo100`: the weights of
   * each parent's children must add up to 1 (or 100) — a hand-written scheme where a typo should fail.
   */
  weightRule: z.enum(['relative', 'sumTo1', 'sumTo100']).default('relative'),
});
export type IndexFramework = z.output<typeof indexFrameworkSchema>;

// ---------------------------------------------------------------------------------------------
// Methods.

export const imputationSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({ method: z.literal('mean') }),
  z.strictObject({ method: z.literal('median') }),
  /** Mean of the unit's group (a group column of the data), as COINr's i_mean_grp. */
  z.strictObject({ method: z.literal('groupMean'), group: z.string().min(1) }),
  z.strictObject({ method: z.literal('groupMedian'), group: z.string().min(1) }),
  /** Last observation carried forward from earlier periods of the same unit (panel data only). */
  z.strictObject({ method: z.literal('locf'), maxPeriods: z.number().int().positive().optional() }),
]);
export type ImputationSpec = z.output<typeof imputationSchema>;

export const treatmentSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  /**
   * COINr's default outlier treatment: an indicator fails when |skewness| ≥ skewThreshold AND
   * kurtosis ≥ kurtosisThreshold; it is winsorised one extreme at a time (up to `winmax` points) until
   * it passes; if it still fails, `fallback` is applied to the original values.
   */
  z.strictObject({
    method: z.literal('winsorise'),
    winmax: z.number().int().nonnegative().default(5),
    skewThreshold: z.number().positive().default(2),
    kurtosisThreshold: z.number().default(3.5),
    fallback: z.enum(['logCT', 'none']).default('logCT'),
    /** Apply the fallback to the winsorised values instead of the original ones (COINr combine_treat). */
    combine: z.boolean().default(false),
  }),
  /** Always log-transform: logCT = ln(x − min + 0.01·(max − min)) (COINr log_CT); ln needs x > 0. */
  z.strictObject({ method: z.literal('log'), variant: z.enum(['logCT', 'ln']).default('logCT') }),
]);
export type TreatmentSpec = z.output<typeof treatmentSchema>;

export const normalisationSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  /** (x − min)/(max − min)·(u − l) + l (COINr n_minmax). */
  z.strictObject({
    method: z.literal('minmax'),
    range: z.tuple([z.number(), z.number()]).default([0, 100]),
  }),
  /** (x − mean)/sd·sd′ + mean′; `sdType` states which SD (sample n − 1, or population n). */
  z.strictObject({
    method: z.literal('zscore'),
    mean: z.number().default(0),
    sd: z.number().positive().default(1),
    sdType: z.enum(['sample', 'population']).default('sample'),
  }),
  /** (x − lower)/(upper − lower)·scale, truncated to [0, scale] (COINr n_goalposts, UNDP HDI). */
  z.strictObject({
    method: z.literal('goalposts'),
    lower: z.number(),
    upper: z.number(),
    scale: z.number().positive().default(100),
    truncate: z.boolean().default(true),
  }),
  /** (x − min)/(target − min)·scale (COINr n_dist2targ); target from here or the node's `target`. */
  z.strictObject({
    method: z.literal('distanceToTarget'),
    target: z.number().optional(),
    scale: z.number().positive().default(1),
    cap: z.boolean().default(false),
  }),
  /**
   * 100·x/benchmark, capped at `cap` (the 科技进步统计监测 way: a 正向 indicator at or above its benchmark
   * scores 100); a 逆向 indicator scores 100·benchmark/x. Benchmark from here or the node's `target`.
   */
  z.strictObject({
    method: z.literal('ratioToBenchmark'),
    benchmark: z.number().optional(),
    cap: z.number().positive().default(100),
  }),
  /**
   * 功效系数法: d = 60 + 40·(x − x_s)/(x_h − x_s), with x_h the 满意值 (excellent) and x_s the 不允许值
   * (satisfactory floor); by default x_h = max and x_s = min of the data.
   */
  z.strictObject({
    method: z.literal('efficacy'),
    excellent: z.number().optional(),
    satisfactory: z.number().optional(),
  }),
  /** Rank, the best value ranked highest (1 … n, ties share the lower rank; COINr n_rank). */
  z.strictObject({ method: z.literal('rank') }),
  /** (rank − 1)/(n − 1), in [0, 1] (COINr n_prank). */
  z.strictObject({ method: z.literal('percentileRank') }),
  /** x/√Σx² (vector normalisation, the first step of TOPSIS). */
  z.strictObject({ method: z.literal('vector') }),
]);
export type NormalisationSpec = z.output<typeof normalisationSchema>;

export const weightingSchema = z.discriminatedUnion('method', [
  /** The weights written in the framework. */
  z.strictObject({ method: z.literal('given') }),
  z.strictObject({ method: z.literal('equal') }),
  /**
   * 熵权法: p_ij = x_ij/Σ_i x_ij, e_j = −Σ p ln p / ln n, w_j ∝ 1 − e_j, computed from the values being
   * aggregated. `preNormalisation` rescales each column first: `minmax` to [0, 1] (the usual Chinese
   * practice), or `none` (the values must be ≥ 0). `shift` is added after rescaling (e.g. 0.0001 to avoid
   * ln 0).
   */
  z.strictObject({
    method: z.literal('entropy'),
    preNormalisation: z.enum(['minmax', 'none']).default('minmax'),
    shift: z.number().nonnegative().default(0),
  }),
  /**
   * AHP (Saaty): weights are the principal eigenvector of a reciprocal pairwise matrix over the children
   * listed in `order`; the consistency ratio CR = CI/RI is reported and CR ≥ 0.1 raises a warning.
   */
  z.strictObject({
    method: z.literal('ahp'),
    order: z.array(code).min(2),
    matrix: z.array(z.array(z.number().positive())).min(2),
  }),
  /** PCA: w_j = v_j², v the first principal component of the children's correlation matrix. */
  z.strictObject({ method: z.literal('pca') }),
]);
export type WeightingSpec = z.output<typeof weightingSchema>;

export const aggregationMethodSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('arithmetic') }),
  /**
   * Weighted geometric mean exp(Σw ln x). A value ≤ 0 has no logarithm, so the rule is stated:
   * `error` stops with the unit and the value; `shift` computes the shifted geometric mean
   * exp(Σw ln(x + c)) − c with c = `shift`, or, if absent, c = 1 − min(inputs) when min ≤ 0 (logged).
   */
  z.strictObject({
    method: z.literal('geometric'),
    nonPositive: z.enum(['error', 'shift']).default('error'),
    shift: z.number().nonnegative().optional(),
  }),
  /** Weighted harmonic mean Σw / Σ(w/x); same stated rule for values ≤ 0 as the geometric mean. */
  z.strictObject({
    method: z.literal('harmonic'),
    nonPositive: z.enum(['error', 'shift']).default('error'),
    shift: z.number().nonnegative().optional(),
  }),
  /**
   * Mazziotta–Pareto index: M ∓ S·cv with M the (weighted) mean, S the population SD across the inputs
   * and cv = S/M. `negative` penalises unbalanced profiles (more is better); M must be > 0.
   * `standardise` first rescales each input to 100 + 10·(x − mean)/SD (population) across units, the
   * standardisation the method prescribes; leave it off when the inputs already are such z-scores.
   */
  z.strictObject({
    method: z.literal('mpi'),
    penalty: z.enum(['negative', 'positive']).default('negative'),
    standardise: z.boolean().default(false),
  }),
  /** TOPSIS closeness D⁻/(D⁺ + D⁻) to the ideal (column max of weighted inputs) and anti-ideal (min). */
  z.strictObject({ method: z.literal('topsis') }),
]);
export type AggregationMethodSpec = z.output<typeof aggregationMethodSchema>;

const levelKey = z.string().regex(/^[2-9]$|^[1-9][0-9]+$/, 'aggregation levels are 2, 3, …');

export const indexMethodsSchema = z.strictObject({
  /** Divide each indicator that names a `denominator` by that data column (COINr Denominate). */
  denominate: z.boolean().default(false),
  imputation: imputationSchema.default({ method: 'none' }),
  /** Drop units whose share of available indicator values is below this (COINr Screen, byNA). */
  screening: z.strictObject({ minDataAvailability: z.number().min(0).max(1) }).optional(),
  treatment: z
    .strictObject({
      default: treatmentSchema.default({ method: 'none' }),
      byIndicator: z.record(code, treatmentSchema).optional(),
    })
    .default({ default: { method: 'none' } }),
  normalisation: z
    .strictObject({
      default: normalisationSchema.default({ method: 'minmax', range: [0, 100] }),
      byIndicator: z.record(code, normalisationSchema).optional(),
    })
    .default({ default: { method: 'minmax', range: [0, 100] } }),
  weighting: z
    .strictObject({
      default: weightingSchema.default({ method: 'given' }),
      byParent: z.record(code, weightingSchema).optional(),
    })
    .default({ default: { method: 'given' } }),
  aggregation: z
    .strictObject({
      default: aggregationMethodSchema.default({ method: 'arithmetic' }),
      /** Per aggregate level (2 = the first level above indicators). */
      byLevel: z.record(levelKey, aggregationMethodSchema).optional(),
      byParent: z.record(code, aggregationMethodSchema).optional(),
    })
    .default({ default: { method: 'arithmetic' } }),
  /**
   * The stated rule for missing inputs at aggregation: `renormalise` drops them and rescales the
   * remaining weights (COINr a_amean); `propagate` makes the aggregate missing. An aggregate is missing
   * when the available share of its inputs is below `minShare`.
   */
  missing: z
    .strictObject({
      rule: z.enum(['renormalise', 'propagate']).default('renormalise'),
      minShare: z.number().min(0).max(1).default(0),
    })
    .default({ rule: 'renormalise', minShare: 0 }),
});
export type IndexMethods = z.output<typeof indexMethodsSchema>;
export type IndexMethodsInput = z.input<typeof indexMethodsSchema>;

// ---------------------------------------------------------------------------------------------
// Uncertainty analysis (Monte Carlo over weights and method choices).

export const uncertaintySpecSchema = z.strictObject({
  runs: z.number().int().min(3).default(200),
  seed: z.number().int().default(1),
  /** Aggregate whose rank is studied; default: the first root. */
  target: code.optional(),
  /**
   * Weight noise as COINr get_noisy_weights: each weight at the listed aggregate levels (the level of
   * the node the weight belongs to, 1 = indicators) becomes w·(1 + u·noise), u uniform in [−1, 1].
   */
  weights: z
    .strictObject({
      noise: z.number().min(0).max(1),
      levels: z.array(z.number().int().min(1)).optional(),
    })
    .optional(),
  treatment: z.array(treatmentSchema).min(1).optional(),
  normalisation: z.array(normalisationSchema).min(1).optional(),
  aggregation: z.array(aggregationMethodSchema).min(1).optional(),
  /**
   * Also estimate first-order (Saltelli 2010) and total (Jansen 1999) sensitivity indices of each
   * varied choice; costs runs·(d + 2) regenerations for d varied choices.
   */
  sensitivity: z.boolean().default(false),
});
export type UncertaintySpec = z.output<typeof uncertaintySpecSchema>;
export type UncertaintySpecInput = z.input<typeof uncertaintySpecSchema>;

// ---------------------------------------------------------------------------------------------
// A spec file: identification, optionally the framework (otherwise it comes from COINr's iMeta), the
// methods, and optionally an uncertainty analysis.

export const indexSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  id: code.optional(),
  name: z.union([z.string().min(1), localized]).optional(),
  description: z.string().optional(),
  /** Where the scheme comes from (e.g. the seed's section), for the 纵向可溯 requirement. */
  source: z.string().optional(),
  framework: indexFrameworkSchema.optional(),
  methods: indexMethodsSchema.default(indexMethodsSchema.parse({})),
  uncertainty: uncertaintySpecSchema.optional(),
});
export type IndexSpec = z.output<typeof indexSpecSchema>;
export type IndexSpecInput = z.input<typeof indexSpecSchema>;

/** COINr's default methods (what `ding index` uses with no --spec). */
export function indexMethodsDefault(): IndexMethods {
  return indexMethodsSchema.parse({});
}

/** JSON Schema of a spec file, for editors (published next to the Cixi scheme). */
export function indexSpecJsonSchema(): unknown {
  return z.toJSONSchema(indexSpecSchema, { io: 'input' });
}

/** Parses the text of an index spec file; errors carry the file, the line of a JSON error, or the spec path. */
export function indexSpecParse(text: string, file: string): Result<IndexSpec, IndexError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const row = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    return { ok: false, errors: [{ file, row, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const parsed = indexSpecSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({
      file,
      path: i.path.map(String).join('.'),
      message: i.message,
    })),
  };
}
