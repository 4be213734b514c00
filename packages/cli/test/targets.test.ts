// `ding targets allocate` end to end (issue 10 item 4): a real process on a temporary SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationProposal, ConsistencyCheck, ProgressRow } from '@ding/core';

const run = promisify(execFile);
const DING = new URL('../bin/ding.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ding-cli-targets-'));
const db = join(dir, 'ding.db');

async function ding(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: '' };
  return run(process.execPath, [DING, ...args, '--db', db], { env, maxBuffer: 64 * 2 ** 20 });
}

async function dingFails(...args: string[]) {
  try {
    await ding(...args);
  } catch (e) {
    return e as { code: number; stderr: string };
  }
  throw new Error(`ding ${args.join(' ')} should have failed`);
}

const ALLOCATE = ['targets', 'allocate', '--indicator', 'hightech_enterprises', '--year', '2026'];

beforeAll(async () => {
  await ding('init', '--json');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ding targets allocate', () => {
  it('prints the proposal: town, base, proposed, share; the towns add up to 市级 1400', async () => {
    const { stdout } = await ding(...ALLOCATE, '--method', 'base-share', '--group', '330282-SJ');
    expect(stdout).toContain('市级（330282-SJ）目标 1400');
    expect(stdout).toMatch(/镇街\s+代码\s+基期值\s+分解目标\s+占比%/);
    expect(stdout).toContain('浒山街道');
    expect(stdout).toContain('合计 1400，市级目标 1400：✓ 相符');
  });

  it('refuses a bad method, a manual split that does not sum, and --approve without a reason', async () => {
    expect((await dingFails(...ALLOCATE, '--method', 'guess')).stderr).toContain("--method 'guess'");
    const manual = await dingFails(
      ...ALLOCATE,
      '--method',
      'manual',
      '--group',
      '330282-QW',
      '--manual',
      '330282118=1.5',
    );
    expect(manual.code).toBe(2);
    expect(manual.stderr).toContain('manual.330282118');
    expect(manual.stderr).toContain('不是整数');
    expect((await dingFails(...ALLOCATE, '--method', 'base-share', '--approve')).stderr).toContain(
      '--reason',
    );
  });

  it('--approve: 浒山街道 then has its 2026 target in ding progress, and plan --check covers the towns', async () => {
    const { stdout } = await ding(
      ...ALLOCATE,
      ...[
        '--method',
        'base-share',
        '--group',
        '330282-SJ',
        '--approve',
        '--reason',
        '2026年目标分解下达',
        '--json',
      ],
    );
    const approved = JSON.parse(stdout) as { version: number; proposal: AllocationProposal };
    const hushan = approved.proposal.rows.find((r) => r.region === '330282004')!;
    expect(hushan.proposed).toBeGreaterThan(0);

    const rows = JSON.parse(
      (await ding('progress', '--period', '2026', '--region', '330282004', '--json')).stdout,
    ) as ProgressRow[];
    expect(rows.find((r) => r.indicator === 'hightech_enterprises')?.target).toMatchObject({
      value: hushan.proposed,
      source: '目标分解（按基期占比）',
    });

    const checks = JSON.parse((await ding('plan', '--check', '--json')).stdout) as ConsistencyCheck[];
    // 市级 and 前湾, 2025 and 2026 (the demo's town targets, then this approval): all add up
    const towns = checks.filter((c) => c.kind === 'towns_sum' && c.indicator === 'hightech_enterprises');
    expect(towns.every((c) => c.ok)).toBe(true);
    const shiji2026 = towns.filter((c) => c.year === 2026 && c.regions.whole === '330282-SJ');
    expect(shiji2026).toEqual([expect.objectContaining({ expected: 1400, actual: 1400, ok: true })]);

    // `npm start` runs `ding init` again: the unchanged plan file must not replace the approved version
    // (it did: the file was stored as v3 and activated, and 浒山街道 lost its target)
    const again = JSON.parse((await ding('init', '--json')).stdout) as {
      plan: { version: number; created: boolean; inForce: number };
    };
    expect(again.plan).toMatchObject({ created: false, inForce: approved.version });
    expect(again.plan.version).toBeLessThan(approved.version);
    const after = JSON.parse(
      (await ding('progress', '--period', '2026', '--region', '330282004', '--json')).stdout,
    ) as ProgressRow[];
    expect(after.find((r) => r.indicator === 'hightech_enterprises')?.target?.value).toBe(hushan.proposed);
  });
});
