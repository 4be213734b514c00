// The city screen's 重点任务推进 panel (issue 11) on the demo workspace: counts by light and the first red and
// yellow items as GET /api/supervision gives them; the payload's ETag changes when supervision data change —
// an item completed (a timeline event) and an item's title edited (no event) — and a town screen has none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPayload, SupervisionOverview } from '@ding/core';
import { DEMO_PASSWORD, createApp, workspaceInit, workspaceOpen, type Workspace } from '../src/index.ts';
import { TestClient } from './support/http-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-http-screen-tasks-'));
let ws: Workspace;
let admin: TestClient;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  admin = new TestClient(createApp(ws, { loginFailureDelayMs: 1 }), '10.12.0.1');
  expect((await admin.login('admin', DEMO_PASSWORD)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const overview = async () => (await (await admin.get('/api/supervision')).json()) as SupervisionOverview;
const city = async (etag?: string) =>
  admin.get('/api/screen/city', etag ? { headers: { 'if-none-match': etag } } : {});

describe('GET /api/screen/city: 重点任务推进', () => {
  it('counts by light and lists the first five red and yellow items of the overview', async () => {
    const res = await city();
    expect(res.status).toBe(200);
    const p = (await res.json()) as ScreenPayload;
    const o = await overview();
    expect(p.supervision!.counts).toEqual(o.counts.byLight);
    expect(p.supervision!.total).toBe(o.counts.total);
    const lagging = o.items.filter((v) => v.light.light === 'red' || v.light.light === 'yellow');
    expect(p.supervision!.top.map((t) => t.code)).toEqual(lagging.slice(0, 5).map((v) => v.item.code));
    expect(p.supervision!.more).toBe(Math.max(0, lagging.length - 5));
    expect(p.supervision!.top[0]!.leads[0]!.zh).toBe(lagging[0]!.leadNames[0]);
    const town = (await (await admin.get('/api/screen/town/330282004')).json()) as ScreenPayload;
    expect(town.supervision).toBeUndefined();
  });

  it('revalidates while nothing changed, and gets a new ETag when an item is completed or retitled', async () => {
    const first = await city();
    const etag = first.headers.get('etag')!;
    expect((await city(etag)).status).toBe(304);

    const db3 = (await overview()).items.find((v) => v.item.code === 'DB-3')!;
    expect(db3.light.light).toBe('red');
    const done = await admin.post(`/api/supervision/items/${db3.item.id}/complete`, { note: '整改完成' });
    expect(done.status).toBe(200);
    const after = await city(etag);
    expect(after.status).toBe(200);
    const etag2 = after.headers.get('etag')!;
    expect(etag2).not.toBe(etag);
    const p = (await after.json()) as ScreenPayload;
    const before = ((await first.json()) as ScreenPayload).supervision!;
    expect(p.supervision!.counts.done).toBe(before.counts.done + 1);
    expect(p.supervision!.counts.red).toBe(before.counts.red - 1);
    expect(p.supervision!.top.map((t) => t.code)).not.toContain('DB-3');

    // An edit appends no timeline event: the tag still moves, because the panel itself is in it.
    const top = (await overview()).items.find((v) => v.item.code === p.supervision!.top[0]!.code)!;
    const { item } = top;
    const edit = await admin.put(`/api/supervision/items/${item.id}`, {
      type: item.type,
      title: { zh: `${item.title.zh}（调整）`, en: item.title.en },
      leadUnits: item.leadUnits,
      cooperatingUnits: item.cooperatingUnits,
      assignedOn: item.assignedOn,
      deadline: item.deadline,
      cadence: item.cadence,
      milestones: item.milestones,
      indicators: item.indicators,
    });
    expect(edit.status).toBe(200);
    const retitled = await city(etag2);
    expect(retitled.status).toBe(200);
    expect(((await retitled.json()) as ScreenPayload).supervision!.top[0]!.title.zh).toContain('（调整）');
  });
});
