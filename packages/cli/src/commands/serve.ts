// `ding serve`: the HTTP server (API + progress page) on the workspace's database.
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import { createApp, workspaceOpen } from '@ding/server';
import { addDatabaseOption } from './workspace-options.ts';

export function registerServeCommand(program: Command): void {
  addDatabaseOption(program.command('serve'))
    .description('serve the progress pages and the JSON API')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: { db?: string; port: string; host: string }) => {
      const ws = await workspaceOpen(opts.db ? { file: opts.db } : {});
      const server = serve(
        { fetch: createApp(ws).fetch, port: Number(opts.port), hostname: opts.host },
        (info) => {
          console.log(
            `科创鼎 Ding is serving ${ws.db.location} at http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${info.port}/`,
          );
        },
      );
      const stop = () => server.close(() => void ws.close().then(() => process.exit(0)));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
