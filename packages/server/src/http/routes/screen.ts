// /api screens (数字大屏): the city and town payloads, the trace of any number on them (and of an index
// score: /index/explain), live events when data is published (server-sent events), and the operator's own
// towns map. Thin: validate, check access, call services/screen.ts and services/trace.ts (docs/API.md,
// Screens).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { eventBusOf } from '../../services/events.ts';
import { ScreenError, screenPayload } from '../../services/screen.ts';
import { indexExplainCompute, traceCompute } from '../../services/trace.ts';
import { apiError, type AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
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
}

/**
 * From the environment: DING_SCREEN_PUBLIC=1/0 (default on in embedded mode, off when DATABASE_URL
 * selects a shared PostgreSQL server), DING_TOWNS_GEOJSON (default data/towns.geojson).
 */
export function screenRouteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ScreenRouteOptions {
  const flag = env.DING_SCREEN_PUBLIC?.trim().toLowerCase();
  const explicit = flag === undefined || flag === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(flag);
  return {
    public: explicit ?? !env.DATABASE_URL,
    heartbeatMs: 15_000,
    geojsonPath: env.DING_TOWNS_GEOJSON || 'data/towns.geojson',
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

export function screenRoutes(options: ScreenRouteOptions = screenRouteOptionsFromEnv()) {
  const access = screenAccess(options);
  // Documented as session reads; anonymous reads when DING_SCREEN_PUBLIC are described in docs/API.md.
  const security = SESSION_SECURITY;

  const cityRoute = createRoute({
    method: 'get',
    path: '/screen/city',
    tags: ['screens'],
    summary: 'The city screen: cards, trends, towns map and rankings, Ningbo peers, alerts, index',
    middleware: access,
    security,
    request: { query: ScreenQuerySchema },
    responses: {
      200: jsonResponse(ScreenPayloadSchema, 'the city screen’s payload'),
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
      ...errorResponses(400, 401, 404),
    },
  });
  const eventsRoute = createRoute({
    method: 'get',
    path: '/events',
    tags: ['screens'],
    summary:
      'Server-sent events: `published` {period, at} when a publication commits; `ping` {at} and a comment every 15 s',
    middleware: access,
    security,
    responses: {
      200: {
        description:
          'text/event-stream (event: published, data: {"period":"2025Q3","at":"…"}; event: ping, data: {"at":"…"})',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      ...errorResponses(401),
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

  return apiRouter()
    .openapi(cityRoute, async (c) => {
      const q = c.req.valid('query');
      const cards = cardsOf(q.cards);
      const payload = await answer(
        screenPayload(
          c.var.ws,
          { kind: 'city' },
          { ...(q.period ? { period: q.period } : {}), ...(cards ? { cards } : {}) },
        ),
      );
      return c.json(payload, 200);
    })
    .openapi(townRoute, async (c) => {
      const q = c.req.valid('query');
      const cards = cardsOf(q.cards);
      const payload = await answer(
        screenPayload(
          c.var.ws,
          { kind: 'town', town: c.req.valid('param').code },
          { ...(q.period ? { period: q.period } : {}), ...(cards ? { cards } : {}) },
        ),
      );
      return c.json(payload, 200);
    })
    .openapi(traceRoute, async (c) => c.json(await answer(traceCompute(c.var.ws, c.req.valid('query'))), 200))
    .openapi(indexExplainRoute, async (c) =>
      c.json(await answer(indexExplainCompute(c.var.ws, c.req.valid('query'))), 200),
    )
    .openapi(eventsRoute, (c) =>
      streamSSE(c, async (stream) => {
        let id = 0;
        // Ends when the screen goes away (abort) or the server shuts down (the bus is closed): returning
        // ends the response, so the HTTP server can close.
        let end!: () => void;
        const ended = new Promise<void>((done) => (end = done));
        const unsubscribe = eventBusOf(c.var.ws.repos).subscribe((event) => {
          void stream.writeSSE({
            event: event.type,
            data: JSON.stringify({ period: event.period, at: event.at }),
            id: String(++id),
          });
        }, end);
        // Comments keep proxies from closing an idle stream; the named `ping` event is what a page can see
        // (EventSource hides comments), so a wall can run a watchdog on it. Pings carry no id.
        const ping = () =>
          stream.writeSSE({ event: 'ping', data: JSON.stringify({ at: new Date().toISOString() }) });
        const heartbeat = setInterval(() => {
          void stream.write(': heartbeat\n\n').then(ping);
        }, options.heartbeatMs);
        stream.onAbort(end);
        await stream.write('retry: 3000\n: connected\n\n');
        await ping();
        await ended;
        clearInterval(heartbeat);
        unsubscribe();
      }),
    )
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
