// The signed webhook channel, for bridges to 浙政钉 / 企业微信: the message POSTed as JSON, signed with a
// shared secret the way Stripe signs its events (a timestamp in the signed text stops replays).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChannelError, type NotificationChannel, type OutgoingMessage } from './channel.ts';

export interface WebhookChannelConfig {
  url: string;
  /** The shared HMAC-SHA256 secret. */
  secret: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

/** The JSON body a receiver gets. */
export interface WebhookPayload {
  /** The message key: a receiver seeing it twice has a redelivery, not a new message. */
  id: string;
  sentAt: string;
  recipient: { userId: string; username: string; displayName: string; phone?: string };
  subject: string;
  text: string;
  link?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function signatureOf(secret: string, t: number, rawBody: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** The X-Ding-Signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function webhookSignatureHeader(
  secret: string,
  rawBody: string,
  nowSec = Math.floor(Date.now() / 1000),
): string {
  return `t=${nowSec},v1=${signatureOf(secret, nowSec, rawBody)}`;
}

/**
 * Whether `header` signs `rawBody` (the bytes as received, before any JSON parsing) with `secret`, at most
 * `toleranceSec` from now. Several v1 values are allowed so a sender can rotate its secret.
 */
export function webhookSignatureVerify(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  toleranceSec: number,
  nowSec = Date.now() / 1000,
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(signatureOf(secret, t, rawBody), 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/i.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v as string, 'hex'), expected));
}

/** 4xx refuses this message for good, except 408 (timeout) and 429 (rate limit), which pass later. */
function statusRetryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Where the log says it went: the URL without its query, which may hold a token (企业微信's `key=`). */
function urlWithoutSecrets(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook';

  constructor(private readonly config: WebhookChannelConfig) {
    const protocol = new URL(config.url).protocol;
    if (protocol !== 'https:' && protocol !== 'http:')
      throw new Error(`webhook URL must be http(s), not ${protocol}`);
  }

  reaches(): boolean {
    return true;
  }

  address(): string {
    return urlWithoutSecrets(this.config.url);
  }

  async send(message: OutgoingMessage): Promise<{ detail?: string }> {
    const body = JSON.stringify(webhookPayload(message, new Date()));
    const response = await this.post(message.key, body);
    // Read to the end so the connection is released; a short excerpt goes to the send log.
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return { detail: `HTTP ${response.status}` };
    const redirect = response.status >= 300 && response.status < 400;
    throw new ChannelError(
      `HTTP ${response.status}${redirect ? ' (redirects are not followed)' : ''} ${answer}`.trim(),
      {
        retryable: statusRetryable(response.status),
      },
    );
  }

  private async post(key: string, body: string): Promise<Response> {
    try {
      return await fetch(this.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-ding-signature': webhookSignatureHeader(this.config.secret, body),
          'x-ding-delivery': key,
        },
        body,
        // A POST redirected would be resent as a GET or to another host: refuse instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (e) {
      // Connection refused, DNS, TLS, the timeout: the receiver may be back later.
      const reason =
        e instanceof Error
          ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}`
          : String(e);
      throw new ChannelError(reason, { retryable: true, cause: e });
    }
  }
}

function webhookPayload(message: OutgoingMessage, sentAt: Date): WebhookPayload {
  const { userId, username, displayName, phone } = message.recipient;
  return {
    id: message.key,
    sentAt: sentAt.toISOString(),
    recipient: { userId, username, displayName, ...(phone ? { phone } : {}) },
    subject: message.subject,
    text: message.text,
    ...(message.link ? { link: message.link } : {}),
  };
}

/** The webhook channel from DING_WEBHOOK_URL and DING_WEBHOOK_SECRET; undefined when the URL is not set. */
export function webhookChannelFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookChannel | undefined {
  const url = env.DING_WEBHOOK_URL?.trim();
  if (!url) return undefined;
  const secret = env.DING_WEBHOOK_SECRET;
  // Unsigned, a receiver could not tell our reminders from forged ones: refuse to start instead.
  if (!secret) throw new Error('DING_WEBHOOK_URL is set but DING_WEBHOOK_SECRET is not');
  return new WebhookChannel({ url, secret });
}
