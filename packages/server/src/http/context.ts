// What every route handler can rely on: the workspace, the signed-in user, and one way to fail.
// The session middleware (auth) fills `user`; routes declare who may call them with requireRole.
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor, LocalizedName, Role } from '@ding/core';
import type { Workspace } from '../services/workspace.ts';

export interface SessionUser extends Actor {
  id: string;
  username: string;
  displayName: string;
}

export interface AppEnv {
  Variables: {
    ws: Workspace;
    /** Set by the session middleware when the request carries a valid session cookie. */
    user: SessionUser | undefined;
    /** The caller's language: zh unless Accept-Language/`?lang` asks for en. */
    lang: 'zh' | 'en';
    /** The session of `user` (its id is the token's SHA-256), for logout and the CSRF check. */
    session: { id: string; csrfToken: string } | undefined;
  };
}

export type AppContext = Context<AppEnv>;

/** The JSON error every endpoint returns: a stable code and a message in the caller's language. */
export function apiError(
  c: AppContext,
  status: ContentfulStatusCode,
  code: string,
  message: LocalizedName,
  details?: unknown,
) {
  const lang = c.get('lang') ?? 'zh';
  return c.json(
    { error: { code, message: message[lang], ...(details === undefined ? {} : { details }) } },
    status,
  );
}

/** 401 without a session; 403 when the user's role is not among `roles` (none given: any signed-in user). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return apiError(c, 401, 'unauthenticated', { zh: '请先登录', en: 'please sign in' });
    if (roles.length > 0 && !roles.includes(user.role)) {
      return apiError(c, 403, 'forbidden', { zh: '无权执行此操作', en: 'you may not do this' });
    }
    await next();
  };
}

/** The signed-in user (after requireRole). */
export function currentUser(c: AppContext): SessionUser {
  const user = c.get('user');
  if (!user) throw new Error('currentUser() called on a route without requireRole()');
  return user;
}
