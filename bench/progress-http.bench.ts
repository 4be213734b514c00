// Benchmark of GET /api/progress over loopback (issue 17 §1, §7): the real app (`ding init` on a temp SQLite
// file, `ding serve` in its own process, signed in as admin) before and after per-snapshot caching, against
// the ceiling — a bare Hono server (also its own process) returning the same body. Before = the latest
// snapshot made stale by a write that bypasses snapshots, so every request loads the figures in force and
// runs the engine (the route as it was); after = a snapshot of that state, so the table is computed once.
// Then the cached table gzipped (against a bare server sending the same bytes gzipped once), revalidated by
// its ETag (304), and the city screen's payload against its own ceiling.
// One run, same machine, 50 keep-alive connections, a warm-up before each timed window. Figures only.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { appStart } from '../e2e/support/server.ts';
import { DEMO_PASSWORD, createRepositories, openDatabase } from '../packages/server/src/index.ts';
import type { BenchRow } from './bench-row.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const PATH = '/api/progress?period=2025Q3';
const SCREEN_PATH = '/api/screen/city';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** What the errors were: HTTP status or socket error code, with counts. */
  errorKinds: Record<string, number>;
  /** Bytes of the last answer's body as sent (compressed when gzipped). */
  bytes: number;
}

/** `CONNECTIONS` loops of sequential GETs for `seconds`: requests per second and latency percentiles. */
async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  let bytes = 0;
  const until = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = request(target, { agent, headers }, (res) => {
        let n = 0;
        res.on('data', (chunk: Buffer) => (n += chunk.length));
        res.on('end', () => {
          if (res.statusCode === 200 || res.statusCode === 304) latencies.push(performance.now() - start);
          else fail(`HTTP ${res.statusCode}`);
          bytes = n;
          resolve();
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        fail(e.code ?? e.message);
        resolve();
      });
      req.end();
    });
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) await once();
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, errorKinds, bytes };
}

async function measure(url: string, headers: Record<string, string>): Promise<Load> {
  await load(url, headers, WARMUP_SECONDS);
  return load(url, headers, SECONDS);
}

/**
 * A bare Hono server in its own process answering every request with the bytes of `bodyFile` — gzipped once
 * at start when the request accepts gzip (the ceiling of a compressed answer).
 */
async function bareHonoStart(bodyFile: string): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    import { readFileSync } from 'node:fs';
    import { gzipSync } from 'node:zlib';
    import { Hono } from 'hono';
    import { serve } from '@hono/node-server';
    const body = readFileSync(${JSON.stringify(bodyFile)}, 'utf8');
    const gzipped = gzipSync(body);
    const app = new Hono();
    app.get('*', (c) =>
      /gzip/.test(c.req.header('accept-encoding') ?? '')
        ? c.body(gzipped, 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        : c.body(body, 200, { 'content-type': 'application/json' }));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      console.log('http://127.0.0.1:' + info.port));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk.toString());
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`bare Hono server exited with ${code}`)));
  });
  return { url, child };
}

export async function benchProgressHttp(): Promise<BenchRow[]> {
  const app = await appStart();
  let bare: ChildProcess | undefined;
  let bareScreen: ChildProcess | undefined;
  const handle = await openDatabase({ file: app.db });
  try {
    const repos = createRepositories(handle.db);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login as admin: HTTP ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { cookie };
    const url = `${app.url}${PATH}`;

    // Before: a write that makes no snapshot (the same value with a note: the table does not change).
    const [figure] = await repos.observations.current({ periods: ['2025Q3' as never], vintage: 'flash' });
    if (!figure) throw new Error('the demo data has no 2025Q3 figure');
    await repos.observations.insertMany(
      [
        {
          indicator: figure.indicator,
          region: figure.region,
          period: figure.period,
          value: figure.value,
          vintage: figure.vintage,
          provenance: figure.provenance,
          ...(figure.citation ? { citation: figure.citation } : {}),
          ...(figure.source ? { source: figure.source } : {}),
          note: 'bench: a write without a snapshot',
        },
      ],
      { createdBy: 'bench' },
    );
    if ((await repos.snapshots.freshness()).fresh) throw new Error('the latest snapshot should be stale');
    const before = await measure(url, headers);
    const bodyBefore = await (await fetch(url, { headers })).text();

    // After: a snapshot of that state; the table is computed once and served from memory.
    await repos.snapshots.create({ createdBy: 'bench', reason: 'correction', detail: 'bench' });
    const after = await measure(url, headers);
    const body = await (await fetch(url, { headers })).text();
    if (body !== bodyBefore) throw new Error('/api/progress answered differently before and after caching');

    const bodyFile = join(app.dir, 'progress-body.json');
    writeFileSync(bodyFile, body);
    const ceiling = await bareHonoStart(bodyFile);
    bare = ceiling.child;
    const top = await measure(`${ceiling.url}${PATH}`, {});

    // The same table gzipped (what a browser asks for), and revalidated by its ETag (304, no body).
    const gzip = { ...headers, 'accept-encoding': 'gzip' };
    const gzipped = await measure(url, gzip);
    const topGzipped = await measure(`${ceiling.url}${PATH}`, { 'accept-encoding': 'gzip' });
    const etag = (await fetch(url, { headers })).headers.get('etag');
    if (!etag) throw new Error('/api/progress of a snapshot should have an ETag');
    const revalidated = await measure(url, { ...headers, 'if-none-match': etag });

    // The city screen's payload (what every wall polls after a publish), against its own ceiling.
    const screenUrl = `${app.url}${SCREEN_PATH}`;
    const screen = await measure(screenUrl, headers);
    const screenFile = join(app.dir, 'screen-body.json');
    writeFileSync(screenFile, await (await fetch(screenUrl, { headers })).text());
    const screenCeiling = await bareHonoStart(screenFile);
    bareScreen = screenCeiling.child;
    const screenTop = await measure(`${screenCeiling.url}${SCREEN_PATH}`, {});

    const kib = (Buffer.byteLength(body) / 1024).toFixed(0);
    const note = (l: Load) =>
      `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, ${l.errors} errors${l.errors ? ` ${JSON.stringify(l.errorKinds)}` : ''}`;
    console.log(
      `(${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up, body ${kib} KiB, SQLite)`,
    );
    console.log(`  before caching: ${note(before)}`);
    console.log(`  after caching:  ${note(after)}`);
    console.log(`  bare Hono:      ${note(top)}`);
    console.log(`  gzip:           ${note(gzipped)}, ${(gzipped.bytes / 1024).toFixed(0)} KiB sent`);
    console.log(`  bare Hono gzip: ${note(topGzipped)}`);
    console.log(`  304 by ETag:    ${note(revalidated)}`);
    console.log(
      `  city screen:    ${note(screen)}, ${(screen.bytes / 1024).toFixed(0)} KiB; bare: ${note(screenTop)}`,
    );
    return [
      {
        name: '/api/progress, uncached (table computed per request)',
        value: before.rps,
        unit: 'req/s',
        peer: { name: 'bare Hono, same body', value: top.rps },
      },
      {
        name: '/api/progress, cached per snapshot',
        value: after.rps,
        unit: 'req/s',
        peer: { name: 'bare Hono, same body', value: top.rps },
      },
      { name: 'cached / uncached', value: after.rps / before.rps, unit: '×' },
      { name: 'cached / bare-Hono ceiling', value: after.rps / top.rps, unit: '×' },
      {
        name: '/api/progress, cached, gzip',
        value: gzipped.rps,
        unit: 'req/s',
        peer: { name: 'bare Hono, same body gzipped once', value: topGzipped.rps },
      },
      { name: '/api/progress, 304 by ETag', value: revalidated.rps, unit: 'req/s' },
      {
        name: '/api/screen/city, cached',
        value: screen.rps,
        unit: 'req/s',
        peer: { name: 'bare Hono, same body', value: screenTop.rps },
      },
      { name: 'city screen / bare-Hono ceiling', value: screen.rps / screenTop.rps, unit: '×' },
    ];
  } finally {
    bare?.kill('SIGTERM');
    bareScreen?.kill('SIGTERM');
    await handle.close();
    await app.stop();
  }
}
