// `ding serve`: the HTTP server — the JSON API under /api and the web app — on the workspace's database.
// Builds the web app first when packages/web/dist is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import { createApp, workspaceOpen } from '@ding/server';
import { addDatabaseOption } from './workspace-options.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const WEB = join(REPO, 'packages', 'web');

/** Newest modification time (ms) of the files under `paths` (folders walked; node_modules and dist skipped). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
        visit(join(path, entry));
      }
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/**
 * The built web app, building it first when it is missing or stale (its sources, or the engine it
 * bundles from packages/core, changed since). Undefined when there is no web app to serve: the server
 * then shows its own progress page.
 */
export function webDistEnsure(options: { build: boolean; dist?: string }): string | undefined {
  const dist = options.dist ? resolve(options.dist) : join(WEB, 'dist');
  const index = join(dist, 'index.html');
  if (options.dist || !options.build || !existsSync(join(WEB, 'src'))) {
    return existsSync(index) ? dist : undefined;
  }
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public']
    .map((p) => join(WEB, p))
    .concat(join(REPO, 'packages', 'core', 'src'));
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= newestMtime(sources)) return dist;

  console.log(
    built ? 'web app: sources changed, rebuilding packages/web …' : 'web app: building packages/web …',
  );
  let vite: string;
  try {
    // vite's package root, from its main entry (dist/node/index.js); its CLI is bin/vite.js.
    vite = join(
      resolve(dirname(createRequire(join(WEB, 'package.json')).resolve('vite')), '../..'),
      'bin/vite.js',
    );
  } catch {
    console.warn('web app: vite is not installed (npm install); serving without the web app');
    return existsSync(index) ? dist : undefined;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: WEB,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.warn(
      `web app: the build failed (exit ${result.status ?? result.signal}); ${existsSync(index) ? 'serving the previous build' : 'serving the plain progress page'}`,
    );
    return existsSync(index) ? dist : undefined;
  }
  console.log(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dist;
}

export function registerServeCommand(program: Command): void {
  addDatabaseOption(program.command('serve'))
    .description('serve the web app and the JSON API (building the web app first when needed)')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--no-build', 'do not build the web app, serve packages/web/dist as it is')
    .option('--web-dist <dir>', 'serve this built web app instead of packages/web/dist')
    .option('--trust-proxy', 'behind a reverse proxy: client IP and scheme from X-Forwarded-* headers')
    .action(
      async (opts: {
        db?: string;
        port: string;
        host: string;
        build: boolean;
        webDist?: string;
        trustProxy?: boolean;
      }) => {
        const webDist = webDistEnsure({ build: opts.build, ...(opts.webDist ? { dist: opts.webDist } : {}) });
        const ws = await workspaceOpen(opts.db ? { file: opts.db } : {});
        const app = createApp(ws, { ...(webDist ? { webDist } : {}), trustProxy: opts.trustProxy ?? false });
        const server = serve({ fetch: app.fetch, port: Number(opts.port), hostname: opts.host }, (info) => {
          const host = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
          console.log(`科创鼎 Ding is serving ${ws.db.location} at http://${host}:${info.port}/`);
          console.log(
            webDist
              ? `web app: ${webDist}; API docs at http://${host}:${info.port}/api/docs`
              : `no web app built: the progress page is served at /; API docs at /api/docs`,
          );
        });
        const stop = () => server.close(() => void ws.close().then(() => process.exit(0)));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      },
    );
}
