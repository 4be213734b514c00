// Serving the built web app (packages/web/dist): files as they are, hashed assets cached for a year,
// and index.html for every other non-/api path so the client-side router can take it (SPA fallback).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
};

/** Vite names built assets with a content hash (assets/index-3f2a1b9c.js): safe to cache forever. */
const HASHED = /^\/assets\/.+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

async function fileIn(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = resolve(root, `.${normalize(`/${decoded}`)}`);
  // Never outside the dist folder (../../etc/passwd).
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

export function webAppRoutes(app: OpenAPIHono<AppEnv>, dist: string): void {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  // The big screens are their own Vite entry (packages/web/screen.html): /screen and /screen/* get it.
  const screen = join(root, 'screen.html');
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    const file = path === '/' ? undefined : await fileIn(root, path);
    if (file) {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const cache = HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
      return c.body(await readFile(file), 200, { 'content-type': type, 'cache-control': cache });
    }
    // A missing file (it has an extension) is a 404; anything else is a page of the app.
    if (extname(path) !== '' && path !== '/') return next();
    return c.body(await readFile(/^\/screen(\/|$)/.test(path) ? screen : index), 200, {
      'content-type': TYPES['.html']!,
      'cache-control': 'no-cache',
    });
  });
}
