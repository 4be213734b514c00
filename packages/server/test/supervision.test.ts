// 督查督办 over HTTP on the demo workspace (issue 11): items created and checked, a report with an attachment
// returned, resubmitted, accepted and the item completed, 延期 before and after the deadline, bad input
// refused with nothing saved, and the daily digests delivered to a real SMTP server on loopback — one per
// person, once per day, across a restart — with a refusing server's failure kept in the send log and retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateAddDays, type SupervisionItemDetail, type SupervisionOverview } from '@ding/core';
import { DEMO_PASSWORD, EmailChannel, InAppChannel, type NotificationChannel } from '../src/index.ts';
import { chinaDate } from '../src/china-time.ts';
import { SupervisionOverviewSchema, SupervisionItemDetailSchema } from '../src/http/schemas/supervision.ts';
import { createApp } from '../src/index.ts';
import { demoAppOpen, type DemoApp } from './support/demo-app.ts';
import { errorOf, TestClient } from './support/http-client.ts';
import { smtpTestServer, type SmtpTestServer } from './notify/support.ts';

// A 1×1 PNG: a real image as evidence.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

let demo: DemoApp;
let smtp: SmtpTestServer;
let clock = new Date();
const channels = (): ((ws: DemoApp['ws']) => NotificationChannel[]) => (ws) => [
  new InAppChannel(ws.repos),
  new EmailChannel({ url: smtp.url, from: '慈溪市科技局 <noreply@ding.local>', timeoutMs: 5000 }),
];
const today = () => chinaDate(clock);

async function reportForm(fields: Record<string, string>, files: Array<[string, Uint8Array]> = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [name, bytes] of files) form.append('attachments', new File([bytes], name));
  return form;
}

async function signIn(ip: string, username: string): Promise<TestClient> {
  const client = demo.client(ip);
  expect((await client.login(username, DEMO_PASSWORD)).status).toBe(200);
  return client;
}

async function detail(id: string): Promise<SupervisionItemDetail> {
  const res = await demo.admin.get(`/api/supervision/items/${id}`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(SupervisionItemDetailSchema.safeParse(body).success).toBe(true);
  return body as SupervisionItemDetail;
}

beforeAll(async () => {
  smtp = await smtpTestServer();
  demo = await demoAppOpen({ app: { now: () => clock, notificationChannels: channels() } });
}, 120_000);

afterAll(async () => {
  await demo?.close();
  await smtp?.close();
});

describe('督查督办 over HTTP', () => {
  let kjj: TestClient;
  let jxj: TestClient;
  let itemId: string;

  it('lists the plan tasks and the demo items with their lights, in the schema it documents', async () => {
    const res = await demo.admin.get('/api/supervision');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SupervisionOverview;
    expect(SupervisionOverviewSchema.safeParse(body).success).toBe(true);
    expect(body.items.map((v) => v.item.code)).toEqual(
      expect.arrayContaining(['A1.1', 'A5.4', 'DB-1', 'DB-3']),
    );
    expect(body.counts.total).toBe(20);
    // DB-3 was due 10 days ago: red, and the rule says so
    const db3 = body.items.find((v) => v.item.code === 'DB-3')!;
    expect(db3.light.light).toBe('red');
    expect(db3.light.reasons[0]!.zh).toMatch(/^已超过办结时限（\d{4}-\d{2}-\d{2}）10天（逾期即红灯）$/);
    // red first
    expect(body.items[0]!.light.light).toBe('red');
    // a unit's own view
    const mine = (await (await demo.admin.get('/api/supervision?unit=scjgj')).json()) as SupervisionOverview;
    expect(mine.items.every((v) => [...v.item.leadUnits, ...v.item.cooperatingUnits].includes('scjgj'))).toBe(
      true,
    );
  });

  it('creates an item, refusing a milestone after the deadline and an unknown unit with nothing saved', async () => {
    const base = {
      type: 'leader_instruction',
      title: { zh: '编制科创平台三年计划', en: 'Draft the platforms plan' },
      leadUnits: ['kjj'],
      cooperatingUnits: ['jxj'],
      leader: { name: '分管副市长' },
      contact: { name: '李科长', phone: '0574-63000002' },
      deadline: dateAddDays(today(), 2),
      cadence: 'monthly',
    };
    const bad = await demo.admin.post('/api/supervision/items', {
      ...base,
      cooperatingUnits: ['nowhere'],
      milestones: [{ date: dateAddDays(today(), 9), deliverable: '初稿' }],
    });
    expect(bad.status).toBe(422);
    const err = await errorOf(bad);
    expect(err.message).toContain('未知单位 nowhere');
    expect(err.message).toContain(
      `第1个节点（${dateAddDays(today(), 9)}）晚于办结时限 ${dateAddDays(today(), 2)}`,
    );
    const created = await demo.admin.post('/api/supervision/items', {
      ...base,
      milestones: [{ date: dateAddDays(today(), 1), deliverable: '初稿' }],
    });
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string; code: string };
    expect(item.code).toBe('DB-4');
    itemId = item.id;
    const overview = (await (await demo.admin.get('/api/supervision')).json()) as SupervisionOverview;
    expect(overview.counts.total).toBe(21); // the refused one left nothing
  });

  it('refuses a report from a unit that does not handle the item, and bad attachments, saving nothing', async () => {
    kjj = await signIn('10.3.1.1', 'kjj');
    jxj = await signIn('10.3.1.2', 'jxj');
    const scjgj = await signIn('10.3.1.3', 'scjgj');
    const foreign = await scjgj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '进展' }),
    });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).message).toBe(
      'DB-4「编制科创平台三年计划」的牵头单位为市科技局，配合单位为市经信局；市市场监管局不承办此事项',
    );
    const exe = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '进展' }, [['setup.exe', PNG]]),
    });
    expect(exe.status).toBe(415);
    expect((await errorOf(exe)).message).toContain('附件「setup.exe」类型不允许');
    const fake = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '进展' }, [['scan.pdf', PNG]]),
    });
    expect(fake.status).toBe(415);
    expect((await errorOf(fake)).message).toBe('附件「scan.pdf」的内容不是 .pdf 文件');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47]);
    const tooLarge = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '进展' }, [['photo.png', big]]),
    });
    expect(tooLarge.status).toBe(413);
    expect((await detail(itemId)).reports).toEqual([]);
  });

  it('report with an attachment → 退办 with a reason → resubmitted → accepted → 办结, every step in the timeline', async () => {
    const first = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '已完成初稿框架', percentDone: '30' }, [['现场照片.png', PNG]]),
    });
    expect(first.status).toBe(201);
    const report = (await first.json()) as { id: string; attachments: Array<{ id: string; size: number }> };
    expect(report.attachments[0]!.size).toBe(PNG.byteLength);
    const file = await demo.admin.get(`/api/supervision/attachments/${report.attachments[0]!.id}`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
    // the cooperating unit adds its part
    expect(
      (
        await jxj.request('POST', `/api/supervision/items/${itemId}/reports`, {
          form: await reportForm({ text: '已提供企业清单' }),
        })
      ).status,
    ).toBe(201);
    // a second report while the first awaits review
    const twice = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '再报' }),
    });
    expect(twice.status).toBe(409);

    const decide = (reportId: string, body: unknown) =>
      demo.admin.post(`/api/supervision/items/${itemId}/reports/${reportId}/decision`, body);
    expect((await decide(report.id, { decision: 'returned' })).status).toBe(422);
    expect((await decide(report.id, { decision: 'returned', reason: '缺少会议纪要佐证' })).status).toBe(200);
    expect((await decide(report.id, { decision: 'accepted' })).status).toBe(409);
    let d = await detail(itemId);
    expect(d.light.state).toBe('returned');
    expect(d.reports.find((r) => r.id === report.id)?.returnReason).toBe('缺少会议纪要佐证');

    const again = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: '已补充会议纪要', percentDone: '60' }, [['纪要.png', PNG]]),
    });
    expect(again.status).toBe(201);
    const second = (await again.json()) as { id: string };
    expect((await decide(second.id, { decision: 'accepted' })).status).toBe(200);
    expect((await demo.admin.post(`/api/supervision/items/${itemId}/close`, {})).status).toBe(409);
    expect(
      (await demo.admin.post(`/api/supervision/items/${itemId}/complete`, { note: '计划已印发' })).status,
    ).toBe(200);
    d = await detail(itemId);
    expect(d.light.light).toBe('done');
    expect(d.events.map((e) => e.kind)).toEqual([
      'created',
      'acknowledged',
      'report_submitted',
      'report_part_added',
      'report_returned',
      'report_submitted',
      'report_accepted',
      'completed',
    ]);
    expect(d.events.find((e) => e.kind === 'report_returned')?.note).toBe('缺少会议纪要佐证');
    const audit = await demo.ws.repos.audit.list({ entity: 'supervision_item', entityId: itemId });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'supervision.item.create',
        'supervision.report.submit',
        'supervision.report.part',
        'supervision.report.return',
        'supervision.report.accept',
        'supervision.complete',
      ]),
    );
    // a report on a completed item
    const late = await kjj.request('POST', `/api/supervision/items/${itemId}/reports`, {
      form: await reportForm({ text: 'x' }),
    });
    expect(late.status).toBe(409);
  });

  it('延期: refused after the deadline (催办 continues), accepted before it and moving the deadline once approved', async () => {
    const overview = (await (await demo.admin.get('/api/supervision')).json()) as SupervisionOverview;
    const db3 = overview.items.find((v) => v.item.code === 'DB-3')!;
    const scjgj = await signIn('10.3.1.4', 'scjgj');
    const after = await scjgj.post(`/api/supervision/items/${db3.item.id}/extension`, {
      newDeadline: dateAddDays(today(), 20),
      reason: '需省厅复核',
    });
    expect(after.status).toBe(422);
    expect((await errorOf(after)).message).toBe(
      `延期须在办结时限（${db3.item.deadline}）前申请；已逾期10天，按原时限催办`,
    );
    const db2 = overview.items.find((v) => v.item.code === 'DB-2')!;
    const newDeadline = dateAddDays(db2.item.deadline, 15);
    expect(
      (
        await kjj.post(`/api/supervision/items/${db2.item.id}/extension`, {
          newDeadline,
          reason: '待例会再议',
        })
      ).status,
    ).toBe(200);
    expect(
      (await kjj.post(`/api/supervision/items/${db2.item.id}/extension`, { newDeadline, reason: '再申请' }))
        .status,
    ).toBe(422);
    expect(
      (
        await demo.admin.post(`/api/supervision/items/${db2.item.id}/extension/decision`, {
          decision: 'approved',
        })
      ).status,
    ).toBe(200);
    expect((await detail(db2.item.id)).light.deadline).toBe(newDeadline);
  });
});

describe('daily digests over a real SMTP server', () => {
  it('a dry run previews and sends nothing; the run sends one message per person; a second run and a restart send nothing more', async () => {
    // the admin sets the reporter's contacts (a bad address is refused)
    const kjjUser = (await demo.ws.repos.users.getByUsername('kjj'))!;
    expect((await demo.admin.patch(`/api/users/${kjjUser.id}`, { email: 'not-an-address' })).status).toBe(
      400,
    );
    const patched = await demo.admin.patch(`/api/users/${kjjUser.id}`, {
      email: 'kejiju@cixi.example',
      phone: '0574-63000003',
    });
    expect(await patched.json()).toMatchObject({ email: 'kejiju@cixi.example', phone: '0574-63000003' });
    const dry = await demo.admin.post('/api/supervision/reminders/run', { dryRun: true });
    expect(dry.status).toBe(200);
    const preview = (await dry.json()) as {
      digests: Array<{ username: string; text: string; channels: string[] }>;
    };
    expect(preview.digests.length).toBeGreaterThan(0);
    expect(smtp.received).toHaveLength(0);
    const kjjDigest = preview.digests.find((d) => d.username === 'kjj')!;
    expect(kjjDigest.channels).toEqual(['inapp', 'email']);

    const run = await demo.admin.post('/api/supervision/reminders/run', { dryRun: false });
    const result = (await run.json()) as { dispatch: { sent: number } };
    expect(result.dispatch.sent).toBe(preview.digests.length * 2);
    expect(smtp.received).toHaveLength(preview.digests.length);
    const toKjj = smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes('kejiju@cixi.example'));
    expect(toKjj).toHaveLength(1);
    expect(toKjj[0]!.subject).toMatch(/^【督查督办】\d{4}-\d{2}-\d{2} 待办提醒（\d+项）$/);
    // every item named in kjj's digest is an open item kjj handles, and the overdue DB-3 (kjj cooperates) is there
    expect(toKjj[0]!.text).toContain(kjjDigest.text.split('\n')[2]!);
    expect(toKjj[0]!.text).toMatch(/DB-3 省科技厅督查反馈问题整改［协办］：已超过办结时限/);

    const second = (await (
      await demo.admin.post('/api/supervision/reminders/run', { dryRun: false })
    ).json()) as {
      dispatch: { sent: number; skipped: number };
    };
    expect(second.dispatch.sent).toBe(0);
    expect(smtp.received).toHaveLength(preview.digests.length);

    // "after a restart": a new app over the same database
    const restarted = new TestClient(
      createApp(demo.ws, { loginFailureDelayMs: 1, now: () => clock, notificationChannels: channels() }),
      '10.3.2.1',
    );
    expect((await restarted.login('admin', DEMO_PASSWORD)).status).toBe(200);
    const third = (await (
      await restarted.post('/api/supervision/reminders/run', { dryRun: false })
    ).json()) as {
      dispatch: { sent: number };
    };
    expect(third.dispatch.sent).toBe(0);
    expect(smtp.received).toHaveLength(preview.digests.length);
    const log = (await (await demo.admin.get('/api/supervision/sends')).json()) as Array<{
      status: string;
      channel: string;
    }>;
    expect(log.filter((r) => r.channel === 'email' && r.status === 'sent')).toHaveLength(
      preview.digests.length,
    );
    // the items a sent digest named got their 催办 in the timeline, once
    const overview = (await (await demo.admin.get('/api/supervision')).json()) as SupervisionOverview;
    const db3 = await detail(overview.items.find((v) => v.item.code === 'DB-3')!.item.id);
    expect(db3.events.filter((e) => e.kind === 'reminded')).toHaveLength(1);
  });

  it('an SMTP server that refuses (451) leaves the digest failed with its error in the log; the next day’s run after it accepts sends it', async () => {
    clock = new Date(clock.getTime() + 86_400_000);
    smtp.refusal = { code: 451, message: 'mailbox busy, try later' };
    const admin = await signIn('10.3.2.2', 'admin'); // yesterday's session has expired
    const before = smtp.received.length;
    const run = (await (await admin.post('/api/supervision/reminders/run', { dryRun: false })).json()) as {
      dispatch: { sent: number; failed: number };
    };
    expect(run.dispatch.failed).toBeGreaterThan(0);
    const failed = (await (await admin.get('/api/supervision/sends?status=failed')).json()) as Array<{
      lastError: string;
      attempts: number;
    }>;
    expect(failed).toHaveLength(run.dispatch.failed);
    expect(failed[0]!.lastError).toMatch(/451/);
    smtp.refusal = undefined;
    clock = new Date(clock.getTime() + 10 * 60_000);
    const retry = (await (await admin.post('/api/supervision/reminders/run', { dryRun: false })).json()) as {
      retried: { sent: number };
    };
    expect(retry.retried.sent).toBe(run.dispatch.failed);
    expect(smtp.received.length - before).toBe(run.dispatch.failed);
    expect(
      (await (await admin.get('/api/supervision/sends?status=failed')).json()) as unknown[],
    ).toHaveLength(0);
  });
});
