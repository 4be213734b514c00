import { describe, expect, it } from 'vitest';
import type {
  LightResult,
  Plan,
  SupervisionItemDetail,
  SupervisionItemView,
  SupervisionReportRecord,
} from '@ding/core';
import {
  beijingDateTime,
  localizedText,
  supervisionCounts,
  supervisionDaysLeftText,
  supervisionFilter,
  supervisionProgressPercent,
  supervisionReportChoices,
  supervisionRoleOf,
  supervisionUnitOptions,
} from './supervision-view.ts';

const n = (zh: string) => ({ zh, en: `${zh}-en` });

function light(overrides: Partial<LightResult> = {}): LightResult {
  return {
    light: 'green',
    reasons: [n('按序时推进')],
    state: 'in_progress',
    deadline: '2026-12-31',
    daysLeft: 20,
    progress: { source: 'milestones', expected: 50, reported: 40, lagPoints: 10 },
    missingReports: [],
    ...overrides,
  };
}

function view(code: string, overrides: Partial<LightResult> = {}, type = 'plan_task'): SupervisionItemView {
  return {
    item: {
      id: `id-${code}`,
      code,
      type: type as SupervisionItemView['item']['type'],
      title: n(code),
      leadUnits: ['kjj'],
      cooperatingUnits: ['jxj'],
      assignedOn: '2026-01-01',
      deadline: '2026-12-31',
      cadence: 'monthly',
      milestones: [],
      indicators: [],
    },
    light: light(overrides),
    leadNames: ['市科技局'],
    cooperatingNames: ['市经信局'],
  };
}

function report(
  period: string,
  status: SupervisionReportRecord['status'],
  role: 'lead' | 'cooperating' = 'lead',
) {
  return {
    id: `${period}-${status}`,
    itemId: 'id',
    period,
    unit: 'kjj',
    role,
    status,
    text: 'x',
    submittedAt: '2026-11-03T02:00:00.000Z',
    submittedBy: 'kjj',
    attachments: [],
  } satisfies SupervisionReportRecord;
}

describe('督查督办 view helpers', () => {
  it('shows computed progress for indicator items and the reported 完成进度 for milestone items', () => {
    expect(supervisionProgressPercent(view('A1.1'))).toBe(40);
    expect(
      supervisionProgressPercent(
        view('A1.2', {
          progress: { source: 'indicators', achieved: 85.2, lagPoints: 14.8, indicators: [] },
        }),
      ),
    ).toBe(85.2);
  });

  it('says days left, due today and overdue in both languages', () => {
    expect(supervisionDaysLeftText(5, 'zh')).toBe('剩 5 天');
    expect(supervisionDaysLeftText(0, 'zh')).toBe('今天到期');
    expect(supervisionDaysLeftText(-10, 'zh')).toBe('逾期 10 天');
    expect(supervisionDaysLeftText(-1, 'en')).toBe('1 day overdue');
    expect(supervisionDaysLeftText(3, 'en')).toBe('3 days left');
  });

  it('prints instants in 北京时间 whatever the browser zone: 18:30 UTC is 02:30 the next day', () => {
    expect(beijingDateTime('2026-12-06T18:30:00.000Z')).toBe('2026-12-07 02:30');
    expect(beijingDateTime(undefined)).toBe('—');
    expect(beijingDateTime('not a date')).toBe('not a date');
  });

  it("knows the user's part in an item from the department or town code", () => {
    const item = view('DB-1').item;
    expect(supervisionRoleOf(item, { role: 'department', department: 'kjj' })).toBe('lead');
    expect(supervisionRoleOf(item, { role: 'department', department: 'jxj' })).toBe('cooperating');
    expect(supervisionRoleOf(item, { role: 'town', region: '330282004' })).toBeUndefined();
    // An admin acts for no unit, even with a department on the account.
    expect(supervisionRoleOf(item, { role: 'admin', department: 'kjj' })).toBeUndefined();
  });

  it('offers the lead unit only periods not awaiting review or accepted; the next report by default', () => {
    const detail: Pick<SupervisionItemDetail, 'periods' | 'reports' | 'nextReport'> = {
      periods: [
        { period: '2026-10', dueOn: '2026-11-05' },
        { period: '2026-11', dueOn: '2026-12-05' },
        { period: '2026-12', dueOn: '2027-01-05' },
      ],
      reports: [
        report('2026-10', 'accepted'),
        report('2026-11', 'returned'),
        report('2026-12', 'submitted', 'cooperating'),
      ],
      nextReport: { period: '2026-11', dueOn: '2026-12-05' },
    };
    const lead = supervisionReportChoices(detail, 'lead');
    expect(lead.choices.map((c) => [c.period, c.disabled])).toEqual([
      ['2026-12', false],
      ['2026-11', false],
      ['2026-10', true],
    ]);
    expect(lead.defaultPeriod).toBe('2026-11');
    // Without a next report the newest open period is the default; a cooperating unit may pick any.
    expect(supervisionReportChoices({ ...detail, nextReport: undefined }, 'lead').defaultPeriod).toBe(
      '2026-12',
    );
    expect(supervisionReportChoices(detail, 'cooperating').choices.every((c) => !c.disabled)).toBe(true);
  });

  it('counts the list by light and overdue (a completed item is never overdue) and filters by type and light', () => {
    const items = [
      view('DB-3', { light: 'red', daysLeft: -10 }, 'higher_inspection'),
      view('A1.2', { light: 'yellow' }),
      view('DB-9', { light: 'done', daysLeft: -3 }, 'leader_instruction'),
      view('A2.1'),
    ];
    expect(supervisionCounts(items)).toEqual({
      byLight: { red: 1, yellow: 1, blue: 0, green: 1, done: 1 },
      overdue: 1,
      total: 4,
    });
    expect(supervisionFilter(items, { type: 'plan_task' }).map((v) => v.item.code)).toEqual(['A1.2', 'A2.1']);
    expect(supervisionFilter(items, { light: 'red' }).map((v) => v.item.code)).toEqual(['DB-3']);
  });

  it('lists the departments, then the towns of the home region that exist on the day', () => {
    const plan = {
      home: '330282',
      departments: [{ code: 'kjj', name: n('市科技局') }],
      regions: [
        { code: '330282', name: n('全市'), kind: 'county' },
        { code: '330282004', name: n('浒山街道'), kind: 'street', parent: '330282' },
        { code: '330282999', name: n('旧镇'), kind: 'town', parent: '330282', validTo: '2020-12-31' },
      ],
      regionGroups: [],
    } as unknown as Plan;
    expect(supervisionUnitOptions(plan, '2026-12-07', 'zh')).toEqual([
      { value: 'kjj', label: '市科技局', kind: 'department' },
      { value: '330282004', label: '浒山街道', kind: 'town' },
    ]);
  });

  it('reads a server text given as one string or in both languages', () => {
    expect(localizedText('今日督办提醒', 'en')).toBe('今日督办提醒');
    expect(localizedText(n('提醒'), 'en')).toBe('提醒-en');
    expect(localizedText(undefined, 'zh')).toBe('');
  });
});
