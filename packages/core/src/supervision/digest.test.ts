// One digest per person per day, collecting all their items (issue 11 §4), and the unit ranking.
import { describe, expect, it } from 'vitest';
import type { SupervisionEvent, SupervisionItem } from './model.ts';
import { reminderDigests, type DigestItem } from './digest.ts';
import { supervisionLight } from './rules.ts';
import { unitTimeliness } from './ranking.ts';

const mk = (
  id: string,
  deadline: string,
  lead: string[],
  coop: string[] = [],
  leaderUserId?: string,
): SupervisionItem => ({
  id,
  code: id,
  type: 'leader_instruction',
  title: { zh: `事项${id}`, en: `Item ${id}` },
  leadUnits: lead,
  cooperatingUnits: coop,
  ...(leaderUserId ? { leader: { name: '王副市长', userId: leaderUserId } } : {}),
  assignedOn: '2026-11-20',
  deadline,
  cadence: 'monthly',
  milestones: [],
  indicators: [],
});
const created: SupervisionEvent = { kind: 'created', at: '2026-11-20T01:00:00Z', by: 'admin' };
const today = '2026-12-03';
const digestItem = (i: SupervisionItem, redSince?: string): DigestItem => ({
  item: i,
  light: supervisionLight({ item: i, events: [created], reports: [], today }),
  ...(redSince ? { redSince } : {}),
});

describe('reminderDigests', () => {
  const people = [
    { userId: 'u-kjj', displayName: '市科技局', unit: 'kjj' },
    { userId: 'u-jxj', displayName: '市经信局', unit: 'jxj' },
    { userId: 'u-leader', displayName: '王副市长' },
  ];
  const items = [
    digestItem(mk('A', '2026-12-06', ['kjj'], ['jxj'])), // due in 3 days → T−3
    digestItem(mk('B', '2026-11-30', ['kjj'], [], 'u-leader'), '2026-11-29'), // overdue 3 days, red since 11-29 → 5th day
    digestItem(mk('C', '2026-12-20', ['kjj'])), // nothing yet
  ];

  it('collects every item of a person into one message, most urgent first', () => {
    const digests = reminderDigests({ today, items, people, link: 'http://ding.local/supervision' });
    expect(digests.map((d) => d.userId)).toEqual(['u-jxj', 'u-kjj', 'u-leader']);
    const kjj = digests.find((d) => d.userId === 'u-kjj')!;
    expect(kjj.key).toBe('digest:u-kjj:2026-12-03');
    // B: overdue, and its November report (due 12-05) is due within 3 days; A: due soon and its report too.
    expect(kjj.entries.map((e) => [e.code, e.kind])).toEqual([
      ['B', 'overdue'],
      ['A', 'due_soon'],
    ]);
    expect(kjj.subject.zh).toBe('【督查督办】2026-12-03 待办提醒（2项）');
    expect(kjj.text.zh).toContain('1. B 事项B［主办］：已超过办结时限（2026-11-30）3天，请抓紧办理并反馈');
    expect(kjj.text.zh).toContain('2. A 事项A［主办］：3天后（2026-12-06）到期');
    expect(kjj.text.zh).toContain('详情请登录科创鼎督查督办：http://ding.local/supervision');
    // the cooperating unit hears of the deadline, not of the lead unit's report to make
    const jxj = digests.find((d) => d.userId === 'u-jxj')!;
    expect(jxj.entries.map((e) => [e.code, e.kind, e.role])).toEqual([['A', 'due_soon', 'cooperating']]);
  });
  it('escalates to the 责任领导 on the 5th red day, not before', () => {
    const leader = reminderDigests({ today, items, people }).find((d) => d.userId === 'u-leader');
    expect(leader?.entries.map((e) => e.text.zh)).toEqual([
      '已连续5天红灯：已超过办结时限（2026-11-30）3天（逾期即红灯）',
    ]);
    const earlier = [digestItem(mk('B', '2026-11-30', ['kjj'], [], 'u-leader'), '2026-11-30')];
    expect(reminderDigests({ today, items: earlier, people }).some((d) => d.userId === 'u-leader')).toBe(
      false,
    );
  });
  it('tells of a report due within T−3 when the server passes the upcoming report', () => {
    const digests = reminderDigests({
      today,
      items: [items[2]!],
      people,
      upcomingReports: new Map([['C', { period: '2026-11', dueOn: '2026-12-05' }]]),
    });
    expect(digests[0]?.entries.map((e) => e.text.zh)).toEqual(['2026-11进展请于2026-12-05前反馈']);
  });
  it('tells an admin what awaits a decision: a report to review, a 延期 to approve', () => {
    const c = mk('C', '2026-12-20', ['kjj']);
    const reported: DigestItem = {
      item: c,
      light: supervisionLight({
        item: c,
        events: [created, { kind: 'report_submitted', at: '2026-12-02T02:00:00Z', by: 'kjj', reportId: 'r' }],
        reports: [],
        today,
      }),
      extensionPending: { newDeadline: '2027-01-20' },
    };
    const admin = { userId: 'u-admin', displayName: '管理员', admin: true };
    const digests = reminderDigests({ today, items: [reported], people: [...people, admin] });
    expect(digests.find((d) => d.userId === 'u-admin')?.entries.map((e) => e.text.zh)).toEqual([
      '延期申请（至2027-01-20）待审批',
      '进展反馈待审核',
    ]);
  });
  it('nobody is told anything on a quiet day', () => {
    expect(reminderDigests({ today, items: [items[2]!], people })).toEqual([]);
  });
});

describe('unitTimeliness', () => {
  it('rates on-time reports over reports due and ranks with ties', () => {
    const a = mk('A', '2027-03-31', ['kjj']);
    a.assignedOn = '2026-10-01';
    const b = mk('B', '2027-03-31', ['jxj']);
    b.assignedOn = '2026-10-01';
    const r = (unit: string, period: string, at: string) => ({
      id: `${unit}${period}`,
      period,
      unit,
      submittedAt: at,
      status: 'accepted' as const,
      text: '',
    });
    // kjj: October on time (11-05), November late (12-06 after 12-05) → 1/2 = 50 %; jxj: both on time → 100 %
    const kjjReports = [
      r('kjj', '2026-10', '2026-11-05T03:00:00Z'),
      r('kjj', '2026-11', '2026-12-06T03:00:00Z'),
    ];
    const jxjReports = [
      r('jxj', '2026-10', '2026-11-01T03:00:00Z'),
      r('jxj', '2026-11', '2026-12-01T03:00:00Z'),
    ];
    const day = '2026-12-10';
    const input = (i: SupervisionItem, reports: typeof kjjReports) => ({
      item: i,
      events: [created],
      reports,
      light: supervisionLight({ item: i, events: [created], reports, today: day }),
    });
    const rows = unitTimeliness([input(a, kjjReports), input(b, jxjReports)], day);
    expect(rows.map((x) => [x.unit, x.reportsDue, x.onTime, x.late, x.onTimeRate, x.rank])).toEqual([
      ['jxj', 2, 2, 0, 100, 1],
      ['kjj', 2, 1, 1, 50, 2],
    ]);
  });
});
