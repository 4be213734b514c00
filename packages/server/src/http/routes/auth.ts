// /api/auth: log in (cookie + CSRF token), log out, who am I, change one's own password.
import { createRoute } from '@hono/zod-openapi';
import { login } from '../../auth/login.ts';
import { passwordChange } from '../../auth/password-change.ts';
import { sessionEnd } from '../../auth/sessions.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError, errors } from '../errors.ts';
import { sessionCookieClear, sessionCookieSet } from '../middleware.ts';
import { apiRouter } from '../openapi.ts';
import { requestIp, type ResolvedAppOptions } from '../options.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  LoginBodySchema,
  PasswordChangeBodySchema,
  PasswordSchema,
  SessionSchema,
} from '../schemas/users.ts';
import { userPresent } from './users.ts';

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in: sets the ding_session cookie and returns the CSRF token',
  request: { body: jsonBody(LoginBodySchema) },
  responses: {
    200: jsonResponse(SessionSchema, 'signed in'),
    ...errorResponses(400, 401, 403, 429),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Log out (ends this session)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  responses: { 204: { description: 'signed out' }, ...errorResponses(401, 403) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user and the session’s CSRF token',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(SessionSchema, 'the session'), ...errorResponses(401) },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary:
    'Change your own password (audited): ends every other session of the account; a wrong current password counts as a failed log-in',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { body: jsonBody(PasswordChangeBodySchema) },
  responses: {
    204: { description: 'changed; this session stays signed in, every other one is signed out' },
    ...errorResponses(400, 401, 403, 422, 429),
  },
});

/** 429 with Retry-After, as log-in answers while throttled. */
function tooManyAttempts(c: { header(name: string, value: string): void }, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(
    429,
    'too_many_attempts',
    {
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      en: `too many failed log-ins; try again in ${minutes} min`,
    },
    { retryAfterSeconds },
  );
}

export function authRoutes(options: ResolvedAppOptions) {
  return apiRouter()
    .openapi(loginRoute, async (c) => {
      const repos = c.var.ws.repos;
      const result = await login(repos, c.req.valid('json'), {
        ip: requestIp(c, options),
        now: options.now,
        failureDelayMs: options.loginFailureDelayMs,
      });
      if (!result.ok) {
        if (result.kind === 'too_many_attempts') throw tooManyAttempts(c, result.retryAfterSeconds);
        throw new ApiError(401, 'bad_credentials', {
          zh: '用户名或密码错误',
          en: 'wrong username or password',
        });
      }
      // Signing in again replaces the session this browser had.
      const previous = c.get('session');
      if (previous) await sessionEnd(repos, previous.id);
      sessionCookieSet(c, result.started.token, options);
      return c.json({ user: userPresent(result.user), csrfToken: result.started.session.csrfToken }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const session = c.get('session');
      if (session) await sessionEnd(c.var.ws.repos, session.id);
      sessionCookieClear(c, options);
      return c.body(null, 204);
    })
    .openapi(passwordRoute, async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      const session = c.get('session');
      if (!session) throw errors.unauthenticated();
      // The policy an admin-set password passes (schemas/users.ts), checked before any hashing.
      if (!PasswordSchema.safeParse(body.newPassword).success) {
        throw new ApiError(
          422,
          'validation',
          {
            zh: `新密码须为 ${PasswordSchema.minLength}–${PasswordSchema.maxLength} 个字符`,
            en: `the new password needs ${PasswordSchema.minLength}–${PasswordSchema.maxLength} characters`,
          },
          { kind: 'weak_password', field: 'newPassword' },
        );
      }
      if (body.newPassword.normalize('NFC') === body.currentPassword.normalize('NFC')) {
        throw new ApiError(
          422,
          'validation',
          { zh: '新密码不能与当前密码相同', en: 'the new password must differ from the current one' },
          { kind: 'same_password', field: 'newPassword' },
        );
      }
      const result = await passwordChange(c.var.ws.repos, user, body, {
        sessionId: session.id,
        ip: requestIp(c, options),
        now: options.now,
        failureDelayMs: options.loginFailureDelayMs,
        params: options.passwordParams,
      });
      if (!result.ok) {
        if (result.kind === 'too_many_attempts') throw tooManyAttempts(c, result.retryAfterSeconds);
        throw new ApiError(
          403,
          'bad_credentials',
          { zh: '当前密码不正确', en: 'the current password is wrong' },
          { field: 'currentPassword' },
        );
      }
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const user = await c.var.ws.repos.users.get(currentUser(c).id);
      const session = c.get('session');
      if (!user || !session) throw errors.unauthenticated();
      return c.json({ user: userPresent(user), csrfToken: session.csrfToken }, 200);
    });
}
