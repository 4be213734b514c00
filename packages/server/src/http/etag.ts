// Conditional GETs of the read endpoints computed from published data (issue 17 §3): a weak ETag made
// from everything the body depends on (the snapshot or write stamp, the plan version, the query), 304 with
// no body when the client already holds it, and the serialized JSON kept per ETag so a cached payload is
// not stringified again on every request.
import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Part of every ETag: this process. A restart may bring other code (another body for the same data) or
 * another index spec file, so an ETag never outlives the process that made it. The cost: two instances
 * (PostgreSQL server mode) do not revalidate each other's ETags — a client switching instance gets a 200.
 */
const PROCESS = randomUUID();

/** What an ETag is made from: strings, numbers, lists of them; undefined and null are distinct values. */
export type EtagPart = string | number | boolean | null | undefined | readonly (string | number)[];

/** A weak ETag (W/"…") of `parts`: equal parts, equal tag; any part different, another tag. */
export function etagOf(parts: readonly EtagPart[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([PROCESS, ...parts.map((p) => (p === undefined ? { undefined: true } : p))]))
    .digest('base64url')
    .slice(0, 27);
  return `W/"${digest}"`;
}

/** Whether an If-None-Match header matches `etag` (weak comparison, RFC 9110 §13.1.2; `*` matches). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted);
}

/**
 * Serialized bodies by ETag, as UTF-8 bytes (encoded once, not on every answer), the oldest first, up to
 * this many bytes in all (a full progress table is ~0.8 MB, a city screen ~70 kB): the screens and tables
 * asked for lately.
 */
const BODIES_MAX_BYTES = 16 * 2 ** 20;
const bodies = new Map<string, Uint8Array<ArrayBuffer>>();
let bodiesBytes = 0;

function bodyKeep(etag: string, json: Uint8Array<ArrayBuffer>): void {
  if (bodies.has(etag) || json.byteLength > BODIES_MAX_BYTES / 4) return;
  bodies.set(etag, json);
  bodiesBytes += json.byteLength;
  for (const [oldest, old] of bodies) {
    if (bodiesBytes <= BODIES_MAX_BYTES) break;
    bodies.delete(oldest);
    bodiesBytes -= old.byteLength;
  }
}

/**
 * Response headers of a body that has an ETag: browsers may store it (this user only) but revalidate
 * every time, so a publish or a plan edit is seen at the next request.
 */
function etagHeaders(etag: string): Record<string, string> {
  return { etag, 'cache-control': 'private, no-cache' };
}

/**
 * The JSON answer of a GET whose body is determined by `etag`: 304 (no body) when If-None-Match holds it,
 * else 200 with the ETag. `body` is called only for a 200; when the ETag was answered recently its JSON is
 * reused. Without an ETag (`undefined`: the body depends on something not in the tag), a plain 200.
 */
export async function jsonEtagged(
  c: Context,
  etag: string | undefined,
  body: () => unknown,
): Promise<Response> {
  if (etag === undefined) return c.json((await body()) as object, 200);
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, etagHeaders(etag));
  let json = bodies.get(etag);
  if (json === undefined) {
    json = new TextEncoder().encode(JSON.stringify(await body()));
    bodyKeep(etag, json);
  }
  return c.body(json, 200, { ...etagHeaders(etag), 'content-type': 'application/json' });
}

/** The 304 of a route with an ETag, for its OpenAPI responses. */
export const NOT_MODIFIED = {
  304: { description: 'Not Modified: If-None-Match holds the current ETag (no body)' },
} as const;
