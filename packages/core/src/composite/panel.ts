// Panel data (several periods): one cross-sectional index per period, with last-observation-carried-
// forward imputation reaching back into earlier periods of the same unit.
import type { Result } from '../types.ts';
import type { IndexInput } from './dataset.ts';
import type { IndexError } from './framework.ts';
import { imputeColumnLocf } from './impute.ts';
import { frameworkOrCompile, indexCompute, indexComputeFrom, type IndexResult } from './pipeline.ts';
import type { IndexFramework, IndexMethods } from './spec.ts';
import type { CompiledFramework } from './framework.ts';

export interface IndexPeriodResult {
  /** The period (iData `Time`); null for data without a time column. */
  time: number | null;
  result: IndexResult;
}

/** Compute the index for every period of the input, earliest first. */
export function indexComputePanel(
  framework: IndexFramework | CompiledFramework,
  methods: IndexMethods,
  input: IndexInput,
): Result<IndexPeriodResult[], IndexError> {
  const compiled = frameworkOrCompile(framework);
  if (!compiled.ok) return compiled;
  const fw = compiled.value;
  const times = input.times;
  if (times === undefined) {
    if (methods.imputation.method === 'locf') {
      return {
        ok: false,
        errors: [{ message: 'LOCF imputation needs a time column (Time) with several periods' }],
      };
    }
    const r = indexCompute(fw, methods, input);
    return r.ok ? { ok: true, value: [{ time: null, result: r.value }] } : r;
  }

  const seen = new Set<string>();
  for (let i = 0; i < input.units.length; i++) {
    const key = `${input.units[i]}\u0000${times[i]}`;
    if (seen.has(key)) {
      return {
        ok: false,
        errors: [
          { code: input.units[i], message: `unit ${input.units[i]} appears twice in period ${times[i]}` },
        ],
      };
    }
    seen.add(key);
  }
  const nI = fw.nIndicators;
  const missing = fw.codes.slice(0, nI).filter((c) => input.columns[c] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map((c) => ({ code: c, column: c, message: `no data column for indicator ${c}` })),
    };
  }

  // LOCF runs over all rows, on the values the imputation step sees (denominated when denominate is on).
  const rows = input.units.length;
  let carried: { values: Float64Array[]; from: Float64Array[] } | undefined;
  if (methods.imputation.method === 'locf') {
    const values: Float64Array[] = [];
    const from: Float64Array[] = [];
    for (let j = 0; j < nI; j++) {
      const node = fw.nodes[j]!;
      const x = Float64Array.from(input.columns[node.code]!);
      if (methods.denominate && node.denominator !== undefined) {
        const d = input.columns[node.denominator];
        if (d === undefined)
          return {
            ok: false,
            errors: [{ code: node.code, message: `denominator column ${node.denominator} not found` }],
          };
        const scale = node.scaleFactor ?? 1;
        for (let i = 0; i < rows; i++) x[i] = (x[i]! / d[i]!) * scale;
      }
      const filled = Float64Array.from(x);
      const r = imputeColumnLocf(filled, input.units, times, methods.imputation.maxPeriods);
      const carriedValues = new Float64Array(rows).fill(NaN);
      const carriedFrom = new Float64Array(rows).fill(NaN);
      for (const [i, t] of r.from) {
        carriedValues[i] = filled[i]!;
        carriedFrom[i] = t;
      }
      values.push(carriedValues);
      from.push(carriedFrom);
    }
    carried = { values, from };
  }

  const periods = [...new Set(times)].sort((a, b) => a - b);
  const out: IndexPeriodResult[] = [];
  for (const t of periods) {
    const idx: number[] = [];
    for (let i = 0; i < rows; i++) if (times[i] === t) idx.push(i);
    const m = idx.length;
    const units = idx.map((i) => input.units[i]!);
    const rawValues = new Float64Array(m * nI);
    for (let j = 0; j < nI; j++) {
      const col = input.columns[fw.codes[j]!]!;
      for (let r = 0; r < m; r++) rawValues[j * m + r] = col[idx[r]!]!;
    }
    const columns: Record<string, Float64Array> = {};
    for (const [k, col] of Object.entries(input.columns)) columns[k] = Float64Array.from(idx, (i) => col[i]!);
    const groups: Record<string, (string | null)[]> = {};
    for (const [k, col] of Object.entries(input.groups ?? {})) groups[k] = idx.map((i) => col[i] ?? null);
    let periodCarried: { values: Float64Array; from: Float64Array } | undefined;
    if (carried !== undefined) {
      const v = new Float64Array(m * nI);
      const f = new Float64Array(m * nI);
      for (let j = 0; j < nI; j++) {
        for (let r = 0; r < m; r++) {
          v[j * m + r] = carried.values[j]![idx[r]!]!;
          f[j * m + r] = carried.from[j]![idx[r]!]!;
        }
      }
      periodCarried = { values: v, from: f };
    }
    const r = indexComputeFrom(
      fw,
      methods,
      { units, codes: fw.codes.slice(0, nI), values: rawValues },
      { columns, groups },
      periodCarried,
    );
    if (!r.ok)
      return { ok: false, errors: r.errors.map((e) => ({ ...e, message: `period ${t}: ${e.message}` })) };
    out.push({ time: t, result: r.value });
  }
  return { ok: true, value: out };
}
