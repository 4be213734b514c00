// /api/cup (科技创新杯, issue 10 §5–7): the scheme, a year's results with breakdowns, evidence entered and
// approved by an admin (the capped bonus then scores), the XLSX and the 通报 DOCX (read back by LibreOffice) —
// in-process on the demo workspace (SQLite).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CupResults, CupScheme, ProgressRow } from '@ding/core';
import { DEMO_PASSWORD, createApp, workspaceInit, workspaceOpen, type Workspace } from '../src/index.ts';
import { docxToPdf } from '../src/report/index.ts';
import { TestClient, errorOf } from './support/http-client.ts';
import { sofficeVersion } from './support/libreoffice.ts';

const run = promisify(execFile);
const soffice = await sofficeVersion();

const dir = mkdtempSync(join(tmpdir(), 'ding-http-cup-'));
let ws: Workspace;
let admin: TestClient;
let town: TestClient;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  const app = createApp(ws, { loginFailureDelayMs: 1 });
  admin = new TestClient(app, '10.4.0.1');
  town = new TestClient(app, '10.4.0.2');
  expect((await admin.login('admin', DEMO_PASSWORD)).status).toBe(200);
  expect((await town.login('town-330282004', DEMO_PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const results = async (year: number) => {
  const res = await town.get(`/api/cup/results?year=${year}`);
  expect(res.status).toBe(200);
  return (await res.json()) as CupResults & { scheme: CupScheme };
};

describe('GET /api/cup/scheme', () => {
  it("is Cixi's proposal: 街道/镇/园区 groups, three dimensions adding to the declared 100", async () => {
    const res = await town.get('/api/cup/scheme');
    expect(res.status).toBe(200);
    const s = (await res.json()) as CupScheme;
    expect(s.status).toBe('proposal');
    expect(s.groups.map((g) => g.kinds)).toEqual([['street'], ['town'], ['zone']]);
    expect(s.dimensions.map((d) => d.name.zh)).toEqual(['创新主体', '创新投入', '创新成效']);
    expect(s.dimensions.reduce((a, d) => a + d.points, 0)).toBe(s.totalPoints);
  });
});

describe('GET /api/cup/results', () => {
  it('ranks 2025 towns within their group; the total is the sum of the items, bonus and deductions', async () => {
    const r = await results(2025);
    // 2025: 5 街道 + 陆中湾街道 (from 2024-11) = 6 streets, 14 towns.
    expect(r.towns.filter((t) => t.group === 'street')).toHaveLength(6);
    expect(r.towns.filter((t) => t.group === 'town')).toHaveLength(14);
    for (const t of r.towns) {
      const items = t.items.reduce((a, i) => a + i.points, 0);
      expect(t.total).toBeCloseTo(items + t.bonus + t.deduction, 2);
      expect(t.items[0]!.inputs.period).toBe('2025');
    }
    const streets = r.towns
      .filter((t) => t.group === 'street')
      .map((t) => t.rankInGroup)
      .sort();
    expect(streets[0]).toBe(1);
    // 街道组3强 are the three best streets.
    const top = r.awards.find((a) => a.group === 'street')!;
    expect(top.regions).toHaveLength(3);
    expect(r.towns.filter((t) => top.regions.includes(t.region)).every((t) => t.rankInGroup <= 3)).toBe(true);
    // 位次变化 against 2024 for a town evaluated both years.
    const t = r.towns.find((x) => x.region === '330282004')!;
    expect(t.rankChange).toBe(t.lastYear!.rankInGroup - t.rankInGroup);
  });

  it('refuses a year that is not YYYY', async () => {
    expect((await town.get('/api/cup/results?year=20x5')).status).toBe(400);
  });
});

describe('results cache (services/cup.ts, as services/screen.ts caches)', () => {
  it('a second request does not recompute; approving evidence does', async () => {
    // Each computation loads the observations once (cupCompute) and once per index pipeline; a cache hit none.
    const current = vi.spyOn(ws.repos.observations, 'current');
    try {
      await results(2024);
      const first = current.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      await results(2024);
      expect(current.mock.calls.length).toBe(first);
      // Adding evidence (pending) clears the cache; approving it changes the key and the results.
      const res = await admin.post('/api/cup/evidence', {
        year: 2024,
        region: '330282004',
        item: 'provincial_rd_institute',
        quantity: 1,
        note: '浙科发〔2024〕3号',
      });
      const { id } = (await res.json()) as { id: number };
      const before = (await results(2024)).towns.find((t) => t.region === '330282004')!;
      const second = current.mock.calls.length;
      expect(second).toBeGreaterThan(first);
      await admin.post(`/api/cup/evidence/${id}/decision`, { decision: 'approved' });
      const after = (await results(2024)).towns.find((t) => t.region === '330282004')!;
      expect(current.mock.calls.length).toBeGreaterThan(second);
      // cup-scheme.yaml: provincial_rd_institute perUnit 1, cap 3 → 1 × 1 = +1.
      expect(after.bonus).toBe(before.bonus + 1);
    } finally {
      current.mockRestore();
    }
  });
});

describe('POST /api/cup/evidence', () => {
  const body = {
    year: 2025,
    region: '330282004',
    item: 'provincial_rd_institute',
    quantity: 4,
    note: '浙科发〔2025〕12号',
  };

  it('is for admins only', async () => {
    expect((await town.post('/api/cup/evidence', body)).status).toBe(403);
  });

  it('refuses evidence for an item scored from the data, naming the field; nothing is saved', async () => {
    const res = await admin.post('/api/cup/evidence', { ...body, item: 'hightech_rank' });
    expect(res.status).toBe(422);
    const e = await errorOf(res);
    expect(e.details).toMatchObject({ errors: [expect.objectContaining({ path: ['item'] })] });
    expect(e.message).toContain('needs no evidence');
    expect(await ws.repos.cupEvidence.list({ year: 2025 })).toHaveLength(0);
  });

  it('scores only once approved, capped: 4 institutes × 1 point, cap 3 → +3', async () => {
    const before = (await results(2025)).towns.find((t) => t.region === '330282004')!;
    const res = await admin.post('/api/cup/evidence', body);
    expect(res.status).toBe(201);
    const entry = (await res.json()) as { id: number; status: string };
    expect(entry.status).toBe('pending');
    expect((await results(2025)).towns.find((t) => t.region === '330282004')!.bonus).toBe(before.bonus);

    const ok = await admin.post(`/api/cup/evidence/${entry.id}/decision`, { decision: 'approved' });
    expect(ok.status).toBe(200);
    const after = (await results(2025)).towns.find((t) => t.region === '330282004')!;
    // cup-scheme.yaml: provincial_rd_institute perUnit 1, cap 3; min(4 × 1, 3) = 3.
    expect(after.bonus).toBe(before.bonus + 3);
    expect(after.total).toBeCloseTo(before.total + 3, 2);
    expect(after.adjustments).toEqual([
      expect.objectContaining({ item: 'provincial_rd_institute', points: 3, uncapped: 4, capped: true }),
    ]);
    // Decided once only; audited.
    expect(
      (await admin.post(`/api/cup/evidence/${entry.id}/decision`, { decision: 'rejected' })).status,
    ).toBe(422);
    const audit = await ws.repos.audit.list({ entity: 'cup_evidence' });
    // (the cache test above entered and approved one 2024 entry too)
    expect(audit.map((a) => a.action).sort()).toEqual([
      'cup.evidence.approve',
      'cup.evidence.approve',
      'cup.evidence.create',
      'cup.evidence.create',
    ]);
  });
});

describe('town targets (目标分解) feed the target_completion items', () => {
  const hushanItem = async () =>
    (await results(2025)).towns
      .find((t) => t.region === '330282004')!
      .items.find((i) => i.item === 'hightech_target')!;
  const hushanRow = async () =>
    ((await (await town.get('/api/progress?period=2025&region=330282004')).json()) as ProgressRow[]).find(
      (r) => r.indicator === 'hightech_enterprises',
    )!;

  it("浒山's 高企 item is 12 × min(completion, 110)/100 of its town target, and follows a new allocation", async () => {
    // the demo's town targets (ding init: 市级's 2025 target split by 2024 share)
    const demoRow = await hushanRow();
    expect(demoRow.target?.source).toBe('目标分解（按基期占比）');
    const demoItem = await hushanItem();
    // cup-scheme.yaml: hightech_target points 12, cap 110.
    expect(demoItem.points).toBeCloseTo((12 * Math.min(demoRow.completion!, 110)) / 100, 2);
    expect(demoItem.inputs).toMatchObject({
      target: demoRow.target!.value,
      value: demoRow.value!.value,
      completion: demoRow.completion,
    });

    // split again by 2024 GDP: another target for 浒山, and the item follows it
    const approve = await admin.post('/api/targets/allocation/approve', {
      indicator: 'hightech_enterprises',
      year: 2025,
      group: '330282-SJ',
      method: 'weighted',
      weight: 'gdp',
      reason: '2025年目标按GDP重新分解',
    });
    expect(approve.status).toBe(200);
    const row = await hushanRow();
    expect(row.target?.source).toBe('目标分解（按权重指标）');
    const item = await hushanItem();
    expect(item.points).toBeCloseTo((12 * Math.min(row.completion!, 110)) / 100, 2);
    expect(item.inputs).toMatchObject({ target: row.target!.value, completion: row.completion });
  });
});

describe('GET /api/cup/results.docx (评比结果通报)', () => {
  it('LibreOffice reads a table per group with every town’s total as the JSON gives it, and the awards', async () => {
    const res = await town.get('/api/cup/results.docx?year=2025');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent('2025年度科技创新杯评比结果通报.docx'),
    );
    const docx = Buffer.from(await res.arrayBuffer());
    const r = await results(2025);
    if (!soffice && !process.env.CI) return; // read by LibreOffice below (CI installs it)
    const pdf = join(dir, 'notice.pdf');
    writeFileSync(pdf, await docxToPdf(docx));
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(stdout).toContain('“科技创新杯”评比结果通报');
    expect(stdout).toMatch(/表\s*1\s*2025\s*年度街道组评比得分/);
    const lines = stdout.split('\n');
    for (const t of r.towns) {
      const line = lines.find((l) => l.includes(t.name.zh) && /\d+\.\d\d/.test(l));
      expect(line, t.name.zh).toBeDefined();
      // 名次, town, 总分 first: the total is the first figure after the name
      expect(line!.split(t.name.zh)[1]!.trim().split(/\s+/)[0], t.name.zh).toBe(t.total.toFixed(2));
    }
    for (const a of r.awards.filter((x) => x.regions.length > 0))
      expect(stdout.replace(/\s+/g, '')).toContain(`${a.name.zh}：`);
  }, 120_000);
});

describe('GET /api/cup/results.xlsx', () => {
  it('has one row per town with the same totals as the JSON', async () => {
    const res = await town.get('/api/cup/results.xlsx?year=2025');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const r = await results(2025);
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push(row.values as unknown[]));
    const header = values.findIndex((v) => v.includes('总分'));
    expect(header).toBeGreaterThanOrEqual(0);
    const totalCol = values[header]!.indexOf('总分');
    const codeCol = values[header]!.indexOf('代码');
    const body = values.slice(header + 1);
    expect(body).toHaveLength(r.towns.length);
    for (const t of r.towns) expect(body.find((v) => v[codeCol] === t.region)![totalCol]).toBe(t.total);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await admin.get('/api/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/cup/scheme',
        '/api/cup/results',
        '/api/cup/results.xlsx',
        '/api/cup/results.docx',
        '/api/cup/evidence',
      ]),
    );
  });
});
