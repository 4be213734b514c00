// The screens over the demo workspace (SQLite), in process: payloads equal to the engine's rows, the trace
// of a 全市 sum, a publication reaching an open event stream and the next payload, towns on the map by
// date (陆中湾 from 2024-11), the Ningbo peers' average rule, who may read, the operator's GeoJSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  periodEndDate,
  progressCompute,
  progressRecords,
  regionChildrenOn,
  type IndicatorCode,
  type Period,
  type Plan,
  type RegionCode,
  type ScreenIndexExplain,
  type ScreenPayload,
  type TraceResult,
} from '@ding/core';
import { reviewApprove, reviewPublish, roundOpen, valuesSubmit } from '../src/collection/index.ts';
import type { AppEnv } from '../src/http/context.ts';
import { onError, onNotFound } from '../src/http/errors.ts';
import { screenRouteOptionsFromEnv, screenRoutes } from '../src/http/routes/screen.ts';
import {
  eventBusInProcess,
  eventBusOf,
  eventsClose,
  eventStreamsOpen,
  type StreamLimits,
} from '../src/services/events.ts';
import { screenPayload } from '../src/services/screen.ts';
import {
  DEMO_PASSWORD,
  createApp,
  workspaceInit,
  workspaceOpen,
  workspacePlan,
  type UserRecord,
  type Workspace,
} from '../src/index.ts';
import { TestClient } from './support/http-client.ts';
import { readUntil } from './support/event-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-screen-'));
let ws: Workspace;
let plan: Plan;
let app: ReturnType<typeof createApp>;
let anonymous: TestClient;

const HOME = '330282' as RegionCode;
const HUSHAN = '330282004';
const LZW = '330282-LZW';

/** An app created with these environment variables (screenRoutes reads them when mounted). */
function appWith(env: Record<string, string | undefined>): ReturnType<typeof createApp> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(env);
  try {
    return createApp(ws, { loginFailureDelayMs: 1 });
  } finally {
    set(saved);
  }
}

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  plan = await workspacePlan(ws);
  app = appWith({ DING_SCREEN_PUBLIC: '1', DING_TOWNS_GEOJSON: join(dir, 'towns.geojson') });
  anonymous = new TestClient(app, '10.2.0.1');
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/screen/city', () => {
  it('its cards are the engine’s rows for the same period, rounded as the progress table', async () => {
    const period = '2025Q3' as Period;
    const city = await json<ScreenPayload>(await anonymous.get(`/api/screen/city?period=${period}`));
    const core = plan.indicators.filter((i) => i.core).map((i) => i.code as IndicatorCode);
    const observations = await ws.repos.observations.current({ vintage: 'best' });
    const rows = progressCompute(plan, observations, period, { regions: [HOME], indicators: core });
    const records = progressRecords(plan, rows);
    expect(city.cards.map((c) => c.indicator)).toEqual(core);
    for (const [i, rec] of records.entries()) {
      const card = city.cards[i]!;
      expect([card.value, card.target, card.completion, card.expected], rec.indicator).toEqual([
        rec.value,
        rec.target,
        rec.completion,
        rec.expected,
      ]);
      expect(card.status).toBe(rows[i]!.status);
      expect(card.trace).toEqual({ indicator: rec.indicator, region: HOME, period });
    }
    // 有效高新技术企业 2025 target 1550 (分解表); demo data is synthetic and says so.
    expect(city.cards.find((c) => c.indicator === 'hightech_enterprises')!.target).toBe(1550);
    expect(city.synthetic).toBe(true);
    expect(city.index.length).toBe(20);
    expect(city.mapMetrics.at(-1)!.key).toBe('index');
  });

  it('defaults to the latest quarter whose core figures are substantially reported; ?period= pins it', async () => {
    const city = await json<ScreenPayload>(await anonymous.get('/api/screen/city'));
    expect(city.period).toBe('2025Q4');
    expect(city.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // One early 2026Q1 figure (a single town's) does not switch the walls to an almost empty quarter.
    await ws.repos.observations.insertMany(
      [
        {
          indicator: 'hightech_enterprises',
          region: HUSHAN,
          period: '2026Q1',
          value: 200,
          vintage: 'flash',
          provenance: 'real',
          citation: '浒山街道 2026年一季度快报',
        },
      ],
      { createdBy: 'test' },
    );
    expect((await json<ScreenPayload>(await anonymous.get('/api/screen/city'))).period).toBe('2025Q4');
    const town = await json<ScreenPayload>(await anonymous.get(`/api/screen/town/${HUSHAN}`));
    expect(town.period).toBe('2025Q4');
    const pinned = await json<ScreenPayload>(await anonymous.get('/api/screen/city?period=2026Q1'));
    expect(pinned.period).toBe('2026Q1');
    expect(pinned.cards.filter((c) => c.value !== null)).toHaveLength(0);
  });

  it('takes other cards, and refuses an unknown one, a bad period and an unknown town', async () => {
    const city = await json<ScreenPayload>(
      await anonymous.get(
        '/api/screen/city?period=2025Q3&cards=rd_institutes_provincial,hightech_enterprises',
      ),
    );
    expect(city.cards.map((c) => c.indicator)).toEqual(['rd_institutes_provincial', 'hightech_enterprises']);
    expect((await anonymous.get('/api/screen/city?cards=nope')).status).toBe(400);
    expect((await anonymous.get('/api/screen/city?period=Q3')).status).toBe(400);
    expect((await anonymous.get('/api/screen/town/330200?period=2025Q3')).status).toBe(404);
  });

  it('places the towns of the period on the plan’s tiles: 陆中湾 only from 2024-11', async () => {
    const before = await json<ScreenPayload>(await anonymous.get('/api/screen/city?period=2024Q3'));
    const after = await json<ScreenPayload>(await anonymous.get('/api/screen/city?period=2024Q4'));
    const tiles = (p: ScreenPayload) => p.tiles.hightech_enterprises!;
    expect(tiles(before)).toHaveLength(19);
    expect(tiles(before).map((t) => t.region)).not.toContain(LZW);
    expect(tiles(after)).toHaveLength(20);
    expect(tiles(after).find((t) => t.region === LZW)).toMatchObject({ col: 2, row: 0, of: 20 });
    for (const t of tiles(after))
      expect({ col: t.col, row: t.row }).toEqual(plan.regions.find((r) => r.code === t.region)!.tile);
    expect(after.ranking.hightech_enterprises!.map((r) => r.region).sort()).toEqual(
      regionChildrenOn(plan, HOME, periodEndDate('2024Q4' as Period)).sort(),
    );
    expect((await anonymous.get(`/api/screen/town/${LZW}?period=2024Q3`)).status).toBe(404);
    const town = await json<ScreenPayload>(await anonymous.get(`/api/screen/town/${LZW}?period=2024Q4`));
    expect(town).toMatchObject({ kind: 'town', region: LZW, regionName: { zh: '陆中湾街道' } });
  });

  it('compares Cixi with the Ningbo average: 宁波市’s own figure when it has one (R&D/GDP 2023: 3.08%)', async () => {
    // Peers report annually: at 2023Q4 the latest year with their figures is 2023, when 宁波 R&D/GDP is the
    // published 3.08% (宁波 2023 统计公报).
    const city = await json<ScreenPayload>(await anonymous.get('/api/screen/city?period=2023Q4'));
    const rd = city.peers.find((p) => p.indicator === 'rd_gdp_ratio')!;
    expect(rd).toMatchObject({
      category: 'level',
      goal: 'above_average',
      period: '2023',
      average: 3.08,
      averageRule: 'reference_region',
      averageTrace: { indicator: 'rd_gdp_ratio', region: '330200', period: '2023' },
      of: 10,
    });
    expect(rd.met).toBe(rd.value! >= 3.08);
    // Named, so that the screen needs no plan: the peer set, its reference region, the home county.
    expect(rd.averageName).toEqual({ zh: '宁波市', en: 'Ningbo' });
    expect(city.peerSet).toEqual({
      code: 'ningbo',
      name: { zh: '宁波各区县（市）', en: 'Ningbo districts and counties' },
      reference: { region: '330200', name: { zh: '宁波市', en: 'Ningbo' } },
    });
    const town = await json<ScreenPayload>(await anonymous.get(`/api/screen/town/${HUSHAN}?period=2023Q4`));
    expect(town.home).toEqual({ region: HOME, name: { zh: '慈溪市', en: 'Cixi' } });
    expect(town.cards[0]!.rank).toMatchObject({
      peerSet: 'cixi-towns',
      peerSetName: { zh: '慈溪各镇（街道）', en: 'Cixi towns and subdistricts' },
    });
    const scale = city.peers.find((p) => p.indicator === 'invention_patents')!;
    expect(scale).toMatchObject({ goal: 'top3', averageRule: null, period: '2023' });
    expect(scale.met).toBe(scale.rank! <= 3);
    // The 2025Q3 screen uses 2024, the last year that has ended.
    const later = await json<ScreenPayload>(await anonymous.get('/api/screen/city?period=2025Q3'));
    expect(new Set(later.peers.map((p) => p.period))).toEqual(new Set(['2024']));
  });
});

describe('GET /api/trace', () => {
  it('a 全市 sum lists the member towns and the observations it adds up', async () => {
    const period = '2025Q3';
    const trace = await json<TraceResult>(
      await anonymous.get(`/api/trace?indicator=hightech_enterprises&region=${HOME}&period=${period}`),
    );
    const towns = regionChildrenOn(plan, HOME, periodEndDate(period as Period));
    expect(towns).toHaveLength(20);
    expect(trace.rule).toBe('sum_of_members');
    expect(trace.explanation.value.zh).toContain('20 个下级地区之和');
    expect(trace.explanation.target).toMatchObject({
      value: 1550,
      rule: 'explicit',
      source: '核心指标分解表',
    });
    expect(trace.explanation.expected).toMatchObject({ rule: 'stock_interpolation' });
    expect(trace.inputs.map((i) => i.region)).toEqual(towns);
    expect(trace.regionName).toEqual({ zh: '慈溪市', en: 'Cixi' });
    expect(trace.inputs.find((i) => i.region === HUSHAN)).toMatchObject({
      indicatorName: { zh: '有效高新技术企业数', en: 'Valid high-tech enterprises' },
      regionName: { zh: '浒山街道', en: 'Hushan Subdistrict' },
    });
    expect(trace.observations.find((o) => o.region === HUSHAN)).toMatchObject({
      indicatorName: { zh: '有效高新技术企业数' },
      regionName: { zh: '浒山街道' },
    });
    const stored = await ws.repos.observations.current({
      indicators: ['hightech_enterprises'],
      regions: towns,
      periods: [period as Period],
    });
    expect(trace.observations.map((o) => o.id).sort()).toEqual(stored.map((o) => o.id).sort());
    expect(trace.value).toBe(stored.reduce((s, o) => s + o.value, 0));
    expect(trace.inputs.map((i) => i.value)).toEqual(
      towns.map((t) => stored.find((o) => o.region === t)!.value),
    );
    expect(trace.observations[0]).toMatchObject({
      provenance: 'synthetic',
      createdBy: 'demo',
      submittedBy: null,
    });
  });

  it('a ratio gives its numerator and denominator; unknown codes are 404, a bad period 400', async () => {
    const trace = await json<TraceResult>(
      await anonymous.get(`/api/trace?indicator=rd_gdp_ratio&region=330282-QW&period=2024`),
    );
    expect(trace.rule).toBe('ratio_of_sums');
    expect(trace.inputs.map((i) => [i.indicator, i.role])).toEqual([
      ['rd_expenditure', 'numerator'],
      ['gdp', 'denominator'],
    ]);
    expect((await anonymous.get('/api/trace?indicator=nope&region=330282&period=2024')).status).toBe(404);
    expect((await anonymous.get('/api/trace?indicator=gdp&region=nowhere&period=2024')).status).toBe(404);
    expect((await anonymous.get('/api/trace?indicator=gdp&region=330282&period=24')).status).toBe(400);
    expect((await anonymous.get('/api/trace?indicator=gdp&region=330282')).status).toBe(400);
  });
});

describe('GET /api/index/explain', () => {
  it('a town’s index score: its rank, each indicator’s contribution with its observations, the change, the method', async () => {
    const period = '2025Q4';
    const city = await json<ScreenPayload>(await anonymous.get(`/api/screen/city?period=${period}`));
    const row = city.index.find((r) => r.region === HUSHAN)!;
    expect(row.trace).toEqual({ region: HUSHAN, period, set: 'cixi-towns' });
    const q = new URLSearchParams(row.trace as unknown as Record<string, string>);
    const x = await json<ScreenIndexExplain>(await anonymous.get(`/api/index/explain?${q}`));
    expect(x).toMatchObject({
      key: row.trace,
      region: HUSHAN,
      regionName: { zh: '浒山街道' },
      peerSet: { code: 'cixi-towns', name: { zh: '慈溪各镇（街道）' } },
      rank: row.rank,
      of: 20,
      synthetic: true,
    });
    expect(x.score).toBeCloseTo(row.score, 2);
    // The contributions add up to the score, their weights to 1; each rests on published observations.
    const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
    expect(sum(x.parts.map((p) => p.contribution))).toBeCloseTo(x.score!, 9);
    expect(sum(x.parts.map((p) => p.effectiveWeight))).toBeCloseTo(1, 9);
    expect(sum(x.parts.map((p) => p.aboveMean))).toBeCloseTo(x.score! - x.meanScore!, 9);
    const part = x.parts.find((p) => p.raw !== null && p.observationIds.length > 0)!;
    expect(part.name.zh).not.toBe(part.indicator);
    // Each part's raw figure is itself traceable (GET /api/trace), to the same observations.
    const trace = await json<TraceResult>(
      await anonymous.get(
        `/api/trace?${new URLSearchParams(part.trace as unknown as Record<string, string>)}`,
      ),
    );
    expect(trace.value).toBeCloseTo(part.raw!, 9);
    expect(
      trace.observations
        .filter((o) => o.usedFor === 'value')
        .map((o) => o.id)
        .sort(),
    ).toEqual([...part.observationIds].sort());
    // Since 2024Q4: the change of score by indicator, and the rank move it made.
    const change = x.change!;
    expect(change.previousPeriod).toBe('2024Q4');
    expect(change.score! - change.previousScore!).toBeCloseTo(change.change!, 9);
    expect(change.change).toBeCloseTo(row.change!, 2);
    expect(sum(change.parts.map((p) => p.change))).toBeCloseTo(change.change!, 9);
    expect(change.rankChange).toBe(change.previousRank! - change.rank!);
    const parts = change.parts.map((p) => p.change);
    expect(parts).toEqual([...parts].sort((a, b) => a - b)); // largest loss first
    // Those who overtook it were behind it then and are ahead now (so many places lost, at least).
    for (const o of change.overtakenBy) {
      expect(o.previousRank!).toBeGreaterThan(change.previousRank!);
      expect(o.rank!).toBeLessThan(change.rank!);
    }
    if (change.rankChange! < 0) expect(change.overtakenBy.length).toBeGreaterThanOrEqual(-change.rankChange!);
    // The method: the scheme's normalisation, weights and aggregation, in words and in full.
    expect(x.method.text.zh).toContain('功效系数法');
    expect(x.method.text.zh).toContain('加权算术平均');
    expect(x.method.normalisation).toMatchObject({ default: { method: 'efficacy' } });
    expect(x.method.weights.length).toBeGreaterThan(0);
    for (const w of x.method.weights) expect(sum(w.children.map((c) => c.weight))).toBeCloseTo(1, 9);
  });

  it('defaults to the screens’ period and the towns; refuses an unknown region or set and a bad period', async () => {
    const x = await json<ScreenIndexExplain>(await anonymous.get(`/api/index/explain?region=${HUSHAN}`));
    expect(x.key).toEqual({ region: HUSHAN, period: '2025Q4', set: 'cixi-towns' });
    expect((await anonymous.get('/api/index/explain?region=nowhere')).status).toBe(404);
    expect((await anonymous.get(`/api/index/explain?region=${HUSHAN}&set=nope`)).status).toBe(404);
    expect((await anonymous.get(`/api/index/explain?region=${HOME}&set=cixi-towns`)).status).toBe(404);
    expect((await anonymous.get(`/api/index/explain?region=${HUSHAN}&period=25`)).status).toBe(400);
    expect((await anonymous.get('/api/index/explain')).status).toBe(400);
  });
});

describe('publication goes live', () => {
  it('a published town figure is announced on /api/events and is in the next payload (cache dropped)', async () => {
    const users = await ws.repos.users.list();
    const admin = users.find((u) => u.username === 'admin')! as UserRecord;
    // 高企 by town is reported by 市科技局 from its register (plans/cixi/plan.yaml townFiguresBy).
    const kjj = users.find((u) => u.username === 'kjj')! as UserRecord;
    const period = '2025Q4';
    const before = await json<ScreenPayload>(await anonymous.get(`/api/screen/city?period=${period}`));
    const card = (p: ScreenPayload) => p.cards.find((c) => c.indicator === 'hightech_enterprises')!;
    const [current] = await ws.repos.observations.current({
      indicators: ['hightech_enterprises'],
      regions: [HUSHAN],
      periods: [period as Period],
    });

    const events = await anonymous.get('/api/events');
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.getReader();
    await readUntil(reader, /: connected/);

    const round = await roundOpen(ws.repos, plan, admin, { period, dueDate: '2026-01-20' });
    if (!round.ok) throw new Error(JSON.stringify(round.failure));
    const submitted = await valuesSubmit(ws.repos, plan, kjj, round.value.id, {
      rows: [
        {
          indicator: 'hightech_enterprises',
          region: HUSHAN,
          value: current!.value + 7,
          reason: '年末新认定一批高新技术企业',
        },
      ],
    });
    expect(submitted).toMatchObject({ ok: true, value: { submitted: 1 } });
    const ids = (
      await ws.repos.submissions.list({ roundIds: [round.value.id], statuses: ['submitted'] })
    ).map((s) => s.id);
    expect(await reviewApprove(ws.repos, admin, ids)).toMatchObject({ ok: true });
    const published = await reviewPublish(ws.repos, admin, period);
    expect(published).toMatchObject({ ok: true, value: { published: 1, revised: 1 } });

    const text = await readUntil(reader, /event: published\ndata: .*\n/);
    const data = JSON.parse(/event: published\ndata: (.*)\n/.exec(text)![1]!) as {
      period: string;
      at: string;
    };
    expect(data.period).toBe(period);
    expect(Date.parse(data.at)).not.toBeNaN();
    await reader.cancel();

    const after = await json<ScreenPayload>(await anonymous.get(`/api/screen/city?period=${period}`));
    expect(card(after).value).toBe(card(before).value! + 7);
    const hushan = after.ranking.hightech_enterprises!.find((r) => r.region === HUSHAN)!;
    expect(hushan.value).toBe(current!.value + 7);

    // The trace names who submitted and who approved the published figure.
    const trace = await json<TraceResult>(
      await anonymous.get(`/api/trace?indicator=hightech_enterprises&region=${HUSHAN}&period=${period}`),
    );
    expect(trace.observations).toHaveLength(1);
    expect(trace.observations[0]).toMatchObject({
      value: current!.value + 7,
      provenance: 'real',
      revision: 2,
      createdBy: 'admin',
      submittedBy: 'kjj',
      approvedBy: 'admin',
      usedFor: 'value',
    });
    expect(trace.observations[0]!.submittedAt).toMatch(/^\d{4}-/);
    expect(trace.observations[0]!.approvedAt).toMatch(/^\d{4}-/);
  });

  it('payloads are cached per screen and period until a publication is announced', async () => {
    const first = await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' });
    expect(await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' })).toBe(first);
    expect(await screenPayload(ws, { kind: 'town', town: HUSHAN }, { period: '2025Q2' })).not.toBe(first);
    await eventBusOf(ws.repos).publish({
      id: 1,
      type: 'published',
      period: '2025Q2',
      at: new Date().toISOString(),
    });
    const again = await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' });
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('who may read the screens', () => {
  const paths = [
    '/api/screen/city?period=2025Q3',
    '/api/trace?indicator=gdp&region=330282&period=2024',
    `/api/index/explain?region=${HUSHAN}&period=2025Q3`,
    '/api/events',
  ];

  it('anyone when DING_SCREEN_PUBLIC=1; only the signed-in when it is 0', async () => {
    const closed = appWith({ DING_SCREEN_PUBLIC: '0' });
    for (const path of [...paths, '/api/map/geojson']) {
      expect((await new TestClient(closed, '10.2.0.2').get(path)).status, path).toBe(401);
    }
    const leader = new TestClient(closed, '10.2.0.3');
    expect((await leader.login('leader', DEMO_PASSWORD)).status).toBe(200);
    for (const path of paths) {
      const res = await leader.get(path);
      expect(res.status, path).toBe(200);
      await res.body?.cancel();
    }
    const res = await anonymous.get(paths[0]!);
    expect(res.status).toBe(200);
  });

  it('defaults: public in embedded mode, signed-in only when DATABASE_URL selects PostgreSQL', () => {
    expect(screenRouteOptionsFromEnv({}).public).toBe(true);
    expect(screenRouteOptionsFromEnv({ DATABASE_URL: 'postgres://db/ding' }).public).toBe(false);
    expect(
      screenRouteOptionsFromEnv({ DATABASE_URL: 'postgres://db/ding', DING_SCREEN_PUBLIC: '1' }).public,
    ).toBe(true);
    expect(screenRouteOptionsFromEnv({ DING_SCREEN_PUBLIC: 'false' }).public).toBe(false);
  });
});

/** The screen routes alone over `workspace`, with a fast heartbeat. */
function smallApp(workspace: Workspace, heartbeatMs = 20) {
  const small = new OpenAPIHono<AppEnv>();
  small.onError(onError);
  small.notFound(onNotFound);
  small.use('*', async (c, next) => {
    c.set('ws', workspace);
    c.set('lang', 'zh');
    c.set('user', undefined);
    c.set('session', undefined);
    await next();
  });
  small.route('/api', screenRoutes({ public: true, heartbeatMs, geojsonPath: join(dir, 'none.geojson') }));
  return small;
}

describe('the event stream and the towns map', () => {
  it('a heartbeat comment and a named ping event (a page sees only events) at the set interval', async () => {
    const res = await smallApp(ws).request('/api/events');
    const reader = res.body!.getReader();
    const ping = /event: ping\ndata: (\{"at":"[^"]+"\})\n\n/g;
    const text = await readUntil(
      reader,
      /: heartbeat\n\nevent: ping\n[^]*: heartbeat\n\nevent: ping\n/,
      2000,
    );
    // The first ping comes at once, so that a wall's watchdog starts with the connection.
    expect(text.startsWith('retry: 3000\n: connected\n\nevent: ping\ndata: {"at":"')).toBe(true);
    const pings = [...text.matchAll(ping)].map((m) => JSON.parse(m[1]!) as { at: string });
    expect(pings.length).toBeGreaterThanOrEqual(2);
    for (const p of pings) expect(Date.parse(p.at)).not.toBeNaN();
    expect(text).not.toMatch(/event: ping\n(data: .*\n)?id:/); // pings carry no id
    await reader.cancel();
  });

  it('closing the bus (shutdown) ends every open stream, and one opened afterwards at once', async () => {
    // A workspace of its own (another repositories object, so another bus): the shared one stays open.
    const isolated: Workspace = { ...ws, repos: { ...ws.repos } };
    const app = smallApp(isolated, 60_000);
    const readers = await Promise.all(
      [1, 2].map(async () => (await app.request('/api/events')).body!.getReader()),
    );
    for (const reader of readers) await readUntil(reader, /: connected/);
    eventsClose(isolated.repos);
    expect(eventBusOf(isolated.repos).closed).toBe(true);
    expect(eventBusOf(ws.repos).closed).toBe(false);
    const done = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
      for (;;) if ((await reader.read()).done) return true;
    };
    expect(await Promise.all(readers.map(done))).toEqual([true, true]);
    const late = (await app.request('/api/events')).body!.getReader();
    expect(await done(late)).toBe(true);
  });

  it('the in-process bus: close() tells each subscriber once, then delivers nothing', async () => {
    const bus = eventBusInProcess();
    const seen: string[] = [];
    bus.subscribe(
      (e) => seen.push(`a:${e.period}`),
      () => seen.push('a closed'),
    );
    const off = bus.subscribe(
      () => seen.push('b'),
      () => seen.push('b closed'),
    );
    await bus.publish({ id: 1, type: 'published', period: '2025Q4', at: '2026-01-20T00:00:00.000Z' });
    off();
    bus.close();
    bus.close();
    await bus.publish({ id: 2, type: 'published', period: '2026Q1', at: '2026-04-20T00:00:00.000Z' });
    bus.subscribe(
      () => seen.push('c'),
      () => seen.push('c closed'),
    );
    await Promise.resolve();
    expect(seen).toEqual(['a:2025Q4', 'b', 'a closed', 'c closed']);
  });

  it('serves the operator’s GeoJSON when present, 404 when not (we ship none)', async () => {
    const missing = await anonymous.get('/api/map/geojson');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const map = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: HUSHAN }, geometry: null }],
    };
    writeFileSync(join(dir, 'towns.geojson'), JSON.stringify(map));
    const res = await anonymous.get('/api/map/geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(await res.json()).toEqual(map);
    writeFileSync(join(dir, 'towns.geojson'), 'not json');
    expect((await anonymous.get('/api/map/geojson')).status).toBe(500);
  });
});

// Issue 16 §9: anonymous streams bounded, and screens that do not count every observation revision.
describe('event streams are capped per address and in all', () => {
  function cappedApp(workspace: Workspace, streams: StreamLimits) {
    const small = new OpenAPIHono<AppEnv>();
    small.onError(onError);
    small.use('*', async (c, next) => {
      c.set('ws', workspace);
      c.set('lang', 'zh');
      c.set('user', undefined);
      c.set('session', undefined);
      await next();
    });
    small.route(
      '/api',
      screenRoutes({
        public: true,
        heartbeatMs: 60_000,
        geojsonPath: join(dir, 'none.geojson'),
        streams,
        clientIp: (c) => c.req.header('x-forwarded-for') ?? 'unknown',
      }),
    );
    return small;
  }
  const until = async (test: () => boolean) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(test()).toBe(true);
  };

  it('beyond 2 per address: 429 too_many_streams; beyond 3 in all: 503 busy; Retry-After; a closed stream frees its place', async () => {
    const isolated: Workspace = { ...ws, repos: { ...ws.repos } };
    const app = cappedApp(isolated, { perAddress: 2, total: 3 });
    const open = (ip: string) => app.request('/api/events', { headers: { 'x-forwarded-for': ip } });
    const a1 = await open('10.9.0.1');
    const a2 = await open('10.9.0.1');
    expect([a1.status, a2.status]).toEqual([200, 200]);
    const a3 = await open('10.9.0.1');
    expect(a3.status).toBe(429);
    expect(a3.headers.get('retry-after')).toBe('30');
    expect(await a3.json()).toEqual({
      error: {
        code: 'too_many_streams',
        message: '该地址已打开 2 个实时数据连接（上限 2），请关闭多余的大屏页面后重试',
      },
    });
    const b1 = await open('10.9.0.2');
    expect(b1.status).toBe(200);
    const b2 = await open('10.9.0.3');
    expect(b2.status).toBe(503);
    expect(b2.headers.get('retry-after')).toBe('30');
    expect(((await b2.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'busy',
      message: expect.stringContaining('服务器已有 3 个实时数据连接（上限 3）'),
    });
    expect(eventStreamsOpen(isolated.repos)).toBe(3);
    expect(eventStreamsOpen(isolated.repos, '10.9.0.1')).toBe(2);
    // A wall going away gives its place back.
    const reader = a1.body!.getReader();
    await readUntil(reader, /: connected/);
    await reader.cancel();
    await until(() => eventStreamsOpen(isolated.repos) === 2);
    const a4 = await open('10.9.0.1');
    expect(a4.status).toBe(200);
    // Shutdown ends them all and frees every place.
    eventsClose(isolated.repos);
    await until(() => eventStreamsOpen(isolated.repos) === 0);
    for (const res of [a2, b1, a4]) await res.body!.cancel();
  });

  it('the app counts by the client address it trusts (X-Forwarded-For behind trustProxy); limits from the environment', async () => {
    const isolated: Workspace = { ...ws, repos: { ...ws.repos } };
    const saved = { ...process.env };
    process.env.DING_SCREEN_PUBLIC = '1';
    process.env.DING_EVENTS_PER_ADDRESS = '1';
    let capped: ReturnType<typeof createApp>;
    try {
      capped = createApp(isolated, { trustProxy: true });
    } finally {
      process.env = saved;
    }
    const first = await new TestClient(capped, '10.9.1.1').get('/api/events');
    expect(first.status).toBe(200);
    expect((await new TestClient(capped, '10.9.1.1').get('/api/events')).status).toBe(429);
    const other = await new TestClient(capped, '10.9.1.2').get('/api/events');
    expect(other.status).toBe(200);
    eventsClose(isolated.repos);
    for (const res of [first, other]) await res.body!.cancel();
    expect(screenRouteOptionsFromEnv({}).streams).toEqual({ perAddress: 20, total: 500 });
    expect(() => screenRouteOptionsFromEnv({ DING_EVENTS_MAX: 'lots' })).toThrow(
      'DING_EVENTS_MAX: "lots" is not a positive whole number',
    );
  });
});

describe('screen freshness', () => {
  it('is decided by the database’s write counter, not by counting every observation revision; a write outside a publish still shows', async () => {
    const count = vi.spyOn(ws.repos.observations, 'count');
    try {
      const first = await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' });
      expect(await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' })).toBe(first);
      const before = await ws.repos.snapshots.observationWrites();
      // A write that announces nothing (as a CLI import or a direct correction would be seen).
      await ws.repos.observations.insertMany(
        [
          {
            indicator: 'hightech_enterprises',
            region: HUSHAN,
            period: '2018Q1',
            value: 1,
            vintage: 'flash',
            provenance: 'synthetic',
          },
        ],
        { createdBy: 'test' },
      );
      expect(BigInt(await ws.repos.snapshots.observationWrites())).toBeGreaterThan(BigInt(before));
      const after = await screenPayload(ws, { kind: 'city' }, { period: '2025Q2' });
      expect(after).not.toBe(first);
      expect(count).not.toHaveBeenCalled();
    } finally {
      count.mockRestore();
    }
  });
});
