// The HTTP app: one OpenAPIHono that serves the JSON API under /api (documented at /api/openapi.json,
// browsable at /api/docs) and the built web app (or, before it is built, a server-rendered page).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Workspace } from '../services/workspace.ts';
import { bodyLimitMiddleware } from './body-limit.ts';
import { compressMiddleware } from './compress.ts';
import type { AppEnv } from './context.ts';
import { onError, onNotFound } from './errors.ts';
import {
  csrfMiddleware,
  langMiddleware,
  securityHeadersMiddleware,
  sessionMiddleware,
} from './middleware.ts';
import { apiRouter, docsRoutes, openApiDocument } from './openapi.ts';
import { appOptionsResolve, requestIp, type AppOptions } from './options.ts';
import { progressPageRoute } from './progress-page.ts';
import { allocationRoutes } from './routes/allocation.ts';
import { cupRoutes } from './routes/cup.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { collectionRoutes } from './routes/collection.ts';
import { observationsRoutes } from './routes/observations.ts';
import { planRoutes } from './routes/plan.ts';
import { periodsRoutes } from './routes/periods.ts';
import { progressRoutes } from './routes/progress.ts';
import { reportsRoutes } from './routes/reports.ts';
import { screenRouteOptionsFromEnv, screenRoutes } from './routes/screen.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { supervisionReminderRoutes } from './routes/supervision-reminders.ts';
import { usersRoutes } from './routes/users.ts';
import { webAppRoutes } from './static.ts';

export type { AppOptions } from './options.ts';
export type DingApp = OpenAPIHono<AppEnv>;

export function createApp(ws: Workspace, options: AppOptions = {}): DingApp {
  const opts = appOptionsResolve(options);
  const app = apiRouter();
  app.onError(onError);
  app.notFound(onNotFound);

  app.use('*', async (c, next) => {
    c.set('ws', ws);
    c.set('lang', 'zh');
    c.set('user', undefined);
    c.set('session', undefined);
    await next();
  });
  // CSP (no inline script), no framing but the screens' opt-in, nosniff, same-origin referrers.
  app.use('*', securityHeadersMiddleware());
  // JSON over 1 kB gzipped for clients that accept it (the web app's files are gzipped in static.ts).
  app.use('/api/*', compressMiddleware());
  // Body limits first: a 1 GB body is refused before the session, the login or the route reads it.
  app.use('/api/*', langMiddleware, bodyLimitMiddleware, sessionMiddleware(opts), csrfMiddleware(opts));

  app.route('/api', authRoutes(opts));
  app.route('/api', usersRoutes(opts));
  app.route('/api', planRoutes());
  app.route('/api', allocationRoutes());
  app.route('/api', cupRoutes());
  app.route('/api', observationsRoutes());
  app.route('/api', progressRoutes());
  app.route('/api', periodsRoutes());
  app.route('/api', auditRoutes());
  // Collection rounds, templates, uploads, review/publish, period locks, notices.
  app.route('/api', collectionRoutes());
  // Big screens, traces, live events, towns map (public to anonymous walls when DING_SCREEN_PUBLIC).
  // Event streams are capped per client address: the address the login throttle sees (trustProxy).
  app.route(
    '/api',
    screenRoutes({ ...screenRouteOptionsFromEnv(), clientIp: (c) => requestIp(c, opts), now: opts.now }),
  );
  // The quarterly report: drafts, preview, edits, generation jobs, the archive and its files.
  app.route('/api', reportsRoutes());
  // 督查督办: items, lights, reports with attachments, 延期, 办结.
  app.route('/api', supervisionRoutes(opts));
  app.route('/api', supervisionReminderRoutes(opts));

  openApiDocument(app);
  docsRoutes(app);

  if (opts.webDist && existsSync(join(opts.webDist, 'index.html'))) webAppRoutes(app, opts.webDist);
  else progressPageRoute(app);
  return app;
}
