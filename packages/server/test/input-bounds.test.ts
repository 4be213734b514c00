// Issue 16 items 5–7 against a real database and the HTTP app: every class of bad input is refused
// with a located error and writes nothing (observation and batch counts unchanged).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '@ding/core/testing';
import {
  createApp,
  createRepositories,
  importObservations,
  workspaceInit,
  workspaceOpen,
  type Repositories,
  type Workspace,
} from '../src/index.ts';
import { openSqliteTestDatabase, type TestDatabase } from './support/databases.ts';
import { csvFile, xlsxFile, type TestFile } from './support/files.ts';
import { zipBytes } from './support/zip.ts';

const MiB = 1024 * 1024;
const HEADER = '指标,地区,期别,数值';
const PLAN = buildPlan({
  indicators: buildPlan().indicators.map((i) =>
    i.code === 'firms' ? { ...i, range: { min: 0, max: 1e6 } } : i,
  ),
});

async function mergedValues(): Promise<TestFile> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['指标', '地区', '期别', '数值']);
  ws.addRow(['firms', 'T1', '2025Q3', 5]);
  ws.addRow(['firms', 'T2', '2025Q3', null]);
  ws.mergeCells('D2:D3');
  return { name: 'merged.xlsx', data: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
}

/** Each class: a file and the kind of its first located error. */
const CLASSES: [string, () => Promise<TestFile> | TestFile, string][] = [
  [
    'zip bomb (declared ratio)',
    () => ({
      name: 'bomb.xlsx',
      data: zipBytes([
        {
          name: 'xl/worksheets/sheet1.xml',
          data: Buffer.from('<x/>'),
          declaredCompressed: MiB,
          declaredUncompressed: 300 * MiB,
        },
      ]),
    }),
    'unreadable_file',
  ],
  [
    'zip bomb (real, 64 MiB of spaces)',
    () => ({
      name: 'bomb.xlsx',
      data: zipBytes([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * MiB, 0x20) }]),
    }),
    'unreadable_file',
  ],
  [
    'zip part lying about its size',
    () => ({
      name: 'liar.xlsx',
      data: zipBytes([
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(MiB, 0x20), declaredUncompressed: 1000 },
      ]),
    }),
    'unreadable_file',
  ],
  [
    '400,000 bad rows',
    () => csvFile([HEADER, ...Array.from({ length: 400_000 }, () => 'nope,T1,2025Q3,1')]),
    'unknown_indicator',
  ],
  ['year 1899', () => csvFile([HEADER, 'firms,T1,1899Q4,1']), 'bad_period'],
  ['year 9999', () => csvFile([HEADER, 'firms,T1,9999Q4,1']), 'bad_period'],
  ['year below 1000', () => csvFile([HEADER, 'firms,T1,0999Q4,1']), 'bad_period'],
  ['1e308 enterprises', () => csvFile([HEADER, 'firms,T1,2025Q3,1e308']), 'out_of_range'],
  [
    'a 2,001-character note',
    () => csvFile([`${HEADER},备注`, `firms,T1,2025Q3,1,${'x'.repeat(2001)}`]),
    'text_too_long',
  ],
  ['a 1 MB cell', () => csvFile([HEADER, `${'x'.repeat(MiB)},T1,2025Q3,1`]), 'unknown_indicator'],
  [
    'a hidden sheet with data',
    () =>
      xlsxFile([
        {
          name: '数据',
          rows: [
            ['指标', '地区', '期别', '数值'],
            ['firms', 'T1', '2025Q3', 1],
          ],
        },
        {
          name: '旧',
          state: 'hidden',
          rows: [
            ['指标', '地区', '期别', '数值'],
            ['firms', 'T2', '2025Q3', 2],
          ],
        },
      ]),
    'hidden_sheet',
  ],
  ['merged value cells', mergedValues, 'merged_cells'],
];

describe('bad input writes nothing (SQLite)', () => {
  let t: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    t = await openSqliteTestDatabase();
    repos = createRepositories(t.handle.db);
    const ok = await importObservations(repos, PLAN, csvFile([HEADER, 'firms,T1,2025Q2,4']), {
      createdBy: 't',
    });
    expect(ok.ok).toBe(true);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it.each(CLASSES)(
    '%s: refused with a located error, 0 rows changed',
    async (_name, make, kind) => {
      const before = [
        await repos.observations.count({ includeHistory: true }),
        await repos.importBatches.count(),
      ];
      const file = await make();
      const outcome = await importObservations(repos, PLAN, file, { createdBy: 't' });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors[0]).toMatchObject({ kind, file: file.name });
      expect(outcome.errors[0]!.message.en.startsWith(file.name)).toBe(true);
      // Bounded: a summary, and no message quotes more than ~200 characters of a cell.
      expect(outcome.errors.length).toBeLessThanOrEqual(101);
      for (const e of outcome.errors) expect(e.message.en.length).toBeLessThan(600);
      expect([
        await repos.observations.count({ includeHistory: true }),
        await repos.importBatches.count(),
      ]).toEqual(before);
    },
    60_000,
  );
});

describe('request bodies are bounded before login', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ding-bounds-'));
  let ws: Workspace;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ws = await workspaceOpen({ file: join(dir, 'ding.db') });
    await workspaceInit(ws, { demo: false });
    app = createApp(ws, { loginFailureDelayMs: 1 });
  });
  afterAll(async () => {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 2 MiB JSON login is refused with 413 before anything reads it', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * MiB) });
    const res = await app.request('/api/auth/login?lang=en', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'the request body is larger than the limit of 1 MiB; nothing was done',
      },
    });
  });

  it('without a Content-Length (chunked) the body is counted as it arrives', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      '请求内容超过 1 MiB 上限，未处理',
    );
  });

  it('an upload may be larger than 1 MiB, not larger than 32 MiB', async () => {
    const upload = (bytes: number) => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array(bytes)], 'x.xlsx'));
      return app.request('/api/rounds/none/uploads?lang=en', { method: 'POST', body: form });
    };
    // 2 MiB passes the limit and meets the next check (no session: 401, or CSRF: 403).
    expect([401, 403]).toContain((await upload(2 * MiB)).status);
    const res = await upload(33 * MiB);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'the request body is larger than the limit of 32 MiB; nothing was done',
    );
  });
});
