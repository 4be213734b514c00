// A whole quarterly round in headless Chromium against the real server (issue 3, "Done when"): the admin
// opens 2025Q4; the town reporter of 浒山街道 downloads the template of the figures the town itself holds
// (its own budget's, plans/cixi/plan.yaml townFiguresBy: 高企, 专利 and the statistics come from the
// departments' registers, issue 12 item 1), fills it in with LibreOffice Calc, uploads a file with four
// mistakes and sees each located and highlighted, fixes the file, uploads again, gives the reason asked
// for and submits; the admin approves and publishes; the figures are the town's 快报 of the year, and the
// progress drawer lists them beside the demo's 年报, which stays in force. Also: the leader cannot reach
// the review page, and the main pages are screenshotted at 1440×900 into artifacts/screenshots/ (git-ignored).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLaunch, screenshot } from './support/browser.ts';
import { storySteps } from './support/story.ts';
import { appStart, type RunningApp } from './support/server.ts';
import {
  csvWrite,
  sofficeToXlsx,
  sofficeVersion,
  templateFill,
  templateRead,
  xlsxApplication,
  type Template,
} from './support/spreadsheet.ts';

const PASSWORD = 'ding-demo-2025'; // the demo accounts' password (README, docs/API.md)
const PERIOD = '2025Q4';
/** The town's figures are annual: in the Q4 round they are the year's (figurePeriod). */
const YEAR = '2025';
const TOWN = '330282004'; // 浒山街道
const TOWN_NAME = '浒山街道';
const OTHER_TOWN = '330282118'; // 庵东镇
const OTHER_TOWN_NAME = '庵东镇';
const STEP = 60_000; // each step of the round; the whole file stays well under the e2e budget

/** What the reporter finally submits: the year's figures of the three indicators a town owes. */
const FILLED = {
  fiscal_st_spending: 0.8, // 亿元, 2 decimals: shown as 0.80; +11% on last year's 0.72, under the 50% threshold
  fiscal_recurrent_expenditure: 13.9, // 亿元; +6% on last year's 13.07, under the 30% threshold
  science_popularization_spending: 78.5, // 万元; +74% on last year's 45.14, above the 60% threshold: needs a reason
} as const;
type Filled = keyof typeof FILLED;
const JUMP: Filled = 'science_popularization_spending';
const JUMP_REASON = '年内新建镇科普馆，科普活动经费集中列支';
/** The progress table leaves out components (本级财政经常性支出, 科普活动经费): only this one is shown. */
const SHOWN: Filled = 'fiscal_st_spending';

/** The app's number format (packages/web/src/lib/format.ts, formatNumber) for zh-CN. */
function formatFigure(value: number, decimals: number): string {
  return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

const tid = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

/** Width and height of a PNG (its IHDR chunk). */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Session {
  context: BrowserContext;
  page: Page;
}

// LibreOffice is the reporter's spreadsheet program here: without it the file is skipped with a message,
// unless CI is set (then it fails), as in packages/server/test/*.libreoffice.test.ts.
const soffice = await sofficeVersion();
if (!soffice && !process.env.CI)
  console.warn(
    '[e2e] soffice not found — the browser round SKIPPED (apt-get install -y libreoffice-calc-nogui)',
  );
const suite = soffice || process.env.CI ? describe : describe.skip;

suite(`a 2025Q4 collection round in the browser (${soffice ?? 'soffice missing'})`, () => {
  let app: RunningApp;
  let browser: Browser;
  let work: string;
  const sessions: Session[] = [];
  const pageErrors: string[] = [];
  const shots: string[] = [];

  // Shared by the steps, in order.
  let admin: Page;
  let town: Page;
  let decimals: Record<Filled, number>;
  let thresholds: Record<Filled, number>; // yoyThreshold, percent for these counts and amounts
  let oldValues: Record<Filled, number>;
  let templateFile: string;
  let template: Template;
  let lastYear: Record<Filled, number>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ding-e2e-round-'));
    // packages/web built from its sources into the app's temp folder, served by `ding serve --web-dist`.
    app = await appStart({ web: true });
    browser = await browserLaunch();
  }, 240_000);

  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  async function session(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    sessions.push({ context, page });
    return page;
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${app.url}/login`);
    await tid(page, 'login-username').fill(username);
    await tid(page, 'login-password').fill(PASSWORD);
    await tid(page, 'login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  async function shot(page: Page, name: string): Promise<void> {
    shots.push(await screenshot(page, name));
  }

  const step = storySteps({ name: 'round', pages: () => sessions.map((s) => s.page), timeout: STEP });

  /** Current published value of the town's figure, from the API with the page's session. */
  async function publishedValue(page: Page, indicator: string): Promise<number> {
    const res = await page.request.get(
      `${app.url}/api/observations?indicator=${indicator}&region=${TOWN}&period=${YEAR}`,
    );
    expect(res.status()).toBe(200);
    const versions = (await res.json()) as { value: number; current: boolean }[];
    const current = versions.find((v) => v.current);
    expect(current, `${indicator} ${TOWN} ${YEAR} has a published value`).toBeDefined();
    return current!.value;
  }

  step('admin logs in and opens the 2025Q4 round', async () => {
    admin = await session();
    await admin.goto(`${app.url}/`);
    await tid(admin, 'login-username').waitFor();
    expect(new URL(admin.url()).pathname).toBe('/login');
    await shot(admin, '01-login');
    await login(admin, 'admin');
    expect(new URL(admin.url()).pathname).toBe('/tasks');
    await expect.poll(() => tid(admin, 'current-role').innerText()).toContain('管理员');

    // The figures before the round (demo data), and the indicators' decimals, for the checks at the end.
    const plan = (await (await admin.request.get(`${app.url}/api/plan`)).json()) as {
      indicators: { code: string; decimals: number; yoyThreshold: number }[];
    };
    const codes = Object.keys(FILLED) as Filled[];
    decimals = Object.fromEntries(
      codes.map((c) => [c, plan.indicators.find((i) => i.code === c)!.decimals]),
    ) as Record<Filled, number>;
    thresholds = Object.fromEntries(
      codes.map((c) => [c, plan.indicators.find((i) => i.code === c)!.yoyThreshold]),
    ) as Record<Filled, number>;
    expect(decimals.fiscal_st_spending).toBe(2);
    oldValues = Object.fromEntries(
      await Promise.all(codes.map(async (c) => [c, await publishedValue(admin, c)] as const)),
    ) as Record<Filled, number>;
    for (const c of codes) expect(oldValues[c], c).not.toBe(FILLED[c]);
    // As the progress table shows them now: the demo figures, marked 合成 (synthetic).
    await admin.goto(`${app.url}/progress?period=${PERIOD}&region=${TOWN}`);
    const shown = tid(admin, `value-${SHOWN}-${TOWN}`);
    await shown.waitFor();
    expect(await shown.textContent()).toBe(`${formatFigure(oldValues[SHOWN], decimals[SHOWN])}合成`);

    await tid(admin, 'menu-rounds').click();
    await tid(admin, 'rounds-table').waitFor();
    expect(await tid(admin, `round-row-${PERIOD}`).count()).toBe(0);
    await tid(admin, 'round-open').click();
    await tid(admin, 'round-open-period').click();
    await admin.keyboard.type(PERIOD);
    await tid(admin, `round-open-period-option-${PERIOD}`).click();
    await tid(admin, 'round-open-confirm').click();
    const row = tid(admin, `round-row-${PERIOD}`);
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('进行中');
    // Every submitter owes something; 浒山街道 is one of them, nothing reported yet.
    const rate = admin.locator('[data-testid="rates-table"] tbody tr', { hasText: TOWN_NAME });
    await rate.first().waitFor();
    expect(await rate.first().innerText()).toContain('0.0%');
    await shot(admin, '02-rounds');
  });

  step(
    'the town reporter sees the to-do list and downloads the template pre-filled with its rows',
    async () => {
      town = await session();
      await login(town, `town-${TOWN}`);
      expect(new URL(town.url()).pathname).toBe('/tasks');
      const summary = tid(town, 'tasks-summary');
      await summary.waitFor();
      const owed = /应报 (\d+) 项，已报 0 项/.exec(await summary.innerText());
      expect(owed, await summary.innerText()).not.toBeNull();
      await town.locator('[data-testid="tasks-table"] tbody tr.ant-table-row').first().waitFor();
      await shot(town, '03-tasks');

      await tid(town, 'tasks-go-import').click();
      await town.waitForURL((u) => u.pathname === '/import');
      const [download] = await Promise.all([
        town.waitForEvent('download'),
        tid(town, 'template-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${PERIOD}-${TOWN_NAME}-填报模板.xlsx`);
      templateFile = join(work, download.suggestedFilename());
      await download.saveAs(templateFile);

      template = await templateRead(templateFile);
      expect(template.headers.slice(0, 10)).toEqual([
        '指标代码',
        '指标名称',
        '地区代码',
        '地区名称',
        '期别',
        '单位',
        '上期值',
        '上年同期值',
        '数值（填报；流量指标填1-12月累计数）', // the 2025Q4 round asks flows year to date (issue 8 item 9)
        '备注',
      ]);
      expect(template.headers[10]).toMatch(/^原因/);
      // One row per figure owed, all of this town, none of another; nothing a department supplies.
      expect(template.rows).toHaveLength(Number(owed![1]));
      expect(template.rows.map((r) => r.indicator).sort()).toEqual(Object.keys(FILLED).sort());
      expect(new Set(template.rows.map((r) => r.region))).toEqual(new Set([TOWN]));
      lastYear = {} as Record<Filled, number>;
      for (const code of Object.keys(FILLED) as Filled[]) {
        const r = template.rows.find((t) => t.indicator === code);
        expect(r, `template row for ${code}`).toBeDefined();
        expect(r!.period).toBe(YEAR);
        expect(r!.lastYear, `${code} last year`).toBeTypeOf('number');
        lastYear[code] = r!.lastYear!;
      }
      // The planned values sit where the test says they sit relative to the YoY thresholds: only the
      // jump is above its indicator's.
      for (const code of Object.keys(FILLED) as Filled[]) {
        const above = Math.abs((FILLED[code] / lastYear[code] - 1) * 100) > thresholds[code];
        expect(above, `${code}: ${FILLED[code]} on ${lastYear[code]}`).toBe(code === JUMP);
      }
    },
  );

  step(
    'uploads a LibreOffice-written file with four mistakes and sees each located and highlighted',
    async () => {
      // The reporter's first go, in Calc: the template's rows as CSV with a non-number, a negative value,
      // a row of another town and a YoY jump without a reason; converted to .xlsx by LibreOffice.
      const rowOf = (code: string) => template.rows.find((r) => r.indicator === code)!;
      const typed: Record<string, string | number> = {
        fiscal_st_spending: '0.8亿元',
        fiscal_recurrent_expenditure: -FILLED.fiscal_recurrent_expenditure,
        science_popularization_spending: FILLED.science_popularization_spending,
      };
      const line = (r: Template['rows'][number], value: string | number) => [
        r.indicator,
        r.indicatorName,
        r.region,
        r.regionName,
        r.period,
        r.unit,
        r.lastPeriod ?? '',
        r.lastYear ?? '',
        value,
        '',
        '',
      ];
      const other = rowOf('fiscal_st_spending');
      csvWrite(join(work, `${TOWN_NAME}-初稿.csv`), [
        template.headers,
        ...template.rows.map((r) => line(r, typed[r.indicator] ?? '')),
        line({ ...other, region: OTHER_TOWN, regionName: OTHER_TOWN_NAME }, 0.5),
      ]);
      const bad = await sofficeToXlsx(join(work, `${TOWN_NAME}-初稿.csv`), join(work, 'calc'), work);
      expect(xlsxApplication(bad)).toMatch(/^LibreOffice/);
      const sheet = `${TOWN_NAME}-初稿`; // Calc names the sheet of a CSV after the file
      const fileName = `${TOWN_NAME}-初稿.xlsx`;
      // Sheet rows: header 1, the template's rows from 2 in the same order, the other town's last.
      const at = (code: string) => template.rows.findIndex((r) => r.indicator === code) + 2;
      const expected = [
        { kind: 'not_a_number', row: at('fiscal_st_spending'), column: 'I', cell: 'value' },
        { kind: 'negative_value', row: at('fiscal_recurrent_expenditure'), column: 'I', cell: 'value' },
        { kind: 'out_of_scope', row: template.rows.length + 2, column: 'C', cell: 'region' },
        { kind: 'needs_reason', row: at(JUMP), column: 'I', cell: 'reason' },
      ];

      await tid(town, 'import-next').click();
      await tid(town, 'upload-input').setInputFiles(bad);
      await tid(town, 'preview-table').waitFor();
      await expect.poll(() => tid(town, 'preview-summary').innerText()).toContain('发现 4 处错误');

      // The list: one line per mistake with file, sheet, row, column and the reason in words.
      const items = town.locator('[data-testid="preview-errors"] tbody tr.ant-table-row');
      expect(await items.count()).toBe(expected.length);
      for (const e of expected) {
        const item = items.filter({ has: town.locator(`[data-kind="${e.kind}"]`) });
        expect(await item.count(), e.kind).toBe(1);
        const cells = (await item.locator('td').allInnerTexts()).map((s) => s.trim());
        expect(cells.slice(0, 4), e.kind).toEqual([fileName, sheet, String(e.row), e.column]);
        const message = cells[4]!;
        expect(message).toContain(`第 ${e.row} 行`);
        expect(message).toContain(`${e.column} 列`);
        if (e.kind === 'not_a_number') expect(message).toContain('「0.8亿元」不是数字');
        if (e.kind === 'negative_value') expect(message).toContain('不能为负数');
        if (e.kind === 'out_of_scope') expect(message).toContain(`${OTHER_TOWN_NAME}（${OTHER_TOWN}）`);
        if (e.kind === 'needs_reason') {
          const change = ((FILLED[JUMP] / lastYear[JUMP] - 1) * 100).toFixed(1);
          expect(message).toContain(`同比增长 ${change}%，超过指标 ${JUMP} 的阈值 ${thresholds[JUMP]}%`);
        }
      }

      // The cells: each mistake's cell in the rows table is highlighted, its reason on hover.
      for (const e of expected) {
        const cell = tid(town, `preview-error-${e.row}-${e.cell}`);
        await cell.waitFor();
        expect(await cell.getAttribute('class')).toContain('ding-cell-error');
        expect(await cell.getAttribute('data-error-kinds')).toContain(e.kind);
        const style = await cell.evaluate((el) => {
          const s = el.ownerDocument.defaultView!.getComputedStyle(el);
          return { background: s.backgroundColor, outline: s.outlineColor };
        });
        expect(style).toEqual({ background: 'rgb(255, 241, 240)', outline: 'rgb(255, 77, 79)' });
      }
      const highlighted = await town
        .locator('[data-testid="preview-table"] .ding-cell-error')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
      expect(highlighted.sort()).toEqual(expected.map((e) => `preview-error-${e.row}-${e.cell}`).sort());
      // The other town's row is read and shown (so the reporter sees which one), marked as an error row.
      const otherLine = town.locator('[data-testid="preview-table"] tbody tr.ant-table-row', {
        hasText: OTHER_TOWN_NAME,
      });
      expect(await otherLine.getAttribute('class')).toContain('ding-row-error');
      await tid(town, `reason-input-${at(JUMP)}`).waitFor();
      expect(await tid(town, 'commit-button').isDisabled()).toBe(true);
      expect(await tid(town, 'commit-blocked').innerText()).toContain('仍有 4 处错误');

      // For the screenshot: the list at the top of the window, the first highlighted cell's reason shown.
      await tid(town, 'preview-errors').evaluate((el) => el.closest('.ant-card')!.scrollIntoView());
      await tid(town, `preview-error-${at('fiscal_st_spending')}-value`).hover();
      await town.locator('.ant-tooltip', { hasText: '不是数字' }).waitFor();
      await town.waitForTimeout(300); // the tooltip's zoom-in animation
      await shot(town, '04-import-preview-errors');
      await town.mouse.move(0, 0);
    },
  );

  step('fixes the file in Calc, uploads again, gives the reason asked for and submits', async () => {
    // The template itself filled in and saved by LibreOffice (its writer, not ExcelJS's, is uploaded).
    const filled = join(work, `${PERIOD}-${TOWN_NAME}-修改.xlsx`);
    await templateFill(
      templateFile,
      filled,
      Object.fromEntries(Object.entries(FILLED).map(([code, value]) => [code, { value }])),
    );
    const good = await sofficeToXlsx(filled, join(work, 'calc'), work);
    expect(xlsxApplication(good)).toMatch(/^LibreOffice/);
    const row = (code: string) => template.rows.find((r) => r.indicator === code)!.row;

    await tid(town, 'upload-again').click();
    await tid(town, 'upload-input').setInputFiles(good);
    const reason = tid(town, `reason-input-${row(JUMP)}`);
    await reason.waitFor();
    expect(await tid(town, 'preview-summary').count()).toBe(0);
    await expect
      .poll(() => town.locator('.ant-alert-warning').first().innerText())
      .toContain('有 1 行同比变动超过阈值');
    // Only the filled rows are read; only the jump is asked about, on its reason cell.
    const lines = town.locator('[data-testid="preview-table"] tbody tr.ant-table-row');
    expect(await lines.count()).toBe(Object.keys(FILLED).length);
    const highlighted = await town
      .locator('[data-testid="preview-table"] .ding-cell-error')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(highlighted).toEqual([`preview-error-${row(JUMP)}-reason`]);
    expect(await tid(town, 'commit-button').isDisabled()).toBe(true);

    await reason.fill(JUMP_REASON);
    await expect.poll(() => tid(town, 'commit-button').isDisabled()).toBe(false);
    expect(await tid(town, 'commit-blocked').count()).toBe(0);
    await tid(town, 'commit-button').click();
    const done = tid(town, 'commit-done');
    await done.waitFor();
    expect(await done.innerText()).toContain(`已提交 ${Object.keys(FILLED).length} 条数据`);

    await tid(town, 'menu-tasks').click();
    await expect
      .poll(() => tid(town, 'tasks-summary').innerText())
      .toMatch(new RegExp(`已报 ${Object.keys(FILLED).length} 项`));
  });

  step('the admin approves the submitted figures and publishes 2025Q4', async () => {
    await tid(admin, 'menu-review').click();
    const rows = admin.locator('[data-testid="review-table"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Object.keys(FILLED).length);
    for (const [code, value] of Object.entries(FILLED) as [Filled, number][]) {
      await tid(admin, `review-row-${code}-${TOWN}`).waitFor();
      expect(await tid(admin, `review-value-${code}-${TOWN}`).innerText()).toMatch(
        new RegExp(`^${formatFigure(value, decimals[code]).replace('.', '\\.')} `),
      );
    }
    expect(await tid(admin, `review-row-${JUMP}-${TOWN}`).innerText()).toContain(JUMP_REASON);

    await admin.locator('[data-testid="review-table"] thead .ant-checkbox-input').check();
    await admin.getByText(`已选 ${Object.keys(FILLED).length} 条`).waitFor();
    await shot(admin, '05-review');
    await tid(admin, 'review-approve').click();
    await admin
      .locator('.ant-message-notice', { hasText: `已通过 ${Object.keys(FILLED).length} 条` })
      .waitFor();
    await admin.locator('[data-testid="review-table"]', { hasText: '没有待审核的数据' }).waitFor();

    await tid(admin, 'publish-period').click();
    await admin.keyboard.type(PERIOD);
    await tid(admin, `publish-period-option-${PERIOD}`).click();
    await tid(admin, 'review-publish').click();
    await tid(admin, 'publish-confirm').click();
    // The demo data holds these annual figures as 年报; the town's are the year's 快报, new rows beside them.
    await admin
      .locator('.ant-message-notice', {
        hasText: `已发布 ${Object.keys(FILLED).length} 条（新增 ${Object.keys(FILLED).length}，修订 0，未变 0）`,
      })
      .waitFor();
  });

  step(
    'the published 快报 is the town’s figure of the year; the 年报 stays in force in the progress table',
    async () => {
      // Every submitted figure is published as the town's 快报 of the year, cited with the round.
      for (const [c, value] of Object.entries(FILLED) as [Filled, number][]) {
        const res = await admin.request.get(
          `${app.url}/api/observations?indicator=${c}&region=${TOWN}&period=${YEAR}`,
        );
        const versions = (await res.json()) as { value: number; vintage: string; citation?: string }[];
        expect(
          versions.find((v) => v.vintage === 'flash'),
          c,
        ).toMatchObject({ value, citation: `${PERIOD} 填报 by town:${TOWN}` });
      }
      await admin.goto(`${app.url}/progress?period=${PERIOD}&region=${TOWN}`);
      await tid(admin, 'progress-table').waitFor();
      // A 年报 supersedes a 快报 (core/src/engine/observation-store.ts): the demo's 年报 is still the figure shown.
      const code: Filled = SHOWN;
      const cell = tid(admin, `value-${code}-${TOWN}`);
      await cell.waitFor();
      expect(await cell.textContent()).toBe(`${formatFigure(oldValues[code], decimals[code])}合成`);
      await cell.click();
      const drawer = tid(admin, 'value-drawer');
      await drawer.waitFor();
      // The drawer's value is the 年报 in force (its own history is looked up by the row's 2025Q4, not 2025:
      // annual figures' history in the drawer is a known gap, issue 12).
      await drawer.getByText(`${formatFigure(oldValues[code], decimals[code])} 亿元`).waitFor();
      await admin.waitForTimeout(300); // the drawer's slide-in animation, for the screenshot
      await shot(admin, '06-progress-drawer');
      await drawer.locator('.ant-drawer-close').click();
    },
  );

  it(
    'the leader cannot reach the review page (no menu entry, 403 page, 403 from the API)',
    async () => {
      const leader = await session();
      await login(leader, 'leader');
      expect(new URL(leader.url()).pathname).toBe('/progress');
      await tid(leader, 'menu-progress').waitFor();
      expect(await tid(leader, 'menu-review').count()).toBe(0);

      await leader.goto(`${app.url}/review`);
      await leader.locator('.ant-result-403').waitFor();
      expect(await leader.locator('.ant-result-title').innerText()).toBe('您的角色无权访问此页面。');
      expect(await tid(leader, 'review-table').count()).toBe(0);
      await shot(leader, '10-leader-review-forbidden');

      const list = await leader.request.get(`${app.url}/api/review?period=${PERIOD}&status=approved`);
      expect(list.status()).toBe(403);
      expect(((await list.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      const me = (await (await leader.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string };
      const publish = await leader.request.post(`${app.url}/api/review/publish`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { period: PERIOD },
      });
      expect(publish.status()).toBe(403);
    },
    STEP,
  );

  step('screenshots of the indicators, audit and users pages', async () => {
    await tid(admin, 'menu-indicators').click();
    await admin.locator('[data-testid^="indicator-row-"]').first().waitFor();
    await shot(admin, '07-indicators');

    await tid(admin, 'menu-audit').click();
    const audit = admin.locator('[data-testid="audit-table"] tbody tr.ant-table-row');
    await audit.first().waitFor();
    // The publication is in the log by name, one row for the operation with its figures as items.
    const published = admin.locator('[data-testid="audit-table"] tbody tr.ant-table-row', {
      hasText: '发布数据',
    });
    expect(await published.count()).toBeGreaterThanOrEqual(1);
    expect(await published.first().textContent()).toMatch(/\d+ 项/);
    await shot(admin, '08-audit');

    await tid(admin, 'menu-users').click();
    await admin.locator('[data-testid="user-edit-admin"]').waitFor();
    await shot(admin, '09-users');

    for (const file of shots) expect(pngSize(file), file).toEqual({ width: 1440, height: 900 });
    expect(shots.map((f) => f.split('/').pop()).sort()).toEqual([
      '01-login.png',
      '02-rounds.png',
      '03-tasks.png',
      '04-import-preview-errors.png',
      '05-review.png',
      '06-progress-drawer.png',
      '07-indicators.png',
      '08-audit.png',
      '09-users.png',
      '10-leader-review-forbidden.png',
    ]);
  });

  it('no page threw an uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
