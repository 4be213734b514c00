// The OpenAPI side of the app: the router factory every resource uses (one validation hook), the
// document at /api/openapi.json (3.1, generated from the routes' Zod schemas) and the Swagger UI
// page at /api/docs, served from swagger-ui-dist's files (no CDN: offline government networks).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import { apiError, type AppEnv } from './context.ts';

/** Request validation failures: 400 `validation`, with each issue located (body path, query key). */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  const where = first ? `${result.target}${first.path ? `.${first.path}` : ''}` : result.target;
  return apiError(
    c,
    400,
    'validation',
    {
      zh: `请求参数无效（${where}：${first?.message ?? ''}）`,
      en: `invalid request (${where}: ${first?.message ?? ''})`,
    },
    { target: result.target, issues },
  );
};

/** A router for one resource; mount it with `app.route('/api', router)`. */
export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export const OPENAPI_PATH = '/api/openapi.json';

/** Serve the OpenAPI 3.1 document of every route registered on `app` (mounted routers included). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'ding_session',
    description:
      'Set by POST /api/auth/login. Every non-GET request also needs the header X-CSRF-Token (from login or GET /api/auth/me).',
  });
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: '科创鼎 Ding API',
      version: '1.0.0',
      description:
        'Science & technology innovation monitoring: plan, observations, progress, collection rounds, audit. ' +
        'Errors are `{error: {code, message, details?}}`; messages are zh-CN unless `Accept-Language: en` or `?lang=en`. ' +
        'Contract: docs/API.md.',
    },
    servers: [{ url: '/' }],
  });
}

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>科创鼎 Ding API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>`;

// "Try it out" on a write needs the session's CSRF token: fetched from /api/auth/me before each one.
const DOCS_INIT = `window.ui = SwaggerUIBundle({
  url: '${OPENAPI_PATH}',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  requestInterceptor: async (req) => {
    if (req.method && req.method.toUpperCase() !== 'GET') {
      const me = await fetch('/api/auth/me', { credentials: 'same-origin' });
      if (me.ok) req.headers['X-CSRF-Token'] = (await me.json()).csrfToken;
    }
    return req;
  },
});
`;

/** GET /api/docs (the page) and its assets; not part of the OpenAPI document itself. */
export function docsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/api/docs', (c) => c.html(DOCS_PAGE));
  app.get('/api/docs/init.js', (c) =>
    c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/api/docs/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_FILES[file];
    if (!type) return c.notFound();
    const data = await readFile(join(SWAGGER_DIR, file));
    return c.body(data, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
