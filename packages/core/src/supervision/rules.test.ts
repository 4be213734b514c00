// The 督查督办 rules on fixed days (issue 11 "Done when": 蓝 → 黄 → 红 on the right days by its rule; a 延期 before
// and after the due date). Expected values are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../engine/progress.ts';
import type { ProgressReport, SupervisionEvent, SupervisionItem } from './model.ts';
import {
  chinaDayOf,
  effectiveDeadline,
  extensionRequestCheck,
  indicatorProgress,
  milestonesCheck,
  reportPeriodDefault,
  reportPeriods,
  reportsDue,
  supervisionLight,
  supervisionState,
} from './rules.ts';

const item = (over: Partial<SupervisionItem> = {}): SupervisionItem => ({
  id: 'i1',
  code: 'DB-1',
  type: 'leader_instruction',
  title: { zh: '推进科创平台建设', en: 'Platforms' },
  leadUnits: ['kjj'],
  cooperatingUnits: ['jxj'],
  assignedOn: '2026-10-01',
  deadline: '2026-12-31',
  cadence: 'monthly',
  milestones: [
    { date: '2026-10-31', deliverable: '方案' },
    { date: '2026-11-30', deliverable: '选址' },
    { date: '2026-12-31', deliverable: '挂牌' },
  ],
  indicators: [],
  ...over,
});

const created: SupervisionEvent = { kind: 'created', at: '2026-10-01T01:00:00Z', by: 'admin' };
const report = (
  period: string,
  submittedAt: string,
  percentDone: number,
  status: ProgressReport['status'] = 'accepted',
): ProgressReport => ({
  id: `${period}-${submittedAt}`,
  period,
  unit: 'kjj',
  submittedAt,
  status,
  percentDone,
  text: '进展',
});

describe('report periods', () => {
  it('monthly: one per month from 交办 to the deadline, due on day 5 of the next month', () => {
    expect(reportPeriods('2026-10-20', '2026-12-31', 'monthly')).toEqual([
      { period: '2026-10', endsOn: '2026-10-31', dueOn: '2026-11-05' },
      { period: '2026-11', endsOn: '2026-11-30', dueOn: '2026-12-05' },
      { period: '2026-12', endsOn: '2026-12-31', dueOn: '2027-01-05' },
    ]);
  });
  it('quarterly: the quarter holding 交办 to the one holding the deadline', () => {
    expect(reportPeriods('2026-02-10', '2026-08-01', 'quarterly').map((p) => [p.period, p.dueOn])).toEqual([
      ['2026Q1', '2026-04-05'],
      ['2026Q2', '2026-07-05'],
      ['2026Q3', '2026-10-05'],
    ]);
  });
  it('a report made at 23:30 北京时间 on the due day is on time (UTC 15:30)', () => {
    expect(chinaDayOf('2026-11-05T15:30:00Z')).toBe('2026-11-05');
    expect(chinaDayOf('2026-11-05T16:30:00Z')).toBe('2026-11-06');
    const due = reportsDue(item(), [created], [report('2026-10', '2026-11-05T15:30:00Z', 33)], '2026-11-10');
    expect(due.map((d) => [d.period, d.onTime])).toEqual([['2026-10', true]]);
  });
  it('the default period of a new report is the oldest one owed', () => {
    const reports = [report('2026-10', '2026-11-03T02:00:00Z', 33)];
    expect(reportPeriodDefault(item(), [created], reports, '2026-12-03')).toBe('2026-11');
    expect(reportPeriodDefault(item(), [created], [], '2026-12-03')).toBe('2026-10');
  });
});

describe('lights on fixed days', () => {
  // Milestones on 10-31, 11-30, 12-31: expected share 0, 33.3, 66.7, 100 % as each passes. Reports keep pace
  // (accepted, on time) until November; then the unit reports 40% for November.
  const reports = [
    report('2026-10', '2026-11-04T02:00:00Z', 33.4),
    report('2026-11', '2026-12-04T02:00:00Z', 40),
  ];
  const light = (today: string, rs = reports) =>
    supervisionLight({ item: item(), events: [created], reports: rs, today });

  it('green while on schedule', () => {
    const l = light('2026-11-20');
    // expected 1/3 = 33.3 %, reported 33.4 % → 0 behind
    expect(l.light).toBe('green');
    expect(l.progress).toMatchObject({ source: 'milestones', lagPoints: 0 });
  });
  it('yellow from the day the second milestone passes with 40% reported: 66.7 − 40 = 26.7 points behind', () => {
    expect(light('2026-11-29').light).toBe('green'); // expected still 33.3 %
    const l = light('2026-12-04');
    expect(l.light).toBe('yellow');
    expect(l.progress.lagPoints).toBeCloseTo(200 / 3 - 40, 9);
    expect(l.reasons[0]?.zh).toContain('落后26.7个百分点（落后10–30个百分点为黄灯）');
  });
  it('yellow when a report is overdue (day 6) even on schedule', () => {
    const onPace = [report('2026-10', '2026-11-04T02:00:00Z', 33.4)];
    expect(light('2026-11-05', onPace).light).toBe('green');
    const l = light('2026-12-06', [report('2026-10', '2026-11-04T02:00:00Z', 70)]);
    expect(l.light).toBe('yellow');
    expect(l.reasons.map((r) => r.zh)).toContain('2026-11进展未按时反馈（应于2026-12-05前报送）');
  });
  it('blue within 7 days of the deadline when nothing else fires', () => {
    const ahead = [
      report('2026-10', '2026-11-04T02:00:00Z', 70),
      report('2026-11', '2026-12-04T02:00:00Z', 90),
    ];
    expect(light('2026-12-23', ahead).light).toBe('green'); // 8 days left
    const l = light('2026-12-24', ahead); // 7 days left
    expect(l.light).toBe('blue');
    expect(l.reasons[0]?.zh).toBe('距办结时限（2026-12-31）还有7天（7天内为蓝灯）');
  });
  it('red the day after the deadline (all milestones reported done, still not 办结)', () => {
    const ahead = [
      report('2026-10', '2026-11-04T02:00:00Z', 70),
      report('2026-11', '2026-12-04T02:00:00Z', 100),
    ];
    expect(light('2026-12-31', ahead).light).toBe('blue');
    const l = light('2027-01-01', ahead);
    expect(l.light).toBe('red');
    expect(l.daysLeft).toBe(-1);
    expect(l.reasons[0]?.zh).toBe('已超过办结时限（2026-12-31）1天（逾期即红灯）');
  });
  it('red when more than 30 points behind: nothing reported at the second milestone (66.7 behind)', () => {
    const l = light('2026-12-01', []);
    expect(l.light).toBe('red');
    expect(l.progress.lagPoints).toBeCloseTo(200 / 3, 9);
  });
  it('a returned report turns the item yellow until resubmitted, and its percentage does not count', () => {
    const events: SupervisionEvent[] = [
      created,
      { kind: 'report_submitted', at: '2026-11-02T02:00:00Z', by: 'kjj', reportId: 'r0' },
      { kind: 'report_accepted', at: '2026-11-02T05:00:00Z', by: 'admin', reportId: 'r0' },
      { kind: 'report_submitted', at: '2026-11-03T02:00:00Z', by: 'kjj', reportId: 'r1' },
      { kind: 'report_returned', at: '2026-11-03T05:00:00Z', by: 'admin', reportId: 'r1', note: '缺佐证' },
    ];
    const reports = [
      report('2026-10', '2026-11-02T02:00:00Z', 35),
      report('2026-11', '2026-11-03T02:00:00Z', 90, 'returned'),
    ];
    const l = supervisionLight({ item: item(), events, reports, today: '2026-11-04' });
    expect(supervisionState(events)).toBe('returned');
    // expected 33.3 % (one milestone passed); reported 35 % (the returned 90 % is ignored) → on schedule
    expect(l.progress).toMatchObject({ reported: 35, lagPoints: 0 });
    expect(l.light).toBe('yellow');
    expect(l.reasons.map((r) => r.zh)).toEqual(['最近一次进展反馈被退办，待重新报送']);
  });
  it('done once completed, whatever the date', () => {
    const events: SupervisionEvent[] = [
      created,
      { kind: 'completed', at: '2026-12-20T02:00:00Z', by: 'admin' },
    ];
    const l = supervisionLight({ item: item(), events, reports: [], today: '2027-02-01' });
    expect(l.light).toBe('done');
    expect(l.reasons[0]?.zh).toBe('已于2026-12-20办结');
  });
});

describe('indicator-linked progress comes from the engine rows', () => {
  const row = (
    indicator: string,
    value: number,
    expected: number,
    status: ProgressRow['status'],
    comparator: '>=' | '<=' = '>=',
  ): ProgressRow =>
    ({
      indicator,
      region: 'cixi',
      period: '2026Q3',
      unit: '家',
      value: { value },
      target: { value: expected * 1.2, comparator },
      expected: { value: expected },
      status,
    }) as unknown as ProgressRow;

  it('the mean share of 序时进度 reached, each capped at 100%', () => {
    // 900 of 1000 expected → 90 %; 1200 of 1000 → capped 100 %; a ≤ target 5 vs 4 expected → 80 %; mean 90 → 10 behind
    const rows = [
      row('a', 900, 1000, 'watch'),
      row('b', 1200, 1000, 'on_track'),
      row('c', 5, 4, 'behind', '<='),
    ];
    const p = indicatorProgress(rows, ['a', 'b', 'c', 'missing']);
    expect(p?.indicators.map((i) => i.achieved)).toEqual([90, 100, 80]);
    expect(p?.lagPoints).toBeCloseTo(10, 9);
    const l = supervisionLight({
      item: item({ indicators: ['a', 'b', 'c'], milestones: [] }),
      events: [created],
      reports: [report('2026-10', '2026-11-04T02:00:00Z', 0), report('2026-11', '2026-12-04T02:00:00Z', 0)],
      rows,
      today: '2026-12-06',
    });
    expect(l.light).toBe('yellow');
    expect(l.reasons[0]?.zh).toBe(
      '关联指标平均完成序时进度90.0%，落后10.0个百分点（落后10–30个百分点为黄灯）',
    );
  });
  it('a rate around zero is judged by its engine status', () => {
    const p = indicatorProgress([row('g', -2, 5, 'behind')], ['g']);
    expect(p?.achieved).toBe(0);
  });
});

describe('延期 and milestones', () => {
  it('requested before the due date: accepted, and its approval moves the deadline', () => {
    const req = { newDeadline: '2027-01-31', reason: '选址调整' };
    expect(extensionRequestCheck(item(), [created], '2026-12-31', req)).toEqual([]);
    const events: SupervisionEvent[] = [
      created,
      {
        kind: 'extension_requested',
        at: '2026-12-20T02:00:00Z',
        by: 'kjj',
        newDeadline: '2027-01-31',
        note: '选址调整',
      },
    ];
    expect(effectiveDeadline(item(), events)).toBe('2026-12-31');
    expect(extensionRequestCheck(item(), events, '2026-12-21', req)[0]?.message.zh).toBe(
      '已有延期申请待审批',
    );
    events.push({ kind: 'extension_approved', at: '2026-12-21T02:00:00Z', by: 'admin' });
    expect(effectiveDeadline(item(), events)).toBe('2027-01-31');
  });
  it('requested after the due date: refused, chased against the original date', () => {
    const errors = extensionRequestCheck(item(), [created], '2027-01-02', {
      newDeadline: '2027-01-31',
      reason: 'x',
    });
    expect(errors.map((e) => e.message.zh)).toEqual([
      '延期须在办结时限（2026-12-31）前申请；已逾期2天，按原时限催办',
    ]);
  });
  it('a rejected request leaves the deadline', () => {
    const events: SupervisionEvent[] = [
      created,
      { kind: 'extension_requested', at: '2026-12-20T02:00:00Z', by: 'kjj', newDeadline: '2027-01-31' },
      { kind: 'extension_rejected', at: '2026-12-21T02:00:00Z', by: 'admin' },
    ];
    expect(effectiveDeadline(item(), events)).toBe('2026-12-31');
  });
  it('a milestone after the deadline, before 交办 or without a deliverable is refused', () => {
    const errors = milestonesCheck(
      [
        { date: '2027-01-05', deliverable: '挂牌' },
        { date: '2026-09-01', deliverable: '方案' },
        { date: '2026-11-31', deliverable: '' },
      ],
      '2026-10-01',
      '2026-12-31',
    );
    expect(errors.map((e) => e.message.zh)).toEqual([
      '第1个节点（2027-01-05）晚于办结时限 2026-12-31',
      '第2个节点（2026-09-01）早于交办日期 2026-10-01',
      '第3个节点日期无效',
      '第3个节点缺少成果',
    ]);
  });
});
