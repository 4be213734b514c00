// The index pipeline: raw → denominated → imputed → screened → treated → normalised → aggregated.
// Each stage is kept as a data set together with the slice of the spec that made it (as COINr keeps
// .$Data and .$Log), so that any score can be explained and regenerated.
import type { Result } from '../types.ts';
import { assertNever } from '../types.ts';
import { aggregateColumn, aggregationFor, type AggregationFailure } from './aggregate.ts';
import { dataSetColumn, dataSetRows, type IndexDataSet, type IndexInput } from './dataset.ts';
import { frameworkCompile, type CompiledFramework, type IndexError } from './framework.ts';
import { imputeColumnByGroup, imputeColumnMean, imputeColumnMedian } from './impute.ts';
import { normaliseInto } from './normalise.ts';
import type { IndexFramework, IndexMethods, WeightingSpec } from './spec.ts';
import { treatmentApply, type TreatmentLog } from './treat.ts';
import { weightsAhp, weightsEntropy, weightsNormalise, weightsPca } from './weights.ts';

export type IndexStageName =
  'raw' | 'denominated' | 'imputed' | 'screened' | 'treated' | 'normalised' | 'aggregated';

export interface IndexStageLog {
  stage: IndexStageName;
  /** The part of the spec that produced this stage. */
  spec: unknown;
  note: string;
}

export interface IndexWeights {
  method: WeightingSpec['method'];
  /** Children codes and their weights, rescaled to sum to 1. */
  codes: string[];
  weights: number[];
  /** AHP consistency (CR ≥ 0.1 also appears in warnings). */
  ahp?: { lambdaMax: number; consistencyIndex: number; consistencyRatio: number };
  /** PCA: share of variance explained by the first component. */
  pcaExplained?: number;
}

export interface IndexResult {
  framework: CompiledFramework;
  methods: IndexMethods;
  stages: {
    raw: IndexDataSet;
    denominated?: IndexDataSet;
    imputed: IndexDataSet;
    screened: IndexDataSet;
    treated: IndexDataSet;
    normalised: IndexDataSet;
    /** Normalised indicators followed by every aggregate (COINr's .$Data$Aggregated). */
    aggregated: IndexDataSet;
  };
  log: IndexStageLog[];
  treatment: Record<string, TreatmentLog>;
  weights: Record<string, IndexWeights>;
  /** Imputed cells; for LOCF, `from` is the period the value was carried from. */
  imputed: { count: number; cells: { unit: string; code: string; from?: number }[] };
  screenedOut: string[];
  warnings: string[];
}

export function frameworkOrCompile(
  fw: IndexFramework | CompiledFramework,
): Result<CompiledFramework, IndexError> {
  return 'codes' in fw ? { ok: true, value: fw } : frameworkCompile(fw);
}

/** Compute one cross-section of the index. Input with several periods goes through indexComputePanel. */
export function indexCompute(
  framework: IndexFramework | CompiledFramework,
  methods: IndexMethods,
  input: IndexInput,
): Result<IndexResult, IndexError> {
  const compiled = frameworkOrCompile(framework);
  if (!compiled.ok) return compiled;
  const fw = compiled.value;
  if (input.times !== undefined && new Set(input.times).size > 1) {
    return fail('the data hold several periods: compute them with indexComputePanel');
  }
  if (methods.imputation.method === 'locf') {
    return fail('LOCF imputation carries values over periods: compute with indexComputePanel');
  }
  const raw = rawStage(fw, input);
  if (!raw.ok) return raw;
  return indexComputeFrom(fw, methods, raw.value, input);
}

function fail(message: string): { ok: false; errors: IndexError[] } {
  return { ok: false, errors: [{ message }] };
}

/** The indicator columns of the input as the raw data set. */
export function rawStage(fw: CompiledFramework, input: IndexInput): Result<IndexDataSet, IndexError> {
  const codes = fw.codes.slice(0, fw.nIndicators);
  const n = input.units.length;
  const values = new Float64Array(n * codes.length);
  const errors: IndexError[] = [];
  codes.forEach((c, j) => {
    const col = input.columns[c];
    if (col === undefined) errors.push({ column: c, code: c, message: `no data column for indicator ${c}` });
    else for (let i = 0; i < n; i++) values[j * n + i] = col[i]!;
  });
  if (errors.length > 0) return { ok: false, errors };
  const seen = new Set<string>();
  for (const u of input.units) {
    if (seen.has(u)) return fail(`unit ${u} appears twice in one period`);
    seen.add(u);
  }
  return { ok: true, value: { units: input.units, codes, values } };
}

/**
 * The pipeline from a raw data set (after any panel-level step such as LOCF). `input` supplies the
 * denominator and group columns, row-aligned with `raw.units`.
 */
export function indexComputeFrom(
  fw: CompiledFramework,
  methods: IndexMethods,
  raw: IndexDataSet,
  input: Pick<IndexInput, 'columns' | 'groups'>,
  /** For LOCF: values carried forward from earlier periods (same shape as `raw`, NaN = none). */
  carried?: { values: Float64Array; from: Float64Array },
): Result<IndexResult, IndexError> {
  const log: IndexStageLog[] = [
    { stage: 'raw', spec: null, note: `${raw.units.length} units × ${raw.codes.length} indicators` },
  ];
  const warnings: string[] = [];
  const n = raw.units.length;
  const nI = fw.nIndicators;

  // DENOMINATE (COINr Denominate: x / (denominator / scaleFactor)).
  let current = raw;
  let denominated: IndexDataSet | undefined;
  if (methods.denominate) {
    const v = Float64Array.from(raw.values);
    const errors: IndexError[] = [];
    const done: string[] = [];
    for (let j = 0; j < nI; j++) {
      const node = fw.nodes[j]!;
      if (node.denominator === undefined) continue;
      const d = input.columns[node.denominator];
      if (d === undefined) {
        errors.push({
          code: node.code,
          column: node.denominator,
          message: `denominator column ${node.denominator} not found`,
        });
        continue;
      }
      const scale = node.scaleFactor ?? 1;
      for (let i = 0; i < n; i++) v[j * n + i] = (v[j * n + i]! / d[i]!) * scale;
      done.push(`${node.code}/${node.denominator}`);
    }
    if (errors.length > 0) return { ok: false, errors };
    denominated = { units: raw.units, codes: raw.codes, values: v };
    current = denominated;
    log.push({
      stage: 'denominated',
      spec: { denominate: true },
      note: `divided ${done.join(', ') || 'nothing'}`,
    });
  }

  // IMPUTE.
  const imputation = methods.imputation;
  const iv = Float64Array.from(current.values);
  const cells: { unit: string; code: string; from?: number }[] = [];
  const missingBefore = (j: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isNaN(iv[j * n + i]!)) out.push(i);
    return out;
  };
  let groups: readonly (string | null)[] | undefined;
  if (imputation.method === 'groupMean' || imputation.method === 'groupMedian') {
    groups = input.groups?.[imputation.group];
    if (groups === undefined) return fail(`imputation group column ${imputation.group} not found`);
  }
  for (let j = 0; j < nI && imputation.method !== 'none'; j++) {
    const col = iv.subarray(j * n, (j + 1) * n);
    const gaps = missingBefore(j);
    if (gaps.length === 0) continue;
    if (imputation.method === 'locf') {
      for (const i of gaps) {
        const v = carried?.values[j * n + i] ?? NaN;
        if (Number.isNaN(v)) continue;
        col[i] = v;
        cells.push({ unit: raw.units[i]!, code: raw.codes[j]!, from: carried!.from[j * n + i]! });
      }
      continue;
    }
    switch (imputation.method) {
      case 'mean':
        imputeColumnMean(col);
        break;
      case 'median':
        imputeColumnMedian(col);
        break;
      case 'groupMean':
        imputeColumnByGroup(col, groups!, 'mean');
        break;
      case 'groupMedian':
        imputeColumnByGroup(col, groups!, 'median');
        break;
      default:
        assertNever(imputation, 'imputation');
    }
    for (const i of gaps)
      if (!Number.isNaN(col[i]!)) cells.push({ unit: raw.units[i]!, code: raw.codes[j]! });
  }
  const imputed: IndexDataSet = { units: raw.units, codes: raw.codes, values: iv };
  log.push({ stage: 'imputed', spec: imputation, note: `${cells.length} values imputed` });

  // SCREEN units by data availability (COINr Screen, unit_screen = "byNA": keep Dat_Avail ≥ threshold).
  let screened = imputed;
  const screenedOut: string[] = [];
  if (methods.screening !== undefined) {
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      let present = 0;
      for (let j = 0; j < nI; j++) if (!Number.isNaN(iv[j * n + i]!)) present++;
      if (present / nI >= methods.screening.minDataAvailability) keep.push(i);
      else screenedOut.push(raw.units[i]!);
    }
    if (keep.length < 2) return fail(`screening left ${keep.length} units; at least 2 are needed`);
    screened = dataSetRows(imputed, keep);
    log.push({
      stage: 'screened',
      spec: methods.screening,
      note: `removed ${screenedOut.length}: ${screenedOut.join(', ')}`,
    });
  } else log.push({ stage: 'screened', spec: null, note: 'no screening' });

  // TREAT each indicator.
  const treatedStage = treatStage(fw, methods.treatment, screened);
  if (!treatedStage.ok) return treatedStage;
  const { treated, treatment } = treatedStage.value;
  const nTreated = Object.values(treatment).filter((t) => t.winsorised > 0 || t.logApplied).length;
  log.push({ stage: 'treated', spec: methods.treatment, note: `${nTreated} indicators treated` });

  // NORMALISE each indicator.
  const normalised = normaliseStage(fw, methods.normalisation, treated, warnings);
  if (!normalised.ok) return normalised;
  log.push({
    stage: 'normalised',
    spec: methods.normalisation,
    note: 'direction applied before normalising',
  });

  // WEIGHT and AGGREGATE level by level.
  const agg = aggregateStage(fw, methods, normalised.value, warnings);
  if (!agg.ok) return agg;
  log.push({
    stage: 'aggregated',
    spec: { weighting: methods.weighting, aggregation: methods.aggregation, missing: methods.missing },
    note: `${fw.codes.length - nI} aggregates`,
  });

  return {
    ok: true,
    value: {
      framework: fw,
      methods,
      stages: {
        raw,
        denominated,
        imputed,
        screened,
        treated,
        normalised: normalised.value,
        aggregated: agg.value.aggregated,
      },
      log,
      treatment,
      weights: agg.value.weights,
      imputed: { count: cells.length, cells },
      screenedOut,
      warnings,
    },
  };
}

/** Treat every indicator column of `screened`. */
export function treatStage(
  fw: CompiledFramework,
  spec: IndexMethods['treatment'],
  screened: IndexDataSet,
): Result<{ treated: IndexDataSet; treatment: Record<string, TreatmentLog> }, IndexError> {
  const m = screened.units.length;
  const tv = new Float64Array(screened.values.length);
  const treatment: Record<string, TreatmentLog> = {};
  for (let j = 0; j < fw.nIndicators; j++) {
    const code = screened.codes[j]!;
    const ts = spec.byIndicator?.[code] ?? spec.default;
    const r = treatmentApply(dataSetColumn(screened, j), ts);
    if ('error' in r) return { ok: false, errors: [{ code, message: `treatment of ${code}: ${r.error}` }] };
    tv.set(r.values, j * m);
    treatment[code] = r.log;
  }
  return {
    ok: true,
    value: { treated: { units: screened.units, codes: screened.codes, values: tv }, treatment },
  };
}

/** Normalise every indicator column of `treated` (columns in framework order). */
export function normaliseStage(
  fw: CompiledFramework,
  spec: IndexMethods['normalisation'],
  treated: IndexDataSet,
  warnings: string[],
): Result<IndexDataSet, IndexError> {
  const m = treated.units.length;
  const nv = new Float64Array(treated.values.length);
  for (let j = 0; j < fw.nIndicators; j++) {
    const node = fw.nodes[j]!;
    const ns = spec.byIndicator?.[node.code] ?? spec.default;
    const out = nv.subarray(j * m, (j + 1) * m);
    const err = normaliseInto(
      dataSetColumn(treated, j),
      ns,
      { direction: node.direction, target: node.target },
      out,
    );
    if (err !== null)
      return { ok: false, errors: [{ code: node.code, message: `normalisation of ${node.code}: ${err}` }] };
    let finite = 0;
    let present = 0;
    for (let i = 0; i < m; i++) {
      if (Number.isFinite(out[i]!)) finite++;
      if (!Number.isNaN(treated.values[j * m + i]!)) present++;
    }
    if (finite < present)
      warnings.push(`${node.code}: normalisation gave ${present - finite} missing values (zero range?)`);
  }
  return { ok: true, value: { units: treated.units, codes: treated.codes, values: nv } };
}

/** Weights of one aggregate's children under its weighting method, computed from the current values. */
export function weightsForAggregate(
  fw: CompiledFramework,
  spec: WeightingSpec,
  col: number,
  values: Float64Array,
  nUnits: number,
  warnings: string[],
): Result<IndexWeights, IndexError> {
  const children = fw.children[col]!;
  const code = fw.codes[col]!;
  const codes = Array.from(children, (c) => fw.codes[c]!);
  const columns = () => Array.from(children, (c) => values.subarray(c * nUnits, (c + 1) * nUnits));
  const done = (w: Float64Array, extra: Partial<IndexWeights> = {}) =>
    ({ ok: true, value: { method: spec.method, codes, weights: Array.from(w), ...extra } }) as const;
  switch (spec.method) {
    case 'given':
      return done(weightsNormalise(fw.childWeights[col]!));
    case 'equal':
      return done(weightsNormalise(new Float64Array(children.length).fill(1)));
    case 'entropy': {
      const w = weightsEntropy(columns(), spec);
      if ('error' in w)
        return { ok: false, errors: [{ code, message: `entropy weights of ${code}: ${w.error}` }] };
      return done(w);
    }
    case 'ahp': {
      const same = spec.order.length === codes.length && spec.order.every((c) => codes.includes(c));
      if (!same) {
        return {
          ok: false,
          errors: [
            {
              code,
              message: `AHP order of ${code} must list exactly its children (${codes.join(', ')}), got ${spec.order.join(', ')}`,
            },
          ],
        };
      }
      if (spec.matrix.length !== spec.order.length) {
        return {
          ok: false,
          errors: [
            {
              code,
              message: `AHP matrix of ${code} has ${spec.matrix.length} rows but order lists ${spec.order.length} items`,
            },
          ],
        };
      }
      const r = weightsAhp(spec.matrix);
      if ('error' in r) return { ok: false, errors: [{ code, message: `AHP of ${code}: ${r.error}` }] };
      if (r.consistencyRatio >= 0.1) {
        warnings.push(
          `AHP weights of ${code}: consistency ratio ${r.consistencyRatio.toFixed(3)} ≥ 0.1 — Saaty's rule says revise the pairwise judgements`,
        );
      }
      const w = new Float64Array(codes.length);
      codes.forEach((c, k) => (w[k] = r.weights[spec.order.indexOf(c)]!));
      return done(w, {
        ahp: {
          lambdaMax: r.lambdaMax,
          consistencyIndex: r.consistencyIndex,
          consistencyRatio: r.consistencyRatio,
        },
      });
    }
    case 'pca': {
      if (children.length < 2) return done(new Float64Array([1]));
      const r = weightsPca(columns());
      return done(r.weights, { pcaExplained: r.explained });
    }
    default:
      return assertNever(spec, 'weighting');
  }
}

/** Weights and aggregation of every aggregate, lowest level first. */
export function aggregateStage(
  fw: CompiledFramework,
  methods: IndexMethods,
  normalised: IndexDataSet,
  warnings: string[],
): Result<{ aggregated: IndexDataSet; weights: Record<string, IndexWeights> }, IndexError> {
  const m = normalised.units.length;
  const values = new Float64Array(m * fw.codes.length);
  values.set(normalised.values);
  const scratch = new Float64Array(3 * m);
  const weights: Record<string, IndexWeights> = {};
  for (let c = fw.nIndicators; c < fw.codes.length; c++) {
    const code = fw.codes[c]!;
    const ws = methods.weighting.byParent?.[code] ?? methods.weighting.default;
    const w = weightsForAggregate(fw, ws, c, values, m, warnings);
    if (!w.ok) return w;
    weights[code] = w.value;
    const spec = aggregationFor(methods, code, fw.level[c]!);
    const failure = aggregateColumn(
      {
        values,
        nUnits: m,
        children: fw.children[c]!,
        weights: Float64Array.from(w.value.weights),
        out: c,
        missing: methods.missing,
        scratch,
      },
      spec,
      (shift) =>
        warnings.push(
          `${code}: ${spec.method} mean shifted inputs by ${shift} (nonPositive: shift) and back`,
        ),
    );
    if (failure !== null)
      return { ok: false, errors: [aggregationError(fw, normalised.units, code, failure)] };
  }
  return { ok: true, value: { aggregated: { units: normalised.units, codes: fw.codes, values }, weights } };
}

export function aggregationError(
  fw: CompiledFramework,
  units: readonly string[],
  code: string,
  f: AggregationFailure,
): IndexError {
  const child = f.child === undefined ? '' : ` (${fw.codes[f.child]} = ${f.value})`;
  return { code, message: `aggregating ${code} for unit ${units[f.unit]}${child}: ${f.reason}` };
}
