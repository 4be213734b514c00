// Serving the built web app (packages/web/dist): files as they are, hashed assets cached for a year,
// and index.html for every other non-/api path so the client-side router can take it (SPA fallback).
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, normalize, resolve, sep } from 'node:path';
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

/** Text types worth compressing: the screen's JS shrinks about 3× (749 → 246 kB), images do not. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.geojson']);

/** Gzipped bytes per file, made once per version of the file (built assets never change). */
const gzipCache = new Map<string, { mtimeMs: number; bytes: Uint8Array<ArrayBuffer> }>();

async function gzipped(file: string): Promise<Uint8Array<ArrayBuffer>> {
  const { mtimeMs } = await stat(file);
  const cached = gzipCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.bytes;
  const bytes = new Uint8Array(gzipSync(await readFile(file), { level: 9 }));
  gzipCache.set(file, { mtimeMs, bytes });
  return bytes;
}

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
  // The big screens are their own Vite entry (packages/web/screen.html): /screen and /screen/* get it.
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    const acceptsGzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const send = async (file: string, cache: string) => {
      const ext = extname(file).toLowerCase();
      const headers: Record<string, string> = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': cache,
      };
      if (!COMPRESSIBLE.has(ext)) return c.body(await readFile(file), 200, headers);
      headers.vary = 'Accept-Encoding';
      if (!acceptsGzip) return c.body(await readFile(file), 200, headers);
      return c.body(await gzipped(file), 200, { ...headers, 'content-encoding': 'gzip' });
    };
    const file = path === '/' ? undefined : await fileIn(root, path);
    if (file) return send(file, HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    // A missing file (it has an extension) is a 404; anything else is a page of the app.
    if (extname(path) !== '' && path !== '/') return next();
    const page = await fileIn(root, /^\/screen(\/|$)/.test(path) ? 'screen.html' : 'index.html');
    // dist can be empty for a moment while the web app is rebuilt: say so rather than fail with a 500.
    if (!page) {
      return c.text(
        '科创鼎的网页正在构建，请稍后刷新。The web app is being built; reload in a moment.',
        503,
        {
          'retry-after': '5',
        },
      );
    }
    return send(page, 'no-cache');
  });
}
