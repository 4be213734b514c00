// `ding serve`: the HTTP server — the JSON API under /api and the web app — on the workspace's database.
// Builds the web app first when packages/web/dist is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { serve, type ServerType } from '@hono/node-server';
import {
  createApp,
  eventBusPostgres,
  eventBusSet,
  eventsClose,
  reminderChannels,
  reminderScheduleSettingsFromEnv,
  reminderScheduleStart,
  reportQueueClose,
  workspaceOpen,
  type Workspace,
} from '@ding/server';
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

/** The server's open connections, and which of them have a response in flight. */
export interface ServeConnections {
  /** Close every connection that has no response in flight (a keep-alive socket between requests). */
  closeIdle(): void;
}

/**
 * Follow the server's connections from now on (call right after serve()). Node's own
 * closeIdleConnections misses a keep-alive socket whose event stream was ended by the server while the
 * parser still counted its request as in progress; this tracks requests by their responses instead.
 */
export function serveConnectionsTrack(server: ServerType): ServeConnections {
  const open = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, 0);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    open.set(socket, (open.get(socket) ?? 0) + 1);
    res.once('close', () => {
      if (open.has(socket)) open.set(socket, Math.max(0, open.get(socket)! - 1));
    });
  });
  return {
    closeIdle() {
      for (const [socket, inFlight] of open) if (inFlight === 0) socket.destroy();
    },
  };
}

export interface ServeStopOptions {
  /** How long open requests may take to finish before their connections are cut (default 3 s). */
  graceMs?: number;
  /** From serveConnectionsTrack: keep-alive sockets are closed as soon as their last response ends. */
  connections?: ServeConnections;
  log?: (line: string) => void;
}

/**
 * Shut the server down: end every open event stream (a screen on /api/events would otherwise keep
 * server.close waiting forever), stop accepting connections, close idle keep-alive connections as
 * responses finish, cut whatever is still open after the grace period, then close the database.
 * Resolves when all of that is done (`ding serve` then exits 0).
 */
export function serveStop(server: ServerType, ws: Workspace, options: ServeStopOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 3000;
  const http = server as Partial<Pick<HttpServer, 'closeIdleConnections' | 'closeAllConnections'>>;
  eventsClose(ws.repos);
  return new Promise<void>((resolve, reject) => {
    // The streams just told to end finish their responses over the next ticks: their keep-alive
    // connections then sit idle, and server.close waits for idle ones too unless they are closed.
    const closeIdle = () => {
      http.closeIdleConnections?.();
      options.connections?.closeIdle();
    };
    const idle = setInterval(closeIdle, 50);
    const cut = setTimeout(() => {
      options.log?.(`shutdown: cutting the connections still open after ${graceMs / 1000} s`);
      http.closeAllConnections?.();
    }, graceMs);
    server.close((error) => {
      clearInterval(idle);
      clearTimeout(cut);
      // ERR_SERVER_NOT_RUNNING: it was never listening; the database must still be closed.
      const notRunning = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_SERVER_NOT_RUNNING';
      // The report runner first: a generation under way finishes (or fails) before the database closes.
      reportQueueClose(ws)
        .then(() => ws.close())
        .then(() => (error && !notRunning ? reject(error) : resolve()), reject);
    });
    closeIdle();
  });
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
        // Server mode: live events reach the screens of every instance on this PostgreSQL (LISTEN/NOTIFY).
        if (ws.db.dialect === 'postgres' && process.env.DATABASE_URL) {
          const bus = eventBusPostgres(ws.repos, {
            url: process.env.DATABASE_URL,
            db: ws.db.db,
            onError: (e) => console.error(`events: ${e instanceof Error ? e.message : String(e)}`),
          });
          eventBusSet(ws.repos, bus);
          await bus.ready;
        }
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
        const connections = serveConnectionsTrack(server);
        // 督查督办 reminders: today's digests once the day's hour has come (DING_REMINDERS=off to disable).
        const reminders = reminderScheduleSettingsFromEnv();
        const schedule = reminders.enabled
          ? reminderScheduleStart(ws, {
              channels: reminderChannels(ws, { notificationChannels: undefined }),
              hour: reminders.hour,
              ...(process.env.DING_APP_URL ? { appUrl: process.env.DING_APP_URL } : {}),
              onError: (e) => console.error(`reminders: ${e instanceof Error ? e.message : String(e)}`),
            })
          : undefined;
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) return;
          stopping = true;
          console.log(`${signal}: shutting down …`);
          // Last resort, should closing hang: the process must not outlive its supervisor's patience.
          setTimeout(() => {
            console.error('shutdown: not finished after 10 s; exiting');
            process.exit(1);
          }, 10_000).unref();
          Promise.resolve(schedule?.close())
            .then(() => serveStop(server, ws, { connections, log: (line) => console.log(line) }))
            .then(
              () => process.exit(0),
              (e: unknown) => {
                console.error(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
                process.exit(1);
              },
            );
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      },
    );
}
