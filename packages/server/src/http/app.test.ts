import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressRow } from '@ding/core';
import { workspaceInit, workspaceOpen, type Workspace } from '../services/workspace.ts';
import { createApp } from './app.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-http-'));
let ws: Workspace;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  app = createApp(ws);
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP app (in-process requests)', () => {
  it('serves the engine rows for a period and region', async () => {
    const res = await app.request('/api/progress?period=2025Q3&region=330282');
    expect(res.status).toBe(200);
    const rows = (await res.json()) as ProgressRow[];
    expect(rows.every((r) => r.region === '330282')).toBe(true);
    expect(rows.find((r) => r.indicator === 'hightech_enterprises')?.target?.value).toBe(1550);
  });

  it('answers a malformed period with a stable error code and a Chinese message', async () => {
    const res = await app.request('/api/progress?period=Q3');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'bad_period', message: expect.stringContaining('期别') },
    });
  });

  it('traces a figure to its stored observations', async () => {
    const res = await app.request('/api/observations?indicator=gdp&region=330282&period=2022Q4');
    const history = (await res.json()) as { value: number; provenance: string; citation?: string }[];
    expect(history[0]).toMatchObject({
      value: 2521.58,
      provenance: 'real',
      citation: expect.stringContaining('统计公报'),
    });
  });

  it('renders the progress page in Chinese with the synthetic-data badge', async () => {
    const res = await app.request('/');
    const page = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain('合成演示数据');
    expect(page).toContain('有效发明专利');
  });
});
