// The one interface every notification channel implements (issue 11 §4): in-app notices, e-mail, a signed
// webhook. A channel only delivers a finished message; the send log and retries live in dispatch.ts.

export type ChannelName = 'inapp' | 'email' | 'webhook';

export interface Recipient {
  userId: string;
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
}

export interface OutgoingMessage {
  /** Idempotency key, e.g. `digest:<userId>:<yyyy-mm-dd>` — one delivery per key per channel, ever. */
  key: string;
  recipient: Recipient;
  /** Plain text. */
  subject: string;
  /** Plain-text body (zh-CN by default). */
  text: string;
  html?: string;
  /** Link into the app (absolute URL) shown in the message. */
  link?: string;
  /** The English subject and body, where a channel can show both languages (the in-app notice). */
  en?: { subject: string; text: string };
}

export interface NotificationChannel {
  readonly name: ChannelName;
  /** Whether this channel can reach the recipient at all (email needs an address). */
  reaches(recipient: Recipient): boolean;
  /** Where a message to the recipient goes, as the send log shows it (an address, a URL, a user id). */
  address(recipient: Recipient): string;
  /**
   * Deliver or throw a ChannelError (with `retryable`: a 4xx refusal of a bad address is not retryable, a
   * 5xx/4xx-temporary/connection error is).
   */
  send(message: OutgoingMessage): Promise<{ detail?: string }>;
}

/** A delivery that did not happen; `retryable` says whether trying again later can succeed. */
export class ChannelError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ChannelError';
    this.retryable = options.retryable;
  }
}

/** The body with the app link as its last line, for channels that carry only text. */
export function messageTextWithLink(text: string, link: string | undefined, prefix = '查看详情：'): string {
  return link ? `${text}\n\n${prefix}${link}` : text;
}
