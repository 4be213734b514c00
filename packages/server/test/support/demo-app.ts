// The demo workspace (`ding init` with the demo data) on a throw-away SQLite file, the app over it, the demo
// admin signed in and an anonymous client — for API tests that read the demo's published figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  DEMO_PASSWORD,
  createApp,
  workspaceInit,
  workspaceOpen,
  type AppOptions,
  type Workspace,
} from '../../src/index.ts';
import { TestClient } from './http-client.ts';

export interface DemoApp {
  ws: Workspace;
  /** Another client of the same app (its own address), e.g. to sign in as a reporter. */
  client(ip: string): TestClient;
  admin: TestClient;
  anonymous: TestClient;
  close(): Promise<void>;
}

/** `screenPublic`: the big screens readable without signing in (DING_SCREEN_PUBLIC=1, read by createApp). */
export async function demoAppOpen(
  options: { screenPublic?: boolean; app?: AppOptions } = {},
): Promise<DemoApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ding-demo-app-'));
  const ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  const saved = process.env.DING_SCREEN_PUBLIC;
  if (options.screenPublic) process.env.DING_SCREEN_PUBLIC = '1';
  const app = createApp(ws, { loginFailureDelayMs: 1, ...options.app });
  if (saved === undefined) delete process.env.DING_SCREEN_PUBLIC;
  else process.env.DING_SCREEN_PUBLIC = saved;
  const admin = new TestClient(app, '10.3.0.1');
  expect((await admin.login('admin', DEMO_PASSWORD)).status).toBe(200);
  return {
    ws,
    admin,
    anonymous: new TestClient(app, '10.3.0.2'),
    client: (ip) => new TestClient(app, ip),
    close: async () => {
      await ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 200 GET of a read endpoint with its weak ETag (revalidated on every use: private, no-cache). */
export async function tagged(client: TestClient, path: string): Promise<{ etag: string; body: string }> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  const etag = res.headers.get('etag');
  expect(etag, path).toMatch(/^W\/"[\w-]+"$/);
  expect(res.headers.get('cache-control'), path).toBe('private, no-cache');
  return { etag: etag!, body: await res.text() };
}
