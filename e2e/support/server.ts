// Starts the real app for end-to-end tests: `ding init` on a fresh SQLite file, then `ding serve` on a free port.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DING = new URL('../../packages/cli/bin/ding.js', import.meta.url).pathname;

export interface RunningApp {
  url: string;
  dir: string;
  db: string;
  /** Run another `ding` command against the same database. */
  ding(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export async function appStart(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ding-e2e-'));
  const db = join(dir, 'ding.db');
  const env = { ...process.env, DATABASE_URL: '' };
  const ding = (...args: string[]) =>
    promisify(execFile)(process.execPath, [DING, ...args, '--db', db], { env, maxBuffer: 64 * 2 ** 20 });
  await ding('init');
  const child = spawn(process.execPath, [DING, 'serve', '--db', db, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`ding serve did not start in 180 s:\n${out}`)), 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`ding serve exited with ${code}:\n${out}`)));
  });
  return {
    url,
    dir,
    db,
    ding,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
