// Test doubles for the notification tests: a real SMTP server and a real HTTP receiver on loopback, a
// scripted channel, message factories, and send-log databases that can be reopened ("after a restart").
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  ChannelError,
  createRepositories,
  migrateToLatest,
  openDatabase,
  type ChannelName,
  type DatabaseHandle,
  type NotificationChannel,
  type OutgoingMessage,
  type Recipient,
  type Repositories,
} from '../../src/index.ts';
import { TEST_POSTGRES_URL, dropPostgresSchema } from '../support/databases.ts';

export function buildRecipient(overrides: Partial<Recipient> = {}): Recipient {
  return {
    userId: 'u-zhang',
    username: 'zhangsan',
    displayName: '张三',
    email: 'zhangsan@example.gov.cn',
    phone: '13800000000',
    ...overrides,
  };
}

export function buildMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const recipient = overrides.recipient ?? buildRecipient();
  return {
    key: `digest:${recipient.userId}:2025-10-09`,
    recipient,
    subject: '【科创鼎】今日督办提醒：3项待办',
    text: '张三，您好：\n高新技术企业数（坎墩街道）2025年第三季度数据将于10月15日截止报送。',
    link: 'https://ding.example.gov.cn/collection',
    ...overrides,
  };
}

/** A rejection the SMTP server gives at RCPT TO, e.g. 550 (no such mailbox) or 451 (try later). */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpTestServer {
  url: string;
  /** The messages accepted so far, parsed. */
  received: ParsedMail[];
  /** Set to make RCPT TO fail; clear it to accept again. */
  refusal: SmtpRefusal | undefined;
  close(): Promise<void>;
}

export async function smtpTestServer(): Promise<SmtpTestServer> {
  const received: ParsedMail[] = [];
  const state: SmtpTestServer = { url: '', received, refusal: undefined, close: async () => undefined };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refusal) return callback();
      const error = Object.assign(new Error(state.refusal.message), { responseCode: state.refusal.code });
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface HttpTestReceiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** An HTTP server answering each request with `respond(request)`'s status. */
export async function httpTestReceiver(
  respond: (request: ReceivedRequest) => number,
): Promise<HttpTestReceiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      res.writeHead(respond(request), { 'content-type': 'text/plain; charset=utf-8' }).end('收到');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/ding`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A channel whose outcome each test scripts: it records what it was asked to send and fails with the next
 * queued error, if any.
 */
export class ScriptedChannel implements NotificationChannel {
  readonly sent: OutgoingMessage[] = [];
  readonly failures: unknown[] = [];

  constructor(
    readonly name: ChannelName,
    private readonly options: { reaches?: (r: Recipient) => boolean; delayMs?: number } = {},
  ) {}

  reaches(recipient: Recipient): boolean {
    return this.options.reaches?.(recipient) ?? true;
  }

  address(recipient: Recipient): string {
    return `${this.name}:${recipient.userId}`;
  }

  failNext(...errors: unknown[]): this {
    this.failures.push(...errors);
    return this;
  }

  async send(message: OutgoingMessage): Promise<{ detail?: string }> {
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    if (this.failures.length > 0) throw this.failures.shift();
    this.sent.push(message);
    return { detail: 'ok' };
  }
}

export const temporary = (message = '451 4.3.0 try later') => new ChannelError(message, { retryable: true });
export const permanent = (message = '550 5.1.1 no such user') =>
  new ChannelError(message, { retryable: false });

/** A migrated database that a second process can open too: `reopen` is another connection to the same data. */
export interface SendLogDatabase {
  handle: DatabaseHandle;
  repos: Repositories;
  reopen(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

export type OpenSendLogDatabase = () => Promise<SendLogDatabase>;

async function sendLogDatabase(
  open: () => Promise<DatabaseHandle>,
  cleanUp: () => Promise<void>,
): Promise<SendLogDatabase> {
  const handle = await open();
  await migrateToLatest(handle.db, handle.dialect);
  const others: DatabaseHandle[] = [];
  return {
    handle,
    repos: createRepositories(handle.db),
    reopen: async () => {
      const other = await open();
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const h of [handle, ...others]) await h.close();
      await cleanUp();
    },
  };
}

export const openSqliteSendLog: OpenSendLogDatabase = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ding-notify-'));
  return sendLogDatabase(
    () => openDatabase({ file: join(dir, 'ding.db') }),
    async () => rmSync(dir, { recursive: true, force: true }),
  );
};

export const openPostgresSendLog: OpenSendLogDatabase = () => {
  const schema = `ding_test_${randomBytes(6).toString('hex')}`;
  return sendLogDatabase(
    () => openDatabase({ url: TEST_POSTGRES_URL, schema }),
    () => dropPostgresSchema(schema),
  );
};

/** Minutes after the first run, as the `now` of a later run (no sleeping for backoff). */
export const T0 = new Date('2025-10-09T00:30:00.000Z');
export const minutesLater = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
