// The middleware every /api request passes: language, session (c.var.user), CSRF; and the security headers
// of every response (Content-Security-Policy, framing).
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, SESSION_TTL_MS, sessionResolve } from '../auth/sessions.ts';
import type { UserRecord } from '../repositories/index.ts';
import { apiError, type AppEnv, type SessionUser } from './context.ts';
import { ApiError } from './errors.ts';
import { requestHost, requestIsHttps, type ResolvedAppOptions } from './options.ts';

/** zh-CN by default; en when `?lang=en`, or when Accept-Language prefers English to Chinese. */
export function langOf(query: string | undefined, acceptLanguage: string | undefined): 'zh' | 'en' {
  if (query === 'en' || query === 'zh') return query;
  if (!acceptLanguage) return 'zh';
  let best: { lang: 'zh' | 'en'; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

export const langMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', langOf(c.req.query('lang'), c.req.header('accept-language')));
  await next();
};

export function sessionUserOf(user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    ...(user.department === undefined ? {} : { department: user.department }),
    ...(user.region === undefined ? {} : { region: user.region }),
  };
}

/** The cookie lives as long as the session: 12 h, or less when the absolute end (`expiresAt`) is nearer. */
export function sessionCookieSet(
  c: Context,
  token: string,
  options: ResolvedAppOptions,
  expiresAt?: string,
): void {
  const ms =
    expiresAt === undefined
      ? SESSION_TTL_MS
      : Math.min(SESSION_TTL_MS, Date.parse(expiresAt) - options.now().getTime());
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: requestIsHttps(c, options),
    maxAge: Math.max(0, Math.floor(ms / 1000)),
  });
}

export function sessionCookieClear(c: Context, options: ResolvedAppOptions): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: requestIsHttps(c, options) });
}

/** Sets c.var.user and c.var.session from the `ding_session` cookie (nothing when absent or stale). */
/** What an account that must change its password may still do. */
const PASSWORD_CHANGE_PATHS = new Set([
  '/api/auth/me',
  '/api/auth/password',
  '/api/auth/logout',
  '/api/auth/login',
]);

export function sessionMiddleware(options: ResolvedAppOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', undefined);
    c.set('session', undefined);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const resolved = await sessionResolve(c.var.ws.repos, token, options.now());
      if (resolved) {
        c.set('user', sessionUserOf(resolved.user));
        c.set('session', { id: resolved.session.id, csrfToken: resolved.session.csrfToken });
        // The cookie's lifetime slides with the session's.
        if (resolved.renewed) sessionCookieSet(c, token, options, resolved.session.expiresAt);
        // A password an admin set is replaced before anything else is done with the account.
        if (resolved.user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(c.req.path))
          return apiError(c, 403, 'password_change_required', {
            zh: '您的密码由管理员设置，请先修改密码',
            en: 'an administrator set your password: change it first',
          });
      } else sessionCookieClear(c, options);
    }
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfError(why: { zh: string; en: string }): ApiError {
  return new ApiError(403, 'csrf', why);
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF (docs/API.md, Session): a state-changing request must not come from another site — its Origin,
 * when sent, names our host — and, with a session, must carry the session's token in X-CSRF-Token
 * (a page on another site cannot read it). Without a session there is no authority to abuse; the
 * route itself answers 401 if it needs one.
 */
export function csrfMiddleware(options: ResolvedAppOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        // Scheme and host (issue 16 §8): a page at http://our-host must not write to https://our-host.
        let sent: string | undefined;
        try {
          const url = new URL(origin);
          sent = `${url.protocol}//${url.host.toLowerCase()}`;
        } catch {
          sent = undefined; // 'null' (sandboxed frames, file://) and garbage
        }
        const ours = `${requestIsHttps(c, options) ? 'https:' : 'http:'}//${requestHost(c, options)}`;
        if (sent !== ours) {
          throw csrfError({
            zh: `拒绝来自其他站点（${origin}）的请求`,
            en: `request from another site (${origin}) refused`,
          });
        }
      }
      if (c.req.header('sec-fetch-site') === 'cross-site') {
        throw csrfError({ zh: '拒绝跨站请求', en: 'cross-site request refused' });
      }
      const session = c.get('session');
      if (session) {
        const sent = c.req.header('x-csrf-token');
        if (!sent || !sameToken(sent, session.csrfToken)) {
          throw csrfError({
            zh: '缺少或错误的 X-CSRF-Token 请求头',
            en: 'missing or wrong X-CSRF-Token header',
          });
        }
      }
    }
    await next();
  };
}

/**
 * The Content-Security-Policy of every response (issue 16 §8). Scripts only from our own origin, never
 * inline: the built web app and the screens load theirs as files (Vite emits no inline script). Styles
 * may be inline because Ant Design's CSS-in-JS writes <style> elements and the progress page has one;
 * images and fonts may be data: URIs (ECharts, Swagger UI); fetches and the event stream go to us only.
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Sources allowed in frame-ancestors: hosts, schemes, 'self'; nothing that could end the directive. */
const FRAME_SOURCE =
  /^(?:'self'|'none'|[a-z][a-z0-9+.-]*:(?:\/\/)?[^\s;,']*|(?:\*\.)?[a-z0-9.-]+(?::\d+|:\*)?)$/i;

/**
 * Who may frame the big screens (/screen/…): DING_SCREEN_FRAME_ANCESTORS, space-separated CSP sources
 * (e.g. `'self' https://portal.cixi.gov.cn`), for a portal that shows a wall inside its own page. Unset:
 * nobody, like the rest of the app. Throws, naming the variable and the source, for anything else.
 */
export function screenFrameAncestorsFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.DING_SCREEN_FRAME_ANCESTORS?.trim();
  if (!raw) return "'none'";
  const sources = raw.split(/\s+/);
  const bad = sources.find((s) => !FRAME_SOURCE.test(s));
  if (bad !== undefined)
    throw new Error(
      `DING_SCREEN_FRAME_ANCESTORS: ${JSON.stringify(bad)} is not a CSP source (use hosts such as https://portal.example.gov.cn or 'self', separated by spaces)`,
    );
  return sources.join(' ');
}

/**
 * Security headers on every response: the CSP, no framing of the app (frame-ancestors 'none' and
 * X-Frame-Options DENY) except the screens when DING_SCREEN_FRAME_ANCESTORS allows it, no MIME sniffing,
 * referrers only to ourselves.
 */
export function securityHeadersMiddleware(
  screenFrameAncestors: string = screenFrameAncestorsFromEnv(),
): MiddlewareHandler<AppEnv> {
  const app = contentSecurityPolicy("'none'");
  const screens = contentSecurityPolicy(screenFrameAncestors);
  return async (c, next) => {
    await next();
    const screen = /^\/screen(\/|$)/.test(c.req.path);
    c.header('Content-Security-Policy', screen ? screens : app);
    // X-Frame-Options cannot name a list: sent only when nobody may frame the page.
    if (!screen || screenFrameAncestors === "'none'") c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
  };
}
