// Benchmark of the composite-index engine against COINr (R) timings measured on the same machine:
// the full ASEM example pipeline, min-max + mean on 1,400 units × 40 indicators, and Monte Carlo
// uncertainty analyses of ASEM; then Cixi's own index (plans/cixi/index-spec.json) on the demo data.
// Each figure is the median of several repetitions after a warm-up.
import {
  coinrDataRead,
  coinrMetaRead,
  indexCompute,
  indexFrameworkSchema,
  indexMethodsSchema,
  planIndexCompute,
  planIndexUncertainty,
  prngMulberry32,
  uncertaintyRun,
  uncertaintySpecSchema,
  type IndexInput,
  type Period,
} from '@ding/core';
import { fixtureTable } from '../packages/core/test/fixtures/fixtures.ts';
import { demoGenerate } from '../packages/server/src/demo/generate.ts';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../packages/server/src/plan/load-plan-file.ts';
import { DEFAULT_INDEX_SPEC_PATH, indexSpecLoad } from '../packages/server/src/services/index-scores.ts';
import type { BenchRow } from './bench-row.ts';

/** Median wall time in seconds of `reps` calls after `warmup` calls. */
function timeMedian(fn: () => void, reps: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push((performance.now() - t0) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

function must<T>(r: { ok: true; value: T } | { ok: false; errors: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** COINr build_example_coin(): denominate → impute (group mean) → screen → treat → min-max → mean. */
const asemMethods = indexMethodsSchema.parse({
  denominate: true,
  imputation: { method: 'groupMean', group: 'EurAsia_group' },
  screening: { minDataAvailability: 0.9 },
  treatment: { default: { method: 'winsorise', winmax: 5 } },
  normalisation: { default: { method: 'minmax', range: [0, 100] } },
});

/** A synthetic data set: `units` × 40 indicators in 5 dimensions of 8, uniform values, 3% missing. */
export function syntheticIndex(units: number): {
  framework: ReturnType<typeof indexFrameworkSchema.parse>;
  input: IndexInput;
} {
  const rng = prngMulberry32(1400);
  const nodes: unknown[] = [{ code: 'Index', kind: 'aggregate' }];
  const columns: Record<string, Float64Array> = {};
  for (let d = 0; d < 5; d++) {
    nodes.push({ code: `D${d}`, kind: 'aggregate', parent: 'Index' });
    for (let k = 0; k < 8; k++) {
      const code = `i${d}_${k}`;
      nodes.push({ code, kind: 'indicator', parent: `D${d}`, direction: k % 4 === 3 ? -1 : 1 });
      columns[code] = Float64Array.from({ length: units }, () =>
        rng.next() < 0.03 ? NaN : 100 * rng.next(),
      );
    }
  }
  return {
    framework: indexFrameworkSchema.parse({ nodes }),
    input: { units: Array.from({ length: units }, (_, i) => `U${i}`), columns },
  };
}

export async function benchComposite(): Promise<BenchRow[]> {
  const metaTable = fixtureTable('asem', 'ASEM_iMeta.csv');
  const dataTable = fixtureTable('asem', 'ASEM_iData.csv');
  const rows: BenchRow[] = [];

  // 1. The full ASEM example, from the tables (new_coin's checks) to the aggregated data set.
  const tAsem = timeMedian(() => {
    const meta = must(coinrMetaRead(metaTable));
    const input = must(coinrDataRead(dataTable, meta));
    must(indexCompute(meta.compiled, asemMethods, input));
  }, 51);
  rows.push({
    name: 'ASEM example pipeline (51 units × 49 indicators, 7 stages)',
    value: tAsem,
    unit: 's',
    peer: { name: 'COINr', value: 0.063 },
  });

  // 2. Min-max + arithmetic mean on 1,400 units × 40 indicators.
  const big = syntheticIndex(1400);
  const defaults = indexMethodsSchema.parse({});
  const tBig = timeMedian(() => must(indexCompute(big.framework, defaults, big.input)), 21);
  rows.push({
    name: 'min-max + mean, 1,400 units × 40 indicators',
    value: tBig,
    unit: 's',
    peer: { name: 'COINr', value: 0.057 },
  });

  // 3. Uncertainty of ASEM: weights ±25% at levels 2 and 3 × arithmetic/geometric mean (COINr's
  //    example analysis). Min-max onto [1, 100] so that the geometric mean is defined.
  const meta = must(coinrMetaRead(metaTable));
  const input = must(coinrDataRead(dataTable, meta));
  const uaMethods = {
    ...asemMethods,
    normalisation: { default: { method: 'minmax' as const, range: [1, 100] as [number, number] } },
  };
  const ua = (runs: number, sensitivity = false) =>
    uncertaintySpecSchema.parse({
      runs,
      seed: 1,
      weights: { noise: 0.25, levels: [2, 3] },
      aggregation: [{ method: 'arithmetic' }, { method: 'geometric', nonPositive: 'error' }],
      sensitivity,
    });
  const t200 = timeMedian(() => must(uncertaintyRun(meta.compiled, uaMethods, input, ua(200))), 11);
  rows.push({
    name: 'ASEM uncertainty, 200 runs (weights × arithmetic/geometric)',
    value: t200,
    unit: 's',
    peer: { name: 'COINr', value: 12.7 },
  });
  // No peer field here: the runner prints peer/ours, which suits times, not rates (COINr: 15.7 runs/s).
  rows.push({
    name: 'ASEM uncertainty throughput (COINr: 200/12.7 s = 15.7 runs/s)',
    value: 200 / t200,
    unit: 'runs/s',
  });
  const t1000 = timeMedian(() => must(uncertaintyRun(meta.compiled, uaMethods, input, ua(1000))), 7);
  rows.push({ name: 'ASEM uncertainty, 1,000 runs', value: t1000, unit: 's' });
  const tSa = timeMedian(() => must(uncertaintyRun(meta.compiled, uaMethods, input, ua(1000, true))), 5);
  rows.push({ name: 'ASEM sensitivity indices, 1,000 × (2 + 2) = 4,000 runs', value: tSa, unit: 's' });
  rows.push(...(await benchCixiIndex()));
  return rows;
}

/**
 * Cixi's index for the towns in 2025 on the demo observations, as `ding index scores` computes it: the
 * observation store, every value through the plan's aggregation rules, the pipeline, ranks and
 * contributions; then the spec's 1,000-run uncertainty analysis (weights ±25% × 3 normalisations × 2
 * aggregations) on the same inputs.
 */
async function benchCixiIndex(): Promise<BenchRow[]> {
  const plan = must(await loadPlanFile(DEFAULT_PLAN_PATH));
  const spec = must(await indexSpecLoad(DEFAULT_INDEX_SPEC_PATH));
  const { observations } = demoGenerate(plan);
  const options = { period: '2025' as Period, peerSet: 'cixi-towns' };
  const nIndicators = spec.framework!.nodes.filter((n) => n.kind === 'indicator').length;
  const towns = must(planIndexCompute(plan, spec, observations, options)).units.length;
  const tIndex = timeMedian(() => must(planIndexCompute(plan, spec, observations, options)), 21);
  const tUa = timeMedian(
    () => must(planIndexUncertainty(plan, spec, observations, { ...options, runs: 1000 })),
    7,
  );
  return [
    {
      name: `Cixi index, ${towns} towns × ${nIndicators} indicators, 2025 (from ${observations.length.toLocaleString('en')} demo observations)`,
      value: tIndex,
      unit: 's',
    },
    {
      name: 'Cixi index uncertainty, 1,000 runs (weights × normalisation × aggregation)',
      value: tUa,
      unit: 's',
    },
  ];
}
