// Failing a request: throw an ApiError anywhere in a handler; the app's error handler answers
// `{error: {code, message, details?}}` in the caller's language. Anything else is a 500 that is logged.
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { LocalizedName } from '@ding/core';
import { apiError, type AppEnv } from './context.ts';
import { DatabaseBusyError } from '../db/open.ts';
import { NoPlanError } from '../services/workspace.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messages: LocalizedName,
    readonly details?: unknown,
  ) {
    super(messages.en);
    this.name = 'ApiError';
  }
}

/** The errors every route may raise, with their stable codes (docs/API.md, Conventions). */
export const errors = {
  unauthenticated: () => new ApiError(401, 'unauthenticated', { zh: '请先登录', en: 'please sign in' }),
  forbidden: (why?: LocalizedName) =>
    new ApiError(403, 'forbidden', why ?? { zh: '无权执行此操作', en: 'you may not do this' }),
  notFound: (what: LocalizedName) => new ApiError(404, 'not_found', what),
  conflict: (why: LocalizedName, details?: unknown) => new ApiError(409, 'conflict', why, details),
  validation: (why: LocalizedName, details?: unknown, status: 400 | 422 = 422) =>
    new ApiError(status, 'validation', why, details),
};

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return apiError(c, err.status, err.code, err.messages, err.details);
  // Hono's own 4xx (e.g. a body that is not JSON) keep their status, in our shape.
  if (err instanceof HTTPException && err.status < 500) {
    return apiError(c, err.status, err.status === 400 ? 'validation' : 'http_error', {
      zh: `请求无效：${err.message}`,
      en: `bad request: ${err.message}`,
    });
  }
  // A database that was migrated but never given a plan: every plan-based route says what to do.
  if (err instanceof NoPlanError)
    return apiError(c, 404, 'no_plan', {
      zh: '尚未加载计划，请先运行 ding init',
      en: 'no plan is loaded: run `ding init` first',
    });
  // Another process held the SQLite write lock past the wait (a long import): nothing was written, retry.
  if (err instanceof DatabaseBusyError) {
    c.header('Retry-After', '30');
    return apiError(c, 503, 'busy', {
      zh: '数据库正被其他写入（如导入）占用，本次未写入任何数据，请稍后重试',
      en: 'the database is busy with another writer (an import?): nothing was written, try again shortly',
    });
  }
  console.error(`[ding] ${c.req.method} ${c.req.path} failed:`, err);
  return apiError(c, 500, 'internal', {
    zh: '服务器内部错误，已记录',
    en: 'internal server error (logged)',
  });
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  apiError(c, 404, 'not_found', {
    zh: `没有 ${c.req.method} ${c.req.path}`,
    en: `no such endpoint: ${c.req.method} ${c.req.path}`,
  });
