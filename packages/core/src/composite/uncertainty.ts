// Uncertainty and sensitivity analysis of an index (Saisana, Saltelli & Tarantola 2005, J. R. Stat.
// Soc. A 168:307–323; COINr get_sensitivity): regenerate the index many times with noisy weights and
// alternative methods, report each unit's median rank and 5–95% rank interval, and apportion the
// variance of the rank shifts to the varied choices with first-order (Saltelli et al. 2010) and total
// (Jansen 1999) sensitivity indices. Deterministic for a seed.
//
// Everything that does not vary (denomination, imputation, screening) is computed once; each treatment
// and normalisation alternative once; a run then only re-weights and re-aggregates typed columns.
import type { Result } from '../types.ts';
import { aggregateColumn, aggregationFor } from './aggregate.ts';
import type { IndexDataSet, IndexInput } from './dataset.ts';
import type { CompiledFramework, IndexError } from './framework.ts';
import {
  aggregationError,
  frameworkOrCompile,
  indexCompute,
  normaliseStage,
  treatStage,
  weightsForAggregate,
} from './pipeline.ts';
import { prngMulberry32, type Prng } from './prng.ts';
import type {
  AggregationMethodSpec,
  IndexFramework,
  IndexMethods,
  NormalisationSpec,
  TreatmentSpec,
  UncertaintySpec,
} from './spec.ts';
import { statsMean, statsQuantileSorted, statsRankInto } from './stats.ts';

export type UncertaintyFactor = 'weights' | 'treatment' | 'normalisation' | 'aggregation';

export interface UnitRankStats {
  unit: string;
  nominalScore: number;
  nominalRank: number;
  meanRank: number;
  medianRank: number;
  /** 5th and 95th percentiles of the unit's rank over the runs (R quantile type 7, as COINr). */
  q05Rank: number;
  q95Rank: number;
}

export interface SensitivityIndex {
  factor: UncertaintyFactor;
  /** First-order index S_i: share of output variance due to this choice alone. */
  first: number;
  /** Total index S_Ti: share including its interactions with the other choices. */
  total: number;
}

export interface UncertaintyResult {
  target: string;
  units: string[];
  factors: UncertaintyFactor[];
  /** Regenerations run (runs, or runs·(d + 2) with sensitivity). */
  regenerations: number;
  /** Runs whose method combination could not be computed (e.g. geometric mean of a 0): excluded. */
  failedRuns: number;
  failures: string[];
  rankStats: UnitRankStats[];
  /** Ranks of every regeneration, run-major: ranks[r · units + i]. */
  ranks: Float64Array;
  sensitivity?: { outputVariance: number; indices: SensitivityIndex[] };
  /** Distinct warnings of the regenerations (e.g. a normalisation alternative that gave NaN). */
  warnings: string[];
  seconds: number;
}

interface Alternatives {
  treatment: TreatmentSpec[];
  normalisation: NormalisationSpec[];
  aggregation: AggregationMethodSpec[];
}

/** Map u ∈ [0, 1) onto one of k equally likely alternatives (COINr sample_2_para, discrete). */
function pick(u: number, k: number): number {
  return Math.min(k - 1, Math.floor(u * k));
}

export function uncertaintyRun(
  framework: IndexFramework | CompiledFramework,
  methods: IndexMethods,
  input: IndexInput,
  spec: UncertaintySpec,
  now: () => number = () => performance.now(),
): Result<UncertaintyResult, IndexError> {
  const t0 = now();
  const compiled = frameworkOrCompile(framework);
  if (!compiled.ok) return compiled;
  const fw = compiled.value;
  const nominal = indexCompute(fw, methods, input);
  if (!nominal.ok) return nominal;
  const base = nominal.value;
  const target = spec.target === undefined ? fw.roots[0]! : fw.indexOf.get(spec.target);
  if (target === undefined || target < fw.nIndicators) {
    return {
      ok: false,
      errors: [{ code: spec.target, message: `uncertainty target ${spec.target} is not an aggregate` }],
    };
  }
  const units = [...base.stages.screened.units];
  const n = units.length;
  const nCols = fw.codes.length;

  const alts: Alternatives = {
    treatment: spec.treatment ?? [methods.treatment.default],
    normalisation: spec.normalisation ?? [methods.normalisation.default],
    aggregation: spec.aggregation ?? [methods.aggregation.default],
  };
  const factors: UncertaintyFactor[] = [];
  if (spec.weights !== undefined && spec.weights.noise > 0) factors.push('weights');
  if (alts.treatment.length > 1) factors.push('treatment');
  if (alts.normalisation.length > 1) factors.push('normalisation');
  if (alts.aggregation.length > 1) factors.push('aggregation');
  if (factors.length === 0)
    return { ok: false, errors: [{ message: 'nothing varies: give weight noise or method alternatives' }] };
  const d = factors.length;
  if (spec.sensitivity && d < 2) {
    return { ok: false, errors: [{ message: 'sensitivity indices need at least two varied choices' }] };
  }

  // Edges (child → aggregate) in column order; weights are per edge.
  const edgeStart = new Int32Array(nCols + 1);
  for (let c = 0; c < nCols; c++) edgeStart[c + 1] = edgeStart[c]! + fw.children[c]!.length;
  const nEdges = edgeStart[nCols]!;

  // Noisy weight sets as multiplicative factors (COINr get_noisy_weights: w + (2u − 1)·noise·w).
  const rng = prngMulberry32(spec.seed);
  const nSets = spec.runs;
  let noise: Float64Array | undefined;
  if (factors.includes('weights')) {
    const levels = new Set(spec.weights!.levels ?? Array.from({ length: fw.maxLevel - 1 }, (_, k) => k + 1));
    noise = new Float64Array(nSets * nEdges);
    for (let s = 0; s < nSets; s++) {
      for (let c = fw.nIndicators; c < nCols; c++) {
        const ch = fw.children[c]!;
        for (let k = 0; k < ch.length; k++) {
          const e = edgeStart[c]! + k;
          noise[s * nEdges + e] = levels.has(fw.level[ch[k]!]!)
            ? 1 + (rng.next() * 2 - 1) * spec.weights!.noise
            : 1;
        }
      }
    }
  }

  // Cached stages: treated per treatment alternative, normalised per (treatment, normalisation).
  const treatedCache = new Map<number, IndexDataSet>();
  const normCache = new Map<number, IndexDataSet | string>();
  const warnings: string[] = [];
  const normalisedFor = (ti: number, ni: number): IndexDataSet | string => {
    const key = ti * alts.normalisation.length + ni;
    const hit = normCache.get(key);
    if (hit !== undefined) return hit;
    let treated = treatedCache.get(ti);
    if (treated === undefined) {
      const r = treatStage(fw, { ...methods.treatment, default: alts.treatment[ti]! }, base.stages.screened);
      if (!r.ok) {
        normCache.set(key, r.errors[0]!.message);
        return r.errors[0]!.message;
      }
      treated = r.value.treated;
      treatedCache.set(ti, treated);
    }
    const r = normaliseStage(
      fw,
      { ...methods.normalisation, default: alts.normalisation[ni]! },
      treated,
      warnings,
    );
    const v = r.ok ? r.value : r.errors[0]!.message;
    normCache.set(key, v);
    return v;
  };

  // Static weights (given, equal, AHP) once; data-driven ones (entropy, PCA) per run.
  const staticWeights: (Float64Array | null)[] = [];
  const dataDriven: boolean[] = [];
  for (let c = 0; c < nCols; c++) {
    if (c < fw.nIndicators) {
      staticWeights.push(null);
      dataDriven.push(false);
      continue;
    }
    const ws = methods.weighting.byParent?.[fw.codes[c]!] ?? methods.weighting.default;
    const dd = ws.method === 'entropy' || ws.method === 'pca';
    dataDriven.push(dd);
    staticWeights.push(dd ? null : Float64Array.from(base.weights[fw.codes[c]!]!.weights));
  }

  // The sample: N × d uniforms for an uncertainty analysis; Saltelli's A, B and AB_i blocks for
  // sensitivity (N·(d + 2) rows), exactly as COINr SA_sample.
  const N = spec.runs;
  const rows = spec.sensitivity ? N * (d + 2) : N;
  const X = sampleMatrix(N, d, spec.sensitivity, prngMulberry32(spec.seed ^ 0x9e3779b9));

  // The aggregation method of every column under each alternative (replacing the default).
  const aggSpecs = alts.aggregation.map((agg) =>
    fw.codes.map((code, c) =>
      aggregationFor(
        { ...methods, aggregation: { ...methods.aggregation, default: agg } },
        code,
        fw.level[c]!,
      ),
    ),
  );
  const values = new Float64Array(n * nCols);
  const scratch = new Float64Array(3 * n);
  const weightBuf = new Float64Array(nEdges);
  const order = new Int32Array(n);
  const ranks = new Float64Array(rows * n);
  const failed = new Uint8Array(rows);
  const failures = new Set<string>();
  const fi = (f: UncertaintyFactor) => factors.indexOf(f);

  for (let r = 0; r < rows; r++) {
    const u = (f: UncertaintyFactor) => (fi(f) < 0 ? 0 : X[r * d + fi(f)]!);
    const ti = pick(u('treatment'), alts.treatment.length);
    const ni = pick(u('normalisation'), alts.normalisation.length);
    const ai = pick(u('aggregation'), alts.aggregation.length);
    const si = noise === undefined ? -1 : pick(u('weights'), nSets);
    const normalised = normalisedFor(ti, ni);
    const rankRow = ranks.subarray(r * n, (r + 1) * n);
    if (typeof normalised === 'string') {
      failed[r] = 1;
      failures.add(normalised);
      rankRow.fill(NaN);
      continue;
    }
    values.set(normalised.values);
    let failure: string | null = null;
    for (let c = fw.nIndicators; c < nCols && failure === null; c++) {
      const ch = fw.children[c]!;
      const w = weightBuf.subarray(edgeStart[c]!, edgeStart[c + 1]!);
      const sw = staticWeights[c];
      if (sw !== null && sw !== undefined) w.set(sw);
      else {
        const ws = methods.weighting.byParent?.[fw.codes[c]!] ?? methods.weighting.default;
        const dw = weightsForAggregate(fw, ws, c, values, n, warnings);
        if (!dw.ok) {
          failure = dw.errors[0]!.message;
          break;
        }
        w.set(dw.value.weights);
      }
      if (noise !== undefined) {
        const off = si * nEdges + edgeStart[c]!;
        for (let k = 0; k < ch.length; k++) w[k] = w[k]! * noise[off + k]!;
      }
      const aspec = aggSpecs[ai]![c]!;
      const f = aggregateColumn(
        { values, nUnits: n, children: ch, weights: w, out: c, missing: methods.missing, scratch },
        aspec,
      );
      if (f !== null) failure = aggregationError(fw, units, fw.codes[c]!, f).message;
    }
    if (failure !== null) {
      failed[r] = 1;
      failures.add(failure);
      rankRow.fill(NaN);
      continue;
    }
    statsRankInto(values.subarray(target * n, (target + 1) * n), true, rankRow, order);
  }

  // Rank statistics over the random runs (with sensitivity, the A and B blocks, as COINr does).
  const statRows = spec.sensitivity ? 2 * N : N;
  const nominalScore = base.stages.aggregated.values.subarray(target * n, (target + 1) * n);
  const nominalRank = statsRankInto(nominalScore, true, new Float64Array(n), order);
  const col = new Float64Array(statRows);
  const rankStats: UnitRankStats[] = units.map((unit, i) => {
    let k = 0;
    for (let r = 0; r < statRows; r++)
      if (!failed[r] && !Number.isNaN(ranks[r * n + i]!)) col[k++] = ranks[r * n + i]!;
    const sorted = col.slice(0, k).sort();
    return {
      unit,
      nominalScore: nominalScore[i]!,
      nominalRank: nominalRank[i]!,
      meanRank: statsMean(sorted),
      medianRank: statsQuantileSorted(sorted, 0.5),
      q05Rank: statsQuantileSorted(sorted, 0.05),
      q95Rank: statsQuantileSorted(sorted, 0.95),
    };
  });

  let failedRuns = 0;
  for (let r = 0; r < rows; r++) failedRuns += failed[r]!;
  let sensitivity: UncertaintyResult['sensitivity'];
  if (spec.sensitivity) {
    if (failedRuns > 0) {
      return {
        ok: false,
        errors: [
          {
            message: `sensitivity indices need every regeneration to succeed; ${failedRuns} failed: ${[...failures][0]}`,
          },
        ],
      };
    }
    // Output per run: mean absolute rank shift from the nominal ranking (COINr's choice).
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(ranks[r * n + i]! - nominalRank[i]!);
      y[r] = s / n;
    }
    sensitivity = sensitivityEstimate(y, N, d, factors);
  }

  return {
    ok: true,
    value: {
      target: fw.codes[target]!,
      units,
      factors,
      regenerations: rows,
      failedRuns,
      failures: [...failures].slice(0, 10),
      rankStats,
      ranks,
      sensitivity,
      warnings: [...new Set(warnings)].slice(0, 20),
      seconds: (now() - t0) / 1000,
    },
  };
}

/**
 * Monte Carlo design. UA: N × d uniforms. SA (Saltelli 2010; COINr SA_sample): rows A (N), B (N), then
 * for each i the block AB_i = A with column i taken from B. Row-major, d columns.
 */
export function sampleMatrix(N: number, d: number, saltelli: boolean, rng: Prng): Float64Array {
  if (!saltelli) {
    const x = new Float64Array(N * d);
    for (let k = 0; k < x.length; k++) x[k] = rng.next();
    return x;
  }
  const A = new Float64Array(N * d);
  const B = new Float64Array(N * d);
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < d; j++) A[r * d + j] = rng.next();
    for (let j = 0; j < d; j++) B[r * d + j] = rng.next();
  }
  const x = new Float64Array(N * (d + 2) * d);
  x.set(A, 0);
  x.set(B, N * d);
  for (let i = 0; i < d; i++) {
    const off = (2 + i) * N * d;
    x.set(A, off);
    for (let r = 0; r < N; r++) x[off + r * d + i] = B[r * d + i]!;
  }
  return x;
}

/**
 * Sensitivity indices from outputs y of the N·(d + 2) design (COINr SA_estimate):
 * V = var(y_A ∪ y_B) (sample variance); S_i = mean(y_B·(y_ABi − y_A))/V (Saltelli et al. 2010, Comput.
 * Phys. Commun. 181:259–270, Table 2 (b)); S_Ti = Σ(y_A − y_ABi)²/(2N·V) (Jansen 1999, ibid. (f)).
 */
export function sensitivityEstimate(
  y: Float64Array,
  N: number,
  d: number,
  factors: UncertaintyFactor[],
): { outputVariance: number; indices: SensitivityIndex[] } {
  const yA = y.subarray(0, N);
  const yB = y.subarray(N, 2 * N);
  const both = y.subarray(0, 2 * N);
  const m = statsMean(both);
  let ss = 0;
  for (const v of both) ss += (v - m) * (v - m);
  const V = ss / (2 * N - 1);
  const indices = factors.map((factor, i) => {
    const yAB = y.subarray((2 + i) * N, (3 + i) * N);
    let s1 = 0;
    let st = 0;
    for (let r = 0; r < N; r++) {
      s1 += yB[r]! * (yAB[r]! - yA[r]!);
      st += (yA[r]! - yAB[r]!) ** 2;
    }
    return { factor, first: V === 0 ? 0 : s1 / N / V, total: V === 0 ? 0 : st / (2 * N * V) };
  });
  return { outputVariance: V, indices };
}
