// The e-mail channel against a real SMTP server on loopback (smtp-server), messages read back with
// mailparser; the send log on SQLite.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ChannelError,
  EmailChannel,
  emailChannelFromEnv,
  notificationsDispatch,
  notificationsRetryDue,
} from '../../src/index.ts';
import {
  T0,
  buildMessage,
  buildRecipient,
  minutesLater,
  openSqliteSendLog,
  smtpTestServer,
  type SendLogDatabase,
  type SmtpTestServer,
} from './support.ts';

const FROM = '慈溪市科技局 <noreply@kjj.cixi.gov.cn>';

let smtp: SmtpTestServer;
let t: SendLogDatabase;
let email: EmailChannel;
beforeAll(async () => {
  smtp = await smtpTestServer();
  email = new EmailChannel({ url: smtp.url, from: FROM, timeoutMs: 5000 });
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  t = await openSqliteSendLog();
  smtp.received.length = 0;
  smtp.refusal = undefined;
});
afterEach(async () => {
  await t.dispose();
});

describe('e-mail over SMTP', () => {
  it('arrives with the recipient, the Chinese subject intact, the body and the app link', async () => {
    const message = buildMessage();
    const r = await notificationsDispatch(t.repos, [email], [message], { now: T0 });
    expect(r.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toMatchObject({ value: [{ address: 'zhangsan@example.gov.cn', name: '张三' }] });
    expect(mail.from).toMatchObject({
      value: [{ address: 'noreply@kjj.cixi.gov.cn', name: '慈溪市科技局' }],
    });
    expect(mail.subject).toBe('【科创鼎】今日督办提醒：3项待办');
    expect(mail.text?.trim()).toBe(`${message.text}\n\n查看详情：https://ding.example.gov.cn/collection`);
    expect(mail.headers.get('x-ding-delivery')).toBe(message.key);
    // The same for every attempt of the key, so a client can drop a repeat.
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@kjj\.cixi\.gov\.cn>$/);
    const [row] = await t.repos.notificationSends.list();
    expect(row).toMatchObject({ status: 'sent', recipientAddress: 'zhangsan@example.gov.cn' });
  });

  it('sends the HTML part when the message has one', async () => {
    await email.send(buildMessage({ html: '<p>您有<b>3</b>项待办</p>' }));
    expect(smtp.received[0]?.html).toContain('您有<b>3</b>项待办');
  });

  it('does not reach a recipient without an e-mail address', () => {
    expect(email.reaches(buildRecipient({ email: undefined }))).toBe(false);
  });

  it('a 550 refusal at RCPT TO is dead, its error in the log, and never tried again', async () => {
    smtp.refusal = { code: 550, message: '5.1.1 mailbox unavailable' };
    const first = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
    expect(first.dead).toBe(1);
    const [row] = await t.repos.notificationSends.list({ status: 'dead' });
    expect(row?.lastError).toMatch(/550 5\.1\.1 mailbox unavailable/);
    smtp.refusal = undefined;
    const later = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: minutesLater(60) });
    expect(later.details).toMatchObject([{ outcome: 'skipped', reason: 'dead' }]);
    expect(smtp.received).toHaveLength(0);
  });

  it('a 451 refusal is failed; once the server accepts, the next dispatch sends it — once', async () => {
    smtp.refusal = { code: 451, message: '4.7.1 greylisted, try again later' };
    const first = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
    expect(first.failed).toBe(1);
    expect((await t.repos.notificationSends.list({ status: 'failed' }))[0]?.lastError).toMatch(/451 4\.7\.1/);
    smtp.refusal = undefined;
    const second = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: minutesLater(1) });
    expect(second.sent).toBe(1);
    await notificationsRetryDue(t.repos, [email], { now: minutesLater(10) });
    expect(smtp.received).toHaveLength(1);
    expect(await t.repos.notificationSends.find(buildMessage().key, 'email')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('a failed 451 is delivered by notificationsRetryDue too, from the stored subject and body', async () => {
    smtp.refusal = { code: 451, message: '4.3.0 try later' };
    await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
    smtp.refusal = undefined;
    const r = await notificationsRetryDue(t.repos, [email], { now: minutesLater(1) });
    expect(r.sent).toBe(1);
    expect(smtp.received[0]?.subject).toBe(buildMessage().subject);
  });

  it('a server that is not there is a retryable error', async () => {
    const closed = await smtpTestServer();
    await closed.close();
    const gone = new EmailChannel({ url: closed.url, from: FROM, timeoutMs: 2000 });
    const error = await gone.send(buildMessage()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ retryable: true });
  });
});

describe('emailChannelFromEnv', () => {
  it('is undefined without DING_SMTP_URL, and needs DING_MAIL_FROM with it', () => {
    expect(emailChannelFromEnv({})).toBeUndefined();
    expect(() => emailChannelFromEnv({ DING_SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/DING_MAIL_FROM/);
    expect(() => emailChannelFromEnv({ DING_SMTP_URL: 'http://x', DING_MAIL_FROM: FROM })).toThrow(
      /smtp:\/\//,
    );
    const channel = emailChannelFromEnv({ DING_SMTP_URL: 'smtp://127.0.0.1:25', DING_MAIL_FROM: FROM });
    expect(channel?.name).toBe('email');
  });
});
