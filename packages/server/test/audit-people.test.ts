// The audit log as people read it (GET /api/audit?view=people, /api/audit.csv) on the demo workspace:
// actions and objects by name, old → new as labelled changes, one row per operation with its items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorCode, type Period } from '@ding/core';
import type { AuditPeopleView, AuditRowView } from '../src/audit/index.ts';
import type { AuditEntry } from '../src/repositories/index.ts';
import { demoAppOpen, type DemoApp } from './support/demo-app.ts';

const HUSHAN = '330282004';
const periodCode = (p: string) => p as Period;

describe('audit log for people (demo workspace)', () => {
  let demo: DemoApp;
  let view: AuditPeopleView;
  let towns: string[] = [];
  let townNames: string[] = [];
  const row = (action: string): AuditRowView => {
    const found = view.rows.find((r) => r.action === action);
    expect(found, action).toBeDefined();
    return found!;
  };

  beforeAll(async () => {
    demo = await demoAppOpen();
    const { admin } = demo;
    // 1. An admin corrects a published figure: 浒山街道 高企 2025Q4.
    const history = (await (
      await admin.get(`/api/observations?indicator=hightech_enterprises&region=${HUSHAN}&period=2025Q4`)
    ).json()) as { id: string; value: number; revision: number }[];
    const [figure] = history;
    const revised = await admin.patch(`/api/observations/${figure!.id}`, {
      value: figure!.value + 5,
      expectedRevision: figure!.revision,
      reason: '按年报更正',
    });
    expect(revised.status).toBe(200);
    // 2. A round for 2026Q1, three towns' 高企 entered, approved and published: many items, one operation each.
    const opened = await admin.post('/api/rounds', { period: '2026Q1', dueDate: '2026-04-15' });
    expect(opened.status).toBe(201);
    const round = (await opened.json()) as { id: string };
    // Three towns with a published 2025Q4 figure (浒山 first), entered one more than it.
    const q4 = (
      await demo.ws.repos.observations.current({
        indicators: [indicatorCode('hightech_enterprises')],
        periods: [periodCode('2025Q4')],
      })
    ).filter((o) => /^\d{9}$/.test(o.region));
    towns = [HUSHAN, ...q4.map((o) => o.region).filter((r) => r !== HUSHAN)].slice(0, 3);
    const last = new Map<string, number>(q4.map((o) => [o.region, o.value]));
    const plan = (await demo.ws.repos.plans.active())!.plan;
    townNames = towns.map((t) => plan.regions.find((r) => r.code === t)!.name.zh);
    const entered = await admin.put(`/api/rounds/${round.id}/values`, {
      rows: towns.map((region) => ({
        indicator: 'hightech_enterprises',
        region,
        value: last.get(region)! + 1,
      })),
    });
    expect(entered.status).toBe(200);
    expect(await entered.json()).toMatchObject({ submitted: 3 });
    const queue = (await (await admin.get('/api/review?period=2026Q1')).json()) as { id: string }[];
    expect(queue).toHaveLength(3);
    expect((await admin.post('/api/review/approve', { ids: queue.map((q) => q.id) })).status).toBe(200);
    expect((await admin.post('/api/review/publish', { period: '2026Q1' })).status).toBe(200);
    // 3. An account renamed.
    const users = (await (await admin.get('/api/users')).json()) as { id: string; username: string }[];
    const town = users.find((u) => u.username === `town-${HUSHAN}`)!;
    expect((await admin.patch(`/api/users/${town.id}`, { displayName: '浒山街道统计员' })).status).toBe(200);

    const res = await admin.get('/api/audit?view=people');
    expect(res.status).toBe(200);
    view = (await res.json()) as AuditPeopleView;
  });
  afterAll(() => demo.close());

  it('one row per operation, newest first, each action by its Chinese name', () => {
    expect(view.rows.map((r) => [r.action, r.actionName.zh, r.count])).toEqual([
      ['user.update', '修改用户', 1],
      ['observation.publish', '发布数据', 3],
      ['submission.approve', '审核通过', 3],
      ['submission.submit', '报送数据', 3],
      ['round.open', '开启轮次', 1],
      ['observation.revise', '修订数值', 1],
      ['supervision.plan_tasks.load', '载入方案任务', 20],
      ['user.create', '新建用户', 39],
      ['plan.targets.allocate', '分解目标', expect.any(Number)],
    ]);
    expect(row('plan.targets.allocate').count).toBeGreaterThan(20);
    expect(view.rows.every((r) => r.actionName.en && r.entityName.zh && r.entityName.en)).toBe(true);
  });

  it('a revised figure is named by region, indicator and period, its change 数值 with the unit', () => {
    const r = row('observation.revise');
    expect(r.object).toEqual({
      zh: '浒山街道 · 有效高新技术企业数 · 2025年第四季度',
      en: 'Hushan Subdistrict · Valid high-tech enterprises · 2025 Q4',
    });
    expect(r.entityName.zh).toBe('数据');
    expect(r.summary.zh).toBe('修订数值 · 浒山街道 · 有效高新技术企业数 · 2025年第四季度');
    expect(r.changes).toHaveLength(1);
    const [change] = r.changes;
    expect(change!.label.zh).toBe('数值');
    expect(change!.old!.zh).toMatch(/^[\d,]+家$/);
    expect(Number(change!.new!.zh.replace(/[,家]/g, ''))).toBe(
      Number(change!.old!.zh.replace(/[,家]/g, '')) + 5,
    );
    expect(change!.new!.en).toMatch(/^[\d,]+ 家$/);
    expect(r.reason).toBe('按年报更正');
    expect(r.actor).toBe('admin');
    expect(r.actorName).toBeTruthy();
  });

  it('a publication of three figures is one row that expands to its three items', () => {
    const r = row('observation.publish');
    expect(r.summary.zh).toBe('发布数据 · 3 项 · 2026年第一季度');
    expect(r.summary.en).toBe('Published figures · 3 items · 2026 Q1');
    expect(r.entryIds).toHaveLength(3);
    expect(r.items.map((i) => i.object.zh).sort()).toEqual(
      townNames.map((town) => `${town} · 有效高新技术企业数 · 2026年第一季度`).sort(),
    );
    for (const item of r.items) {
      expect(item.changes.map((c) => c.label.zh)).toEqual(['数值']);
      expect(item.changes[0]!.new!.zh).toMatch(/家$/);
    }
  });

  it('the review is one row; each item says 状态 待审核 → 已审核', () => {
    const r = row('submission.approve');
    expect(r.summary.zh).toBe('审核通过 · 3 项 · 2026年第一季度');
    expect(r.items[0]!.changes).toEqual([
      {
        field: 'status',
        label: { zh: '状态', en: 'Status' },
        old: { zh: '待审核', en: 'awaiting review' },
        new: { zh: '已审核', en: 'approved' },
      },
    ]);
  });

  it('a grid entry lists its rows; a round is named by its period; an account by name and username', () => {
    const submit = row('submission.submit');
    expect(submit.itemsTotal).toBe(3);
    expect(submit.object.zh).toBe('在线填报 · 2026年第一季度填报');
    expect(row('round.open').object).toEqual({ zh: '2026年第一季度填报', en: '2026 Q1 round' });
    expect(row('round.open').changes.map((c) => [c.label.zh, c.new?.zh])).toEqual([
      ['截止日期', '2026-04-15'],
      ['应报项数', expect.stringMatching(/^\d+$/)],
    ]);
    const user = row('user.update');
    expect(user.object.zh).toBe(`浒山街道统计员（town-${HUSHAN}）`);
    expect(user.changes).toEqual([
      {
        field: 'displayName',
        label: { zh: '姓名', en: 'Name' },
        old: { zh: '浒山街道填报员', en: '浒山街道填报员' },
        new: { zh: '浒山街道统计员', en: '浒山街道统计员' },
      },
    ]);
  });

  it('init’s demo accounts are one row; the target allocation lists its targets by indicator and region', () => {
    expect(row('user.create').summary.zh).toBe('新建用户 · 39 项');
    const allocate = row('plan.targets.allocate');
    expect(allocate.object.zh).toContain('有效高新技术企业数');
    expect(allocate.changes).toEqual([]);
    expect(allocate.items[0]!.changes[0]!.label.zh).toBe('目标值');
    expect(allocate.items[0]!.changes[0]!.new!.zh).toMatch(/^2025年 /);
    expect(row('supervision.plan_tasks.load').items[0]!.object.zh).toMatch(/^A1\.1 /);
  });

  it('the filter choices name every kind of object', () => {
    expect(view.entities.find((e) => e.code === 'supervision_item')?.name.zh).toBe('督办事项');
    expect(view.actions.length).toBeGreaterThanOrEqual(30);
    // Without view=people the route still answers the raw entries.
    return demo.admin
      .get('/api/audit?entity=round')
      .then((r) => r.json())
      .then((entries) => expect((entries as AuditEntry[]).map((e) => e.action)).toEqual(['round.open']));
  });

  it('the CSV has the readable 操作 and 对象 columns beside the raw ones', async () => {
    const res = await demo.admin.get('/api/audit.csv?entity=observation');
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '序号,时间,操作人,操作,对象类型,对象,变更,原因,操作批次,操作代码,对象类型代码,对象标识,原值,新值',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(',发布数据,数据,');
    expect(lines.find((l) => l.includes('修订数值'))).toContain(
      '浒山街道 · 有效高新技术企业数 · 2025年第四季度',
    );
    const batches = new Set(lines.slice(1).map((l) => l.match(/,(g\d+-\d+|e\d+),/)?.[1]));
    expect(batches.size).toBe(2);
  });
});
