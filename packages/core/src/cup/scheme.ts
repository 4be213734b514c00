// The 科技创新杯 scoring scheme (seed 四(四) 强化考评导向; issue 10 §5): peer groups, dimensions, items with a
// rule each, and evidence-backed bonus/deduction items with caps — as configuration, validated against the plan.
import { z } from 'zod';
import type { Plan } from '../plan/schema.ts';
import type { Result } from '../types.ts';

const code = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'codes use letters, digits, _ . - only');
const localized = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const positive = z.number().positive();

/** points × min(completion, cap)/100 — completion is the engine's 完成率 in percent of the annual target. */
const targetCompletionRule = z.strictObject({
  kind: z.literal('target_completion'),
  /** Completion above this (percent) earns nothing more; 100 = no credit for over-fulfilment. */
  cap: z.number().min(100).max(200).default(100),
});
/** points × clamp((growth − low)/(high − low), 0, 1): growth is the engine's YoY (% for counts, pp for ratios). */
const growthRule = z
  .strictObject({
    kind: z.literal('growth'),
    /** At or below: 0 points. */
    low: z.number(),
    /** At or above: full points. */
    high: z.number(),
  })
  .refine((r) => r.high > r.low, { message: 'growth band: high must exceed low', path: ['high'] });
/**
 * points × (n − rank)/(n − 1) within the peer group on the published figures (first full, last 0; a lone
 * member full); withheld (0, partial_coverage) until plan.coverage.minShare of the group has a value.
 */
const rankRule = z.strictObject({ kind: z.literal('rank') });
/** points × min(score/fullAt, 1): the 科技创新指数 score (cixi-towns peer set) scaled. */
const indexScoreRule = z.strictObject({
  kind: z.literal('index_score'),
  /** The score that earns full points (default 100). */
  fullAt: positive.default(100),
});
/** points when the value reaches `atLeast` (e.g. a provincial incubator: ≥ 1), else 0. */
const yesNoRule = z.strictObject({ kind: z.literal('yes_no'), atLeast: z.number().default(1) });
/** min(value × perUnit, points): points per unit, capped at the item's points. */
const perUnitRule = z.strictObject({ kind: z.literal('per_unit'), perUnit: positive });

export const cupRuleSchema = z.discriminatedUnion('kind', [
  targetCompletionRule,
  growthRule,
  rankRule,
  indexScoreRule,
  yesNoRule,
  perUnitRule,
]);

export const cupItemSchema = z.strictObject({
  code,
  name: localized,
  /** The plan indicator scored (absent only for index_score, which scores the 科技创新指数). */
  indicator: code.optional(),
  points: positive,
  rule: cupRuleSchema,
  source: z.string().optional(),
  note: z.string().optional(),
});

export const cupDimensionSchema = z.strictObject({
  code,
  name: localized,
  points: positive,
  items: z.array(cupItemSchema).min(1),
});

/** A bonus (加分项) or deduction (扣分项): points per approved unit of evidence (佐证材料), capped per town. */
export const cupAdjustmentSchema = z.strictObject({
  code,
  name: localized,
  /** Points per unit (e.g. per 新认定省级研发机构). */
  perUnit: positive,
  /** Most points the item can add (bonus) or take away (deduction) for one town in one year. */
  cap: positive,
  source: z.string().optional(),
  note: z.string().optional(),
});

export const cupGroupSchema = z.strictObject({
  code,
  name: localized,
  /** The plan's region kinds in this group (街道 street, 镇 town, 园区 zone). */
  kinds: z.array(z.enum(['street', 'town', 'zone'])).min(1),
  /** N强: the top N of the group are awarded. */
  top: z.number().int().min(0),
});

export const cupSchemeSchema = z.strictObject({
  id: code,
  name: localized,
  /** proposal: Ding's default, for the bureau to adjust; adopted: what the bureau decided. */
  status: z.enum(['proposal', 'adopted']),
  /** The plan's peer set of the towns evaluated (their index scores and membership on the year's end). */
  peerSet: code,
  /** Declared total of the dimensions' points (bonus and deductions come on top). */
  totalPoints: positive,
  groups: z.array(cupGroupSchema).min(1),
  dimensions: z.array(cupDimensionSchema).min(1),
  bonus: z.array(cupAdjustmentSchema).default([]),
  deductions: z.array(cupAdjustmentSchema).default([]),
  awards: z.strictObject({
    /** 先进单位: every town whose total reaches this. */
    advancedMinTotal: z.number().min(0),
  }),
  source: z.string().optional(),
  note: z.string().optional(),
});

export type CupRule = z.infer<typeof cupRuleSchema>;
export type CupItem = z.infer<typeof cupItemSchema>;
export type CupDimension = z.infer<typeof cupDimensionSchema>;
export type CupAdjustment = z.infer<typeof cupAdjustmentSchema>;
export type CupGroup = z.infer<typeof cupGroupSchema>;
export type CupScheme = z.infer<typeof cupSchemeSchema>;

/** A located problem: `path` into the scheme document, e.g. ['dimensions', 0, 'items', 2, 'indicator']. */
export interface CupSchemeError {
  path: (string | number)[];
  message: string;
}

export function cupPathToString(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Every item code (dimension items, bonus, deductions) and where it is. */
function itemCodes(s: CupScheme): { code: string; path: (string | number)[] }[] {
  return [
    ...s.dimensions.flatMap((d, di) =>
      d.items.map((it, ii) => ({ code: it.code, path: ['dimensions', di, 'items', ii, 'code'] })),
    ),
    ...s.bonus.map((b, i) => ({ code: b.code, path: ['bonus', i, 'code'] })),
    ...s.deductions.map((b, i) => ({ code: b.code, path: ['deductions', i, 'code'] })),
  ];
}

/**
 * Parses a scheme (already read from YAML/JSON) and checks it against the plan: indicators it names exist,
 * item, dimension and group codes are unique, items' points do not exceed their dimension's, dimensions'
 * do not exceed the declared total, a region kind is in one group only, and the peer set exists.
 */
export function cupSchemeValidate(input: unknown, plan: Plan): Result<CupScheme, CupSchemeError> {
  const parsed = cupSchemeSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
      })),
    };
  }
  const s = parsed.data;
  const errors: CupSchemeError[] = [];
  const indicators = new Set(plan.indicators.map((i) => i.code));
  if (!plan.peerSets.some((p) => p.code === s.peerSet)) {
    errors.push({ path: ['peerSet'], message: `the plan has no peer set ${s.peerSet}` });
  }
  const seen = new Map<string, string>();
  for (const { code: c, path } of itemCodes(s)) {
    const first = seen.get(c);
    if (first !== undefined) errors.push({ path, message: `duplicate item ${c} (first at ${first})` });
    else seen.set(c, cupPathToString(path));
  }
  const dup = <T extends { code: string }>(xs: T[], at: string) => {
    const codes = new Set<string>();
    xs.forEach((x, i) => {
      if (codes.has(x.code))
        errors.push({ path: [at, i, 'code'], message: `duplicate ${at} code ${x.code}` });
      codes.add(x.code);
    });
  };
  dup(s.dimensions, 'dimensions');
  dup(s.groups, 'groups');
  const kinds = new Map<string, number>();
  s.groups.forEach((g, gi) =>
    g.kinds.forEach((k, ki) => {
      if (kinds.has(k)) {
        errors.push({
          path: ['groups', gi, 'kinds', ki],
          message: `region kind ${k} is already in group ${s.groups[kinds.get(k)!]!.code}`,
        });
      } else kinds.set(k, gi);
    }),
  );
  let dimensionSum = 0;
  s.dimensions.forEach((d, di) => {
    dimensionSum += d.points;
    let itemSum = 0;
    d.items.forEach((it, ii) => {
      itemSum += it.points;
      const at = ['dimensions', di, 'items', ii];
      if (it.rule.kind === 'index_score') {
        if (it.indicator !== undefined) {
          errors.push({
            path: [...at, 'indicator'],
            message: 'an index_score item scores the 科技创新指数: leave out indicator',
          });
        }
      } else if (it.indicator === undefined) {
        errors.push({ path: [...at, 'indicator'], message: `a ${it.rule.kind} item needs an indicator` });
      } else if (!indicators.has(it.indicator)) {
        errors.push({
          path: [...at, 'indicator'],
          message: `unknown indicator ${it.indicator}: the plan has no such indicator`,
        });
      }
    });
    if (itemSum > d.points + 1e-9) {
      errors.push({
        path: ['dimensions', di, 'points'],
        message: `the items' points add up to ${itemSum}, more than the dimension's ${d.points}`,
      });
    }
  });
  if (dimensionSum > s.totalPoints + 1e-9) {
    errors.push({
      path: ['totalPoints'],
      message: `the dimensions' points add up to ${dimensionSum}, more than the declared total ${s.totalPoints}`,
    });
  }
  [
    ...s.bonus.map((b, i) => ['bonus', i, b] as const),
    ...s.deductions.map((b, i) => ['deductions', i, b] as const),
  ].forEach(([at, i, b]) => {
    if (b.perUnit > b.cap) {
      errors.push({
        path: [at, i, 'perUnit'],
        message: `one unit (${b.perUnit}) already exceeds the cap ${b.cap}`,
      });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: s };
}

/** Which adjustment (bonus/deduction) an evidence entry may name; undefined when the code needs no evidence. */
export function cupAdjustmentFind(
  s: CupScheme,
  item: string,
): { side: 'bonus' | 'deduction'; adjustment: CupAdjustment } | undefined {
  const b = s.bonus.find((x) => x.code === item);
  if (b) return { side: 'bonus', adjustment: b };
  const d = s.deductions.find((x) => x.code === item);
  return d ? { side: 'deduction', adjustment: d } : undefined;
}

/** Evidence (佐证材料) as entered: a town, a bonus/deduction item, a quantity and a note or file reference. */
export interface CupEvidenceInput {
  year: number;
  region: string;
  item: string;
  quantity: number;
  note: string;
  file?: string;
}

/** Checks an evidence entry against the scheme and plan; each error names the field. */
export function cupEvidenceValidate(s: CupScheme, plan: Plan, e: CupEvidenceInput): CupSchemeError[] {
  const errors: CupSchemeError[] = [];
  const kinds = new Set(s.groups.flatMap((g) => g.kinds));
  const region = plan.regions.find((r) => r.code === e.region);
  if (!region) errors.push({ path: ['region'], message: `the plan has no region ${e.region}` });
  else if (!kinds.has(region.kind as CupGroup['kinds'][number])) {
    errors.push({ path: ['region'], message: `${e.region} (${region.kind}) is not in any 科技创新杯 group` });
  }
  if (!cupAdjustmentFind(s, e.item)) {
    const base = s.dimensions.some((d) => d.items.some((i) => i.code === e.item));
    errors.push({
      path: ['item'],
      message: base
        ? `item ${e.item} is scored from the data and needs no evidence; only bonus/deduction items take 佐证材料`
        : `the scheme has no item ${e.item}`,
    });
  }
  if (!Number.isInteger(e.quantity) || e.quantity < 1) {
    errors.push({ path: ['quantity'], message: 'quantity is a whole number ≥ 1' });
  }
  if (e.note.trim() === '' && (e.file ?? '').trim() === '') {
    errors.push({ path: ['note'], message: 'evidence needs a note or a file reference (佐证材料)' });
  }
  if (!Number.isInteger(e.year) || e.year < 1990 || e.year > 2100) {
    errors.push({ path: ['year'], message: 'year is YYYY' });
  }
  return errors;
}

/** The scheme's JSON Schema (plans/cup-scheme.schema.json), for editors; the input shape (defaults optional). */
export function cupSchemeJsonSchema(): unknown {
  return z.toJSONSchema(cupSchemeSchema, { io: 'input' });
}
