// The quarterly report in headless Chromium against the real server (issue 9, "Done when"): the admin opens
// 报告, drafts the 2025Q3 full report, previews it (numbers traced in tooltips), rewrites one 存在问题
// paragraph, finalises it with the progress bar, and downloads the DOCX and the PDF; LibreOffice converts
// the DOCX again on its own; pdftotext of the downloaded PDF has the title, the 附表 and the edited text,
// pdffonts a CJK font and no Type 3. The leader sees the archive and the downloads only. Screenshots of the
// page go to artifacts/screenshots/, the files and PDF pages 1–2 (pdftoppm) to artifacts/report/.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLaunch, screenshot } from './support/browser.ts';
import { storySteps } from './support/story.ts';
import { appStart, type RunningApp } from './support/server.ts';
import { sofficeVersion } from './support/spreadsheet.ts';

const run = promisify(execFile);
const PASSWORD = 'ding-demo-2025'; // the demo accounts' password (README, docs/API.md)
const PERIOD = '2025Q3';
const TITLE = '慈溪市科技创新统计季报';
const EDITED = '部分镇（街道）研发经费投入强度偏低，须逐企业排查统计口径（人工修改）。';
const REPORT_DIR = new URL('../artifacts/report/', import.meta.url).pathname;
const STEP = 90_000;

const tid = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);
/** Text without the line breaks and spaces pdftotext puts where a line wraps. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

const soffice = await sofficeVersion();
if (!soffice && !process.env.CI)
  console.warn(
    '[e2e] soffice not found — the report e2e SKIPPED (apt-get install -y libreoffice-writer-nogui)',
  );
const suite = soffice || process.env.CI ? describe : describe.skip;

suite(`the 2025Q3 report through the web page (${soffice ?? 'soffice missing'})`, () => {
  let app: RunningApp;
  let browser: Browser;
  let work: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let admin: Page;
  let reportId: string;
  let docxFile: string;
  let pdfFile: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ding-e2e-report-'));
    mkdirSync(REPORT_DIR, { recursive: true });
    app = await appStart({ web: true });
    browser = await browserLaunch();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  async function session(username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${app.url}/login`);
    await tid(page, 'login-username').fill(username);
    await tid(page, 'login-password').fill(PASSWORD);
    await tid(page, 'login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }

  const step = storySteps({
    name: 'report',
    pages: () => contexts.flatMap((c) => c.pages()),
    pageErrors,
    timeout: STEP,
  });

  async function download(page: Page, testId: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), tid(page, testId).click()]);
    const path = join(REPORT_DIR, file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  step('the admin drafts the 2025Q3 full report and previews it in the browser', async () => {
    admin = await session('admin');
    await tid(admin, 'menu-reports').click();
    await admin.waitForURL((u) => u.pathname === '/reports');
    // The period defaults to the current period (GET /periods/current), whatever it is; pick 2025Q3.
    const current = (await (await admin.request.get(`${app.url}/api/periods/current`)).json()) as {
      period: string;
    };
    await expect.poll(() => tid(admin, 'report-period').innerText()).toMatch(/\d{4}年/);
    expect(current.period).toMatch(/^\d{4}(Q[1-4])?$/);
    await tid(admin, 'report-period').click();
    await admin.keyboard.type(PERIOD);
    await tid(admin, `report-period-option-${PERIOD}`).click();
    await tid(admin, 'report-create').click();
    await admin.waitForURL((u) => u.searchParams.has('report'));
    reportId = new URL(admin.url()).searchParams.get('report')!;
    const preview = tid(admin, 'report-preview');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain(TITLE);
    expect(text).toContain('一、总体情况');
    expect(text).toContain('附表');
    expect(await tid(admin, 'report-status').innerText()).toBe('草稿');
    // Every number names its source on hover: indicator · region · period · field.
    const first = tid(admin, 'report-number').first();
    await first.hover();
    await expect
      .poll(() => admin.locator('.ant-tooltip').first().innerText())
      .toMatch(/^核心指标 · 慈溪市 · 2025年第三季度（1–9月） · 计数$/);
    await admin.mouse.move(0, 0);
    await screenshot(admin, 'report-01-preview');
    const top = (l: Locator) => l.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await preview
      .locator('.report-chart')
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await screenshot(admin, 'report-02-chart');
    await top(preview.locator('.report-h1', { hasText: '存在问题' }));
    await screenshot(admin, 'report-02-problems');
  });

  step('the admin rewrites the first 存在问题 paragraph and saves it; a reload shows it', async () => {
    const area = tid(admin, 'report-edit-problems.1');
    const drafted = await area.inputValue();
    expect(drafted.length).toBeGreaterThan(10);
    await area.fill(EDITED);
    await tid(admin, 'report-save').click();
    await admin.locator('.ant-message', { hasText: '修改已保存' }).waitFor();
    await admin.reload();
    await expect.poll(() => tid(admin, 'report-edit-problems.1').inputValue()).toBe(EDITED);
  });

  step(
    'the admin finalises: the job runs with a progress bar, the report becomes 已定稿 with its 期数',
    async () => {
      await tid(admin, 'report-finalise').click();
      await tid(admin, 'report-finalise-ok').click();
      await tid(admin, 'report-progress').waitFor();
      await expect
        .poll(() => tid(admin, 'report-status').innerText(), { timeout: 120_000, interval: 500 })
        .toBe('已定稿');
      await expect.poll(() => tid(admin, 'report-progress').innerText()).toContain('2025年第1期（总第1期）');
      // Final: no text areas any more, the edited paragraph printed as text.
      expect(await tid(admin, 'report-edit-problems.1').count()).toBe(0);
      expect(await tid(admin, 'report-p-problems.1').innerText()).toBe(EDITED);
      const row = tid(admin, `report-row-${reportId}`);
      await expect.poll(() => row.innerText()).toContain('2025年第1期（总第1期）');
      await screenshot(admin, 'report-03-final');
    },
    180_000,
  );

  step('the admin downloads the DOCX and the PDF under their Chinese names', async () => {
    docxFile = await download(admin, 'report-download-docx');
    pdfFile = await download(admin, 'report-download-pdf');
    expect(docxFile.endsWith(`${TITLE}2025年第1期.docx`)).toBe(true);
    expect(pdfFile.endsWith(`${TITLE}2025年第1期.pdf`)).toBe(true);
    expect(readFileSync(docxFile).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
  });

  step(
    'LibreOffice converts the downloaded DOCX to PDF with its own profile',
    async () => {
      const out = join(work, 'converted');
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          out,
          docxFile,
        ],
        { timeout: 120_000 },
      );
      const converted = join(out, `${TITLE}2025年第1期.pdf`);
      expect(existsSync(converted)).toBe(true);
      const { stdout } = await run('pdftotext', ['-layout', converted, '-']);
      expect(squeeze(stdout)).toContain(TITLE);
      expect(squeeze(stdout)).toContain(squeeze(EDITED));
    },
    150_000,
  );

  step(
    'pdftotext of the downloaded PDF has the title, the 附表 and the edited text; CJK fonts, no Type 3',
    async () => {
      const { stdout: text } = await run('pdftotext', [pdfFile, '-'], { maxBuffer: 64 << 20 });
      const flat = squeeze(text);
      expect(flat).toContain(TITLE);
      expect(flat).toContain('附表');
      expect(flat).toContain(squeeze(EDITED));
      expect(flat).not.toMatch(/增长-\d/);
      const { stdout: fonts } = await run('pdffonts', [pdfFile]);
      const rows = fonts.split('\n').slice(2).filter(Boolean);
      expect(rows.length).toBeGreaterThan(0);
      expect(fonts).not.toMatch(/Type 3/);
      // fontconfig maps the 公文 names to installed CJK fonts (Noto CJK, AR PL UKai …): the PDF embeds one.
      expect(fonts).toMatch(/CJK|UKai|UMing|Song|Hei|Kai|Fang|WenQuanYi/i);
      await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdfFile, join(REPORT_DIR, 'page')]);
      const pages = ['page-1.png', 'page-2.png'].map((f) => join(REPORT_DIR, f));
      for (const p of pages) expect(existsSync(p), p).toBe(true);
    },
  );

  step('the leader sees the archive with the downloads, and no draft form or preview', async () => {
    const leader = await session('leader');
    await tid(leader, 'menu-reports').click();
    const row = tid(leader, `report-row-${reportId}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('已定稿');
    expect(await tid(leader, 'report-create').count()).toBe(0);
    expect(await tid(leader, `report-open-${reportId}`).count()).toBe(0);
    const pdf = await download(leader, `report-download-pdf-${reportId}`);
    expect(readFileSync(pdf).equals(readFileSync(pdfFile))).toBe(true);
    await screenshot(leader, 'report-04-leader');
  });

  step('the admin drafts a one-page sheet of 技术交易额 with the 红头 masthead', async () => {
    await admin.goto(`${app.url}/reports`);
    await tid(admin, 'report-mode-indicator').click();
    await tid(admin, 'report-indicator').click();
    await admin.keyboard.type('技术交易额');
    await admin.keyboard.press('Enter');
    await tid(admin, 'report-red-header').click();
    await tid(admin, 'report-create').click();
    await admin.waitForURL((u) => u.searchParams.has('report') && u.searchParams.get('report') !== reportId);
    const preview = tid(admin, 'report-preview');
    await expect.poll(() => preview.getAttribute('class')).toContain('report-red');
    const text = await preview.innerText();
    expect(text).toContain(TITLE);
    expect(text).toContain('技术交易额');
    expect(await tid(admin, 'report-status').innerText()).toBe('草稿');
    await screenshot(admin, 'report-05-indicator-sheet');
  });

  it('raised no error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
