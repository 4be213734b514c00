// Security headers (issue 16 §8): a Content-Security-Policy with no inline script on every response, the app
// never framed, the screens framed only where DING_SCREEN_FRAME_ANCESTORS allows; and the web app's pages
// need nothing that policy blocks (no inline script, no inline event handler).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../src/http/context.ts';
import {
  contentSecurityPolicy,
  screenFrameAncestorsFromEnv,
  securityHeadersMiddleware,
} from '../src/http/middleware.ts';
import { openSqliteWorkspace, openTestApi, type TestApi } from './support/http-client.ts';

const WEB = join(import.meta.dirname, '../../web');

/** The directives of a CSP header, by name. */
function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('security headers of the app', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi(openSqliteWorkspace);
  });
  afterAll(async () => {
    await api.dispose();
  });

  it('every response carries the CSP: scripts from us only, no framing, no plugins', async () => {
    for (const path of ['/api/openapi.json', '/api/docs', '/api/auth/me', '/', '/api/no-such-route']) {
      const res = await api.client().get(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toBe("'self'");
      expect(csp.get('default-src'), path).toBe("'self'");
      expect(csp.get('object-src'), path).toBe("'none'");
      expect(csp.get('frame-ancestors'), path).toBe("'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('the API docs page loads its script as a file (nothing inline for the CSP to block)', async () => {
    const html = await (await api.client().get('/api/docs')).text();
    expect(html).toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('framing the screens (DING_SCREEN_FRAME_ANCESTORS)', () => {
  function appWith(frameAncestors: string) {
    const app = new Hono<AppEnv>();
    app.use('*', securityHeadersMiddleware(frameAncestors));
    app.get('*', (c) => c.text('page'));
    return app;
  }

  it('unset: nobody frames anything', async () => {
    const ancestors = screenFrameAncestorsFromEnv({});
    expect(ancestors).toBe("'none'");
    const res = await appWith(ancestors).request('/screen/city');
    expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors')).toBe("'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('set: the screens may be framed by the named portal, the rest of the app still not', async () => {
    const ancestors = screenFrameAncestorsFromEnv({
      DING_SCREEN_FRAME_ANCESTORS: " 'self'  https://portal.cixi.gov.cn ",
    });
    const app = appWith(ancestors);
    for (const path of ['/screen', '/screen/city', '/screen/town/330282004']) {
      const res = await app.request(path);
      expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), path).toBe(
        "'self' https://portal.cixi.gov.cn",
      );
      expect(res.headers.get('x-frame-options'), path).toBeNull();
    }
    for (const path of ['/', '/entry', '/screens', '/api/screen/city']) {
      const res = await app.request(path);
      expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), path).toBe(
        "'none'",
      );
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('a value that could smuggle another directive is refused, naming the variable and the source', () => {
    expect(() =>
      screenFrameAncestorsFromEnv({
        DING_SCREEN_FRAME_ANCESTORS: "https://a.example; script-src 'unsafe-inline'",
      }),
    ).toThrow(/DING_SCREEN_FRAME_ANCESTORS: "https:\/\/a.example;" is not a CSP source/);
    expect(() => screenFrameAncestorsFromEnv({ DING_SCREEN_FRAME_ANCESTORS: 'a.example,b.example' })).toThrow(
      /DING_SCREEN_FRAME_ANCESTORS/,
    );
    expect(screenFrameAncestorsFromEnv({ DING_SCREEN_FRAME_ANCESTORS: '*.cixi.gov.cn https:' })).toBe(
      '*.cixi.gov.cn https:',
    );
  });

  it('the policy text is exactly the documented one', () => {
    expect(contentSecurityPolicy("'none'")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'",
    );
  });
});

describe('the web app needs no inline script', () => {
  // The sources always; the build too when it is there (CI builds it before the e2e tests).
  const pages = ['index.html', 'screen.html', 'dist/index.html', 'dist/screen.html']
    .map((p) => join(WEB, p))
    .filter((p) => existsSync(p));

  it('its HTML pages load every script from a file and use no inline event handler', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      expect(html, page).toMatch(/<script[^>]+src=/);
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, page).not.toMatch(/\son[a-z]+=/i);
      expect(html, page).not.toMatch(/javascript:/i);
    }
  });
});
