// `ding import` and locked periods (issue 16 §3): refused with the lock's who/when/why, overridden only
// with --override-lock --reason, and audited like an upload. A real process on a temporary SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceOpen } from '@ding/server';

const run = promisify(execFile);
const DING = new URL('../bin/ding.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ding-cli-locks-'));
const db = join(dir, 'ding.db');
const csv = join(dir, 'q3.csv');

async function ding(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [DING, ...args, '--db', db], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function auditOf(action: string) {
  const ws = await workspaceOpen({ file: db });
  try {
    return await ws.repos.audit.list({ action });
  } finally {
    await ws.close();
  }
}

beforeAll(async () => {
  expect((await ding('init', '--no-demo', '--json')).code).toBe(0);
  const ws = await workspaceOpen({ file: db });
  await ws.repos.periodLocks.set('2025Q3', true, 'boss', '三季度数据已审定');
  await ws.close();
  writeFileSync(csv, 'indicator,region,period,value\ninvention_patents,330282004,2025Q3,110\n');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ding import into a locked period', () => {
  it('is refused with the period, who locked it and why, and imports nothing', async () => {
    const { code, stderr } = await ding('import', csv);
    expect(code).toBe(1);
    expect(stderr).toContain('q3.csv第 2 行起共 1 行：期别 2025Q3 已由 boss 于');
    expect(stderr).toContain('锁定（原因：三季度数据已审定）');
    expect(stderr).toContain('--override-lock --reason');
    expect(await auditOf('observation.import')).toEqual([]);
  });

  it('--override-lock without --reason is refused before anything is read', async () => {
    const { code, stderr } = await ding('import', csv, '--override-lock', '--lang', 'en');
    expect(code).toBe(2);
    expect(stderr).toContain('--override-lock needs --reason');
  });

  it('--override-lock --reason imports, and the audit entry records the reason and the lock', async () => {
    const { code, stdout, stderr } = await ding(
      'import',
      csv,
      '--override-lock',
      '--reason',
      '统计局更正',
      '--json',
    );
    expect(code, stderr).toBe(0);
    const outcome = JSON.parse(stdout);
    expect(outcome).toMatchObject({ ok: true, rows: 1, created: 1 });
    const [entry] = await auditOf('observation.import');
    expect(entry).toMatchObject({
      entity: 'import_batch',
      entityId: outcome.batch.id,
      reason: '统计局更正',
      new: { file: 'q3.csv', rows: 1, lockOverride: [{ period: '2025Q3', lockedBy: 'boss' }] },
    });
    expect(entry!.actor).toMatch(/^ding import \(/);
  });
});
