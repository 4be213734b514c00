// gzip of JSON bodies over 1 kB when the client accepts it (issue 17 §3). Not hono/compress: it compresses
// only when it knows the size from a Content-Length header, which c.json never sets (so every JSON body,
// even a 40-byte error, would be gzipped), and it gzips the same body again on every request. Here the
// size is the body's, and a body with an ETag (http/etag.ts: the tag determines the body) is gzipped once.
// Only JSON types: downloads (XLSX, DOCX, PDF, CSV), event streams and the web app's files pass untouched.
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const gzip = promisify(gzipCallback);

/** Bodies smaller than this are sent as they are: the gzip header and the work cost more than they save. */
export const COMPRESS_THRESHOLD = 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** Gzipped bodies by ETag (weak ETags of bodies, not of encodings: the same tag for both, RFC 9110). */
const GZIPPED_KEPT = 64;
const gzipped = new Map<string, Uint8Array>();

/** Whether Accept-Encoding allows gzip: listed with q > 0, or `*` with q > 0 and gzip not refused. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    const ok = q ? Number(q[1]) > 0 : true;
    const name = coding.trim();
    if (name === 'gzip' || name === 'x-gzip') return ok;
    if (name === '*') star = ok;
  }
  return star ?? false;
}

function varyAcceptEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

export function compressMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // A 304 names what the 200 would vary on.
    if (res.status === 304 && res.headers.has('etag')) varyAcceptEncoding(res.headers);
    if (c.req.method === 'HEAD' || res.status !== 200 || !res.body) return;
    if (!JSON_TYPE.test(res.headers.get('content-type') ?? '')) return;
    if (
      res.headers.has('content-encoding') ||
      /\bno-transform\b/i.test(res.headers.get('cache-control') ?? '')
    )
      return;
    if (!acceptsGzip(c.req.header('accept-encoding'))) {
      varyAcceptEncoding(res.headers);
      return;
    }
    // Headers are changed in place: Hono copies the old response's headers onto the one set as c.res.
    const headers = res.headers;
    varyAcceptEncoding(headers);
    const etag = headers.get('etag');
    let bytes = etag ? gzipped.get(etag) : undefined;
    if (bytes) {
      await res.body.cancel();
    } else {
      const plain = new Uint8Array(await res.arrayBuffer());
      if (plain.byteLength < COMPRESS_THRESHOLD) {
        c.res = new Response(plain, { status: res.status, headers });
        return;
      }
      bytes = new Uint8Array(await gzip(plain));
      if (etag) {
        gzipped.set(etag, bytes);
        if (gzipped.size > GZIPPED_KEPT) gzipped.delete(gzipped.keys().next().value!);
      }
    }
    headers.set('content-encoding', 'gzip');
    headers.set('content-length', String(bytes.byteLength));
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    c.res = new Response(bytes, { status: res.status, headers });
  };
}
