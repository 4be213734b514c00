// `ding index` in process: COINr's ASEM example through the CLI for every method, located errors for
// malformed files with nothing written, and a reproducible uncertainty analysis; `ding index scores` as a
// real process on a temporary database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCommandRun, registerIndexCommand, uncertaintyCommandRun } from './index-command.ts';

const fixtures = new URL('../../../core/test/fixtures/asem/', import.meta.url).pathname;
const DATA = join(fixtures, 'ASEM_iData.csv');
const META = join(fixtures, 'ASEM_iMeta.csv');
const dir = mkdtempSync(join(tmpdir(), 'ding-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(name: string, text: string): string {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, text);
  return p;
}
const specFile = (spec: unknown) => file('spec.json', JSON.stringify(spec));
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

/** Run the registered command as `ding …` would; returns the thrown error, if any. */
async function ding(...args: string[]): Promise<Error | null> {
  const program = new Command('ding').exitOverride();
  program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerIndexCommand(program);
  try {
    await program.parseAsync(['node', 'ding', ...args]);
    return null;
  } catch (e) {
    return e as Error;
  }
}

const AGGREGATES = [
  'Physical',
  'ConEcFin',
  'Political',
  'Instit',
  'P2P',
  'Environ',
  'Social',
  'SusEcFin',
  'Conn',
  'Sust',
  'Index',
];

describe('ding index (defaults = COINr)', () => {
  it('writes one row per unit: uCode first, one column per aggregate', async () => {
    const out = join(dir, 'scores.csv');
    expect(await ding('index', '--data', DATA, '--meta', META, '--out', out)).toBeNull();
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(['uCode', ...AGGREGATES].join(','));
    const rows = rowsOf(text);
    expect(rows).toHaveLength(51);
    for (const r of rows)
      for (const a of AGGREGATES) expect(Number.isFinite(Number(r[a])), `${r.uCode} ${a}`).toBe(true);
  });

  it('with several periods in iData: one row per unit and period, Time second', () => {
    // Append a copy of the 2018 rows as 2019: two cross-sections.
    const lines = readFileSync(DATA, 'utf8').trimEnd().split('\n');
    const later = lines.slice(1).map((l) => l.replace(/,2018,/, ',2019,'));
    const panel = file('iData.csv', [...lines, ...later].join('\n'));
    const r = indexCommandRun({ data: panel, meta: META });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const rows = rowsOf(r.value.csv);
    expect(Object.keys(rows[0]!).slice(0, 2)).toEqual(['uCode', 'Time']);
    expect(rows).toHaveLength(102);
    // Identical cross-sections give identical scores.
    const aut = rows.filter((x) => x.uCode === 'AUT');
    expect(aut.map((x) => x.Time)).toEqual(['2018', '2019']);
    expect(aut[0]!.Index).toBe(aut[1]!.Index);
  });

  it('`ding index compute` is the same command', async () => {
    const out = join(dir, 'scores2.csv');
    expect(await ding('index', 'compute', '--data', DATA, '--meta', META, '--out', out)).toBeNull();
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'scores.csv'), 'utf8'));
  });

  it('with COINr’s example spec, reproduces its published top six', () => {
    const spec = specFile({
      methods: {
        denominate: true,
        imputation: { method: 'groupMean', group: 'EurAsia_group' },
        screening: { minDataAvailability: 0.9 },
        treatment: { default: { method: 'winsorise', winmax: 5 } },
        normalisation: { default: { method: 'minmax', range: [0, 100] } },
      },
    });
    const r = indexCommandRun({ data: DATA, meta: META, spec });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const top = rowsOf(r.value.csv)
      .map((row) => [row.uCode, Math.round(Number(row.Index) * 100) / 100] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    expect(top).toEqual([
      ['CHE', 68.38],
      ['NLD', 64.82],
      ['DNK', 64.8],
      ['NOR', 64.47],
      ['BEL', 63.54],
      ['SWE', 63],
    ]);
  });
});

describe('ding index computes ASEM with every method', () => {
  const normalisations = {
    minmax: { method: 'minmax', range: [0, 100] },
    minmax1: { method: 'minmax', range: [1, 100] },
    zscore: { method: 'zscore', mean: 0, sd: 1, sdType: 'sample' },
    zscore100: { method: 'zscore', mean: 100, sd: 10, sdType: 'population' },
    distanceToTarget: { method: 'distanceToTarget', scale: 100, cap: true },
    ratioToBenchmark: { method: 'ratioToBenchmark', cap: 100 },
    efficacy: { method: 'efficacy' },
    rank: { method: 'rank' },
    percentileRank: { method: 'percentileRank' },
    vector: { method: 'vector' },
  } as const;
  const aggregations = {
    arithmetic: { method: 'arithmetic' },
    geometric: { method: 'geometric', nonPositive: 'shift' },
    harmonic: { method: 'harmonic', nonPositive: 'shift' },
    // MPI standardises its inputs to 100 ± 10 as Mazziotta & Pareto prescribe; without that, a
    // penalised pillar can fall below 0 and the next level refuses it (tested in the core).
    mpi: { method: 'mpi', penalty: 'negative', standardise: true },
    topsis: { method: 'topsis' },
  } as const;

  for (const [nn, ns] of Object.entries(normalisations)) {
    for (const [an, as] of Object.entries(aggregations)) {
      it(`${nn} × ${an}`, () => {
        const spec = specFile({ methods: { normalisation: { default: ns }, aggregation: { default: as } } });
        const r = indexCommandRun({ data: DATA, meta: META, spec });
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const rows = rowsOf(r.value.csv);
        expect(rows).toHaveLength(51);
        for (const row of rows) expect(Number.isFinite(Number(row.Index)), row.uCode).toBe(true);
      });
    }
  }

  const others: Record<string, unknown> = {
    'equal weights': { weighting: { default: { method: 'equal' } } },
    'entropy weights': { weighting: { default: { method: 'entropy' } } },
    'PCA weights': { weighting: { default: { method: 'pca' } } },
    'AHP weights': {
      weighting: {
        byParent: {
          Index: {
            method: 'ahp',
            order: ['Conn', 'Sust'],
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
        },
      },
    },
    'winsorise/log treatment': { treatment: { default: { method: 'winsorise' } } },
    'log treatment': { treatment: { default: { method: 'log', variant: 'logCT' } } },
    'mean imputation': { imputation: { method: 'mean' } },
    'median imputation': { imputation: { method: 'median' } },
    'group-mean imputation': { imputation: { method: 'groupMean', group: 'GDPpc_group' } },
    'group-median imputation': { imputation: { method: 'groupMedian', group: 'Pop_group' } },
    denomination: { denominate: true },
    screening: { screening: { minDataAvailability: 0.8 } },
    'propagate missing': { imputation: { method: 'mean' }, missing: { rule: 'propagate' } },
    'goalposts for one indicator': {
      normalisation: { byIndicator: { LPI: { method: 'goalposts', lower: 1, upper: 5 } } },
    },
  };
  for (const [name, methods] of Object.entries(others)) {
    it(name, () => {
      const r = indexCommandRun({ data: DATA, meta: META, spec: specFile({ methods }) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const rows = rowsOf(r.value.csv);
      expect(rows.length).toBeGreaterThan(40);
      for (const row of rows) expect(Number.isFinite(Number(row.Index)), row.uCode).toBe(true);
    });
  }
});

describe('ding index refuses malformed input with located errors and writes nothing', () => {
  const meta = readFileSync(META, 'utf8');
  const data = readFileSync(DATA, 'utf8');

  async function refuses(args: string[], pattern: RegExp) {
    const out = join(dir, `never-${n++}.csv`);
    const e = await ding('index', ...args, '--out', out);
    expect(e?.message).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
  }

  it('an unknown parent: file, line and column', async () => {
    const bad = file(
      'iMeta.csv',
      meta.replace(
        '1,"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,NA,"Physical"',
        '1,"LPI","Logistics Performance Index",1,1,"Score 1-5",4.11803135,NA,"Physicall"',
      ),
    );
    await refuses(['--data', DATA, '--meta', bad], /iMeta\.csv:2 \[Parent\] unknown parent Physicall/);
  });

  it('line numbers stay right after blank lines', async () => {
    const lines = data.split('\n');
    lines[2] = lines[2]!.replace(',4.108538,', ',four,');
    const bad = file('iData.csv', [lines[0], '', lines[1], ...lines.slice(2)].join('\n'));
    await refuses(['--data', bad, '--meta', META], /iData\.csv:4 \[LPI\] "four" is not a number/);
  });

  it('a cycle in the tree', async () => {
    const bad = file(
      'iMeta.csv',
      meta.replace(
        '4,"Index","Sustainable Connectivity",1,1,"Score",NA,NA,NA,"Aggregate"',
        '4,"Index","Sustainable Connectivity",1,1,"Score",NA,NA,"Conn","Aggregate"',
      ),
    );
    await refuses(['--data', DATA, '--meta', bad], /\[Parent\] cycle in the framework: /);
  });

  it('a non-numeric cell in iData', async () => {
    const lines = data.split('\n');
    lines[2] = lines[2]!.replace(',4.108538,', ',four,'); // Belgium's LPI, line 3 of the file
    const bad = file('iData.csv', lines.join('\n'));
    await refuses(['--data', bad, '--meta', META], /iData\.csv:3 \[LPI\] "four" is not a number/);
  });

  it('a spec with its own (smaller) tree still reads an iData full of other indicators', () => {
    const spec = specFile({
      framework: {
        nodes: [
          { code: 'LPI', kind: 'indicator', parent: 'Mini' },
          { code: 'CO2', kind: 'indicator', parent: 'Mini', direction: -1 },
          { code: 'Mini', kind: 'aggregate' },
        ],
      },
    });
    const r = indexCommandRun({ data: DATA, meta: META, spec });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.csv.split('\n')[0]).toBe('uCode,Mini');
  });

  it('weights that do not sum to 1 when the spec says they must', async () => {
    const spec = specFile({
      framework: {
        weightRule: 'sumTo1',
        nodes: [
          { code: 'LPI', kind: 'indicator', parent: 'Index', weight: 0.6 },
          { code: 'Flights', kind: 'indicator', parent: 'Index', weight: 0.6 },
          { code: 'Index', kind: 'aggregate' },
        ],
      },
    });
    await refuses(
      ['--data', DATA, '--meta', META, '--spec', spec],
      /weights of the children of Index sum to 1\.2, not 1/,
    );
  });

  it('a spec that is not JSON, or not a valid spec', async () => {
    await refuses(
      ['--data', DATA, '--meta', META, '--spec', file('spec.json', '{\n  "methods": {\n}')],
      /spec\.json:3 not valid JSON/,
    );
    await refuses(
      [
        '--data',
        DATA,
        '--meta',
        META,
        '--spec',
        specFile({ methods: { normalisation: { default: { method: 'minmaxx' } } } }),
      ],
      /spec\.json \[methods\.normalisation\.default\.method\]/,
    );
  });

  it('a missing file', async () => {
    await refuses(['--data', join(dir, 'nope.csv'), '--meta', META], /nope\.csv cannot read .*ENOENT/);
  });
});

describe('ding index uncertainty', () => {
  const args = (out: string, seed: string) => [
    'index',
    'uncertainty',
    '--data',
    DATA,
    '--meta',
    META,
    '--runs',
    '100',
    '--seed',
    seed,
    '--levels',
    '2,3',
    '--noise',
    '0.25',
    '--aggregation',
    'arithmetic,geometric',
    '--out',
    out,
  ];

  it('writes rank statistics; the same seed gives the same file, another seed another', async () => {
    const a = join(dir, 'ranks-a.csv');
    const b = join(dir, 'ranks-b.csv');
    const c = join(dir, 'ranks-c.csv');
    expect(await ding(...args(a, '5'))).toBeNull();
    expect(await ding(...args(b, '5'))).toBeNull();
    expect(await ding(...args(c, '6'))).toBeNull();
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(c, 'utf8'));
    const rows = rowsOf(readFileSync(a, 'utf8'));
    expect(Object.keys(rows[0]!)).toEqual([
      'uCode',
      'nominalScore',
      'nominalRank',
      'medianRank',
      'meanRank',
      'q05Rank',
      'q95Rank',
    ]);
    expect(rows).toHaveLength(51);
  });

  it('with --sensitivity, writes first-order and total indices per varied choice', async () => {
    const out = join(dir, 'ranks-s.csv');
    const sens = join(dir, 'sens.csv');
    expect(await ding(...args(out, '3'), '--sensitivity', sens)).toBeNull();
    const rows = rowsOf(readFileSync(sens, 'utf8'));
    expect(rows.map((r) => r.factor)).toEqual(['weights', 'aggregation']);
  });

  it('unknown alternatives are refused with the list of names', () => {
    const r = uncertaintyCommandRun({ data: DATA, meta: META, out: 'x', normalisation: 'minmax,fancy' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/--normalisation: unknown fancy; choose from minmax/);
  });
});

describe('ding index scores (the real ding on a temporary database after ding init)', () => {
  const exec = promisify(execFile);
  const DING = new URL('../../bin/ding.js', import.meta.url).pathname;
  const db = join(dir, 'ding.db');
  const dingProcess = (...args: string[]) =>
    exec(process.execPath, [DING, ...args, '--db', db], {
      env: { ...process.env, DATABASE_URL: '' },
      maxBuffer: 64 * 2 ** 20,
    });
  beforeAll(async () => {
    await dingProcess('init', '--json');
  });

  it('--json: every town of 2025 scored and ranked, the change since 2024, contributions that add up', async () => {
    const { stdout } = await dingProcess('index', 'scores', '--period', '2025', '--json');
    const r = JSON.parse(stdout) as {
      peerSet: string;
      scores: { region: string; index: number; rank: number }[];
      contributions: {
        region: string;
        score: number;
        parts: { contribution: number; observationIds: string[] }[];
      }[];
      change: { previousPeriod: string; regions: { change: number; parts: { change: number }[] }[] };
      synthetic: boolean;
    };
    expect(r.peerSet).toBe('cixi-towns');
    expect(r.scores).toHaveLength(20);
    expect(r.scores.map((s) => s.region)).toContain('330282-LZW');
    expect(r.scores.map((s) => s.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, k) => k + 1),
    );
    for (const c of r.contributions) {
      expect(c.parts.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(c.score, 9);
      expect(c.parts.every((p) => p.observationIds.length > 0)).toBe(true);
    }
    expect(r.change.previousPeriod).toBe('2024');
    for (const x of r.change.regions)
      expect(x.parts.reduce((a, p) => a + p.change, 0)).toBeCloseTo(x.change, 9);
    expect(r.synthetic).toBe(true);
  });

  it('prints the table and writes it as CSV; the Ningbo peers with rank intervals as XLSX', async () => {
    const csv = join(dir, 'towns.csv');
    const { stdout, stderr } = await dingProcess('index', 'scores', '--period', '2025', '--out', csv);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^排名\s+区域\s+科技创新指数\s+规模指数\s+水平指数\s+创新投入\s+创新主体\s+创新绩效\s+较2024/,
    );
    expect(lines).toHaveLength(2 + 20);
    expect(lines[2]).toMatch(/^1\s/);
    expect(stderr).toContain('synthetic demo data');
    const rows = rowsOf(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(20);
    expect(rows[0]!['排名']).toBe('1');
    expect(Number(rows[0]!['科技创新指数'])).toBeGreaterThan(Number(rows[19]!['科技创新指数']));
    expect(rows.find((x) => x['区域代码'] === '330282-LZW')!['区域']).toBe('陆中湾街道');

    const xlsx = join(dir, 'ningbo.xlsx');
    const n = await dingProcess(
      'index',
      'scores',
      '--period',
      '2025',
      '--set',
      'ningbo',
      '--runs',
      '200',
      '--out',
      xlsx,
    );
    expect(n.stdout).toContain('慈溪市');
    expect(n.stdout).toContain('排名区间(5–95%)');
    expect(n.stderr).toContain('left out (cannot be compared across ningbo in 2025)');
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a malformed period and an unknown peer set with exit code 2', async () => {
    for (const [args, message] of [
      [['--period', '2025Q5'], "--period '2025Q5'"],
      [['--period', '2025', '--set', 'zhejiang'], 'no peer set zhejiang'],
    ] as const) {
      const e = await dingProcess('index', 'scores', ...args).then(
        () => null,
        (x: { code: number; stderr: string }) => x,
      );
      expect(e?.code).toBe(2);
      expect(e?.stderr).toContain(message);
    }
  });
});
