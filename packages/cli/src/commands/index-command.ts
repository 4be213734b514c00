// `ding index`: compute a composite index (科技创新指数) from COINr-style iData/iMeta CSV files, and
// `ding index uncertainty`: Monte Carlo rank intervals and sensitivity indices. Bad input gets located
// errors (file, line, column, why) and nothing is written. `ding index scores`: the plan's own index
// (plans/cixi/index-spec.json) on the stored observations, for the towns or the Ningbo peers.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  UserError,
  indexNameIn,
  indexScoreRows,
  indexScoresJson,
  indexScoresTable,
  workspaceIndex,
  workspacePlan,
  writeTable,
  type WorkspaceIndexResult,
} from '@ding/server';
import {
  coinrDataRead,
  coinrMetaRead,
  frameworkAggregateCodes,
  frameworkCompile,
  indexComputePanel,
  indexSpecParse,
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
  type Period,
  type Plan,
  type UncertaintySpecInput,
  periodIsValid,
} from '@ding/core';
import { csvReadTable, csvStringify, fileWriteAtomic, type ReadResult } from '../csv-files.ts';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

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
  return indexSpecParse(text, file);
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

// ---------------------------------------------------------------------------------------------
// `ding index scores`: the plan's index on the stored data.

export interface ScoresCommandOptions {
  db?: string;
  period: string;
  set: string;
  previous?: string;
  runs?: string;
  seed?: string;
  spec?: string;
  plan?: string;
  out?: string;
  json?: boolean;
  lang: string;
}

const fixed = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '' : v.toFixed(d));
const signed = (v: number) => (v > 0 ? `+${v.toFixed(2)}` : v < 0 ? `−${(-v).toFixed(2)}` : '0.00');
const rankMove = (m: number | null) => (m === null ? '' : m > 0 ? `↑${m}` : m < 0 ? `↓${-m}` : '=');
const rankValue = (v: number | null | undefined) =>
  v === null || v === undefined ? '?' : String(Number(v.toFixed(1)));

/** The terminal table: rank, region, index, 规模, 水平, dimensions, change, drivers, rank interval. */
function indexScoresPrint(plan: Plan, r: WorkspaceIndexResult, lang: 'zh' | 'en'): void {
  const order = { index: 0, subIndex: 1, dimension: 2 } as const;
  const aggregates = [...r.aggregates].sort((a, b) => order[a.role] - order[b.role]);
  const indicatorName = new Map(plan.indicators.map((i) => [i.code, i.name[lang]] as const));
  const zh = lang === 'zh';
  const headers = [
    zh ? '排名' : 'Rank',
    zh ? '区域' : 'Region',
    ...aggregates.map((a) => indexNameIn(a.name, lang)),
    ...(r.change ? [zh ? `较${r.change.previousPeriod}` : `vs ${r.change.previousPeriod}`] : []),
    zh ? '贡献最大指标' : 'Top contributor',
    zh ? '领先均值最多' : 'Largest lead over mean',
    ...(r.uncertainty ? [zh ? '排名区间(5–95%)' : 'Rank 5–95%'] : []),
  ];
  const rows = indexScoreRows(r).map((x) => [
    x.score.rank ?? '',
    x.score.name[lang],
    ...aggregates.map((a) => fixed(a.role === 'index' ? x.score.index : x.score.subIndices[a.code]?.score)),
    ...(r.change
      ? [
          x.isNew
            ? zh
              ? '新设'
              : 'new'
            : x.change?.change === null || x.change === undefined
              ? ''
              : `${signed(x.change.change)} ${rankMove(x.change.rankChange)}`,
        ]
      : []),
    x.top ? `${indicatorName.get(x.top.indicator) ?? x.top.indicator} ${fixed(x.top.contribution)}` : '',
    x.lead ? `${indicatorName.get(x.lead.indicator) ?? x.lead.indicator} ${signed(x.lead.aboveMean)}` : '',
    ...(r.uncertainty
      ? [
          x.interval
            ? `${rankValue(x.interval.medianRank)} (${rankValue(x.interval.q05Rank)}–${rankValue(x.interval.q95Rank)})`
            : '',
        ]
      : []),
  ]);
  printTable(headers, rows);
}

/** Parse and check the options, then compute; errors are UserErrors (exit code 2). */
export async function indexScoresCommandRun(opts: ScoresCommandOptions): Promise<void> {
  if (!periodIsValid(opts.period))
    throw new UserError(`--period '${opts.period}': expected YYYY or YYYYQn, e.g. 2025 or 2025Q3`);
  if (opts.previous !== undefined && opts.previous !== 'none' && !periodIsValid(opts.previous))
    throw new UserError(`--previous '${opts.previous}': expected YYYY or YYYYQn, or none`);
  const runs = intOption('--runs', opts.runs);
  const seed = intOption('--seed', opts.seed);
  if (!runs.ok) fail(runs.errors);
  if (!seed.ok) fail(seed.errors);
  if (runs.value !== undefined && runs.value < 3) throw new UserError(`--runs ${runs.value}: at least 3`);
  const lang = opts.lang === 'en' ? 'en' : 'zh';
  await withWorkspace(opts, async (ws) => {
    const plan = await workspacePlan(ws);
    const r = await workspaceIndex(ws, plan, {
      period: opts.period as Period,
      peerSet: opts.set,
      ...(opts.previous === undefined
        ? {}
        : { previousPeriod: opts.previous === 'none' ? null : (opts.previous as Period) }),
      ...(runs.value === undefined ? {} : { runs: runs.value }),
      ...(seed.value === undefined ? {} : { seed: seed.value }),
      ...(opts.spec === undefined ? {} : { specPath: opts.spec }),
      ...(opts.plan === undefined ? {} : { planPath: opts.plan }),
    });
    if (!r.ok) fail(r.errors);
    const result = r.value;
    const warnings = new Set([...result.warnings, ...(result.uncertainty?.warnings ?? [])]);
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    if (result.synthetic) process.stderr.write('note: the inputs include synthetic demo data\n');
    if (opts.out !== undefined) {
      await writeTable(indexScoresTable(plan, result), opts.out, { lang });
      process.stderr.write(`${result.scores.length} regions → ${opts.out}\n`);
    }
    if (opts.json) printJson(indexScoresJson(result));
    else indexScoresPrint(plan, result, lang);
  });
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

  addDatabaseOption(index.command('scores'))
    .description(
      "the plan's 科技创新指数 on the stored data for a period: index, 规模, 水平 and dimensions, ranks, " +
        'the change since the previous period and what drives it; rank intervals with --runs',
    )
    .requiredOption('--period <period>', 'year or quarter, e.g. 2025 or 2025Q3')
    .option('--set <code>', 'peer set: cixi-towns (镇街) or ningbo (宁波各区县（市）)', 'cixi-towns')
    .option(
      '--previous <period>',
      'period the change is measured from (default: the previous year, or the same quarter a year earlier; none = no change)',
    )
    .option(
      '--runs <n>',
      "Monte Carlo runs of the spec's uncertainty analysis: median rank and 5–95% interval",
    )
    .option('--seed <n>', "seed of the analysis (default: the spec's)")
    .option('--spec <file>', 'index spec JSON (default: index-spec.json next to the plan file)')
    .option('--plan <file>', 'the plan file whose index-spec.json to use (default plans/cixi/plan.yaml)')
    .option('--out <file>', 'also write the table to a .csv or .xlsx file')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option(
      '--json',
      'print the whole result as JSON: scores, contributions, change, missing values, sources',
    )
    .action((opts: ScoresCommandOptions) => indexScoresCommandRun(opts));

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
