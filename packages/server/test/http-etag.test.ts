// ETags of the read endpoints (issue 17 §3): the tables and payloads computed from published data carry a
// weak ETag of what they depend on and answer a revalidation with 304; a correction, a publish or a plan
// edit changes the tag and the body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagMatches, etagOf } from '../src/http/etag.ts';
import type { Workspace } from '../src/index.ts';
import { demoAppOpen, tagged, type DemoApp } from './support/demo-app.ts';
import type { TestClient } from './support/http-client.ts';

let ws: Workspace;
let admin: TestClient;
let anonymous: TestClient;
let demo: DemoApp;

const PROGRESS = '/api/progress?period=2025Q3';
const CITY = '/api/screen/city?period=2025Q3';
const HUSHAN = '330282004';

beforeAll(async () => {
  demo = await demoAppOpen({ screenPublic: true });
  ({ ws, admin, anonymous } = demo);
});
afterAll(() => demo.close());

/** A GET, and the same GET revalidating with the ETag it got. */
async function revalidate(client: TestClient, path: string, etag: string): Promise<Response> {
  return client.get(path, { headers: { 'if-none-match': etag } });
}

/** A figure changed outside a publish (a direct correction): the latest snapshot goes stale. */
async function correct(value: number): Promise<void> {
  await ws.repos.observations.insertMany(
    [
      {
        indicator: 'hightech_enterprises',
        region: HUSHAN,
        period: '2025Q3',
        value,
        vintage: 'flash',
        provenance: 'synthetic',
      },
    ],
    { createdBy: 'test' },
  );
}

describe('ETags', () => {
  it('match weakly, in lists and with *', () => {
    const tag = etagOf(['a', 1, ['x']]);
    expect(tag).toBe(etagOf(['a', 1, ['x']]));
    expect(tag).not.toBe(etagOf(['a', 1, ['y']]));
    expect(etagOf([undefined])).not.toBe(etagOf([null]));
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"other", ${tag.slice(2)}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
    expect(etagMatches('"other"', tag)).toBe(false);
    expect(etagMatches(undefined, tag)).toBe(false);
  });

  it('/api/progress: 304 on revalidation; another query, another tag', async () => {
    const first = await tagged(admin, PROGRESS);
    const again = await revalidate(admin, PROGRESS, first.etag);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(first.etag);
    expect(await again.text()).toBe('');
    // A stale tag gets the body.
    const stale = await revalidate(admin, PROGRESS, 'W/"nope"');
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(first.body);
    const tags = new Set([first.etag]);
    for (const path of [
      '/api/progress?period=2025Q2',
      `${PROGRESS}&core=1`,
      `${PROGRESS}&region=${HUSHAN}`,
      `${PROGRESS}&region=330282&region=${HUSHAN}`,
    ])
      tags.add((await tagged(admin, path)).etag);
    expect(tags.size).toBe(5);
  });

  it('/api/progress: a correction without a snapshot has no ETag; the snapshot of it a new one and the new body', async () => {
    const before = await tagged(admin, PROGRESS);
    await correct(1_000_001);
    const unsnapshotted = await revalidate(admin, PROGRESS, before.etag);
    expect(unsnapshotted.status).toBe(200);
    expect(unsnapshotted.headers.get('etag')).toBeNull();
    const body = await unsnapshotted.text();
    expect(body).not.toBe(before.body);
    expect(body).toContain('1000001');

    await ws.repos.snapshots.create({ createdBy: 'test', reason: 'correction', detail: 'test' });
    const res = await revalidate(admin, PROGRESS, before.etag);
    expect(res.status).toBe(200);
    const after = res.headers.get('etag');
    expect(after).toMatch(/^W\//);
    expect(after).not.toBe(before.etag);
    expect(await res.text()).toBe(body);
    expect((await revalidate(admin, PROGRESS, after!)).status).toBe(304);
  });

  it('the screens and the index explanation: 304 on revalidation; a write moves the tag', async () => {
    const explain = `/api/index/explain?region=${HUSHAN}&period=2025Q3`;
    const town = `/api/screen/town/${HUSHAN}?period=2025Q3`;
    const before = new Map<string, { etag: string; body: string }>();
    for (const path of [CITY, town, explain, `${CITY}&cards=hightech_enterprises`]) {
      const t = await tagged(anonymous, path);
      before.set(path, t);
      expect((await revalidate(anonymous, path, t.etag)).status, path).toBe(304);
    }
    expect(new Set([...before.values()].map((t) => t.etag)).size).toBe(4);
    // Signed in or not, the same payload and the same tag.
    expect((await revalidate(admin, CITY, before.get(CITY)!.etag)).status).toBe(304);

    await correct(1_000_002);
    for (const [path, t] of before) {
      const res = await revalidate(anonymous, path, t.etag);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('etag'), path).not.toBe(t.etag);
    }
    expect(await (await anonymous.get(CITY)).text()).not.toBe(before.get(CITY)!.body);
  });

  it('a plan edit changes the tags at once (progress and screens)', async () => {
    await ws.repos.snapshots.create({ createdBy: 'test', reason: 'correction', detail: 'test' });
    const progress = await tagged(admin, PROGRESS);
    const city = await tagged(anonymous, CITY);
    // 市政府 raises the 2025 R&D/GDP target (a path target): a new plan version, in force at once.
    const plan = (await ws.repos.plans.active())!.plan;
    const index = plan.targets.findIndex((t) => t.type === 'path' && t.indicator === 'rd_gdp_ratio');
    const old = plan.targets[index] as { values: Record<string, number> };
    const target = { ...old, values: { ...old.values, '2025': 9.9 } };
    const res = await admin.put(`/api/plan/targets/${index}`, { target, reason: 'a test of ETags' });
    expect(res.status, await res.clone().text()).toBe(200);
    for (const [client, path, was] of [
      [admin, PROGRESS, progress],
      [anonymous, CITY, city],
    ] as const) {
      const res = await revalidate(client, path, was.etag);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('etag'), path).not.toBe(was.etag);
      expect(await res.text(), path).not.toBe(was.body);
    }
  });

  it('the trace has none (its submitters can change without a write to the figures)', async () => {
    const res = await anonymous.get(
      `/api/trace?indicator=hightech_enterprises&region=${HUSHAN}&period=2025Q3`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });
});
