// `ding serve` end to end: a real process on a temporary SQLite file and a free port, serving a given
// web build and the API; the URL it prints is the one that answers; SIGTERM stops it even while a screen
// holds an event stream open.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUntil } from '../../server/test/support/event-stream.ts';

const DING = new URL('../bin/ding.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ding-serve-'));
const db = join(dir, 'ding.db');
const dist = join(dir, 'dist');
const env = { ...process.env, DATABASE_URL: '' };
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [DING, 'init', '--db', db, '--json'], { env });
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>ding web</title><div id="root"></div>');
  server = spawn(process.execPath, [DING, 'serve', '--db', db, '--port', '0', '--web-dist', dist], { env });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = out.match(/serving .* at (http:\/\/\S+\/)/);
      if (found) resolve(found[1]!);
    });
    server.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`ding serve exited (${code}):\n${out}`)));
  });
});
afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('ding serve', () => {
  it('prints the URL it listens on and serves the web app there, with the SPA fallback', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(url)).text()).toContain('ding web');
    expect(await (await fetch(`${url}tasks`)).text()).toContain('ding web');
  });

  it('serves the API: the demo admin logs in, the session cookie works', async () => {
    const login = await fetch(`${url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'ding-demo-2025' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${url}api/auth/me`, { headers: { cookie } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('admin');
    expect((await fetch(`${url}api/openapi.json`)).status).toBe(200);
  });

  it('the event stream sends a named ping at once (a page cannot see SSE comments)', async () => {
    const controller = new AbortController();
    const events = await fetch(`${url}api/events`, { signal: controller.signal });
    const text = await readUntil(events.body!.getReader(), /event: ping\ndata: .*\n\n/);
    expect(text.startsWith('retry: 3000\n: connected\n\n')).toBe(true);
    const at = (JSON.parse(/event: ping\ndata: (.*)\n/.exec(text)![1]!) as { at: string }).at;
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(60_000);
    controller.abort();
  });

  it('stops on SIGTERM within seconds while a screen holds /api/events open, ending its stream', async () => {
    const events = await fetch(`${url}api/events`);
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    await readUntil(reader, /: connected/);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    const started = Date.now();
    server.kill('SIGTERM');
    // The server ends the stream itself (a clean end of the response, not a cut connection) …
    const end = await Promise.race([
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })().catch((e: unknown) => `cut: ${String(e)}`),
      new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 5000)),
    ]);
    expect(end).toBe('ended');
    // … and exits 0 within the grace period (3 s: nothing had to be cut), long before a supervisor
    // would kill it.
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
