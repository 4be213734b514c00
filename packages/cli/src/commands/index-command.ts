// `ding index`: compute a composite index (科技创新指数) from COINr-style iData/iMeta CSV files, and
// `ding index uncertainty`: Monte Carlo rank intervals and sensitivity indices. Bad input gets located
// errors (file, line, column, why) and nothing is written.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '@ding/server';
import {
  coinrDataRead,
  coinrMetaRead,
  frameworkAggregateCodes,
  frameworkCompile,
  indexComputePanel,
  indexSpecSchema,
  uncertaintyRun,
  uncertaintySpecSchema,
  type AggregationMethodSpec,
  type CoinrMeta,
  type CompiledFramework,
  type IndexError,
  type IndexInput,
  type IndexSpec,
  type NormalisationSpec,
  type UncertaintySpecInput,
} from '@ding/core';
import { csvReadTable, csvStringify, fileWriteAtomic, type ReadResult } from '../csv-files.ts';

export interface IndexCommandOptions {
  data: string;
  meta?: string;
  spec?: string;
  out?: string;
  json?: boolean;
}

export interface UncertaintyCommandOptions extends IndexCommandOptions {
  runs?: string;
  seed?: string;
  noise?: string;
  levels?: string;
  normalisation?: string;
  aggregation?: string;
  target?: string;
  time?: string;
  sensitivity?: string;
}

/** One line per error: `file:line [column] message`. */
export function indexErrorsFormat(errors: readonly IndexError[]): string {
  return errors
    .map((e) => {
      const where = [e.file, e.row === undefined ? undefined : String(e.row)].filter(Boolean).join(':');
      const col = e.column ? ` [${e.column}]` : e.path ? ` [${e.path}]` : '';
      return `${where || 'index'}${col} ${e.message}`;
    })
    .join('\n');
}

interface Loaded {
  spec: IndexSpec;
  framework: CompiledFramework;
  input: IndexInput;
}

function specRead(path: string): ReadResult<IndexSpec> {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const row = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    return { ok: false, errors: [{ file, row, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const parsed = indexSpecSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        file,
        path: i.path.map(String).join('.'),
        message: i.message,
      })),
    };
  }
  return { ok: true, value: parsed.data };
}

/** A meta built from a spec's framework when no iMeta is given: every other column is a label. */
function metaFromSpec(spec: IndexSpec, header: readonly string[]): ReadResult<CoinrMeta> {
  const compiled = frameworkCompile(spec.framework!);
  if (!compiled.ok) return { ok: false, errors: compiled.errors.map(({ node: _node, ...e }) => e) };
  const fw = compiled.value;
  const denominators = [
    ...new Set(fw.nodes.flatMap((n) => (n.denominator === undefined ? [] : [n.denominator]))),
  ];
  const known = new Set(['uCode', 'uName', 'Time', ...fw.codes, ...denominators]);
  return {
    ok: true,
    value: {
      framework: spec.framework!,
      compiled: fw,
      groups: header.filter((h) => !known.has(h)),
      denominators,
      others: [],
    },
  };
}

/** Read the spec, the meta and the data; every problem of every file is collected before giving up. */
export function indexLoad(opts: IndexCommandOptions): ReadResult<Loaded> {
  let spec: IndexSpec = indexSpecSchema.parse({});
  if (opts.spec !== undefined) {
    const s = specRead(opts.spec);
    if (!s.ok) return s;
    spec = s.value;
  }
  const data = csvReadTable(opts.data);
  if (!data.ok) return data;
  let meta: ReadResult<CoinrMeta>;
  if (opts.meta !== undefined) {
    const table = csvReadTable(opts.meta);
    if (!table.ok) return table;
    meta = coinrMetaRead(table.value);
    if (meta.ok && spec.framework !== undefined) {
      // The spec's tree wins; iMeta still says which columns are groups and denominators.
      const fromSpec = metaFromSpec(spec, data.value.header);
      if (!fromSpec.ok) return fromSpec;
      // iMeta indicators that the spec's tree leaves out are still iData columns: read them as Other.
      const specCodes = new Set(fromSpec.value.compiled.codes);
      const dropped = meta.value.compiled.codes.filter(
        (c) => !specCodes.has(c) && data.value.header.includes(c),
      );
      meta = {
        ok: true,
        value: {
          ...meta.value,
          framework: spec.framework,
          compiled: fromSpec.value.compiled,
          others: [...meta.value.others, ...dropped],
        },
      };
    }
  } else if (spec.framework !== undefined) {
    meta = metaFromSpec(spec, data.value.header);
  } else {
    return { ok: false, errors: [{ message: 'give --meta iMeta.csv (or a --spec with a framework)' }] };
  }
  if (!meta.ok) return meta;
  const input = coinrDataRead(data.value, meta.value);
  if (!input.ok) return input;
  return { ok: true, value: { spec, framework: meta.value.compiled, input: input.value } };
}

const fmt = (v: number) => (Number.isNaN(v) ? 'NA' : String(v));

/** Compute and render: one row per unit (and period), uCode first, then every aggregate by level. */
export function indexCommandRun(
  opts: IndexCommandOptions,
): ReadResult<{ csv: string; warnings: string[]; summary: unknown }> {
  const loaded = indexLoad(opts);
  if (!loaded.ok) return loaded;
  const { spec, framework: fw, input } = loaded.value;
  const r = indexComputePanel(fw, spec.methods, input);
  if (!r.ok) return r;
  const aggregates = frameworkAggregateCodes(fw);
  // A Time column only when iData holds several periods; then one row per unit and period.
  const panel = r.value.length > 1;
  const rows: (string | number)[][] = [['uCode', ...(panel ? ['Time'] : []), ...aggregates]];
  const warnings: string[] = [];
  for (const { time, result } of r.value) {
    const agg = result.stages.aggregated;
    const n = agg.units.length;
    agg.units.forEach((u, i) => {
      rows.push([
        u,
        ...(panel ? [String(time)] : []),
        ...aggregates.map((c) => fmt(agg.values[fw.indexOf.get(c)! * n + i]!)),
      ]);
    });
    warnings.push(...result.warnings.map((w) => (panel ? `${time}: ${w}` : w)));
    if (result.screenedOut.length > 0)
      warnings.push(`${panel ? `${time}: ` : ''}screened out: ${result.screenedOut.join(', ')}`);
  }
  const summary = r.value.map(({ time, result }) => ({
    time,
    units: result.stages.aggregated.units.length,
    log: result.log.map(({ stage, note }) => ({ stage, note })),
    weights: result.weights,
    treatment: result.treatment,
    screenedOut: result.screenedOut,
    imputed: result.imputed.count,
    warnings: result.warnings,
  }));
  return { ok: true, value: { csv: csvStringify(rows), warnings, summary } };
}

/** Names accepted by --normalisation. */
const NORMALISATIONS: Record<string, NormalisationSpec> = {
  minmax: { method: 'minmax', range: [0, 100] },
  minmax1: { method: 'minmax', range: [1, 100] },
  zscore: { method: 'zscore', mean: 0, sd: 1, sdType: 'sample' },
  zscore100: { method: 'zscore', mean: 100, sd: 10, sdType: 'population' },
  efficacy: { method: 'efficacy' },
  rank: { method: 'rank' },
  prank: { method: 'percentileRank' },
  dist2targ: { method: 'distanceToTarget', scale: 100, cap: true },
  ratio: { method: 'ratioToBenchmark', cap: 100 },
};

/** Names accepted by --aggregation; geometric and harmonic use the stated shift rule for values ≤ 0. */
const AGGREGATIONS: Record<string, AggregationMethodSpec> = {
  arithmetic: { method: 'arithmetic' },
  geometric: { method: 'geometric', nonPositive: 'shift' },
  harmonic: { method: 'harmonic', nonPositive: 'shift' },
  mpi: { method: 'mpi', penalty: 'negative', standardise: true },
  topsis: { method: 'topsis' },
};

function listOf<T>(flag: string, given: string, table: Record<string, T>): ReadResult<T[]> {
  const names = given.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(n in table));
  if (bad.length > 0) {
    return {
      ok: false,
      errors: [
        { message: `${flag}: unknown ${bad.join(', ')}; choose from ${Object.keys(table).join(', ')}` },
      ],
    };
  }
  return { ok: true, value: names.map((n) => table[n]!) };
}

function intOption(flag: string, v: string | undefined): ReadResult<number | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  if (!/^-?\d+$/.test(v))
    return { ok: false, errors: [{ message: `${flag} ${JSON.stringify(v)}: expected an integer` }] };
  return { ok: true, value: Number(v) };
}

export function uncertaintyCommandRun(opts: UncertaintyCommandOptions): ReadResult<{
  csv: string;
  sensitivityCsv?: string;
  message: string;
  summary: unknown;
}> {
  const loaded = indexLoad(opts);
  if (!loaded.ok) return loaded;
  const { spec, framework: fw } = loaded.value;
  let input = loaded.value.input;

  // One cross-section: --time, or the latest period.
  if (input.times !== undefined && new Set(input.times).size > 0) {
    const t = intOption('--time', opts.time);
    if (!t.ok) return t;
    const times = input.times;
    const time = t.value ?? Math.max(...times);
    const rows = times.flatMap((x, i) => (x === time ? [i] : []));
    if (rows.length === 0)
      return { ok: false, errors: [{ message: `--time ${time}: no rows in that period` }] };
    input = {
      units: rows.map((i) => input.units[i]!),
      columns: Object.fromEntries(
        Object.entries(input.columns).map(([k, c]) => [k, Float64Array.from(rows, (i) => c[i]!)]),
      ),
      groups: Object.fromEntries(
        Object.entries(input.groups ?? {}).map(([k, g]) => [k, rows.map((i) => g[i] ?? null)]),
      ),
    };
  }

  const base: UncertaintySpecInput = { ...(spec.uncertainty ?? {}) };
  const runs = intOption('--runs', opts.runs);
  const seed = intOption('--seed', opts.seed);
  if (!runs.ok) return runs;
  if (!seed.ok) return seed;
  if (runs.value !== undefined) base.runs = runs.value;
  if (seed.value !== undefined) base.seed = seed.value;
  if (opts.target !== undefined) base.target = opts.target;
  if (opts.noise !== undefined || opts.levels !== undefined) {
    const noise = Number(opts.noise ?? base.weights?.noise ?? 0.25);
    if (!(noise >= 0 && noise <= 1))
      return { ok: false, errors: [{ message: `--noise ${opts.noise}: expected a number in [0, 1]` }] };
    const levels = opts.levels?.split(',').map(Number);
    if (levels?.some((l) => !Number.isInteger(l) || l < 1)) {
      return { ok: false, errors: [{ message: `--levels ${opts.levels}: expected levels like 1,2,3` }] };
    }
    base.weights = {
      noise,
      ...(levels ? { levels } : base.weights?.levels ? { levels: base.weights.levels } : {}),
    };
  }
  if (opts.normalisation !== undefined) {
    const l = listOf('--normalisation', opts.normalisation, NORMALISATIONS);
    if (!l.ok) return l;
    base.normalisation = l.value;
  }
  if (opts.aggregation !== undefined) {
    const l = listOf('--aggregation', opts.aggregation, AGGREGATIONS);
    if (!l.ok) return l;
    base.aggregation = l.value;
  }
  if (opts.sensitivity !== undefined) base.sensitivity = true;
  // With nothing said about what varies, vary the weights by ±25% at every level (COINr's example noise).
  if (
    base.weights === undefined &&
    base.normalisation === undefined &&
    base.aggregation === undefined &&
    base.treatment === undefined
  ) {
    base.weights = { noise: 0.25 };
  }
  const us = uncertaintySpecSchema.safeParse(base);
  if (!us.success)
    return {
      ok: false,
      errors: us.error.issues.map((i) => ({ path: `uncertainty.${i.path.join('.')}`, message: i.message })),
    };

  const r = uncertaintyRun(fw, spec.methods, input, us.data);
  if (!r.ok) return r;
  const u = r.value;
  const csv = csvStringify([
    ['uCode', 'nominalScore', 'nominalRank', 'medianRank', 'meanRank', 'q05Rank', 'q95Rank'],
    ...u.rankStats.map((s) => [
      s.unit,
      fmt(s.nominalScore),
      fmt(s.nominalRank),
      fmt(s.medianRank),
      fmt(s.meanRank),
      fmt(s.q05Rank),
      fmt(s.q95Rank),
    ]),
  ]);
  const sensitivityCsv = u.sensitivity
    ? csvStringify([
        ['factor', 'firstOrder', 'total'],
        ...u.sensitivity.indices.map((s) => [s.factor, fmt(s.first), fmt(s.total)]),
      ])
    : undefined;
  const rate = u.seconds > 0 ? Math.round(u.regenerations / u.seconds) : u.regenerations;
  const message =
    `${u.target}: ${u.regenerations} regenerations varying ${u.factors.join(', ')} in ${u.seconds.toFixed(3)} s (${rate} runs/s)` +
    (u.failedRuns > 0 ? `; ${u.failedRuns} failed and were left out: ${u.failures.join('; ')}` : '');
  const summary = {
    target: u.target,
    factors: u.factors,
    regenerations: u.regenerations,
    failedRuns: u.failedRuns,
    failures: u.failures,
    seconds: u.seconds,
    rankStats: u.rankStats,
    sensitivity: u.sensitivity,
  };
  return { ok: true, value: { csv, sensitivityCsv, message, summary } };
}

function fail(errors: readonly IndexError[]): never {
  throw new UserError(
    `index: ${errors.length} problem${errors.length === 1 ? '' : 's'}\n${indexErrorsFormat(errors)}`,
  );
}

export function registerIndexCommand(program: Command): void {
  // `index` has no options of its own: its two subcommands share option names, and a parent that knew
  // --data would take it from `ding index uncertainty --data …`. `compute` is the default, so
  // `ding index --data … --meta …` computes.
  const index = program
    .command('index')
    .description(
      '科技创新指数: compute a composite index, or analyse its uncertainty (COINr-style iData/iMeta CSV)',
    );

  index
    .command('compute', { isDefault: true })
    .description(
      'every aggregate for every unit, one row per unit (defaults = COINr: min-max 0–100 with Direction −1 ' +
        'reversed, weighted arithmetic mean dropping missing values)',
    )
    .requiredOption('--data <file>', 'iData.csv: uCode, uName, group columns, Time, denominators, indicators')
    .option(
      '--meta <file>',
      'iMeta.csv: iCode, Level, Weight, Direction, Parent, Type (Indicator/Aggregate/Group/Denominator/Other)',
    )
    .option('--spec <file>', 'index spec JSON (methods, optional framework and uncertainty)')
    .option('--out <file>', 'CSV to write (default: stdout)')
    .option('--json', 'print stages, weights, treatment and warnings as JSON on stdout (with --out)')
    .action((opts: IndexCommandOptions) => {
      const r = indexCommandRun(opts);
      if (!r.ok) fail(r.errors);
      for (const w of r.value.warnings) process.stderr.write(`warning: ${w}\n`);
      if (opts.out !== undefined) fileWriteAtomic(opts.out, r.value.csv);
      else if (!opts.json) process.stdout.write(r.value.csv);
      if (opts.json) process.stdout.write(`${JSON.stringify(r.value.summary, null, 2)}\n`);
    });

  index
    .command('uncertainty')
    .description('Monte Carlo over weights and methods: median rank and 5–95% rank interval of each unit')
    .requiredOption('--data <file>', 'iData.csv')
    .option('--meta <file>', 'iMeta.csv')
    .option('--spec <file>', 'index spec JSON; its "uncertainty" section is the default analysis')
    .requiredOption(
      '--out <file>',
      'ranks CSV to write: uCode, nominal score/rank, median, mean, q05, q95 rank',
    )
    .option('--runs <n>', 'number of Monte Carlo runs (default 200)')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same result (default 1)')
    .option('--noise <f>', 'weight noise: each weight varies by ±f (default 0.25 when nothing else varies)')
    .option('--levels <list>', 'levels whose weights get noise, e.g. 2,3 (default every level)')
    .option('--normalisation <list>', `alternatives: ${Object.keys(NORMALISATIONS).join(', ')}`)
    .option(
      '--aggregation <list>',
      `alternatives: ${Object.keys(AGGREGATIONS).join(', ')} (geometric/harmonic shift values ≤ 0)`,
    )
    .option('--target <code>', 'aggregate to rank (default: the top of the tree)')
    .option('--time <year>', 'period to analyse when iData has several (default: the latest)')
    .option(
      '--sensitivity <file>',
      'also estimate first-order and total sensitivity indices; write them here',
    )
    .option('--json', 'print the rank statistics and sensitivity as JSON on stdout')
    .action((opts: UncertaintyCommandOptions) => {
      const r = uncertaintyCommandRun(opts);
      if (!r.ok) fail(r.errors);
      if (r.value.sensitivityCsv !== undefined && opts.sensitivity !== undefined)
        fileWriteAtomic(opts.sensitivity, r.value.sensitivityCsv);
      fileWriteAtomic(opts.out!, r.value.csv);
      process.stderr.write(`${r.value.message}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(r.value.summary, null, 2)}\n`);
    });
}
