// /api screens (数字大屏): the city and town payloads, the trace of any number on them (and of an index
// score: /index/explain), live events when data is published (server-sent events), and the operator's own
// towns map. Thin: validate, check access, call services/screen.ts and services/trace.ts (docs/API.md,
// Screens).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { screenSupervisionBuild } from '@ding/core';
import { chinaDate } from '../../china-time.ts';
import {
  eventBusOf,
  eventFromLog,
  eventStreamAdmit,
  type DingEvent,
  type StreamLimits,
} from '../../services/events.ts';
import { ScreenError, screenPayloadKeyed, screenStamp, type ScreenRequest } from '../../services/screen.ts';
import { supervisionOverview } from '../../services/supervision.ts';
import { indexExplainCompute, traceCompute } from '../../services/trace.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { apiError, type AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { NOT_MODIFIED, etagOf, jsonEtagged } from '../etag.ts';
import { apiRouter } from '../openapi.ts';
import { ErrorSchema, SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
import {
  GeoJsonSchema,
  IndexExplainQuerySchema,
  IndexExplainSchema,
  ScreenPayloadSchema,
  ScreenQuerySchema,
  TownParamsSchema,
  TraceQuerySchema,
  TraceSchema,
} from '../schemas/screen.ts';

export interface ScreenRouteOptions {
  /**
   * Anonymous requests may read the screens, traces, events and map (a meeting-room wall has no
   * keyboard to sign in with). Signed-in users always may.
   */
  public: boolean;
  /**
   * Interval of the SSE heartbeat: a comment and a named `ping` event (default 15 s: below common proxy
   * idle timeouts).
   */
  heartbeatMs: number;
  /** The operator's towns GeoJSON (absolute, or relative to the working directory). */
  geojsonPath: string;
  /** Caps on open event streams (GET /api/events): per client address and in all (default STREAM_LIMITS). */
  streams?: StreamLimits;
  /** The client's address (app.ts passes requestIp, which honours trustProxy); default the socket's peer. */
  clientIp?: (c: Context) => string;
  /** The app's clock: the day the 重点任务推进 panel's lights are for (default the system clock). */
  now?: () => Date;
}

/** A wall per address is a handful; 20 leaves room for a control room. 500 streams are cheap, thousands not. */
export const STREAM_LIMITS: StreamLimits = { perAddress: 20, total: 500 };

/** A positive whole number from the environment, else the default; anything else is an error naming the variable. */
function countFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name}: ${JSON.stringify(raw)} is not a positive whole number`);
  return n;
}

/**
 * From the environment: DING_SCREEN_PUBLIC=1/0 (default on in embedded mode, off when DATABASE_URL
 * selects a shared PostgreSQL server), DING_TOWNS_GEOJSON (default data/towns.geojson),
 * DING_EVENTS_PER_ADDRESS and DING_EVENTS_MAX (open event streams, default 20 and 500).
 */
export function screenRouteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ScreenRouteOptions {
  const flag = env.DING_SCREEN_PUBLIC?.trim().toLowerCase();
  const explicit = flag === undefined || flag === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(flag);
  return {
    public: explicit ?? !env.DATABASE_URL,
    heartbeatMs: 15_000,
    geojsonPath: env.DING_TOWNS_GEOJSON || 'data/towns.geojson',
    streams: {
      perAddress: countFromEnv(env, 'DING_EVENTS_PER_ADDRESS', STREAM_LIMITS.perAddress),
      total: countFromEnv(env, 'DING_EVENTS_MAX', STREAM_LIMITS.total),
    },
  };
}

/** Signed-in users, and anyone when the screens are public. */
function screenAccess(options: ScreenRouteOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('user') && !options.public)
      return apiError(c, 401, 'unauthenticated', { zh: '请先登录', en: 'please sign in' });
    await next();
  };
}

/** The service's refusals as API errors. */
async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!(e instanceof ScreenError)) throw e;
    const status = e.kind === 'not_found' ? 404 : 400;
    throw new ApiError(status, e.kind, e.text);
  }
}

const cardsOf = (cards: string | undefined) =>
  cards
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Seconds a refused stream is told to wait (Retry-After); the screens also back off by themselves. */
const STREAM_RETRY_SECONDS = 30;

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } } | undefined;

/** The socket's peer (node-server), when app.ts gave no clientIp. */
function socketAddress(c: Context): string {
  return (c.env as NodeBindings)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * One screen's event stream, until it goes away or the server shuts down; `onEnd` runs as soon as it is
 * over (before a write still waiting for a client that reads nothing).
 */
async function eventStream(
  c: Context<AppEnv>,
  stream: SSEStreamingApi,
  heartbeatMs: number,
  onEnd: () => void,
): Promise<void> {
  // Ends when the screen goes away (abort) or the server shuts down (the bus is closed): returning
  // ends the response, so the HTTP server can close.
  let finish!: () => void;
  const ended = new Promise<void>((done) => (finish = done));
  const end = () => {
    onEnd();
    finish();
  };
  // Each event carries its id in the event log; a screen that reconnects (to this instance or another)
  // sends the last one it saw as Last-Event-ID and first gets what it missed. Live events arriving while
  // the missed ones are read wait, so none is lost or sent twice.
  const resumeFrom = Number(c.req.header('last-event-id') ?? '');
  let sentUpTo = Number.isInteger(resumeFrom) && resumeFrom > 0 ? resumeFrom : 0;
  let held: DingEvent[] | undefined = sentUpTo > 0 ? [] : undefined;
  const send = (event: DingEvent) => {
    if (event.id <= sentUpTo) return;
    sentUpTo = event.id;
    void stream.writeSSE({
      event: event.type,
      data: JSON.stringify({ period: event.period, at: event.at }),
      id: String(event.id),
    });
  };
  const unsubscribe = eventBusOf(c.var.ws.repos).subscribe((event) => {
    if (held) held.push(event);
    else send(event);
  }, end);
  // Comments keep proxies from closing an idle stream; the named `ping` event is what a page can see
  // (EventSource hides comments), so a wall can run a watchdog on it. Pings carry no id.
  const ping = () =>
    stream.writeSSE({ event: 'ping', data: JSON.stringify({ at: new Date().toISOString() }) });
  const heartbeat = setInterval(() => {
    void stream.write(': heartbeat\n\n').then(ping);
  }, heartbeatMs);
  stream.onAbort(end);
  await stream.write('retry: 3000\n: connected\n\n');
  if (held) {
    for (const row of await c.var.ws.repos.events.since(sentUpTo)) send(eventFromLog(row));
    const waiting = held;
    held = undefined;
    waiting.forEach(send);
  }
  await ping();
  await ended;
  clearInterval(heartbeat);
  unsubscribe();
}

export function screenRoutes(options: ScreenRouteOptions = screenRouteOptionsFromEnv()) {
  const access = screenAccess(options);
  // Documented as session reads; anonymous reads when DING_SCREEN_PUBLIC are described in docs/API.md.
  const security = SESSION_SECURITY;

  const cityRoute = createRoute({
    method: 'get',
    path: '/screen/city',
    tags: ['screens'],
    summary:
      'The city screen: cards, trends, towns map and rankings, Ningbo peers, alerts, index, 重点任务推进 (督查督办 by light)',
    middleware: access,
    security,
    request: { query: ScreenQuerySchema },
    responses: {
      200: jsonResponse(ScreenPayloadSchema, 'the city screen’s payload'),
      ...NOT_MODIFIED,
      ...errorResponses(400, 401, 404),
    },
  });
  const townRoute = createRoute({
    method: 'get',
    path: '/screen/town/{code}',
    tags: ['screens'],
    summary: 'A town screen: its cards, its rank among the towns, its trends, the map, the index',
    middleware: access,
    security,
    request: { params: TownParamsSchema, query: ScreenQuerySchema },
    responses: {
      200: jsonResponse(ScreenPayloadSchema, 'the town screen’s payload'),
      ...NOT_MODIFIED,
      ...errorResponses(400, 401, 404),
    },
  });
  const traceRoute = createRoute({
    method: 'get',
    path: '/trace',
    tags: ['screens'],
    summary:
      'How a number was computed: rules, inputs, and the observations with who submitted and approved them',
    middleware: access,
    security,
    request: { query: TraceQuerySchema },
    responses: { 200: jsonResponse(TraceSchema, 'the trace'), ...errorResponses(400, 401, 404) },
  });
  const indexExplainRoute = createRoute({
    method: 'get',
    path: '/index/explain',
    tags: ['screens'],
    summary:
      'Why a region scored and ranked as it did in the 科技创新指数: contributions, change by indicator, method',
    middleware: access,
    security,
    request: { query: IndexExplainQuerySchema },
    responses: {
      200: jsonResponse(IndexExplainSchema, 'the explanation'),
      ...NOT_MODIFIED,
      ...errorResponses(400, 401, 404),
    },
  });
  const eventsRoute = createRoute({
    method: 'get',
    path: '/events',
    tags: ['screens'],
    summary:
      'Server-sent events: `published` {period, at} when a publication commits; `ping` {at} and a comment every 15 s. At most DING_EVENTS_PER_ADDRESS (20) streams per address (429 too_many_streams) and DING_EVENTS_MAX (500) in all (503 busy), with Retry-After',
    middleware: access,
    security,
    responses: {
      200: {
        description:
          'text/event-stream (event: published, data: {"period":"2025Q3","at":"…"}; event: ping, data: {"at":"…"})',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...errorResponses(401, 429),
      503: {
        description: 'busy: the server has DING_EVENTS_MAX event streams open (Retry-After)',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  });
  const geojsonRoute = createRoute({
    method: 'get',
    path: '/map/geojson',
    tags: ['screens'],
    summary: 'The operator’s towns GeoJSON (DING_TOWNS_GEOJSON or data/towns.geojson); 404 when none',
    middleware: access,
    security,
    responses: {
      200: {
        description: 'the GeoJSON file as supplied',
        content: { 'application/geo+json': { schema: GeoJsonSchema } },
      },
      ...errorResponses(401, 404),
    },
  });

  // The screens and the index explanation carry an ETag of what they are computed from (the plan version
  // and observation write counter in the stamp, the query); a revalidation gets 304. Not the trace: it
  // also names who submitted and approved each figure, which can change without a write to the figures.
  const screen = async (
    c: Context<AppEnv>,
    request: ScreenRequest,
    q: { period?: string; cards?: string },
  ) => {
    const cards = cardsOf(q.cards);
    const { key, payload } = await answer(
      screenPayloadKeyed(c.var.ws, request, {
        ...(q.period ? { period: q.period } : {}),
        ...(cards ? { cards } : {}),
      }),
    );
    if (request.kind === 'town') return jsonEtagged(c, etagOf(['screen', key]), payload);
    // The city screen's 重点任务推进 panel is computed fresh on every request (a few dozen items) and folded
    // into the ETag whole, not through a version of the supervision tables: its lights move with the date
    // and with an item's edit (which appends no timeline event), so neither the max event id nor a count
    // would catch every change. One payload, one poll: the wall needs no second endpoint or timer.
    const plan = await workspacePlan(c.var.ws);
    const today = chinaDate(options.now?.() ?? new Date());
    const supervision = screenSupervisionBuild(plan, await supervisionOverview(c.var.ws, plan, today));
    return jsonEtagged(c, etagOf(['screen', key, JSON.stringify(supervision)]), async () => ({
      ...(await payload()),
      supervision,
    }));
  };

  return apiRouter()
    .openapi(cityRoute, (c) => screen(c, { kind: 'city' }, c.req.valid('query')))
    .openapi(townRoute, (c) =>
      screen(c, { kind: 'town', town: c.req.valid('param').code }, c.req.valid('query')),
    )
    .openapi(traceRoute, async (c) => c.json(await answer(traceCompute(c.var.ws, c.req.valid('query'))), 200))
    .openapi(indexExplainRoute, async (c) => {
      const q = c.req.valid('query');
      const { stamp, period } = await answer(screenStamp(c.var.ws, q.period));
      const etag = etagOf(['index-explain', stamp, period, q.region, q.set]);
      return jsonEtagged(c, etag, () => answer(indexExplainCompute(c.var.ws, { ...q, period })));
    })
    .openapi(eventsRoute, (c) => {
      const address = options.clientIp?.(c) ?? socketAddress(c);
      const admitted = eventStreamAdmit(c.var.ws.repos, address, options.streams ?? STREAM_LIMITS);
      if (!admitted.ok) {
        c.header('Retry-After', String(STREAM_RETRY_SECONDS));
        throw admitted.reason === 'address'
          ? new ApiError(429, 'too_many_streams', {
              zh: `该地址已打开 ${admitted.open} 个实时数据连接（上限 ${admitted.limit}），请关闭多余的大屏页面后重试`,
              en: `this address already has ${admitted.open} live event streams open (at most ${admitted.limit}); close some screens and retry`,
            })
          : new ApiError(503, 'busy', {
              zh: `服务器已有 ${admitted.open} 个实时数据连接（上限 ${admitted.limit}），请稍后重试；大屏数据仍可定时刷新`,
              en: `the server already has ${admitted.open} live event streams open (at most ${admitted.limit}); retry later — screens still refresh on their timer`,
            });
      }
      return streamSSE(c, async (stream) => {
        try {
          await eventStream(c, stream, options.heartbeatMs, admitted.release);
        } finally {
          admitted.release();
        }
      });
    })
    .openapi(geojsonRoute, async (c) => {
      const path = resolve(options.geojsonPath);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        throw new ApiError(404, 'not_found', {
          zh: '没有镇街地图文件：请运维人员放置 GeoJSON 文件（DING_TOWNS_GEOJSON 或 data/towns.geojson），否则大屏使用示意格网图',
          en: 'no towns map: an operator may supply a GeoJSON file (DING_TOWNS_GEOJSON or data/towns.geojson); the screens draw the schematic tile map meanwhile',
        });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        parsed = (e as Error).message;
      }
      const geojson = GeoJsonSchema.safeParse(parsed);
      if (!geojson.success)
        throw new ApiError(500, 'bad_geojson', {
          zh: `镇街地图文件 ${options.geojsonPath} 不是 GeoJSON（应为含 type 字段的 JSON 对象）`,
          en: `the towns map ${options.geojsonPath} is not GeoJSON (a JSON object with a type)`,
        });
      return c.json(geojson.data, 200, {
        'content-type': 'application/geo+json; charset=utf-8',
        'cache-control': 'no-cache',
      });
    });
}
