// Request body limits for /api, applied before the session is read (so before login too): 1 MiB for
// JSON and forms, a larger explicit limit for file uploads (issue 16 item 5: there was none).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError, type AppEnv } from './context.ts';

const MiB = 1024 * 1024;

export const BODY_LIMITS = {
  /** Every JSON body: a plan edit or a grid of a few thousand rows is well under 1 MiB. */
  json: 1 * MiB,
  /**
   * Uploaded workbooks (POST /api/rounds/:id/uploads). A quarter's file is tens of kilobytes; 32 MiB
   * of .xlsx is already more rows than IMPORT_LIMITS.maxRows, so nothing readable is refused here.
   */
  upload: 32 * MiB,
} as const;

/** The routes that receive files, by method and path: workbooks, and 督办 reports with their attachments. */
const UPLOAD_PATH = /^\/api\/(rounds\/[^/]+\/uploads|supervision\/items\/[^/]+\/reports)\/?$/;

function tooLarge(limit: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: limit,
    onError: (c) =>
      apiError(c, 413, 'payload_too_large', {
        zh: `请求内容超过 ${limit / MiB} MiB 上限，未处理`,
        en: `the request body is larger than the limit of ${limit / MiB} MiB; nothing was done`,
      }),
  }) as MiddlewareHandler<AppEnv>;
}

const jsonLimit = tooLarge(BODY_LIMITS.json);
const uploadLimit = tooLarge(BODY_LIMITS.upload);

export const bodyLimitMiddleware: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next);
