// Managing a round once opened (issue 12 §4) through the HTTP API, on every storage backend: 延期, 取消轮次,
// 单位例外, the on-time rate only after each unit's due date, and 催报 previewed, confirmed and kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderPreview, RoundSummary, SubmitterRate, Task } from '../src/collection/index.ts';
import type { DueException, RoundReminder } from '../src/repositories/index.ts';
import type { SessionUser } from '../src/http/context.ts';
import {
  ADMIN,
  ANDONG,
  HUSHAN,
  KJJ,
  TJJ,
  call,
  collectionWorld,
  tablesSnapshot,
  type CollectionWorld,
} from './collection.support.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';

const HS = '330282004';
type ErrorBody = { error: { code: string; message: string; details?: { field?: string } } };

export function describeRoundManagement(backend: string, open: OpenTestDatabase) {
  describe(`round management on ${backend}`, () => {
    let t: TestDatabase;
    let w: CollectionWorld;
    beforeEach(async () => {
      t = await open();
      w = await collectionWorld(t);
      // Fixed clock: 10:00 on 2026-01-10 in Cixi.
      w.setNow('2026-01-10T02:00:00.000Z');
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function openRound(dueDate = '2026-01-15'): Promise<RoundSummary> {
      const res = await call<RoundSummary>(w.app, ADMIN, 'POST', '/rounds', { period: '2025Q4', dueDate });
      expect(res.status).toBe(201);
      return res.body;
    }
    async function accounts(...users: SessionUser[]) {
      for (const u of users)
        await w.ws.repos.users.create({
          username: u.username,
          displayName: u.displayName,
          passwordHash: 'x',
          role: u.role,
          ...(u.region ? { region: u.region } : {}),
          ...(u.department ? { department: u.department } : {}),
        });
    }
    async function plausible(roundId: string, user: SessionUser, indicator?: string) {
      const tasks = (await call<Task[]>(w.app, user, 'GET', `/rounds/${roundId}/tasks`)).body;
      const task = tasks.find((x) => (indicator ? x.indicator === indicator : x.lastYear !== undefined))!;
      const f = 10 ** task.decimals;
      return {
        indicator: task.indicator,
        region: task.region,
        value: Math.round(task.lastYear! * 1.05 * f) / f,
      };
    }
    async function grid(user: SessionUser, roundId: string, rows: unknown[]) {
      return call<{ ok: boolean; submitted: number; errors: { kind: string }[] }>(
        w.app,
        user,
        'PUT',
        `/rounds/${roundId}/values`,
        { rows },
      );
    }
    async function refusedUnchanged(
      status: number,
      field: string | undefined,
      text: string,
      request: () => Promise<{ status: number; body: unknown }>,
    ) {
      const before = await tablesSnapshot(w.ws);
      const res = await request();
      expect(res.status).toBe(status);
      const body = res.body as ErrorBody;
      if (field) expect(body.error.details?.field).toBe(field);
      expect(body.error.message).toContain(text);
      expect(await tablesSnapshot(w.ws)).toEqual(before);
    }

    it('延期: a later due date with a reason, audited old → new, every unit told; earlier dates refused, nothing changed', async () => {
      const round = await openRound();
      const ext = await call<{ round: RoundSummary; notified: number }>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/extend`,
        { dueDate: '2026-01-20', reason: '春节前统计局年报延后' },
      );
      expect(ext.status).toBe(200);
      expect(ext.body.round).toMatchObject({ dueDate: '2026-01-20', status: 'open' });
      const units = new Set(
        (await call<Task[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/tasks`)).body.map((x) => x.submitter),
      );
      expect(ext.body.notified).toBe(units.size);
      const notices = await call<{ message: { zh: string } }[]>(w.app, HUSHAN, 'GET', '/notices');
      expect(notices.body[0]!.message.zh).toBe(
        '【延期】浒山街道：2025Q4 填报任务截止日期由 2026-01-15 延至 2026-01-20。原因：春节前统计局年报延后',
      );
      expect(await w.ws.repos.audit.list({ action: 'round.extend' })).toMatchObject([
        {
          actor: 'admin',
          entityId: round.id,
          old: { dueDate: '2026-01-15' },
          new: { dueDate: '2026-01-20' },
          reason: '春节前统计局年报延后',
        },
      ]);
      const extend = (body: unknown) => () => call(w.app, ADMIN, 'POST', `/rounds/${round.id}/extend`, body);
      await refusedUnchanged(
        422,
        'dueDate',
        '早于今天 2026-01-10',
        extend({ dueDate: '2026-01-09', reason: 'x' }),
      );
      await refusedUnchanged(
        422,
        'dueDate',
        '须晚于当前截止日期 2026-01-20',
        extend({ dueDate: '2026-01-18', reason: 'x' }),
      );
      await refusedUnchanged(422, 'dueDate', '须晚于', extend({ dueDate: '2026-01-20', reason: 'x' }));
      await refusedUnchanged(422, 'reason', '原因', extend({ dueDate: '2026-01-25' }));
      await refusedUnchanged(422, 'dueDate', '格式', extend({ dueDate: '2026-02-30', reason: 'x' }));
      // PATCH follows the same rules.
      await refusedUnchanged(422, 'reason', '原因', () =>
        call(w.app, ADMIN, 'PATCH', `/rounds/${round.id}`, { dueDate: '2026-01-25' }),
      );
      expect(
        (await call(w.app, HUSHAN, 'POST', `/rounds/${round.id}/extend`, { dueDate: '2026-01-25' })).status,
      ).toBe(403);
    });

    it('取消轮次: submissions withdrawn and kept, the round cancelled for good; a published round gets 409 saying why', async () => {
      const round = await openRound();
      expect((await grid(HUSHAN, round.id, [await plausible(round.id, HUSHAN)])).body).toMatchObject({
        ok: true,
        submitted: 1,
      });
      await refusedUnchanged(422, 'reason', '原因', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/cancel`, {}),
      );
      const res = await call<{ round: RoundSummary; withdrawn: number }>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/cancel`,
        { reason: '期别选错' },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        round: { status: 'cancelled', cancelledBy: 'admin', cancelReason: '期别选错' },
        withdrawn: 1,
      });
      // Withdrawn, not lost: kept with who and when, out of the review queue.
      expect(await w.ws.repos.submissions.list({ roundIds: [round.id], withdrawnOnly: true })).toMatchObject([
        { submitter: `town:${HS}`, status: 'submitted', current: false, withdrawnBy: 'admin' },
      ]);
      expect((await call<unknown[]>(w.app, ADMIN, 'GET', '/review')).body).toEqual([]);
      expect((await call<RoundSummary[]>(w.app, ADMIN, 'GET', '/rounds')).body[0]).toMatchObject({
        status: 'cancelled',
      });
      // It accepts nothing more, cannot be reopened, cancelled again, extended or reminded.
      const refused = await grid(HUSHAN, round.id, [await plausible(round.id, HUSHAN)]);
      expect(refused.body.errors.map((e) => e.kind)).toEqual(['round_closed']);
      await refusedUnchanged(409, undefined, '已取消', () =>
        call(w.app, ADMIN, 'PATCH', `/rounds/${round.id}`, { status: 'open' }),
      );
      await refusedUnchanged(409, undefined, '已取消', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/cancel`, { reason: 'again' }),
      );
      await refusedUnchanged(409, undefined, '已取消', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/extend`, { dueDate: '2026-01-30', reason: 'x' }),
      );
      await refusedUnchanged(409, undefined, '已取消', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind/preview`, {}),
      );
      expect(await w.ws.repos.audit.list({ action: 'round.cancel' })).toMatchObject([
        { entityId: round.id, new: { status: 'cancelled', withdrawn: 1 }, reason: '期别选错' },
      ]);
      const notices = await call<{ message: { zh: string } }[]>(w.app, HUSHAN, 'GET', '/notices');
      expect(notices.body[0]!.message.zh).toContain('填报任务已取消');
    });

    it('a round with a published figure cannot be cancelled: 409 naming the published count; nothing changes', async () => {
      const round = await openRound();
      expect(
        (await grid(KJJ, round.id, [{ indicator: 'hightech_enterprises', region: HS, value: 70 }])).body.ok,
      ).toBe(true);
      const [s] = await w.ws.repos.submissions.list({ roundIds: [round.id] });
      await call(w.app, ADMIN, 'POST', '/review/approve', { ids: [s!.id] });
      expect((await call(w.app, ADMIN, 'POST', '/review/publish', { period: '2025Q4' })).status).toBe(200);
      await refusedUnchanged(409, undefined, '已有 1 项数据发布，不能取消', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/cancel`, { reason: '误开' }),
      );
      expect((await w.ws.repos.rounds.get(round.id))!.status).toBe('open');
    });

    it('单位例外 and 按时率: each unit judged on its own due date, no on-time rate before it (null, not 0%)', async () => {
      const round = await openRound('2026-01-15');
      // Before the due date nobody has an on-time rate.
      let rates = (await call<SubmitterRate[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/rates`)).body;
      expect(rates.every((r) => r.onTimeRate === null && !r.due && r.overdue === 0)).toBe(true);

      const set = (body: unknown) => () =>
        call<DueException>(w.app, ADMIN, 'POST', `/rounds/${round.id}/exceptions`, body);
      const ok = await set({ submitter: 'department:tjj', dueDate: '2026-01-31', reason: '等待年报' })();
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ submitter: 'department:tjj', dueDate: '2026-01-31', setBy: 'admin' });
      await refusedUnchanged(
        422,
        'submitter',
        '没有给',
        set({ submitter: 'town:330282999', dueDate: '2026-01-31', reason: 'x' }),
      );
      await refusedUnchanged(
        422,
        'dueDate',
        '须晚于本轮截止日期 2026-01-15',
        set({ submitter: `town:${HS}`, dueDate: '2026-01-14', reason: 'x' }),
      );
      await refusedUnchanged(422, 'reason', '原因', set({ submitter: `town:${HS}`, dueDate: '2026-01-20' }));
      expect((await call<RoundSummary[]>(w.app, ADMIN, 'GET', '/rounds')).body[0]!.exceptions).toMatchObject([
        { submitter: 'department:tjj', name: '市统计局', dueDate: '2026-01-31', reason: '等待年报' },
      ]);
      expect((await call<Task[]>(w.app, TJJ, 'GET', `/rounds/${round.id}/tasks`)).body[0]!.dueDate).toBe(
        '2026-01-31',
      );
      expect((await w.ws.repos.audit.list({ action: 'round.exception.set' }))[0]).toMatchObject({
        old: null,
        new: { submitter: 'department:tjj', dueDate: '2026-01-31' },
        reason: '等待年报',
      });

      // 2026-01-20: the round's due date has passed, 市统计局's has not.
      w.setNow('2026-01-20T02:00:00.000Z');
      const tjjFigure = await plausible(round.id, TJJ);
      expect((await grid(TJJ, round.id, [tjjFigure])).body.ok).toBe(true);
      rates = (await call<SubmitterRate[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/rates`)).body;
      const of = (s: string) => rates.find((r) => r.submitter === s)!;
      expect(of(`town:${HS}`)).toMatchObject({ dueDate: '2026-01-15', due: true, onTimeRate: 0, overdue: 3 });
      expect(of('department:tjj')).toMatchObject({
        dueDate: '2026-01-31',
        due: false,
        onTimeRate: null,
        overdue: 0,
        onTime: 1,
      });
      // After its own due date: its figure, late for the round, was on time for it.
      w.setNow('2026-02-01T02:00:00.000Z');
      rates = (await call<SubmitterRate[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/rates`)).body;
      const tjj = rates.find((r) => r.submitter === 'department:tjj')!;
      expect(tjj).toMatchObject({ due: true, onTime: 1, onTimeRate: 1 / tjj.total, overdue: tjj.total - 1 });

      expect(
        (
          await call(
            w.app,
            ADMIN,
            'DELETE',
            `/rounds/${round.id}/exceptions/${encodeURIComponent('department:tjj')}`,
          )
        ).status,
      ).toBe(204);
      expect(
        (
          await call(
            w.app,
            ADMIN,
            'DELETE',
            `/rounds/${round.id}/exceptions/${encodeURIComponent('department:tjj')}`,
          )
        ).status,
      ).toBe(404);
      expect(await w.ws.repos.audit.list({ action: 'round.exception.clear' })).toHaveLength(1);
    });

    it('催报: previewed (units, text, 无可用账号), confirmed by its token, kept in the history; a stale preview gets 409', async () => {
      const round = await openRound();
      await call(w.app, ADMIN, 'POST', `/rounds/${round.id}/exceptions`, {
        submitter: `town:${HS}`,
        dueDate: '2026-01-25',
        reason: '镇街换届',
      });
      await accounts(HUSHAN, ANDONG, KJJ);
      const before = await tablesSnapshot(w.ws);
      const preview = await call<ReminderPreview>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/remind/preview`,
        {},
      );
      expect(preview.status).toBe(200);
      // The preview sends nothing.
      expect(await tablesSnapshot(w.ws)).toEqual(before);
      const hs = preview.body.recipients.find((r) => r.submitter === `town:${HS}`)!;
      expect(hs).toMatchObject({ name: '浒山街道', owing: 3, dueDate: '2026-01-25' });
      expect(hs.message.zh).toBe(
        '【催报】浒山街道：2025Q4 填报任务尚有 3 项数据未报送，截止日期 2026-01-25，请尽快填报。',
      );
      expect(preview.body.recipients.map((r) => r.submitter).sort()).toEqual(
        ['department:kjj', 'town:330282004', 'town:330282118'].sort(),
      );
      // 市统计局 has no account here: listed, not reminded.
      expect(preview.body.skipped).toContainEqual(
        expect.objectContaining({ submitter: 'department:tjj', name: '市统计局', reason: 'no_account' }),
      );

      await refusedUnchanged(422, 'token', '预览', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind`, {}),
      );
      // Something changed since the preview (浒山 submitted a figure): the text is stale.
      expect((await grid(HUSHAN, round.id, [await plausible(round.id, HUSHAN)])).body.ok).toBe(true);
      await refusedUnchanged(409, undefined, '重新预览', () =>
        call(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind`, { token: preview.body.token }),
      );
      const again = await call<ReminderPreview>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/remind/preview`,
        {},
      );
      w.setNow('2026-01-10T03:00:00.000Z');
      const sent = await call<{ sent: number; reminder: RoundReminder }>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/remind`,
        { token: again.body.token },
      );
      expect(sent.status).toBe(200);
      expect(sent.body.sent).toBe(3);
      const notices = await call<{ message: { zh: string } }[]>(w.app, HUSHAN, 'GET', '/notices');
      expect(notices.body[0]!.message.zh).toContain('尚有 2 项数据未报送，截止日期 2026-01-25');

      const history = await call<RoundReminder[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/reminders`);
      expect(history.body).toHaveLength(1);
      expect(history.body[0]).toMatchObject({
        sentBy: 'admin',
        sentAt: '2026-01-10T03:00:00.000Z',
        recipients: again.body.recipients.map((r) => ({ ...r, noticeId: expect.any(String) })),
        skipped: again.body.skipped,
      });
      expect(await w.ws.repos.audit.list({ action: 'round.remind' })).toHaveLength(1);
      expect((await call(w.app, HUSHAN, 'GET', `/rounds/${round.id}/reminders`)).status).toBe(403);
    });
  });
}
