// The e-mail channel: SMTP through nodemailer, the SMTP reply mapped to retryable or not (RFC 5321 §4.2.1:
// 4yz is a transient failure, 5yz a permanent one).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type NodemailerModule from 'nodemailer';
import type { Transporter } from 'nodemailer';
import {
  ChannelError,
  messageTextWithLink,
  type NotificationChannel,
  type OutgoingMessage,
  type Recipient,
} from './channel.ts';

export interface EmailChannelConfig {
  /** `smtp://[user:password@]host[:port]`, or `smtps://…` for TLS from the first byte (port 465). */
  url: string;
  /** The From header, e.g. `慈溪市科技局 <noreply@kjj.cixi.gov.cn>`. */
  from: string;
  /** Connect, greeting and idle-socket timeout each; default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

// Required when an e-mail channel is made, not when the server package loads: most `ding` commands never
// send mail (as with ExcelJS and ECharts, issue 17 §5).
const requireLazy = createRequire(import.meta.url);
const nodemailer = (): typeof NodemailerModule => requireLazy('nodemailer') as typeof NodemailerModule;

/** Network-level failures (nodemailer's codes): the server may answer next time. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'EREQUIRETLS',
]);

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * 5yz refuses this message for good (a bad mailbox); 4yz and a lost connection may pass later. Auth and TLS
 * refusals are retryable even as 5yz: they are the server's configuration, not the recipient's, and every
 * message would die until it is fixed.
 */
function smtpRetryable(e: unknown): boolean {
  const f = (e ?? {}) as SmtpFailure;
  if (f.code !== undefined && TRANSIENT_CODES.has(f.code)) return true;
  if (typeof f.responseCode === 'number') return f.responseCode < 500;
  // Refused before anything was sent (an address nodemailer cannot use, a malformed message).
  if (f.code === 'EENVELOPE' || f.code === 'EMESSAGE') return false;
  return true;
}

function transportOptions(config: EmailChannelConfig) {
  const url = new URL(config.url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`DING_SMTP_URL must be smtp:// or smtps://, not ${url.protocol}//`);
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    host: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  };
}

/** A Message-ID that is the same for every attempt of a key, so a mail client shows a resent digest once. */
function messageId(key: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'ding.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

export class EmailChannel implements NotificationChannel {
  readonly name = 'email';
  private readonly transport: Transporter;

  constructor(private readonly config: EmailChannelConfig) {
    this.transport = nodemailer().createTransport(transportOptions(config));
  }

  reaches(recipient: Recipient): boolean {
    return Boolean(recipient.email);
  }

  address(recipient: Recipient): string {
    return recipient.email ?? '';
  }

  async send(message: OutgoingMessage): Promise<{ detail?: string }> {
    const to = message.recipient.email;
    if (!to)
      throw new ChannelError(`${message.recipient.username} has no e-mail address`, { retryable: false });
    try {
      const info = (await this.transport.sendMail({
        from: this.config.from,
        to: { name: message.recipient.displayName, address: to },
        subject: message.subject,
        text: messageTextWithLink(message.text, message.link),
        ...(message.html ? { html: message.html } : {}),
        messageId: messageId(message.key, this.config.from),
        headers: { 'X-Ding-Delivery': message.key },
      })) as { response?: string };
      return info.response ? { detail: info.response } : {};
    } catch (e) {
      throw new ChannelError(e instanceof Error ? e.message : String(e), {
        retryable: smtpRetryable(e),
        cause: e,
      });
    }
  }
}

/** The e-mail channel from DING_SMTP_URL and DING_MAIL_FROM; undefined when DING_SMTP_URL is not set. */
export function emailChannelFromEnv(env: NodeJS.ProcessEnv = process.env): EmailChannel | undefined {
  const url = env.DING_SMTP_URL?.trim();
  if (!url) return undefined;
  const from = env.DING_MAIL_FROM?.trim();
  if (!from)
    throw new Error(
      'DING_SMTP_URL is set but DING_MAIL_FROM is not (e.g. 慈溪市科技局 <noreply@example.gov.cn>)',
    );
  return new EmailChannel({ url, from });
}
