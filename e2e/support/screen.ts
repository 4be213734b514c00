// The big screens (数字大屏) in headless Chromium, for e2e/screens.test.ts and bench/screen.bench.ts: when a
// screen has fully rendered, whether it scrolls, and the admin API as a signed-in user (cookie + CSRF token).
import type { Page } from 'playwright-core';

/** The demo accounts' password (README, docs/API.md). */
export const DEMO_PASSWORD = 'ding-demo-2025';

// The root tsconfig has no DOM lib: the little of the browser these page functions use, typed here. They
// run in the page (serialized by Playwright), where globalThis is the window.
interface BrowserElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
}
interface BrowserCanvas extends BrowserElement {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}
interface BrowserWindow {
  innerWidth: number;
  innerHeight: number;
  performance: { now(): number };
  document: {
    scrollingElement: { scrollWidth: number; scrollHeight: number } | null;
    body: { scrollWidth: number; scrollHeight: number };
    querySelector(selector: string): BrowserElement | null;
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  };
}

export interface ScrollMetrics {
  innerWidth: number;
  innerHeight: number;
  /** document.scrollingElement's scroll size: above the viewport's, the page has a scrollbar. */
  scrollWidth: number;
  scrollHeight: number;
  /** The scaled stage's box in the viewport. */
  stage: { left: number; top: number; right: number; bottom: number } | null;
}

export function scrollMetrics(page: Page): Promise<ScrollMetrics> {
  return page.evaluate(() => {
    const w = globalThis as unknown as BrowserWindow;
    const root = w.document.scrollingElement ?? w.document.body;
    const stage = w.document.querySelector('[data-testid="screen-stage"]');
    const r = stage?.getBoundingClientRect();
    return {
      innerWidth: w.innerWidth,
      innerHeight: w.innerHeight,
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
      stage: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null,
    };
  });
}

/**
 * Fully rendered: `cards` card values with a figure (data-value) are on the stage, and every trend chart's
 * canvas has drawn pixels. Returns the page's performance.now() at the first animation frame where that
 * holds (milliseconds since navigation start), so the time excludes the test's own round trips.
 */
export async function screenRenderedAt(page: Page, cards: number, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n: number): number | false => {
      const w = globalThis as unknown as BrowserWindow;
      const values = w.document.querySelectorAll('[data-testid^="card-value-"][data-value]');
      if (values.length < n) return false;
      const charts = Array.from(w.document.querySelectorAll('.trend-chart'));
      if (charts.length === 0) return false;
      for (const chart of charts) {
        const canvas = chart.querySelectorAll('canvas')[0] as BrowserCanvas | undefined;
        if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!pixels) return false;
        let drawn = false;
        for (let i = 3; i < pixels.length; i += 4 * 7)
          if (pixels[i] !== 0) {
            drawn = true;
            break;
          }
        if (!drawn) return false;
      }
      return w.performance.now();
    },
    cards,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

/** A signed-in user of the API: requests carry the session cookie and the X-CSRF-Token. */
export type ApiCall = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} → ${status}: ${body.slice(0, 500)}`);
    this.name = 'ApiCallError';
  }
}

/** POST /api/auth/login with the demo password; the calls that follow are that user's. */
export async function apiLogin(url: string, username: string, password = DEMO_PASSWORD): Promise<ApiCall> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new ApiCallError(res.status, text, `log in as ${username}`);
  const { csrfToken } = JSON.parse(text) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const t = await r.text();
    if (!r.ok) throw new ApiCallError(r.status, t, `${username}: ${method} /api${path}`);
    return (t ? JSON.parse(t) : undefined) as T;
  };
}
