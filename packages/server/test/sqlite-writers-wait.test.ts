// Issue 16 §1: a `ding import` in another process and the server's writes share one SQLite file; the
// server's writes wait for the import's transaction instead of failing with "database is locked".
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '@ding/core';
import { workspaceOpen, workspacePlan, type ObservationRecord, type Workspace } from '../src/index.ts';
import { observationRevise } from '../src/services/observation-edit.ts';

const DING = new URL('../../cli/bin/ding.js', import.meta.url).pathname;
const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'ding-writers-'));
const file = join(dir, 'ding.db');
let ws: Workspace;

function ding(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DING, ...args, '--db', file], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A long-format file of `ROWS` valid rows the demo does not hold in this shape: every stock and growth
 * indicator × region × period × vintage (so the import holds SQLite's write lock for seconds), over
 * the years the plan takes figures for (issue 16 §6: baseline − 10 to target + 5; one year inside each end).
 */
function bigCsv(plan: Plan): string {
  const indicators = plan.indicators.filter((i) => i.measure === 'stock' || i.measure === 'growth');
  const regions = plan.regions.filter((r) => !r.validFrom).map((r) => r.code);
  const lines = ['indicator,region,period,value,vintage'];
  outer: for (let y = plan.baselineYear - 9; y <= plan.targetYear + 4; y++)
    for (const i of indicators)
      for (const r of regions)
        for (const v of ['flash', 'annual', 'revised']) {
          const periods =
            i.frequency === 'annual' ? [`${y}`] : [`${y}Q1`, `${y}Q2`, `${y}Q3`, `${y}Q4`, `${y}`];
          for (const p of periods) {
            if (lines.length > ROWS) break outer;
            lines.push(`${i.code},${r},${p},${(y - 2000) * 3 + (lines.length % 7)},${v}`);
          }
        }
  return lines.join('\n') + '\n';
}

/** Whether another connection holds the write lock now (BEGIN IMMEDIATE fails at once). */
function writeLockHeld(probe: SqliteDatabase.Database): boolean {
  try {
    probe.exec('begin immediate');
    probe.exec('rollback');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw e;
  }
}

beforeAll(async () => {
  const init = await ding('init', '--json');
  expect(init.code, init.stderr).toBe(0);
  ws = await workspaceOpen({ file });
}, 60_000);
afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite: server writes during a `ding import` in another process', () => {
  it('50 writes (40 corrections in transactions, 10 single-statement audit entries) all succeed while a 100k-row import runs', async () => {
    const plan = await workspacePlan(ws);
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, bigCsv(plan));
    // Flows and ratios: figures the file does not touch, so a correction cannot meet a newer revision.
    const flows = plan.indicators.filter((i) => i.measure === 'flow').map((i) => i.code);
    const targets: ObservationRecord[] = (
      await ws.repos.observations.current({ indicators: flows, periods: ['2025Q3' as never] })
    ).slice(0, 40);
    expect(targets).toHaveLength(40);

    const probe = new SqliteDatabase(file);
    probe.pragma('busy_timeout = 0');
    const importing = ding('import', csv, '--json');
    // Start the writes only once the import's transaction holds the write lock.
    const deadline = Date.now() + 60_000;
    while (!writeLockHeld(probe)) {
      if (Date.now() > deadline) throw new Error('the import never took the write lock');
      await new Promise((r) => setTimeout(r, 10));
    }
    probe.close();

    const admin = { role: 'admin' as const, username: 'boss' };
    const writes: Promise<unknown>[] = [
      ...targets.map((o) =>
        observationRevise(ws.repos, plan, admin, o.id, {
          value: o.value + 1,
          expectedRevision: o.revision,
          reason: '并发写入测试',
        }).then((r) => {
          if (!r.ok) throw new Error(r.error.message.en);
          return r;
        }),
      ),
      ...Array.from({ length: 10 }, (_, n) =>
        ws.repos.audit.append({ actor: 'boss', action: 'test.write', entity: 'test', entityId: String(n) }),
      ),
    ];
    const settled = await Promise.allSettled(writes);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    const imported = await importing;

    expect(failures).toEqual([]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, rows: ROWS });
    // Every correction is the value in force now.
    const after = await ws.repos.observations.current({ indicators: flows, periods: ['2025Q3' as never] });
    const byId = new Map(after.map((o) => [`${o.indicator}/${o.region}/${o.vintage}`, o]));
    for (const o of targets)
      expect(byId.get(`${o.indicator}/${o.region}/${o.vintage}`)?.value).toBe(o.value + 1);
    expect((await ws.repos.audit.list({ action: 'test.write' })).length).toBe(10);
  }, 120_000);
});
