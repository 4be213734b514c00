// The send log and dispatch, run against every storage backend: once per key and channel across runs,
// restarts and instances; failures retried with backoff, dead when permanent or out of attempts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InAppChannel,
  createRepositories,
  notificationsDispatch,
  notificationsRetryDue,
  type DispatchDetail,
} from '../../src/index.ts';
import {
  ScriptedChannel,
  T0,
  buildMessage,
  buildRecipient,
  minutesLater,
  permanent,
  temporary,
  type OpenSendLogDatabase,
  type SendLogDatabase,
} from './support.ts';

const outcomes = (details: DispatchDetail[]) => details.map((d) => `${d.channel}:${d.outcome}`);

export function describeSendLog(backend: string, open: OpenSendLogDatabase) {
  describe(`notification send log on ${backend}`, () => {
    let t: SendLogDatabase;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('sends through every channel that reaches the recipient and logs each as sent', async () => {
      const email = new ScriptedChannel('email');
      const webhook = new ScriptedChannel('webhook');
      const r = await notificationsDispatch(t.repos, [email, webhook], [buildMessage()], { now: T0 });
      expect(r).toMatchObject({ sent: 2, skipped: 0, failed: 0, dead: 0 });
      const log = await t.repos.notificationSends.list({ limit: 10 });
      expect(log.map((s) => [s.channel, s.status, s.attempts, s.sentAt, s.recipientAddress]).sort()).toEqual([
        ['email', 'sent', 1, T0.toISOString(), 'email:u-zhang'],
        ['webhook', 'sent', 1, T0.toISOString(), 'webhook:u-zhang'],
      ]);
      expect(log[0]?.message).toEqual(buildMessage());
    });

    it('delivers the same message once when it is dispatched twice', async () => {
      const email = new ScriptedChannel('email');
      await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
      const again = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        now: minutesLater(60),
      });
      expect(email.sent).toHaveLength(1);
      expect(again.details).toMatchObject([{ channel: 'email', outcome: 'skipped', reason: 'already_sent' }]);
    });

    it('delivers once after a restart: fresh repositories over the same database skip what was sent', async () => {
      const before = new ScriptedChannel('email');
      await notificationsDispatch(t.repos, [before], [buildMessage()], { now: T0 });
      const restarted = createRepositories((await t.reopen()).db);
      const after = new ScriptedChannel('email');
      const r = await notificationsDispatch(restarted, [after], [buildMessage()], { now: minutesLater(600) });
      expect([before.sent.length, after.sent.length]).toEqual([1, 0]);
      expect(r).toMatchObject({ sent: 0, skipped: 1 });
    });

    it('delivers once when two instances dispatch the same digest at the same moment', async () => {
      const other = createRepositories((await t.reopen()).db);
      const a = new ScriptedChannel('email', { delayMs: 50 });
      const b = new ScriptedChannel('email', { delayMs: 50 });
      const [ra, rb] = await Promise.all([
        notificationsDispatch(t.repos, [a], [buildMessage()], { now: T0 }),
        notificationsDispatch(other, [b], [buildMessage()], { now: T0 }),
      ]);
      expect(a.sent.length + b.sent.length).toBe(1);
      expect([...ra.details, ...rb.details].map((d) => d.outcome).sort()).toEqual(['sent', 'skipped']);
    });

    it('retries a temporary failure when due — not before — and sends it then', async () => {
      const email = new ScriptedChannel('email').failNext(temporary());
      const first = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
      expect(first.details).toMatchObject([
        { outcome: 'failed', error: '451 4.3.0 try later', nextAttemptAt: minutesLater(1).toISOString() },
      ]);
      const early = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        now: minutesLater(0.5),
      });
      expect(early.details).toMatchObject([{ outcome: 'skipped', reason: 'not_due' }]);
      const due = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: minutesLater(1) });
      expect(due.sent).toBe(1);
      const row = await t.repos.notificationSends.find(buildMessage().key, 'email');
      expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null });
    });

    it('backs off 1, 5, 30, 120 minutes and is dead after the fifth failed attempt', async () => {
      const email = new ScriptedChannel('email').failNext(...Array.from({ length: 5 }, () => temporary()));
      let now = T0;
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt++) {
        const r = await notificationsDispatch(t.repos, [email], [buildMessage()], { now });
        const d = r.details[0];
        if (d?.outcome !== 'failed') {
          expect(d).toMatchObject({ outcome: 'dead', error: '451 4.3.0 try later' });
          break;
        }
        const next = new Date(d.nextAttemptAt);
        waits.push((next.getTime() - now.getTime()) / 60_000);
        now = next;
      }
      expect(waits).toEqual([1, 5, 30, 120]);
      expect(await t.repos.notificationSends.find(buildMessage().key, 'email')).toMatchObject({
        status: 'dead',
        attempts: 5,
        nextAttemptAt: null,
      });
    });

    it('takes maxAttempts and backoff from the options', async () => {
      const email = new ScriptedChannel('email').failNext(temporary(), temporary());
      const options = { maxAttempts: 2, backoff: (n: number) => n * 1000 };
      const first = await notificationsDispatch(t.repos, [email], [buildMessage()], { ...options, now: T0 });
      expect(first.details).toMatchObject([{ outcome: 'failed', nextAttemptAt: '2025-10-09T00:30:01.000Z' }]);
      const second = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        ...options,
        now: minutesLater(1),
      });
      expect(second.dead).toBe(1);
    });

    it('marks a permanent refusal dead at once and never sends that key again', async () => {
      const email = new ScriptedChannel('email').failNext(permanent());
      const first = await notificationsDispatch(t.repos, [email], [buildMessage()], { now: T0 });
      expect(first).toMatchObject({
        dead: 1,
        details: [{ outcome: 'dead', error: '550 5.1.1 no such user' }],
      });
      const later = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        now: minutesLater(24 * 60),
      });
      expect(later.details).toMatchObject([{ outcome: 'skipped', reason: 'dead' }]);
      expect(email.sent).toHaveLength(0);
      expect(await t.repos.notificationSends.list({ status: 'dead' })).toMatchObject([
        { lastError: '550 5.1.1 no such user', attempts: 1 },
      ]);
    });

    it('does not let one channel that throws stop the others or the next messages', async () => {
      const broken = new ScriptedChannel('webhook').failNext(new TypeError('boom'));
      const inapp = new ScriptedChannel('inapp');
      const li = buildMessage({
        recipient: buildRecipient({ userId: 'u-li', username: 'lisi', displayName: '李四' }),
      });
      const r = await notificationsDispatch(t.repos, [broken, inapp], [buildMessage(), li], { now: T0 });
      expect(outcomes(r.details)).toEqual(['webhook:failed', 'inapp:sent', 'webhook:sent', 'inapp:sent']);
      // Not a ChannelError: taken as temporary, so it is retried rather than lost.
      expect(r.details[0]).toMatchObject({ error: 'boom', nextAttemptAt: minutesLater(1).toISOString() });
    });

    it('skips a channel that cannot reach the recipient, without a log row', async () => {
      const email = new ScriptedChannel('email', { reaches: (r) => Boolean(r.email) });
      const message = buildMessage({ recipient: buildRecipient({ email: undefined }) });
      const r = await notificationsDispatch(t.repos, [email], [message], { now: T0 });
      expect(r.details).toMatchObject([{ outcome: 'skipped', reason: 'unreachable' }]);
      expect(await t.repos.notificationSends.list()).toEqual([]);
    });

    it('sends again a claim left pending by a crash, once the claim has lapsed (5 minutes)', async () => {
      // A sender that claimed the row and died before sending or recording a result.
      const crashed = await t.repos.notificationSends.claim(
        { channel: 'email', recipientAddress: 'email:u-zhang', message: buildMessage() },
        minutesLater(5).toISOString(),
        T0.toISOString(),
      );
      expect(crashed).toMatchObject({ claimed: true, send: { status: 'pending', attempts: 0 } });
      const email = new ScriptedChannel('email');
      const meanwhile = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        now: minutesLater(2),
      });
      expect(meanwhile.details).toMatchObject([{ outcome: 'skipped', reason: 'in_progress' }]);
      const lapsed = await notificationsDispatch(t.repos, [email], [buildMessage()], {
        now: minutesLater(5),
      });
      expect(lapsed.sent).toBe(1);
      expect(email.sent).toHaveLength(1);
    });

    it('retries due rows from the stored message, leaving sent, dead, not-yet-due and other channels alone', async () => {
      const email = new ScriptedChannel('email').failNext(temporary(), permanent());
      const webhook = new ScriptedChannel('webhook').failNext(temporary());
      const wang = buildRecipient({ userId: 'u-wang', username: 'wangwu', displayName: '王五' });
      const li = buildRecipient({ userId: 'u-li', username: 'lisi', displayName: '李四' });
      const zhang = buildMessage({ en: { subject: 'Reminders', text: '3 items due' }, html: '<p>3项</p>' });
      const messages = [zhang, buildMessage({ recipient: li }), buildMessage({ recipient: wang })];
      await notificationsDispatch(t.repos, [email], messages, { now: T0 }); // zhang failed, li dead, wang sent
      await notificationsDispatch(t.repos, [webhook], [zhang], { now: minutesLater(0.5) }); // due at 1.5 min

      const retry = await notificationsRetryDue(t.repos, [email], { now: minutesLater(1) });
      expect(outcomes(retry.details)).toEqual(['email:sent']);
      expect(email.sent.map((m) => m.recipient.userId)).toEqual(['u-wang', 'u-zhang']);
      expect(email.sent[1]).toEqual(zhang);
      expect(
        (await notificationsRetryDue(t.repos, [email, webhook], { now: minutesLater(1) })).details,
      ).toEqual([]);
    });

    it('lists the log newest first, by status and since a time', async () => {
      const email = new ScriptedChannel('email').failNext(permanent());
      const day = (d: number) => new Date(Date.UTC(2025, 9, d, 0, 30));
      for (const d of [7, 8, 9]) {
        const message = buildMessage({ key: `digest:u-zhang:2025-10-0${d}` });
        await notificationsDispatch(t.repos, [email], [message], { now: day(d) });
      }
      const keys = (list: { key: string }[]) => list.map((s) => s.key.slice(-2));
      expect(keys(await t.repos.notificationSends.list())).toEqual(['09', '08', '07']);
      expect(keys(await t.repos.notificationSends.list({ status: 'sent' }))).toEqual(['09', '08']);
      expect(keys(await t.repos.notificationSends.list({ since: day(8).toISOString() }))).toEqual([
        '09',
        '08',
      ]);
      expect(keys(await t.repos.notificationSends.list({ limit: 1 }))).toEqual(['09']);
    });

    it('in-app: one notice to the user id per digest, in Chinese and English', async () => {
      const inapp = new InAppChannel(t.repos);
      const message = buildMessage({ en: { subject: 'Daily reminders', text: '3 items are due.' } });
      await notificationsDispatch(t.repos, [inapp], [message], { now: T0 });
      await notificationsDispatch(t.repos, [inapp], [message], { now: minutesLater(60) });
      const notices = await t.repos.notices.forRecipients(['u-zhang']);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        createdBy: 'ding reminders',
        message: {
          zh: `${message.subject}\n${message.text}\n\n查看详情：https://ding.example.gov.cn/collection`,
          en: 'Daily reminders\n3 items are due.\n\nDetails: https://ding.example.gov.cn/collection',
        },
      });
    });

    it('refuses a second row for the same key and channel at the database', async () => {
      const row = {
        key: 'digest:u-zhang:2025-10-09',
        channel: 'email',
        recipient_user_id: 'u-zhang',
        recipient_address: 'zhangsan@example.gov.cn',
        subject: 's',
        body: 'b',
        message: '{}',
        status: 'failed' as const,
        attempts: 1,
        last_error: 'x',
        next_attempt_at: T0.toISOString(),
        created_at: T0.toISOString(),
        sent_at: null,
      };
      await t.handle.db.insertInto('notification_sends').values(row).execute();
      await expect(t.handle.db.insertInto('notification_sends').values(row).execute()).rejects.toThrow(
        /unique/i,
      );
      await expect(
        t.handle.db
          .insertInto('notification_sends')
          .values({ ...row, channel: 'webhook', status: 'sent' })
          .execute(),
      ).rejects.toThrow(/check/i);
    });
  });
}
