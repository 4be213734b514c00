// Changing one's own password in the browser (issue 13 item 7), on a phone (390×844, where the header shows
// only the key icon): the 浒山街道 reporter opens 修改密码, a mismatched confirmation is refused by the form,
// the change succeeds, the old password no longer signs in and the new one does; an account an admin created
// must choose its own password at first log-in before the app opens.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { browserLaunch, screenshot } from './support/browser.ts';
import { storySteps } from './support/story.ts';
import { appStart, type RunningApp } from './support/server.ts';

const USERNAME = 'town-330282004';
const OLD_PASSWORD = 'ding-demo-2025'; // the demo accounts' password (README, docs/API.md)
const NEW_PASSWORD = 'hushan-2025-new';
const STEP = 30_000;

const tid = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

describe('change your own password through the web app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await appStart({ web: true });
    browser = await browserLaunch();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  }, 30_000);

  const step = storySteps({ name: 'password', pages: () => context.pages(), pageErrors, timeout: STEP });

  async function login(password: string, username = USERNAME): Promise<void> {
    await page.goto(`${app.url}/login`);
    await tid(page, 'login-username').fill(username);
    await tid(page, 'login-password').fill(password);
    await tid(page, 'login-submit').click();
  }

  step('the town reporter changes the password in the dialog', async () => {
    await login(OLD_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await tid(page, 'change-password').click();
    await tid(page, 'change-password-current').fill(OLD_PASSWORD);
    await tid(page, 'change-password-new').fill(NEW_PASSWORD);
    // The confirmation must match (checked by the form, nothing sent).
    await tid(page, 'change-password-confirm').fill(`${NEW_PASSWORD}x`);
    await tid(page, 'change-password-submit').click();
    await expect.poll(() => page.getByText('两次输入的新密码不一致').count()).toBeGreaterThan(0);
    await tid(page, 'change-password-confirm').fill(NEW_PASSWORD);
    await screenshot(page, 'password-change-390');
    await tid(page, 'change-password-submit').click();
    await page.getByText('密码已修改，其他设备上的登录已退出').waitFor();
  });

  step('logged out, the old password is refused and the new one signs in', async () => {
    await tid(page, 'logout').click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await login(OLD_PASSWORD);
    await page.getByText('用户名或密码错误').waitFor();
    await login(NEW_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expect.poll(() => tid(page, 'current-role').innerText()).toBe('镇街填报员');
  });

  step('an account the admin created must choose its own password before anything else', async () => {
    const signIn = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: OLD_PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const created = await fetch(`${app.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        username: 'town-new-andong',
        displayName: '庵东镇新填报员',
        password: 'set-by-admin-1',
        role: 'town',
        region: '330282118',
      }),
    });
    expect(created.status).toBe(201);
    await tid(page, 'logout').click();
    await page.waitForURL((u) => u.pathname.startsWith('/login'));
    await login('set-by-admin-1', 'town-new-andong');
    await tid(page, 'forced-password-change').waitFor();
    await page
      .getByText('您的密码由管理员设置，首次登录须改为只有您知道的密码，然后才能使用系统。')
      .waitFor();
    expect(await tid(page, 'current-role').count()).toBe(0);
    await tid(page, 'change-password-current').fill('set-by-admin-1');
    await tid(page, 'change-password-new').fill('andong-mine-2026');
    await tid(page, 'change-password-confirm').fill('andong-mine-2026');
    await screenshot(page, 'password-forced-390');
    await tid(page, 'change-password-submit').click();
    await expect.poll(() => tid(page, 'current-role').innerText()).toBe('镇街填报员');
  });
});
