// The signed webhook channel against a real HTTP receiver on loopback that checks the signature with
// webhookSignatureVerify; the send log on SQLite.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WebhookChannel,
  notificationsDispatch,
  webhookChannelFromEnv,
  webhookSignatureHeader,
  webhookSignatureVerify,
  type WebhookPayload,
} from '../../src/index.ts';
import {
  T0,
  buildMessage,
  httpTestReceiver,
  minutesLater,
  openSqliteSendLog,
  type HttpTestReceiver,
  type ReceivedRequest,
  type SendLogDatabase,
} from './support.ts';

const SECRET = 'whsec-测试-0123456789';

let t: SendLogDatabase;
let receiver: HttpTestReceiver | undefined;
beforeEach(async () => {
  t = await openSqliteSendLog();
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await t.dispose();
});

/** A receiver answering the given statuses in turn (the last one repeats) to correctly signed requests. */
async function receiverAnswering(...statuses: number[]): Promise<HttpTestReceiver> {
  let i = 0;
  receiver = await httpTestReceiver((req: ReceivedRequest) => {
    const signed = webhookSignatureVerify(
      SECRET,
      req.headers['x-ding-signature'] as string,
      req.rawBody,
      300,
    );
    if (!signed) return 401;
    return statuses[Math.min(i++, statuses.length - 1)] ?? 200;
  });
  return receiver;
}

describe('signed webhook', () => {
  it('POSTs the message as JSON, signed, with the key as the delivery id', async () => {
    const r = await receiverAnswering(200);
    const channel = new WebhookChannel({ url: `${r.url}?key=token-not-for-logs`, secret: SECRET });
    const message = buildMessage();
    const summary = await notificationsDispatch(t.repos, [channel], [message], { now: T0 });
    expect(summary.details).toMatchObject([{ outcome: 'sent', detail: 'HTTP 200' }]);
    const [req] = r.received;
    expect(req?.headers['x-ding-delivery']).toBe(message.key);
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(req!.rawBody) as WebhookPayload;
    expect(body).toEqual({
      id: message.key,
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      recipient: { userId: 'u-zhang', username: 'zhangsan', displayName: '张三', phone: '13800000000' },
      subject: message.subject,
      text: message.text,
      link: message.link,
    });
    // The log shows where it went, not the token in the query.
    expect((await t.repos.notificationSends.list())[0]?.recipientAddress).toBe(r.url);
  });

  it('a 500 is failed and retried; the 200 that follows delivers it, with the same delivery id', async () => {
    const r = await receiverAnswering(500, 200);
    const channel = new WebhookChannel({ url: r.url, secret: SECRET });
    const first = await notificationsDispatch(t.repos, [channel], [buildMessage()], { now: T0 });
    expect(first.details).toMatchObject([{ outcome: 'failed', error: 'HTTP 500 收到' }]);
    const second = await notificationsDispatch(t.repos, [channel], [buildMessage()], {
      now: minutesLater(1),
    });
    expect(second.sent).toBe(1);
    expect(r.received.map((q) => q.headers['x-ding-delivery'])).toEqual([
      buildMessage().key,
      buildMessage().key,
    ]);
  });

  it('a 4xx is dead, except 408 and 429, which are retried', async () => {
    for (const [status, outcome] of [
      [404, 'dead'],
      [401, 'dead'],
      [408, 'failed'],
      [429, 'failed'],
      [503, 'failed'],
    ] as const) {
      const r = await httpTestReceiver(() => status);
      const channel = new WebhookChannel({ url: r.url, secret: SECRET });
      const message = buildMessage({ key: `digest:u-zhang:${status}` });
      const summary = await notificationsDispatch(t.repos, [channel], [message], { now: T0 });
      await r.close();
      expect([status, summary.details[0]?.outcome]).toEqual([status, outcome]);
    }
  });

  it('an unreachable receiver or one too slow to answer is retryable', async () => {
    const r = await httpTestReceiver(() => 200);
    await r.close();
    const gone = await notificationsDispatch(
      t.repos,
      [new WebhookChannel({ url: r.url, secret: SECRET })],
      [buildMessage()],
      {
        now: T0,
      },
    );
    expect(gone.failed).toBe(1);
    // Accepts the connection, never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = new WebhookChannel({ url: `http://127.0.0.1:${port}/`, secret: SECRET, timeoutMs: 200 });
    const timedOut = await notificationsDispatch(t.repos, [slow], [buildMessage({ key: 'digest:slow' })], {
      now: T0,
    });
    silent.close();
    expect(timedOut.details).toMatchObject([
      { outcome: 'failed', error: expect.stringMatching(/timeout|aborted/i) },
    ]);
  });
});

describe('webhookSignatureVerify', () => {
  const body = JSON.stringify({ id: 'digest:u-zhang:2025-10-09', subject: '督办提醒' });
  const now = 1_760_000_000;
  const header = webhookSignatureHeader(SECRET, body, now);

  it('accepts the signature of the raw body within the tolerance', () => {
    expect(header).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
    expect(webhookSignatureVerify(SECRET, header, body, 300, now + 299)).toBe(true);
    expect(webhookSignatureVerify(SECRET, header, Buffer.from(body, 'utf8'), 300, now)).toBe(true);
  });

  it('refuses another body, another secret, an old or future timestamp, a missing or malformed header', () => {
    expect(webhookSignatureVerify(SECRET, header, body.replace('督办', '催办'), 300, now)).toBe(false);
    expect(webhookSignatureVerify('other', header, body, 300, now)).toBe(false);
    expect(webhookSignatureVerify(SECRET, header, body, 300, now + 301)).toBe(false);
    expect(webhookSignatureVerify(SECRET, header, body, 300, now - 301)).toBe(false);
    expect(webhookSignatureVerify(SECRET, undefined, body, 300, now)).toBe(false);
    expect(webhookSignatureVerify(SECRET, 'v1=abc', body, 300, now)).toBe(false);
    expect(webhookSignatureVerify(SECRET, header.replace(/v1=../, 'v1=zz'), body, 300, now)).toBe(false);
  });

  it('accepts any of several v1 signatures (a secret being rotated)', () => {
    const old = webhookSignatureHeader('old-secret', body, now).split(',')[1];
    expect(webhookSignatureVerify(SECRET, `${header},${old}`, body, 300, now)).toBe(true);
    expect(webhookSignatureVerify('old-secret', `${header},${old}`, body, 300, now)).toBe(true);
  });
});

describe('webhookChannelFromEnv', () => {
  it('is undefined without DING_WEBHOOK_URL, and refuses to run unsigned', () => {
    expect(webhookChannelFromEnv({})).toBeUndefined();
    expect(() => webhookChannelFromEnv({ DING_WEBHOOK_URL: 'https://bridge.example/hook' })).toThrow(
      /DING_WEBHOOK_SECRET/,
    );
    const channel = webhookChannelFromEnv({
      DING_WEBHOOK_URL: 'https://bridge.example/hook',
      DING_WEBHOOK_SECRET: 's',
    });
    expect(channel?.address()).toBe('https://bridge.example/hook');
  });
});
