// Test harness for the collection API: a workspace with Cixi's plan and demo data on a test database,
// the collection router mounted on a small app whose stub session reads the user from a test header
// (the platform's real session middleware replaces it in the full app), and table snapshots.
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Plan } from '@ding/core';
import type { AppEnv, SessionUser } from '../src/http/context.ts';
import { onError, onNotFound } from '../src/http/errors.ts';
import { collectionRoutes } from '../src/http/routes/collection.ts';
import {
  DEFAULT_PLAN_PATH,
  createRepositories,
  demoGenerate,
  loadPlanFile,
  type Workspace,
} from '../src/index.ts';
import type { TestDatabase } from './support/databases.ts';

export const ADMIN: SessionUser = { id: 'u-admin', username: 'admin', displayName: '管理员', role: 'admin' };
export const LEADER: SessionUser = {
  id: 'u-leader',
  username: 'leader',
  displayName: '领导',
  role: 'leader',
};
/** 浒山街道 */
export const HUSHAN: SessionUser = {
  id: 'u-hs',
  username: 'town-330282004',
  displayName: '浒山街道填报员',
  role: 'town',
  region: '330282004',
};
/** 庵东镇 */
export const ANDONG: SessionUser = {
  id: 'u-ad',
  username: 'town-330282118',
  displayName: '庵东镇填报员',
  role: 'town',
  region: '330282118',
};
export const KJJ: SessionUser = {
  id: 'u-kjj',
  username: 'kjj',
  displayName: '市科技局填报员',
  role: 'department',
  department: 'kjj',
};
export const TJJ: SessionUser = {
  id: 'u-tjj',
  username: 'tjj',
  displayName: '市统计局填报员',
  role: 'department',
  department: 'tjj',
};

export interface CollectionWorld {
  ws: Workspace;
  plan: Plan;
  app: OpenAPIHono<AppEnv>;
  /** Set the time every repository stamps (ISO UTC). */
  setNow(iso: string): void;
}

let cachedPlan: Plan | undefined;
async function cixiPlan(): Promise<Plan> {
  if (!cachedPlan) {
    const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
    if (!loaded.ok) throw new Error('the Cixi plan does not load');
    cachedPlan = loaded.value;
  }
  return cachedPlan;
}

/**
 * Cixi's plan in force and the demo figures from 2024 on (what the references need: last period, last
 * year), on the test database; a clock the test moves.
 */
export async function collectionWorld(t: TestDatabase): Promise<CollectionWorld> {
  let now = '2026-01-05T02:00:00.000Z';
  const repos = createRepositories(t.handle.db, { clock: () => now });
  const ws: Workspace = { db: t.handle, repos, close: () => t.handle.close() };
  const plan = await cixiPlan();
  await repos.plans.save(plan, { loadedBy: 'test', activate: true });
  const observations = demoGenerate(plan).observations.filter((o) => o.period >= '2024');
  await repos.transaction(async (tx) => {
    for (let i = 0; i < observations.length; i += 2000)
      await tx.observations.insertMany(observations.slice(i, i + 2000), { createdBy: 'demo' });
  });
  return { ws, plan, app: collectionTestApp(ws), setNow: (iso) => (now = iso) };
}

export function collectionTestApp(ws: Workspace): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use('*', async (c, next) => {
    c.set('ws', ws);
    c.set('lang', c.req.header('accept-language')?.startsWith('en') ? 'en' : 'zh');
    c.set('session', undefined);
    const header = c.req.header('x-test-user');
    c.set('user', header ? (JSON.parse(decodeURIComponent(header)) as SessionUser) : undefined);
    await next();
  });
  app.route('/api', collectionRoutes());
  return app;
}

/** Headers are Latin-1: the user (with its Chinese display name) travels URI-encoded. */
const userHeader = (user: SessionUser) => encodeURIComponent(JSON.stringify(user));

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request as `user` (none: signed out). */
export async function call<T = unknown>(
  app: OpenAPIHono<AppEnv>,
  user: SessionUser | undefined,
  method: string,
  path: string,
  json?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (user) headers['x-test-user'] = userHeader(user);
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await app.request(`/api${path}`, {
    method,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const type = res.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await res.json() : new Uint8Array(await res.arrayBuffer())) as T;
  return { status: res.status, body, headers: res.headers };
}

/** A multipart upload of `data` as field `file` (and optional extra fields). */
export async function upload<T = unknown>(
  app: OpenAPIHono<AppEnv>,
  user: SessionUser,
  roundId: string,
  file: { name: string; data: Uint8Array },
  fields: Record<string, string> = {},
): Promise<Answer<T>> {
  const form = new FormData();
  form.append('file', new File([file.data], file.name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await app.request(`/api/rounds/${roundId}/uploads`, {
    method: 'POST',
    headers: { 'x-test-user': userHeader(user) },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

const TABLES = [
  'rounds',
  'round_assignments',
  'uploads',
  'submission_rows',
  'period_locks',
  'notices',
  'observations',
  'audit_log',
] as const;

/** Row counts of every table a collection write may touch, and the assignments' statuses. */
export async function tablesSnapshot(ws: Workspace): Promise<Record<string, unknown>> {
  const db = ws.db.db;
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      db,
    );
    out[table] = Number(rows[0]?.n);
  }
  const statuses = await db
    .selectFrom('round_assignments')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  out.statuses = statuses.map((s) => `${s.status}:${Number(s.n)}`).join(' ');
  return out;
}
