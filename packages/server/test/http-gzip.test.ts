// gzip of JSON bodies (issue 17 §3): over 1 kB and when the client accepts it, gunzipping to the plain body;
// nothing else is compressed (small bodies, errors, 304s, downloads, event streams).
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../src/http/compress.ts';
import { demoAppOpen, tagged, type DemoApp } from './support/demo-app.ts';
import { readUntil } from './support/event-stream.ts';
import type { TestClient } from './support/http-client.ts';

let admin: TestClient;
let anonymous: TestClient;
let demo: DemoApp;

const PROGRESS = '/api/progress?period=2025Q3';
const HUSHAN = '330282004';

beforeAll(async () => {
  demo = await demoAppOpen({ screenPublic: true });
  ({ admin, anonymous } = demo);
});
afterAll(() => demo.close());

describe('gzip', () => {
  it('reads Accept-Encoding', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0.5, gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('/api/progress with Accept-Encoding: gzip is gzipped, and gunzips to the plain body', async () => {
    const plain = await admin.get(PROGRESS);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    for (let i = 0; i < 2; i++) {
      // The second answer comes from the gzipped copy kept for its ETag.
      const res = await admin.get(PROGRESS, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('etag')).toBe(plain.headers.get('etag'));
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      expect(bytes.length).toBeLessThan(text.length / 3);
      expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    }
    // Untagged JSON over 1 kB too (the trace).
    const trace = `/api/trace?indicator=hightech_enterprises&region=${HUSHAN}&period=2025Q3`;
    const traceText = await (await anonymous.get(trace)).text();
    const gz = await anonymous.get(trace, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(traceText);
  });

  it('a small body, a 304, an error, a download and an event stream are not compressed', async () => {
    const gzip = { 'accept-encoding': 'gzip' };
    const me = await admin.get('/api/auth/me', { headers: gzip });
    expect(me.status).toBe(200);
    const meText = await me.text();
    expect(meText.length).toBeLessThan(1024);
    expect(me.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(meText)).toMatchObject({ user: { username: 'admin' } });

    const denied = await anonymous.get(PROGRESS, { headers: gzip });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('content-encoding')).toBeNull();

    const { etag } = await tagged(admin, PROGRESS);
    const notModified = await admin.get(PROGRESS, { headers: { ...gzip, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('content-encoding')).toBeNull();
    expect(notModified.headers.get('vary')).toMatch(/accept-encoding/i);

    const xlsx = await admin.get('/api/progress.xlsx?period=2025Q3', { headers: gzip });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-encoding')).toBeNull();
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const events = await anonymous.get('/api/events', { headers: gzip });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.headers.get('content-encoding')).toBeNull();
    const reader = events.body!.getReader();
    await readUntil(reader, /: connected/);
    await reader.cancel();
  });
});
