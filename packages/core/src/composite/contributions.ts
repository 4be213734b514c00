// Why a unit scored what it did: each indicator's contribution to an aggregate's score, and to the
// change of that score since the previous period. Exact for weighted arithmetic aggregation, where
// score = Σ_j (effective weight_j × normalised value_j) and the effective weight is the product of the
// (renormalised, when inputs are missing) weights along every path from the indicator to the aggregate.
import type { Result } from '../types.ts';
import { aggregationFor } from './aggregate.ts';
import type { IndexError } from './framework.ts';
import type { IndexResult } from './pipeline.ts';

export interface IndicatorContribution {
  code: string;
  /** Normalised value of the indicator for this unit (NaN when missing). */
  value: number;
  /** Share of the aggregate this indicator carries for this unit (sums to 1 over indicators). */
  effectiveWeight: number;
  /** effectiveWeight × value; these add up to the score. */
  contribution: number;
}

export interface ContributionBreakdown {
  unit: string;
  target: string;
  score: number;
  parts: IndicatorContribution[];
}

/** Contributions of the indicators to `target` (default: the first root) for one unit. */
export function indexContributions(
  result: IndexResult,
  unit: string,
  target?: string,
): Result<ContributionBreakdown, IndexError> {
  const fw = result.framework;
  const agg = result.stages.aggregated;
  const i = agg.units.indexOf(unit);
  if (i < 0) return { ok: false, errors: [{ code: unit, message: `unit ${unit} is not in the results` }] };
  const t = target === undefined ? fw.roots[0]! : fw.indexOf.get(target);
  if (t === undefined || t < fw.nIndicators) {
    return {
      ok: false,
      errors: [{ code: target, message: `${target} is not an aggregate of the framework` }],
    };
  }
  const n = agg.units.length;
  const value = (c: number) => agg.values[c * n + i]!;
  const eff = new Float64Array(fw.nIndicators);
  const errors: IndexError[] = [];
  const walk = (c: number, factor: number) => {
    if (c < fw.nIndicators) {
      eff[c] = eff[c]! + factor;
      return;
    }
    const code = fw.codes[c]!;
    const method = aggregationFor(result.methods, code, fw.level[c]!).method;
    if (method !== 'arithmetic') {
      errors.push({
        code,
        message: `${code} uses ${method} aggregation; contributions are additive only for weighted arithmetic means`,
      });
      return;
    }
    const children = fw.children[c]!;
    const w = result.weights[code]!.weights;
    let ws = 0;
    for (let k = 0; k < children.length; k++) if (!Number.isNaN(value(children[k]!))) ws += w[k]!;
    for (let k = 0; k < children.length; k++) {
      const ch = children[k]!;
      if (!Number.isNaN(value(ch))) walk(ch, (factor * w[k]!) / ws);
    }
  };
  if (!Number.isNaN(value(t))) walk(t, 1);
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 1) };
  const parts: IndicatorContribution[] = [];
  for (let j = 0; j < fw.nIndicators; j++) {
    const v = value(j);
    parts.push({
      code: fw.codes[j]!,
      value: v,
      effectiveWeight: eff[j]!,
      contribution: eff[j]! === 0 ? 0 : eff[j]! * v,
    });
  }
  return { ok: true, value: { unit, target: fw.codes[t]!, score: value(t), parts } };
}

export interface ContributionChange {
  code: string;
  previous: number;
  current: number;
  /** current − previous contribution; these add up to the change of the score. */
  change: number;
}

/**
 * Decompose the change of a unit's score between two periods into indicator contributions:
 * Δscore = Σ_j (c_j,now − c_j,before). Each period is normalised on its own data, so a change can come
 * from the unit's value or from how the other units moved (that is what a cross-sectional rank means).
 */
export function indexContributionChange(
  previous: IndexResult,
  current: IndexResult,
  unit: string,
  target?: string,
): Result<
  { unit: string; target: string; previousScore: number; currentScore: number; parts: ContributionChange[] },
  IndexError
> {
  const before = indexContributions(previous, unit, target);
  if (!before.ok) return before;
  const now = indexContributions(current, unit, target);
  if (!now.ok) return now;
  const prevBy = new Map(before.value.parts.map((p) => [p.code, p.contribution] as const));
  const parts = now.value.parts.map((p) => {
    const prev = prevBy.get(p.code) ?? 0;
    return { code: p.code, previous: prev, current: p.contribution, change: p.contribution - prev };
  });
  return {
    ok: true,
    value: {
      unit,
      target: now.value.target,
      previousScore: before.value.score,
      currentScore: now.value.score,
      parts,
    },
  };
}
