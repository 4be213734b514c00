// `npm run bench`: runs every benchmark and prints its figures (and the ratio against a peer where one exists).
import type { BenchRow } from './bench-row.ts';
import { benchEngine } from './engine.bench.ts';
import { benchComposite } from './composite.bench.ts';
import { benchScreen } from './screen.bench.ts';
import { benchProgressHttp } from './progress-http.bench.ts';
import { benchReport } from './report.bench.ts';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['progress engine', benchEngine],
  ['composite index (vs COINr 1.1.14 timings measured on this machine)', benchComposite],
  ['big screens (数字大屏): the city screen in headless Chromium', benchScreen],
  [
    '/api/progress and the city screen over loopback: per-snapshot caching, gzip, ETag, vs bare Hono',
    benchProgressHttp,
  ],
  [
    'the quarterly report: narrative, DOCX and PDF of the 2025Q3 full report (aim: DOCX < 1 s, PDF < 6 s)',
    benchReport,
  ],
];

function format(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

// BENCH_ONLY=report (a part of a suite's name) runs only the suites that match.
const only = process.env.BENCH_ONLY;
for (const [name, run] of suites.filter(([n]) => !only || n.includes(only))) {
  console.log(`\n## ${name}`);
  for (const row of await run()) {
    const peer = row.peer
      ? `   | ${row.peer.name}: ${format(row.peer.value)} ${row.unit} → ratio ${format(row.peer.value / row.value)}× (peer / ours)`
      : '';
    console.log(`${row.name}: ${format(row.value)} ${row.unit}${peer}`);
  }
}
