// The monthly 督查通报 (issue 11 §5): GET /api/supervision/bulletin.docx on the demo workspace (SQLite, `ding
// init`'s items with their year of history), read back by LibreOffice → PDF → pdftotext: the title and 期数,
// the counts of the overview as of the month's end, a laggard item and unit by name; the overview "as of" a
// past day cuts the records there and leaves today's overview as it was.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chinaDayOf,
  supervisionMonthBefore,
  supervisionMonthEnd,
  supervisionScheduleShares,
} from '@ding/core';
import {
  DEMO_PASSWORD,
  createApp,
  workspaceInit,
  workspaceOpen,
  workspacePlan,
  type Workspace,
} from '../src/index.ts';
import { docxToPdf } from '../src/report/index.ts';
import { supervisionOverview } from '../src/services/supervision.ts';
import { supervisionBulletin } from '../src/services/supervision-bulletin.ts';
import { TestClient, errorOf } from './support/http-client.ts';
import { sofficeVersion } from './support/libreoffice.ts';

const run = promisify(execFile);
const soffice = await sofficeVersion();

const dir = mkdtempSync(join(tmpdir(), 'ding-http-bulletin-'));
const today = chinaDayOf(new Date().toISOString());
// The month running: the demo's 上级督查 item (DB-3) is always 10 days overdue today, so there is a red item.
const month = today.slice(0, 7);
let ws: Workspace;
let admin: TestClient;
let leader: TestClient;
let town: TestClient;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  const app = createApp(ws, { loginFailureDelayMs: 1 });
  admin = new TestClient(app, '10.11.0.1');
  leader = new TestClient(app, '10.11.0.2');
  town = new TestClient(app, '10.11.0.3');
  expect((await admin.login('admin', DEMO_PASSWORD)).status).toBe(200);
  expect((await leader.login('leader', DEMO_PASSWORD)).status).toBe(200);
  expect((await town.login('town-330282004', DEMO_PASSWORD)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('supervisionOverview as of a past day', () => {
  it('is unchanged for today, with or without asOf = today', async () => {
    const plan = await workspacePlan(ws);
    const now = await supervisionOverview(ws, plan, today);
    expect(await supervisionOverview(ws, plan, today, { asOf: today })).toEqual(now);
    expect(now.today).toBe(today);
  });

  it('as of the previous month’s end: lights for that day, items assigned since left out', async () => {
    const plan = await workspacePlan(ws);
    const end = supervisionMonthEnd(supervisionMonthBefore(month));
    const [now, then] = await Promise.all([
      supervisionOverview(ws, plan, today),
      supervisionOverview(ws, plan, today, { asOf: end }),
    ]);
    expect(then.today).toBe(end);
    for (const v of then.items) expect(v.item.assignedOn <= end).toBe(true);
    // DB-2 (会议纪要) was assigned 20 days ago: not there at the end of the previous month when that is earlier.
    const db2 = now.items.find((v) => v.item.code === 'DB-2')!;
    expect(then.items.some((v) => v.item.code === 'DB-2')).toBe(db2.item.assignedOn <= end);
    // Fewer or as many reports were due then as now, unit by unit.
    for (const r of then.ranking) {
      const later = now.ranking.find((x) => x.unit === r.unit)!;
      expect(r.reportsDue).toBeLessThanOrEqual(later.reportsDue);
    }
  });
});

describe('GET /api/supervision/bulletin.docx (督查通报)', () => {
  it('is for admins and leaders; a bad month is 400, a month not begun 422', async () => {
    expect((await town.get(`/api/supervision/bulletin.docx?month=${month}`)).status).toBe(403);
    expect((await leader.get(`/api/supervision/bulletin.docx?month=${month}`)).status).toBe(200);
    expect((await admin.get('/api/supervision/bulletin.docx?month=2026-13')).status).toBe(400);
    const next = `${Number(today.slice(0, 4)) + 1}-01`;
    const res = await admin.get(`/api/supervision/bulletin.docx?month=${next}`);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('month_not_begun');
  });

  it('LibreOffice reads the title, the 期数, the overview’s counts and a red item with its 牵头单位', async () => {
    const res = await admin.get(`/api/supervision/bulletin.docx?month=${month}`);
    expect(res.status).toBe(200);
    const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent(`${y}年第${m}期科技创新督查通报.docx`),
    );
    const docx = Buffer.from(await res.arrayBuffer());
    const plan = await workspacePlan(ws);
    const { overview, asOf } = await supervisionBulletin(ws, plan, month, { today });
    expect(asOf).toBe(today < supervisionMonthEnd(month) ? today : supervisionMonthEnd(month));
    const red = overview.items.find((v) => v.light.light === 'red');
    expect(red, 'the demo has a red item').toBeDefined();
    if (!soffice && !process.env.CI) return; // read by LibreOffice below (CI installs it)
    const pdf = join(dir, 'bulletin.pdf');
    writeFileSync(pdf, await docxToPdf(docx));
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    if (process.env.DING_KEEP_BULLETIN) writeFileSync(process.env.DING_KEEP_BULLETIN, await docxToPdf(docx));
    const flat = stdout.replace(/\s+/g, '');
    expect(flat).toContain('慈溪市科技创新督查通报');
    expect(flat).toContain(`${y}年第${m}期`);
    const c = overview.counts;
    const shares = supervisionScheduleShares(c.onSchedule, c.behindSchedule)!;
    expect(flat).toContain(`纳入督查督办事项共${c.total}项，其中已办结${c.byLight.done}项`);
    expect(flat).toContain(
      `达到序时进度${c.onSchedule}项、占${shares.on.toFixed(1)}%，未达到序时进度${c.behindSchedule}项、占${shares.behind.toFixed(1)}%`,
    );
    expect(flat).toContain(`红灯${c.byLight.red}项、黄灯${c.byLight.yellow}项`);
    expect(flat).toContain(
      `${red!.item.code}${red!.item.title.zh}（牵头单位：${red!.leadNames.join('、')}）`,
    );
    for (const h of ['一、总体情况', '二、滞后事项', '三、单位按时反馈排名', '四、下步要求'])
      expect(flat).toContain(h);
    // the ranking table: the first unit with its 应报 and 按时
    const first = overview.ranking[0]!;
    const line = stdout.split('\n').find((l) => l.includes(first.name) && /\d+\.\d%/.test(l));
    expect(line, first.name).toBeDefined();
    expect(flat).toContain('含合成演示数据');
  }, 120_000);
});
