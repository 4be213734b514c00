// /api/targets/allocation (issue 10 items 1–2): the towns' proposal for a group target and its approval as
// the plan's next version, in-process on the demo workspace (SQLite).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationLargestRemainder, type AllocationProposal, type ProgressRow } from '@ding/core';
import { DEMO_PASSWORD, createApp, workspaceInit, workspaceOpen, type Workspace } from '../src/index.ts';
import { TestClient, errorOf } from './support/http-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-http-allocation-'));
let ws: Workspace;
let admin: TestClient;
let town: TestClient;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  const app = createApp(ws, { loginFailureDelayMs: 1 });
  admin = new TestClient(app, '10.3.0.1');
  town = new TestClient(app, '10.3.0.2');
  expect((await admin.login('admin', DEMO_PASSWORD)).status).toBe(200);
  expect((await town.login('town-330282004', DEMO_PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const Q = '/api/targets/allocation?indicator=hightech_enterprises&year=2026&group=330282-SJ';

describe('GET /api/targets/allocation', () => {
  it('splits 市级 1400 高企 (核心指标分解表 2026) over its towns by their 2025 share, in whole units', async () => {
    const res = await admin.get(`${Q}&method=base-share`);
    expect(res.status).toBe(200);
    const p = (await res.json()) as AllocationProposal & { planVersion: number };
    expect(res.headers.get('X-Plan-Version')).toBe(String(p.planVersion));
    expect(p.groupTarget).toBe(1400);
    expect(p.checks.sum).toEqual({ ok: true, expected: 1400, actual: 1400 });
    // 市级 = 全市 − 前湾: no 前湾 town among the rows.
    expect(p.rows.map((r) => r.region)).not.toContain('330282118');
    expect(p.rows.map((r) => r.region)).toContain('330282004');
    // The towns' 2025 actuals, read through the progress API, are the bases; Hamilton on them is the split.
    const progress = (await (
      await admin.get(`/api/progress?period=2025&${p.rows.map((r) => `region=${r.region}`).join('&')}`)
    ).json()) as ProgressRow[];
    const bases = p.rows.map(
      (r) =>
        progress.find((row) => row.region === r.region && row.indicator === 'hightech_enterprises')!.value!
          .value,
    );
    expect(p.rows.map((r) => r.base)).toEqual(bases);
    expect(p.groupBase).toBe(bases.reduce((a, b) => a + b, 0));
    expect(p.rows.map((r) => r.proposed)).toEqual(allocationLargestRemainder(1400, bases));
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await admin.get('/api/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/targets/allocation', '/api/targets/allocation/approve']),
    );
  });

  it('a town user may preview', async () => {
    expect((await town.get(`${Q}&method=equal-growth`)).status).toBe(200);
  });

  it('names the field at fault', async () => {
    expect((await admin.get(`${Q}&method=guess`)).status).toBe(400);
    const weighted = await admin.get(`${Q}&method=weighted&weight=nope`);
    expect(weighted.status).toBe(422);
    expect((await errorOf(weighted)).message).toContain('weight');
    const manual = await admin.get(`${Q}&method=manual&manual=${encodeURIComponent('{"330282004":-3}')}`);
    expect(manual.status).toBe(422);
    expect((await errorOf(manual)).details).toMatchObject({
      errors: expect.arrayContaining([
        expect.objectContaining({ kind: 'manual_negative', field: 'manual.330282004' }),
      ]),
    });
    expect((await admin.get(`${Q}&method=manual&manual=oops`)).status).toBe(400);
  });
});

describe('POST /api/targets/allocation/approve', () => {
  const body = { indicator: 'hightech_enterprises', year: 2026, group: '330282-SJ', method: 'base-share' };

  it('is for admins only', async () => {
    expect((await town.post('/api/targets/allocation/approve', { ...body, reason: 'x' })).status).toBe(403);
  });

  it('writes one path target per town into the next plan version, audited, and progress picks it up', async () => {
    const before = await ws.repos.plans.active();
    const res = await admin.post('/api/targets/allocation/approve', {
      ...body,
      reason: '2026年目标分解下达',
    });
    expect(res.status).toBe(200);
    const approval = (await res.json()) as { version: number; proposal: AllocationProposal };
    expect(approval.version).toBe(before!.version + 1);
    const plan = (await ws.repos.plans.active())!.plan;
    const hushan = approval.proposal.rows.find((r) => r.region === '330282004')!;
    // the demo's 2025 town targets (ding init) stay; its 2026 one is replaced
    const written = plan.targets.filter(
      (t) =>
        t.indicator === 'hightech_enterprises' &&
        t.region === '330282004' &&
        t.type === 'path' &&
        '2026' in t.values,
    );
    expect(written).toEqual([
      expect.objectContaining({
        type: 'path',
        source: '目标分解（按基期占比）',
        values: { '2026': hushan.proposed },
      }),
    ]);
    expect(written[0]!.note).toContain('admin');
    expect(written[0]!.note).toContain('2026年目标分解下达');
    const audit = await ws.repos.audit.list({ action: 'plan.targets.allocate' });
    expect(audit.map((a) => a.actor)).toEqual(expect.arrayContaining(['ding init', 'admin']));
    expect(audit.find((a) => a.actor === 'admin')).toMatchObject({ reason: '2026年目标分解下达' });

    const rows = (await (
      await admin.get('/api/progress?period=2026&region=330282004')
    ).json()) as ProgressRow[];
    expect(rows.find((r) => r.indicator === 'hightech_enterprises')?.target).toMatchObject({
      value: hushan.proposed,
      rule: 'explicit',
    });
  });

  it('approving again replaces the towns’ targets for that indicator × year (no duplicates)', async () => {
    const manual = Object.fromEntries(
      ((await (await admin.get(`${Q}&method=base-share`)).json()) as AllocationProposal).rows.map(
        (r, i, all) => [
          r.region,
          // Move one unit from the last town to the first: still 1400 in total.
          r.proposed + (i === 0 ? 1 : i === all.length - 1 ? -1 : 0),
        ],
      ),
    );
    const res = await admin.post('/api/targets/allocation/approve', {
      ...body,
      method: 'manual',
      manual,
      reason: '调整',
    });
    expect(res.status).toBe(200);
    const plan = (await ws.repos.plans.active())!.plan;
    const towns = new Set(Object.keys(manual));
    const townTargets = plan.targets.filter(
      (t) =>
        t.indicator === 'hightech_enterprises' &&
        towns.has(t.region) &&
        t.type === 'path' &&
        '2026' in t.values,
    );
    expect(townTargets).toHaveLength(towns.size);
    expect(townTargets.every((t) => t.source === '目标分解（手工录入）')).toBe(true);
  });

  it('refuses a manual split that does not sum, saving nothing', async () => {
    const before = (await ws.repos.plans.active())!.version;
    const res = await admin.post('/api/targets/allocation/approve', {
      ...body,
      method: 'manual',
      manual: { '330282004': 1400.5 },
      reason: 'x',
    });
    expect(res.status).toBe(422);
    expect((await ws.repos.plans.active())!.version).toBe(before);
  });

  it('a stale expectedVersion is a conflict', async () => {
    const res = await admin.post('/api/targets/allocation/approve', {
      ...body,
      reason: 'x',
      expectedVersion: 1,
    });
    expect(res.status).toBe(409);
  });
});
