// Validates a parsed plan: first its shape (Zod), then its references and rules; every error is located.
import type { z } from 'zod';
import { planSchema, type Plan } from './schema.ts';
import type { Result } from '../types.ts';

export type PlanPath = (string | number)[];

/** A located problem in a plan: the path inside the document and why it is wrong. */
export interface PlanError {
  path: PlanPath;
  message: string;
  /** The key at `path` is itself the problem (an unknown field), not its value. */
  atKey?: boolean;
}

export function planPathToString(path: PlanPath): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

/** Shape, then references: unknown codes, duplicates, cycles, and measure-specific requirements. */
export function planValidate(input: unknown): Result<Plan, PlanError> {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.flatMap((i) => planIssueErrors(i, input)) };
  }
  const errors = planReferenceErrors(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/**
 * One Zod issue as plan errors, phrased for a person editing the file: an unknown field is one
 * error per key, located at the key; a missing field says so instead of 'received undefined'.
 */
function planIssueErrors(issue: z.core.$ZodIssue, input: unknown): PlanError[] {
  const path = issue.path as PlanPath;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: [...path, k], message: `unknown field '${k}'`, atKey: true }));
  }
  if (issue.code === 'invalid_type' && path.length > 0) {
    const parent = path.slice(0, -1).reduce<unknown>((node, part) => childOf(node, part), input);
    const key = path[path.length - 1]!;
    if (parent !== null && typeof parent === 'object' && !(key in parent)) {
      return [{ path, message: `missing required field '${key}' (${issue.expected})` }];
    }
  }
  return [{ path, message: issue.message }];
}

function childOf(node: unknown, part: string | number): unknown {
  return node !== null && typeof node === 'object'
    ? (node as Record<string | number, unknown>)[part]
    : undefined;
}

function duplicates<T>(items: T[], key: (t: T) => string, at: string, errors: PlanError[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined)
      errors.push({ path: [at, i, 'code'], message: `duplicate code '${k}' (first at ${at}[${first}])` });
    else seen.set(k, i);
  });
}

function planReferenceErrors(plan: Plan): PlanError[] {
  const errors: PlanError[] = [];
  const err = (path: PlanPath, message: string) => errors.push({ path, message });

  // Regions may appear in several versions (same code, disjoint validity); other codes are unique.
  duplicates(plan.departments, (d) => d.code, 'departments', errors);
  duplicates(plan.indicators, (d) => d.code, 'indicators', errors);
  duplicates(plan.regionGroups, (d) => d.code, 'regionGroups', errors);
  duplicates(plan.peerSets, (d) => d.code, 'peerSets', errors);
  duplicates(
    plan.actions.flatMap((a) => a.tasks),
    (t) => t.code,
    'tasks',
    errors,
  );

  const departments = new Set(plan.departments.map((d) => d.code));
  const regionCodes = new Set(plan.regions.map((r) => r.code));
  const groupCodes = new Set(plan.regionGroups.map((g) => g.code));
  const anyRegion = (c: string) => regionCodes.has(c) || groupCodes.has(c);
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));

  plan.regionGroups.forEach((g) => {
    if (regionCodes.has(g.code))
      err(['regionGroups', plan.regionGroups.indexOf(g), 'code'], `'${g.code}' is already a region code`);
  });

  if (!regionCodes.has(plan.home)) err(['home'], `unknown region '${plan.home}'`);
  if (!(plan.baselineYear < plan.startYear && plan.startYear <= plan.targetYear)) {
    err(['targetYear'], 'years must satisfy baselineYear < startYear ≤ targetYear');
  }

  plan.regions.forEach((r, i) => {
    if (r.parent !== undefined && !regionCodes.has(r.parent))
      err(['regions', i, 'parent'], `unknown region '${r.parent}'`);
    if (r.splitFrom !== undefined && !regionCodes.has(r.splitFrom))
      err(['regions', i, 'splitFrom'], `unknown region '${r.splitFrom}'`);
    if (r.validFrom && r.validTo && r.validFrom > r.validTo)
      err(['regions', i, 'validTo'], 'validTo is before validFrom');
    plan.regions.forEach((other, j) => {
      if (j > i && other.code === r.code && overlaps(r, other)) {
        err(['regions', j, 'code'], `region '${r.code}' has overlapping validity with regions[${i}]`);
      }
    });
  });
  regionParentCycles(plan).forEach((i) =>
    err(['regions', i, 'parent'], 'the parent chain loops back to this region'),
  );

  plan.regionGroups.forEach((g, i) => {
    if (!g.members === !g.complementOf)
      err(['regionGroups', i], 'a group has either members or complementOf, not both or neither');
    g.members?.forEach((m, j) => {
      if (!regionCodes.has(m.region))
        err(['regionGroups', i, 'members', j, 'region'], `unknown region '${m.region}'`);
    });
    if (g.complementOf) {
      if (!regionCodes.has(g.complementOf.whole))
        err(['regionGroups', i, 'complementOf', 'whole'], `unknown region '${g.complementOf.whole}'`);
      g.complementOf.minus.forEach((c, j) => {
        if (!groupCodes.has(c) || c === g.code)
          err(['regionGroups', i, 'complementOf', 'minus', j], `unknown group '${c}'`);
      });
    }
  });

  plan.peerSets.forEach((p, i) => {
    p.members.forEach((m, j) => {
      if (!anyRegion(m)) err(['peerSets', i, 'members', j], `unknown region '${m}'`);
    });
    if (p.reference !== undefined && !anyRegion(p.reference))
      err(['peerSets', i, 'reference'], `unknown region '${p.reference}'`);
  });

  plan.indicators.forEach((ind, i) => {
    const at = (...rest: PlanPath): PlanPath => ['indicators', i, ...rest];
    ind.leadUnits.forEach(
      (d, j) => departments.has(d) || err(at('leadUnits', j), `unknown department '${d}'`),
    );
    ind.cooperatingUnits.forEach(
      (d, j) => departments.has(d) || err(at('cooperatingUnits', j), `unknown department '${d}'`),
    );
    if (ind.sourceDepartment !== undefined && !departments.has(ind.sourceDepartment)) {
      err(at('sourceDepartment'), `unknown department '${ind.sourceDepartment}'`);
    }
    if (ind.townFiguresBy === 'department' && ind.sourceDepartment === undefined && !ind.leadUnits.length)
      err(at('townFiguresBy'), "townFiguresBy 'department' needs a sourceDepartment or a lead unit");
    if (ind.townFiguresBy !== undefined && ind.aggregation !== 'sum')
      err(at('townFiguresBy'), 'townFiguresBy is for summed indicators (aggregation: sum)');
    if (ind.range?.min !== undefined && ind.range.max !== undefined && ind.range.min > ind.range.max)
      err(at('range', 'max'), `range.max (${ind.range.max}) is below range.min (${ind.range.min})`);
    if (ind.ratio) {
      for (const part of ['numerator', 'denominator'] as const) {
        const ref = indicators.get(ind.ratio[part]);
        if (!ref) err(at('ratio', part), `unknown indicator '${ind.ratio[part]}'`);
        else if (ref.code === ind.code) err(at('ratio', part), 'a ratio cannot refer to itself');
      }
    }
    if (ind.measure === 'ratio' && ind.aggregation === 'ratio_of_sums' && !ind.ratio) {
      err(at('ratio'), 'ratio_of_sums needs ratio.numerator and ratio.denominator');
    }
    if (ind.aggregation === 'ratio_of_sums' && ind.measure !== 'ratio')
      err(at('aggregation'), 'ratio_of_sums is for ratio indicators');
    if (
      ind.aggregation === 'sum' &&
      (ind.measure === 'ratio' || ind.measure === 'growth' || ind.measure === 'index')
    ) {
      err(at('aggregation'), `a ${ind.measure} cannot be summed across regions`);
    }
    if (ind.measure === 'growth') {
      const base = ind.growthOf === undefined ? undefined : indicators.get(ind.growthOf);
      if (!base)
        err(
          at('growthOf'),
          ind.growthOf ? `unknown indicator '${ind.growthOf}'` : 'a growth indicator needs growthOf',
        );
      else if (base.measure !== 'flow' && base.measure !== 'stock')
        err(at('growthOf'), 'growthOf must be a flow or a stock');
    } else if (ind.growthOf !== undefined) {
      err(at('growthOf'), 'growthOf is only for growth indicators');
    }
    if (ind.aggregation === 'growth_of_sums' && ind.measure !== 'growth')
      err(at('aggregation'), 'growth_of_sums is for growth indicators');
    if (
      (ind.progressRule === 'flow_linear' || ind.progressRule === 'flow_seasonal') &&
      ind.measure !== 'flow'
    ) {
      err(at('progressRule'), `${ind.progressRule} is for flow indicators`);
    }
  });

  plan.targets.forEach((t, i) => {
    const at = (...rest: PlanPath): PlanPath => ['targets', i, ...rest];
    const ind = indicators.get(t.indicator);
    if (!ind) err(at('indicator'), `unknown indicator '${t.indicator}'`);
    if (!anyRegion(t.region)) err(at('region'), `unknown region '${t.region}'`);
    switch (t.type) {
      case 'path':
        for (const y of Object.keys(t.values)) {
          const n = Number(y);
          if (n < plan.startYear || n > plan.targetYear)
            errors.push({
              path: at('values', y),
              message: `year ${y} is outside the plan (${plan.startYear}–${plan.targetYear})`,
              atKey: true,
            });
        }
        if (Object.keys(t.values).length === 0) err(at('values'), 'a path needs at least one year');
        break;
      case 'annual_flow':
      case 'cumulative':
        if (ind && ind.measure !== 'flow')
          err(
            at('indicator'),
            `a ${t.type} target needs a flow indicator, '${ind.code}' is a ${ind.measure}`,
          );
        if (t.from > t.to) err(at('to'), 'to is before from');
        break;
      case 'multiple_of_base':
      case 'average_growth':
        if (t.baseYear >= t.year) err(at('year'), 'year must be after baseYear');
        break;
      case 'relative_growth': {
        if (ind && ind.measure !== 'growth')
          err(
            at('indicator'),
            `a relative_growth target needs a growth indicator, '${ind.code}' is a ${ind.measure}`,
          );
        const other = indicators.get(t.exceeds);
        if (!other) err(at('exceeds'), `unknown indicator '${t.exceeds}'`);
        else if (other.measure !== 'growth') err(at('exceeds'), `'${other.code}' is not a growth indicator`);
        if (t.from > t.to) err(at('to'), 'to is before from');
        break;
      }
    }
    if (ind?.component) err(at('indicator'), `'${ind.code}' is a component indicator and carries no target`);
  });

  plan.actions.forEach((a, i) =>
    a.tasks.forEach((t, j) => {
      const at = (...rest: PlanPath): PlanPath => ['actions', i, 'tasks', j, ...rest];
      t.leadUnits.forEach(
        (d, k) => departments.has(d) || err(at('leadUnits', k), `unknown department '${d}'`),
      );
      t.cooperatingUnits.forEach(
        (d, k) => departments.has(d) || err(at('cooperatingUnits', k), `unknown department '${d}'`),
      );
      t.indicators.forEach(
        (c, k) => indicators.has(c) || err(at('indicators', k), `unknown indicator '${c}'`),
      );
    }),
  );
  return errors;
}

/**
 * Issue 16 item 6: a plan file bounds what may be entered — every indicator that carries a target
 * (not a component) has `range.max`, so 1e308 家 is refused on import. Checked when a plan file is
 * loaded (`ding plan --check`, the server's start), not when a stored plan is read back, so that a
 * database holding an older plan keeps opening.
 */
export function planRangeErrors(plan: Plan): PlanError[] {
  const errors: PlanError[] = [];
  plan.indicators.forEach((ind, i) => {
    if (ind.component) return;
    if (ind.range?.max === undefined)
      errors.push({
        path: ['indicators', i, ...(ind.range ? ['range'] : [])],
        message: `indicator '${ind.code}' needs range.max: the largest plausible value in ${ind.unit} (imports refuse larger ones)`,
      });
  });
  return errors;
}

function overlaps(
  a: { validFrom?: string; validTo?: string },
  b: { validFrom?: string; validTo?: string },
): boolean {
  const aFrom = a.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bFrom = b.validFrom ?? '0000-01-01';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

/** Indices of regions whose parent chain returns to themselves. */
function regionParentCycles(plan: Plan): number[] {
  const parentOf = new Map(plan.regions.map((r) => [r.code, r.parent]));
  return plan.regions.flatMap((r, i) => {
    const seen = new Set<string>([r.code]);
    for (let p = r.parent; p !== undefined; p = parentOf.get(p)) {
      if (seen.has(p)) return p === r.code ? [i] : [];
      seen.add(p);
    }
    return [];
  });
}
