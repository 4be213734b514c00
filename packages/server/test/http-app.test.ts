// The app as a whole on the demo workspace (SQLite): demo accounts, progress as JSON/CSV/XLSX,
// the OpenAPI document and docs page, the web app's static files and the fallback page.
import { gunzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressRow } from '@ding/core';
import { DEMO_PASSWORD, createApp, workspaceInit, workspaceOpen, type Workspace } from '../src/index.ts';
import { TestClient, errorOf } from './support/http-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-http-app-'));
let ws: Workspace;
let app: ReturnType<typeof createApp>;
let admin: TestClient;
let firstInit: Awaited<ReturnType<typeof workspaceInit>>;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  firstInit = await workspaceInit(ws, { demo: true });
  app = createApp(ws, { loginFailureDelayMs: 1 });
  admin = new TestClient(app, '10.1.0.1');
  // Demo accounts share the published demo password.
  const res = await admin.login('admin', DEMO_PASSWORD);
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo accounts (ding init)', () => {
  it('one per role and one per town valid today, password ding-demo-2025', async () => {
    const created = firstInit.accounts!.created;
    // One reporter per department that owes figures in a round of Cixi's plan (plans/cixi/plan.yaml
    // townFiguresBy) or leads or cooperates on one of its tasks (督查督办), in the plan's order: 科技局,
    // 财政局, 税务局, 市场监管局, 经信局, 统计局 … — all but 前湾新区 (qwxq), which neither owes nor handles a task.
    expect(created.slice(0, 8)).toEqual(['admin', 'leader', 'kjj', 'czj', 'swj', 'scjgj', 'jxj', 'tjj']);
    expect(created).toEqual(expect.arrayContaining(['zzb', 'gxyq', 'swuj', 'rsj', 'jrzx', 'nyncj']));
    expect(created).not.toContain('qwxq');
    expect(created).toContain('town-330282004');
    expect(created).toContain('town-330282118');
    // 陆中湾街道 exists since 2024-11 (MISSION: regions change over time).
    expect(created).toContain('town-330282-lzw');
    expect(created.filter((u) => u.startsWith('town-'))).toHaveLength(20);
    const users = await ws.repos.users.list();
    expect(users.find((u) => u.username === 'tjj')).toMatchObject({ role: 'department', department: 'tjj' });
    expect(users.find((u) => u.username === 'kjj')).toMatchObject({ role: 'department', department: 'kjj' });
    expect(users.find((u) => u.username === 'leader')).toMatchObject({ role: 'leader' });
    expect(users.find((u) => u.username === 'town-330282004')).toMatchObject({
      role: 'town',
      region: '330282004',
      displayName: '浒山街道填报员',
    });
    const town = new TestClient(app, '10.1.0.2');
    expect((await town.login('town-330282004', DEMO_PASSWORD)).status).toBe(200);
  });

  it('are created once: a second init leaves the accounts alone', async () => {
    const again = await workspaceInit(ws, { demo: true });
    expect(again.accounts).toEqual({ created: [], alreadyPresent: true });
    expect(await ws.repos.users.count()).toBe(firstInit.accounts!.created.length);
  });

  it('are audited as created by ding init', async () => {
    const entries = await ws.repos.audit.list({ action: 'user.create', actor: 'ding init' });
    expect(entries).toHaveLength(firstInit.accounts!.created.length);
    expect(JSON.stringify(entries)).not.toContain('scrypt');
  });
});

describe('progress', () => {
  it('serves the engine rows for a period and region', async () => {
    const res = await admin.get('/api/progress?period=2025Q3&region=330282');
    expect(res.status).toBe(200);
    const rows = (await res.json()) as ProgressRow[];
    expect(rows.every((r) => r.region === '330282')).toBe(true);
    expect(rows.find((r) => r.indicator === 'hightech_enterprises')?.target?.value).toBe(1550);
  });

  it('several regions, only the core indicators', async () => {
    const res = await admin.get('/api/progress?period=2025Q3&region=330282&region=330282-QW&core=true');
    const rows = (await res.json()) as ProgressRow[];
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['330282', '330282-QW']));
    expect(new Set(rows.map((r) => r.indicator)).size).toBe(7);
  });

  it('defaults to the latest quarter with data', async () => {
    const rows = (await (await admin.get('/api/progress?region=330282')).json()) as ProgressRow[];
    expect(rows[0]!.period).toMatch(/^\d{4}Q[1-4]$/);
  });

  it('answers a malformed period or an unknown region with a stable code and a Chinese message', async () => {
    const res = await admin.get('/api/progress?period=Q3');
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: 'bad_period', message: expect.stringContaining('期别') });
    expect((await admin.get('/api/progress?period=2025Q3&region=nowhere')).status).toBe(400);
  });

  it('the CSV has a BOM and the Chinese headers; lang=en gives English ones', async () => {
    const res = await admin.get('/api/progress.csv?period=2025Q3&region=330282&core=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('progress-2025Q3.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines[0]).toContain('序时进度');
    expect(lines).toHaveLength(8);
    const en = await (await admin.get('/api/progress.csv?period=2025Q3&region=330282&core=1&lang=en')).text();
    expect(en).toContain('Expected to date');
  });

  it('the XLSX opens as a workbook with the table', async () => {
    const res = await admin.get('/api/progress.xlsx?period=2025Q3&region=330282');
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    // Title rows (table name, period and scope, 制表单位 and date, the synthetic warning) above the
    // header row, which is the frozen one.
    const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('指标进度表');
    expect(sheet.getRow(headerRow).getCell(1).value).toBe('指标');
    expect(sheet.rowCount).toBeGreaterThan(10);
  });

  it('traces a figure to its stored observations', async () => {
    const res = await admin.get('/api/observations?indicator=gdp&region=330282&period=2022Q4');
    const history = (await res.json()) as { value: number; provenance: string; citation?: string }[];
    expect(history[0]).toMatchObject({
      value: 2521.58,
      provenance: 'real',
      citation: expect.stringContaining('统计公报'),
    });
  });
});

describe('OpenAPI', () => {
  type Doc = {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  let doc: Doc;
  beforeAll(async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
  });

  it('is an OpenAPI 3.1 document with info, paths and the session cookie scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'ding_session',
    });
  });

  it('lists every /api route the app serves, each with its responses', () => {
    const served = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .filter((r) => !r.path.startsWith('/api/docs') && r.path !== '/api/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThanOrEqual(15);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(served));
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        // The platform's endpoints all need a session, except logging in.
        if (/^\/api\/(auth\/(me|logout)|users|plan|observations|progress|audit)/.test(path))
          expect(op.security, `${method} ${path}`).toEqual([{ session: [] }]);
      }
    }
  });

  it('every $ref resolves to a component', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.match(/#\/components\/schemas\/(.+)"$/)?.[1];
      expect(name, ref).toBeDefined();
      expect(doc.components.schemas[name!], ref).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Error',
        'User',
        'Session',
        'Plan',
        'Target',
        'Observation',
        'ProgressRow',
        'AuditEntry',
      ]),
    );
  });

  it('the docs page and its Swagger UI assets are served by us (no CDN)', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await app.request('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await app.request('/api/docs/init.js')).status).toBe(200);
    expect((await app.request('/api/docs/package.json')).status).toBe(404);
  });
});

describe('pages', () => {
  it('without a built web app, / is the server-rendered progress page in Chinese with the synthetic-data badge', async () => {
    const res = await app.request('/');
    const page = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain('合成演示数据');
    expect(page).toContain('有效发明专利');
  });

  describe('with a built web app', () => {
    const dist = join(dir, 'dist');
    let web: ReturnType<typeof createApp>;
    beforeAll(() => {
      mkdirSync(join(dist, 'assets'), { recursive: true });
      writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
      writeFileSync(join(dist, 'assets', 'index-Bx3k9_aQ.js'), 'console.log(1)');
      writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
      writeFileSync(join(dir, 'secret.txt'), 'not for the web');
      web = createApp(ws, { webDist: dist });
    });

    it('serves index.html at / and for client-side routes (SPA fallback), never cached', async () => {
      for (const path of ['/', '/rounds/2025Q4', '/progress?period=2025Q3']) {
        const res = await web.request(path);
        expect(res.status, path).toBe(200);
        expect(await res.text()).toContain('<div id="root">');
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
    });

    it('hashed assets are cached for a year; other files revalidate', async () => {
      const js = await web.request('/assets/index-Bx3k9_aQ.js');
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const icon = await web.request('/favicon.svg');
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(icon.headers.get('cache-control')).toBe('no-cache');
    });

    it('sends text assets gzipped to a browser that accepts it, and plain to one that does not', async () => {
      const path = '/assets/index-Bx3k9_aQ.js';
      const zipped = await web.request(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe('console.log(1)');
      const plain = await web.request(path);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe('console.log(1)');
    });

    it('answers 503 with a message, not 500, while dist has no index.html (a rebuild in progress)', async () => {
      const rebuilding = join(dir, 'dist-rebuilding');
      mkdirSync(rebuilding, { recursive: true });
      writeFileSync(join(rebuilding, 'index.html'), '<!doctype html>');
      const app = createApp(ws, { webDist: rebuilding });
      rmSync(join(rebuilding, 'index.html'));
      const res = await app.request('/progress');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.text()).toContain('正在构建');
    });

    it('a missing file is 404, the API keeps its JSON 404, and nothing outside dist is served', async () => {
      expect((await web.request('/assets/missing-12345678.js')).status).toBe(404);
      const api = await web.request('/api/nothing');
      expect(api.status).toBe(404);
      expect((await errorOf(api)).code).toBe('not_found');
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
        const res = await web.request(path);
        expect(await res.text(), path).not.toContain('not for the web');
      }
    });
  });
});
