// In-process HTTP for the API tests: a workspace on a throw-away database (SQLite file or PostgreSQL
// schema) with the Cixi plan and one account per role, the app over it, and a browser-like client
// (cookie jar, CSRF header) that calls app.request — no port, no network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Role } from '@ding/core';
import {
  createApp,
  passwordHash,
  workspaceInit,
  workspaceOpen,
  type AppOptions,
  type ScryptParams,
  type UserRecord,
  type Workspace,
} from '../../src/index.ts';
import { TEST_POSTGRES_URL, dropPostgresSchema } from './databases.ts';

/** Cheap scrypt for test accounts (the cost is stored in each hash, so log-in verifies at this cost). */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export type OpenTestWorkspace = () => Promise<{ ws: Workspace; dispose(): Promise<void> }>;

export const openSqliteWorkspace: OpenTestWorkspace = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ding-http-'));
  const ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  return {
    ws,
    dispose: async () => {
      await ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const openPostgresWorkspace: OpenTestWorkspace = async () => {
  const schema = `ding_http_${randomBytes(6).toString('hex')}`;
  const ws = await workspaceOpen({ url: TEST_POSTGRES_URL, schema });
  return {
    ws,
    dispose: async () => {
      await ws.close();
      await dropPostgresSchema(schema);
    },
  };
};

/** The accounts every API test has: one per role (town 浒山街道, department 市统计局). */
export const ACCOUNTS: Record<string, { role: Role; department?: string; region?: string }> = {
  boss: { role: 'admin', department: 'kjj' },
  boss2: { role: 'admin', department: 'kjj' },
  watcher: { role: 'leader' },
  stats: { role: 'department', department: 'tjj' },
  hushan: { role: 'town', region: '330282004' },
};

export interface TestApi {
  ws: Workspace;
  app: ReturnType<typeof createApp>;
  users: Record<string, UserRecord>;
  clock: TestClock;
  client(ip?: string): TestClient;
  dispose(): Promise<void>;
}

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export async function openTestApi(open: OpenTestWorkspace, options: AppOptions = {}): Promise<TestApi> {
  const { ws, dispose } = await open();
  await workspaceInit(ws, { demo: false });
  const hash = await passwordHash(PASSWORD, FAST_SCRYPT);
  const users: Record<string, UserRecord> = {};
  for (const [username, a] of Object.entries(ACCOUNTS)) {
    users[username] = await ws.repos.users.create({
      username,
      displayName: username,
      passwordHash: hash,
      ...a,
    });
  }
  let t = Date.now();
  const clock: TestClock = { now: () => new Date(t), advance: (ms) => void (t += ms) };
  const app = createApp(ws, {
    now: clock.now,
    trustProxy: true,
    loginFailureDelayMs: 1,
    passwordParams: FAST_SCRYPT,
    ...options,
  });
  let ips = 0;
  return {
    ws,
    app,
    users,
    clock,
    // Each client has its own IP (X-Forwarded-For, trusted in tests) so per-IP throttling stays apart.
    client: (ip) => new TestClient(app, ip ?? `10.0.0.${++ips}`),
    dispose,
  };
}

export interface RequestOptions {
  json?: unknown;
  /** A multipart/form-data body (files as File); the boundary header comes with it. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Send the session's X-CSRF-Token on a write (default true). */
  csrf?: boolean;
  /** Base URL (default http://localhost). */
  base?: string;
}

/** A browser: keeps the session cookie and sends the CSRF token it was given, like the web app does. */
export class TestClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    private readonly app: ReturnType<typeof createApp>,
    readonly ip: string,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && (options.csrf ?? true) && this.csrfToken)
      headers['x-csrf-token'] = this.csrfToken;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) body = options.form;
    const res = await this.app.request(`${options.base ?? 'http://localhost'}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('ding_session=')) {
      const value = set.split(';')[0]!;
      this.cookie = /Max-Age=0/i.test(set) || value === 'ding_session=' ? undefined : value;
    }
    return res;
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('POST', path, { ...options, json });
  put = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('PUT', path, { ...options, json });
  patch = (path: string, json?: unknown, options?: RequestOptions) =>
    this.request('PATCH', path, { ...options, json });

  async login(username: string, password = PASSWORD): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  /** Log in and fail loudly if it does not work. */
  async as(username: string): Promise<this> {
    const res = await this.login(username);
    if (res.status !== 200) throw new Error(`log-in as ${username}: ${res.status} ${await res.text()}`);
    return this;
  }
}

export async function errorOf(res: Response): Promise<{ code: string; message: string; details?: unknown }> {
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}
