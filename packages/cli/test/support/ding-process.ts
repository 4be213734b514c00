// `ding` as a real process on a throw-away SQLite file, for the CLI's end-to-end tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DING = new URL('../../bin/ding.js', import.meta.url).pathname;

export interface DingProcess {
  dir: string;
  db: string;
  /** `ding …args --db <db>`; rejects when it exits non-zero. */
  ding(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** The same, for a command that must fail: its exit code and stderr. */
  dingFails(...args: string[]): Promise<{ code: number; stderr: string }>;
  dispose(): void;
}

export function dingProcess(prefix: string): DingProcess {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'ding.db');
  const ding = (...args: string[]) =>
    run(process.execPath, [DING, ...args, '--db', db], {
      env: { ...process.env, DATABASE_URL: '' },
      maxBuffer: 64 * 2 ** 20,
    });
  return {
    dir,
    db,
    ding,
    async dingFails(...args) {
      try {
        await ding(...args);
      } catch (e) {
        return e as { code: number; stderr: string };
      }
      throw new Error(`ding ${args.join(' ')} should have failed`);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
