// Benchmark of the city big screen (数字大屏) in headless Chromium against the real app (`ding init` on a temp
// database, the web app built from its sources, `ding serve`): the cold load time to fully rendered — a fresh
// browser context each time (empty HTTP cache), from navigation start to the first frame where the 7 cards
// show their figures and every trend chart has drawn — and the JS the page loads, in gzip bytes. Figures only.
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { browserLaunch } from '../e2e/support/browser.ts';
import { screenRenderedAt } from '../e2e/support/screen.ts';
import { appStart } from '../e2e/support/server.ts';
import type { BenchRow } from './bench-row.ts';

/** The period shown: the demo data's last quarter (every card has a figure, so "rendered" is well defined). */
const PERIOD = '2025Q4';
const CARDS = 7;
const RUNS = 5;

interface Script {
  url: string;
  /** Content-Encoding as sent ('' for none). */
  encoding: string;
  /** Bytes of the body as received on the wire (encoded). */
  wire: number;
  /** Bytes of the decoded script. */
  decoded: number;
  /** gzip bytes: as sent when the server compressed it with gzip, else node:zlib's gzip (level 6) of the script. */
  gzip: number;
}

async function scriptOf(response: Response): Promise<Script> {
  const body = await response.body();
  const encoding = ((await response.headerValue('content-encoding')) ?? '').trim().toLowerCase();
  const wire = (await response.request().sizes()).responseBodySize;
  return {
    url: response.url(),
    encoding,
    wire,
    decoded: body.length,
    gzip: encoding === 'gzip' ? wire : gzipSync(body, { level: 6 }).length,
  };
}

const isScript = (response: Response): boolean =>
  response.request().resourceType() === 'script' ||
  /javascript/.test(response.headers()['content-type'] ?? '');

/** One cold load: milliseconds from navigation start to fully rendered, and the scripts the page loaded. */
async function coldLoad(browser: Browser, url: string): Promise<{ ms: number; scripts: Script[] }> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const page = await context.newPage();
    const scripts: Promise<Script>[] = [];
    page.on('response', (r) => {
      if (isScript(r)) scripts.push(scriptOf(r));
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const ms = await screenRenderedAt(page, CARDS, 60_000);
    return { ms, scripts: await Promise.all(scripts) };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchScreen(): Promise<BenchRow[]> {
  let browser: Browser;
  try {
    browser = await browserLaunch();
  } catch (e) {
    console.log(`(skipped: no headless Chromium — ${(e as Error).message.split('\n')[0]})`);
    return [];
  }
  try {
    const app = await appStart({ web: true });
    try {
      const url = `${app.url}/screen/city?period=${PERIOD}`;
      // The first load after the server started also computes the payload (the server caches it after).
      const first = await coldLoad(browser, url);
      const times: number[] = [];
      let scripts = first.scripts;
      for (let i = 0; i < RUNS; i++) {
        const run = await coldLoad(browser, url);
        times.push(run.ms);
        scripts = run.scripts;
      }
      const gzipped = scripts.every((s) => s.encoding === 'gzip');
      const encodings = [...new Set(scripts.map((s) => s.encoding || 'none'))].join(', ');
      const sum = (f: (s: Script) => number) => scripts.reduce((n, s) => n + f(s), 0) / 1024;
      const files = `${scripts.length} files`;
      return [
        {
          name: `city screen cold load → 7 cards and charts drawn (1920×1080, fresh context, median of ${RUNS}; runs ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
          value: median(times),
          unit: 'ms',
        },
        {
          name: 'city screen first load after server start (payload not yet cached by the server)',
          value: first.ms,
          unit: 'ms',
        },
        {
          name: `city screen JS transferred, gzip (${files})`,
          value: sum((s) => s.gzip),
          unit: gzipped
            ? 'kB (gzip as sent by the server)'
            : `kB (computed with node:zlib gzip -6: the server sends its JS with content-encoding ${encodings}, not gzip)`,
        },
        {
          name: `city screen JS as sent on the wire (${files}, content-encoding ${encodings})`,
          value: sum((s) => s.wire),
          unit: 'kB',
        },
        { name: 'city screen JS decoded', value: sum((s) => s.decoded), unit: 'kB' },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    await browser.close();
  }
}
