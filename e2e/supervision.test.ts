// 督查督办 in headless Chromium against the real server (issue 11), with a real SMTP server on loopback: 市科技局
// (kjj, lead unit of DB-1) sees its own items with each light's rule, reports progress on DB-1 — a refused
// attachment type shows the server's message as it is, then a real PNG goes in; the admin returns it (退办)
// with a reason; kjj sees the reason and resubmits with a PDF and 完成进度; the admin accepts it and 办结 the
// item (its light becomes 已办结); the admin runs 立即发送今日提醒 — the preview shows each digest's recipient,
// subject and text, 确认发送 sends them: the SMTP server gets exactly one message per recipient, kjj's lists
// the items it must act on, and a second run sends nothing new (the send log has each digest `sent` once).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { SupervisionItemDetail, SupervisionItemView, SupervisionOverview } from '@ding/core';
import { smtpTestServer, type SmtpTestServer } from '../packages/server/test/notify/support.ts';
import { browserLaunch, screenshot } from './support/browser.ts';
import { apiLogin, DEMO_PASSWORD, type ApiCall } from './support/screen.ts';
import { storySteps } from './support/story.ts';
import { appStart, type RunningApp } from './support/server.ts';

const ITEM = 'DB-1'; // 加快推进环杭州湾创新中心建设: led by kjj, cooperated by jxj and czj (services/supervision-demo.ts)
const LEAD = 'kjj';
const MAIL_FROM = '慈溪市科技局 <noreply@ding.local>';
const RETURN_REASON = '缺少现场照片，请补充后重新报送（e2e）';
// Generous: in CI this story runs beside the rest of the suite on two cores.
const STEP = 60_000;

interface DigestPreview {
  userId: string;
  username: string;
  displayName: string;
  subject: string;
  text: string;
  entries: number;
  channels: string[];
}
interface ReminderRun {
  date: string;
  digests: DigestPreview[];
  dispatch?: { sent: number; skipped: number; failed: number; dead: number };
}
interface Send {
  id: string;
  key: string;
  channel: string;
  recipientUserId: string;
  address: string;
  status: string;
}

/** The server recomputes the lights on every answer (engine rows included): allow it a few seconds. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const tid = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);
/** 北京时间 as the page prints it: 'YYYY-MM-DD HH:mm'. */
const beijing = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const mailTo = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** A real 2×2 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
function pngBytes(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.from([0, 184, 50, 42, 255, 255, 255, 0, 255, 255, 255, 184, 50, 42]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real one-page PDF with a correct cross-reference table. */
function pdfBytes(): Buffer {
  const content = 'BT /F1 12 Tf 20 50 Td (Ding e2e report) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('督查督办: report, return, resubmit, accept, 办结, and the day’s reminders by e-mail', () => {
  let smtp: SmtpTestServer;
  let app: RunningApp;
  let browser: Browser;
  let files: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let lead: Page;
  let admin: Page;
  let adminApi: ApiCall;
  let itemId: string;
  let firstReportId: string;
  let period: string;
  let preview: ReminderRun;

  beforeAll(async () => {
    smtp = await smtpTestServer();
    files = mkdtempSync(join(tmpdir(), 'ding-e2e-sv-'));
    [app, browser] = await Promise.all([
      appStart({ web: true, env: { DING_SMTP_URL: smtp.url, DING_MAIL_FROM: MAIL_FROM } }),
      browserLaunch(),
    ]);
    adminApi = await apiLogin(app.url, 'admin');
    const o = await adminApi<SupervisionOverview>('GET', '/supervision');
    itemId = o.items.find((v) => v.item.code === ITEM)!.item.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
    await smtp?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  }, 30_000);

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${app.url}/login?next=/supervision`);
    await tid(page, 'login-username').fill(username);
    await tid(page, 'login-password').fill(DEMO_PASSWORD);
    await tid(page, 'login-submit').click();
    await page.waitForURL((u) => u.pathname === '/supervision');
    return page;
  }

  const step = storySteps({
    name: 'supervision',
    pages: () => contexts.flatMap((c) => c.pages()),
    pageErrors,
    timeout: STEP,
  });

  const detail = () => adminApi<SupervisionItemDetail>('GET', `/supervision/items/${itemId}`);

  /** antd's InputNumber puts the test id on its <input> or on its wrapper, by version. */
  const percentInput = (page: Page) =>
    page.locator('input[data-testid="sv-report-percent"], [data-testid="sv-report-percent"] input').first();

  async function openReportForm(page: Page): Promise<void> {
    await tid(page, 'sv-report-open').click();
    await tid(page, 'sv-report-text').waitFor();
  }

  step('kjj sees its own items (我的事项 on), each light with the rule beside it, red first', async () => {
    lead = await signedIn(LEAD);
    await tid(lead, `sv-row-${ITEM}`).waitFor();
    expect(await tid(lead, 'sv-mine').getAttribute('aria-checked')).toBe('true');
    const o = await adminApi<SupervisionOverview>('GET', '/supervision');
    const mine = o.items.filter(
      (v) => v.item.leadUnits.includes(LEAD) || v.item.cooperatingUnits.includes(LEAD),
    );
    const notMine = o.items.find((v) => !mine.includes(v))!;
    expect(await lead.locator('[data-testid^="sv-row-"]').count()).toBe(mine.length);
    expect(await tid(lead, `sv-row-${notMine.item.code}`).count()).toBe(0);
    // The first row is red (server order), and every rule shown is the server's first reason.
    const rows = await lead
      .locator('[data-testid^="sv-row-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('sv-row-'.length)));
    expect(rows).toEqual(mine.map((v) => v.item.code));
    for (const v of mine.slice(0, 5)) {
      expect(await tid(lead, `sv-light-${v.item.code}`).getAttribute('data-light')).toBe(v.light.light);
      expect(await tid(lead, `sv-rule-${v.item.code}`).innerText()).toContain(v.light.reasons[0]!.zh);
    }
    expect(mine[0]!.light.light).toBe('red');
    await screenshot(lead, 'supervision-list-kjj');
    // On a phone the list is a card per item, in the same order, each with its light and rule.
    await lead.setViewportSize({ width: 390, height: 844 });
    await tid(lead, 'sv-cards').waitFor();
    expect(await lead.locator('[data-testid="sv-cards"] [data-testid^="sv-row-"]').count()).toBe(mine.length);
    expect(await tid(lead, `sv-rule-${mine[0]!.item.code}`).innerText()).toContain(
      mine[0]!.light.reasons[0]!.zh,
    );
    await screenshot(lead, 'supervision-list-kjj-390');
    await lead.setViewportSize({ width: 1440, height: 900 });
    await tid(lead, 'sv-table').waitFor();
  });

  step('kjj reports on DB-1: a refused file type shows the server’s message; a PNG goes in', async () => {
    await tid(lead, `sv-open-${ITEM}`).click();
    await tid(lead, 'sv-detail').waitFor();
    const before = await detail();
    period = before.nextReport!.period;
    await openReportForm(lead);
    expect(await tid(lead, 'sv-report-period').innerText()).toContain(period);
    await tid(lead, 'sv-report-text').fill('已完成场地选址，正在推进装修（e2e）');
    const bad = join(files, '说明.exe');
    writeFileSync(bad, 'MZ not an allowed type');
    await lead.locator('input[type="file"]').setInputFiles(bad);
    await tid(lead, 'sv-report-submit').click();
    await poll(() => tid(lead, 'sv-report-error').innerText()).toContain('附件「说明.exe」类型不允许');
    // Closing the form drops its files; the second try has the PNG only.
    await lead.keyboard.press('Escape');
    await tid(lead, 'sv-report-text').waitFor({ state: 'detached' });
    await openReportForm(lead);
    await tid(lead, 'sv-report-text').fill('已完成场地选址，正在推进装修（e2e）');
    await percentInput(lead).fill('70');
    const png = join(files, '现场照片.png');
    writeFileSync(png, pngBytes());
    await lead.locator('input[type="file"]').setInputFiles(png);
    await tid(lead, 'sv-report-submit').click();
    await tid(lead, 'sv-report-text').waitFor({ state: 'detached' });
    const after = await detail();
    const report = after.reports.find((r) => r.status === 'submitted' && r.role === 'lead')!;
    expect(report).toMatchObject({ period, percentDone: 70, unit: LEAD });
    expect(report.attachments.map((a) => a.fileName)).toEqual(['现场照片.png']);
    firstReportId = report.id;
    await poll(() => tid(lead, `sv-report-status-${report.id}`).innerText()).toBe('待审核');
    // The attachment's link serves the bytes uploaded.
    const href = await tid(lead, `sv-attachment-${report.attachments[0]!.id}`).getAttribute('href');
    const res = await lead.request.get(`${app.url}${href}`);
    expect(Buffer.from(await res.body()).equals(pngBytes())).toBe(true);
    expect(await tid(lead, `sv-state-${ITEM}`).innerText()).toBe('已反馈');
  });

  step('the admin returns it (退办) with a reason, which the timeline shows with who and when', async () => {
    admin = await signedIn('admin');
    await admin.goto(`${app.url}/supervision?item=${itemId}`);
    await tid(admin, `sv-return-${firstReportId}`).click();
    // The reason is required: 退办 stays disabled until one is written.
    expect(await tid(admin, `sv-return-confirm-${firstReportId}`).isDisabled()).toBe(true);
    await tid(admin, `sv-return-reason-${firstReportId}`).fill(RETURN_REASON);
    await tid(admin, `sv-return-confirm-${firstReportId}`).click();
    // The server's decision first, then the drawer's refresh of it.
    await poll(async () => (await detail()).reports.find((r) => r.id === firstReportId)?.status).toBe(
      'returned',
    );
    await poll(() => tid(admin, `sv-report-status-${firstReportId}`).innerText()).toBe('已退办');
    const d = await detail();
    const returned = d.events.find((e) => e.kind === 'report_returned')!;
    const line = tid(admin, 'sv-event-report_returned');
    expect(await line.innerText()).toContain(RETURN_REASON);
    expect(await line.innerText()).toContain('admin');
    expect(await line.innerText()).toContain(beijing(returned.at));
    expect(d.light.state).toBe('returned');
  });

  step('kjj sees the return reason and resubmits with a PDF', async () => {
    await lead.reload();
    await tid(lead, `sv-report-return-reason-${firstReportId}`).waitFor();
    expect(await tid(lead, `sv-report-return-reason-${firstReportId}`).innerText()).toContain(RETURN_REASON);
    expect(await tid(lead, 'sv-drawer-state').innerText()).toBe('已退办');
    await openReportForm(lead);
    // The returned period is open again and is the default.
    expect(await tid(lead, 'sv-report-period').innerText()).toContain(period);
    await tid(lead, 'sv-report-text').fill('已补充现场照片和装修进度说明（e2e）');
    await percentInput(lead).fill('80');
    const pdf = join(files, '进展说明.pdf');
    writeFileSync(pdf, pdfBytes());
    await lead.locator('input[type="file"]').setInputFiles(pdf);
    await tid(lead, 'sv-report-submit').click();
    await tid(lead, 'sv-report-text').waitFor({ state: 'detached' });
    const d = await detail();
    const again = d.reports.find((r) => r.status === 'submitted')!;
    expect(again).toMatchObject({ period, percentDone: 80 });
    expect(again.attachments.map((a) => a.fileName)).toEqual(['进展说明.pdf']);
    await poll(() => tid(lead, `sv-report-status-${again.id}`).innerText()).toBe('待审核');
  });

  step('the admin accepts it and 办结 the item: its light becomes 已办结', async () => {
    const d = await detail();
    const again = d.reports.find((r) => r.status === 'submitted')!;
    await admin.reload();
    await tid(admin, `sv-accept-${again.id}`).click();
    await tid(admin, `sv-accept-confirm-${again.id}`).click();
    await poll(() => tid(admin, `sv-report-status-${again.id}`).innerText()).toBe('审核通过');
    await tid(admin, 'sv-complete').click();
    await tid(admin, 'sv-complete-confirm').click();
    await poll(() => tid(admin, 'sv-drawer-light').getAttribute('data-light')).toBe('done');
    await tid(admin, 'sv-event-completed').waitFor();
    expect((await detail()).light.light).toBe('done');
    await screenshot(admin, 'supervision-item-completed');
    await admin.locator('.ant-drawer-close').click();
    await admin.waitForURL((u) => !u.searchParams.has('item'));
    await poll(() => tid(admin, `sv-light-${ITEM}`).getAttribute('data-light')).toBe('done');
    expect(await tid(admin, `sv-state-${ITEM}`).innerText()).toBe('已办结');
  });

  step('立即发送今日提醒: the preview shows each digest’s recipient, subject and text', async () => {
    await tid(admin, 'sv-tab-sends').click();
    const answer = admin.waitForResponse(
      (r) => r.url().endsWith('/api/supervision/reminders/run') && r.request().method() === 'POST',
    );
    await tid(admin, 'sv-reminders-run').click();
    const res = await answer;
    // The reminders endpoints (POST /supervision/reminders/run, GET /supervision/sends) come from main.
    expect(res.status(), `POST /api/supervision/reminders/run: ${await res.text()}`).toBe(200);
    preview = (await res.json()) as ReminderRun;
    expect(preview.dispatch).toBeUndefined();
    expect(preview.digests.length).toBeGreaterThan(0);
    for (const d of preview.digests) {
      const card = tid(admin, `sv-digest-${d.username}`);
      expect(await card.innerText()).toContain(d.displayName);
      expect(await tid(admin, `sv-digest-subject-${d.username}`).innerText()).toBe(d.subject);
      expect(await tid(admin, `sv-digest-text-${d.username}`).innerText()).toBe(d.text);
    }
    expect(smtp.received).toHaveLength(0); // a preview sends nothing
    await screenshot(admin, 'supervision-reminders-preview');
  });

  step('确认发送: one message per recipient; kjj’s lists the items it must act on', async () => {
    await tid(admin, 'sv-reminders-confirm').click();
    await tid(admin, 'sv-reminders-result').waitFor();
    const byEmail = preview.digests.filter((d) => d.channels.includes('email'));
    expect(byEmail.length).toBeGreaterThan(0);
    // Whether the run answers before or after the SMTP dialogues end, every message arrives.
    await poll(async () => smtp.received.length).toBe(byEmail.length);
    const to = smtp.received.flatMap(mailTo).sort();
    expect(to).toEqual(byEmail.map((d) => `${d.username}@demo.invalid`).sort());
    for (const m of smtp.received) expect(m.from?.text).toContain('noreply@ding.local');
    const mail = smtp.received.find((m) => mailTo(m).includes(`${LEAD}@demo.invalid`))!;
    const text = mail.text ?? '';
    // Independently of the digest: what the overview says kjj must act on — overdue items (led or
    // cooperated), and as lead unit its missing and returned reports; never the item just completed.
    const o = await adminApi<SupervisionOverview>('GET', '/supervision');
    const mustAct = (v: SupervisionItemView) =>
      v.light.light !== 'done' &&
      (((v.item.leadUnits.includes(LEAD) || v.item.cooperatingUnits.includes(LEAD)) &&
        v.light.daysLeft < 0) ||
        (v.item.leadUnits.includes(LEAD) &&
          (v.light.missingReports.length > 0 || v.light.state === 'returned')));
    const expected = o.items.filter(mustAct).map((v) => v.item.code);
    expect(expected.length).toBeGreaterThan(0);
    for (const code of expected) expect(text).toContain(`${code} `);
    const kjj = preview.digests.find((d) => d.username === LEAD)!;
    // the message is the digest previewed, word for word, with the link to the page below it
    expect(text).toContain(kjj.text);
    expect(kjj.entries).toBeGreaterThanOrEqual(expected.length);
    expect(text).not.toContain(`${ITEM} `);
    expect(mail.subject).toBe(kjj.subject);
  });

  step('a second run sends nothing new; the send log has each digest sent once', async () => {
    const received = smtp.received.length;
    const second = await adminApi<ReminderRun>('POST', '/supervision/reminders/run', { dryRun: false });
    expect(second.dispatch?.sent).toBe(0);
    expect(smtp.received).toHaveLength(received);
    const sends = await adminApi<Send[]>('GET', '/supervision/sends?limit=200');
    const email = sends.filter((s) => s.channel === 'email');
    expect(email.filter((s) => s.status === 'sent')).toHaveLength(received);
    expect(new Set(email.map((s) => s.key)).size).toBe(email.length);
    await tid(admin, 'sv-sends-reload').click();
    for (const s of email)
      await poll(() => tid(admin, `sv-send-status-${s.id}`).getAttribute('data-status')).toBe('sent');
    await screenshot(admin, 'supervision-send-log');
  });
});
