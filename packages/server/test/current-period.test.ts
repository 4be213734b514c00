// GET /api/periods/current and the default period of GET /api/progress over a stored database: one rule
// (core's currentPeriodResolve, issue 8 item 10) from nothing published, through the demo data, to a new
// quarter with one town's figures — and the synthetic flag the web app's badge is shown from (item 13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressRow, ScreenIndexExplain, ScreenPayload } from '@ding/core';
import { demoGenerate, workspacePlan } from '../src/index.ts';
import { openSqliteWorkspace, openTestApi, type TestApi, type TestClient } from './support/http-client.ts';

interface CurrentPeriodBody {
  period: string | null;
  basis: string;
  coverage: {
    period: string;
    coreDue: number;
    coreWithValue: number;
    regionsPublished: number;
    regionsTotal: number;
  } | null;
  collecting: CurrentPeriodBody['coverage'];
  synthetic: boolean;
  rule: { zh: string; en: string };
}

let api: TestApi;
let leader: TestClient;

beforeAll(async () => {
  api = await openTestApi(openSqliteWorkspace);
  leader = await api.client().as('watcher');
});
afterAll(async () => {
  await api.dispose();
});

async function current(): Promise<CurrentPeriodBody> {
  const res = await leader.get('/api/periods/current');
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CurrentPeriodBody;
}

describe('GET /api/periods/current', () => {
  it('needs a session', async () => {
    expect((await api.client().get('/api/periods/current')).status).toBe(401);
  });

  it('has no period and no synthetic figure when nothing is published; /progress then answers 404', async () => {
    const body = await current();
    expect(body).toMatchObject({
      period: null,
      basis: 'none',
      coverage: null,
      collecting: null,
      synthetic: false,
    });
    expect(body.rule.zh).toContain('50%');
    expect((await leader.get('/api/progress')).status).toBe(404);
  });

  it('is the demo data’s last complete quarter, every town published, synthetic; /progress defaults to it', async () => {
    const plan = await workspacePlan(api.ws);
    await api.ws.repos.observations.insertMany(demoGenerate(plan).observations, { createdBy: 'demo' });
    const body = await current();
    // Cixi's 8 core indicators minus components: 7; 20 towns valid on 2025-12-31 (陆中湾 included).
    expect(body).toMatchObject({
      period: '2025Q4',
      basis: 'substantial',
      coverage: { period: '2025Q4', coreDue: 7, coreWithValue: 7, regionsPublished: 20, regionsTotal: 20 },
      collecting: null,
      synthetic: true,
    });
    const rows = (await (await leader.get('/api/progress?region=330282')).json()) as ProgressRow[];
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['2025Q4']));
  });

  it('stays on 2025Q4 when one town publishes 2026Q1, and names 2026Q1 as being collected (1/20)', async () => {
    await api.ws.repos.observations.insertMany(
      [
        {
          indicator: 'hightech_enterprises',
          region: '330282004',
          period: '2026Q1',
          value: 200,
          vintage: 'flash',
          provenance: 'real',
          citation: '浒山街道 2026年一季度快报',
        },
      ],
      { createdBy: 'test' },
    );
    const body = await current();
    expect(body.period).toBe('2025Q4');
    expect(body.collecting).toEqual({
      period: '2026Q1',
      coreDue: 6, // R&D/GDP is annual: not due at Q1
      coreWithValue: 0,
      regionsPublished: 1,
      regionsTotal: 20,
    });
    const rows = (await (await leader.get('/api/progress?region=330282')).json()) as ProgressRow[];
    expect(rows[0]!.period).toBe('2025Q4');
    // Asking for the quarter being collected still answers it.
    const asked = (await (
      await leader.get('/api/progress?region=330282&period=2026Q1')
    ).json()) as ProgressRow[];
    expect(asked[0]!.period).toBe('2026Q1');
  });

  it('gives a screen pinned to 2026Q1 the towns’ index of 2025Q4, saying why (item 11: not #1 of "1/20")', async () => {
    const res = await leader.get('/api/screen/city?period=2026Q1');
    expect(res.status, await res.clone().text()).toBe(200);
    const city = (await res.json()) as ScreenPayload;
    expect(city.period).toBe('2026Q1');
    expect(city.indexPeriod).toEqual({
      period: '2025Q4',
      reason: {
        // as the screen prints it: period labels, and the members named by the peer set (cixi-towns)
        zh: '2026年1-3月（2026Q1）慈溪各镇（街道）仅 1/20 已发布（需 100%），指数沿用最近一个数据完整的期别 2025年1-12月（2025Q4）',
        en: 'only 1 of 20 Cixi towns and subdistricts have published Jan–Mar 2026 (2026Q1), 100% needed: the index is of Jan–Dec 2025 (2025Q4), the latest complete period',
      },
    });
    expect(city.index).toHaveLength(20);
    expect(city.index.every((r) => r.trace?.period === '2025Q4')).toBe(true);
    const explain = await leader.get('/api/index/explain?region=330282004&period=2026Q1');
    expect(((await explain.json()) as ScreenIndexExplain).key.period).toBe('2025Q4');
  });
});
