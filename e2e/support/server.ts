// Starts the real app for end-to-end tests: `ding init` on a fresh SQLite file, then `ding serve` on a free port.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const DING = new URL('../../packages/cli/bin/ding.js', import.meta.url).pathname;
const WEB = new URL('../../packages/web/', import.meta.url).pathname;

export interface RunningApp {
  url: string;
  dir: string;
  db: string;
  /** Run another `ding` command against the same database. */
  ding(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export interface AppStartOptions {
  /**
   * The browser tests need the React app at `/`: packages/web is built from its current sources into
   * the app's own temp folder and served with `ding serve --web-dist`. Not packages/web/dist, which
   * `ding serve` (re)builds when stale: a build elsewhere in the repository (another `ding serve`, `npm
   * run build`) empties that folder, and the server then answers 500 while index.html is missing. A `/`
   * that is not the built web app fails the start with a message saying so.
   */
  web?: boolean;
  /** More environment for `ding init` and `ding serve`, e.g. DING_SMTP_URL and DING_MAIL_FROM. */
  env?: Record<string, string>;
}

/** `vite build` of packages/web into `outDir` (3–10 s). */
async function webBuildInto(outDir: string): Promise<void> {
  // vite's package root, from its main entry (dist/node/index.js); its CLI is bin/vite.js.
  const vite = join(
    resolve(dirname(createRequire(join(WEB, 'package.json')).resolve('vite')), '../..'),
    'bin/vite.js',
  );
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: WEB, timeout: 180_000, maxBuffer: 64 * 2 ** 20 },
  );
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build wrote no ${outDir}/index.html`);
}

export async function appStart(options: AppStartOptions = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ding-e2e-'));
  const db = join(dir, 'ding.db');
  // The daily reminders stay off unless a test turns them on (they would write in-app notices meanwhile).
  const env = { ...process.env, DATABASE_URL: '', DING_REMINDERS: 'off', ...options.env };
  const ding = (...args: string[]) =>
    promisify(execFile)(process.execPath, [DING, ...args, '--db', db], { env, maxBuffer: 64 * 2 ** 20 });
  const web = join(dir, 'web');
  try {
    await Promise.all([ding('init'), options.web ? webBuildInto(web) : undefined]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const serveArgs = ['serve', '--db', db, '--port', '0', ...(options.web ? ['--web-dist', web] : [])];
  const child = spawn(process.execPath, [DING, ...serveArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { url, out } = await listening(child);
    if (options.web && !(await servesWebApp(url)))
      throw new Error(`ding serve --web-dist ${web} answered ${url}/ without the web app:\n${out}`);
    return { url, dir, db, ding, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The URL `ding serve` prints once it listens, and its output so far. */
function listening(child: ChildProcess): Promise<{ url: string; out: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`ding serve did not start in 180 s:\n${out}`)), 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ding serve exited with ${code}:\n${out}`));
    });
  });
}

/** `/` is the built React app (its index.html: a #root and hashed /assets/ scripts). */
async function servesWebApp(url: string): Promise<boolean> {
  const res = await fetch(`${url}/`);
  const html = await res.text();
  return res.ok && html.includes('<div id="root"></div>') && /src="\/assets\/[^"]+\.js"/.test(html);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
