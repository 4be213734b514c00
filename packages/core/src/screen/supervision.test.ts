// The city screen's 重点任务推进 panel: counts by light as the overview has them, the first five red and yellow
// items in the overview's order with their 牵头单位 in both languages, and how many more there are.
import { describe, expect, it } from 'vitest';
import type { SupervisionLight } from '../supervision/rules.ts';
import type { SupervisionItemView, SupervisionOverview } from '../supervision/view.ts';
import { buildPlan } from '../testing/factories.ts';
import { screenSupervisionBuild } from './supervision.ts';

const plan = buildPlan();

const view = (code: string, light: SupervisionLight, daysLeft = 20): SupervisionItemView => ({
  item: {
    id: code,
    code,
    type: 'plan_task',
    title: { zh: `${code}事项`, en: `Item ${code}` },
    leadUnits: ['kjj', 'T1'],
    cooperatingUnits: [],
    assignedOn: '2026-01-01',
    deadline: '2026-12-31',
    cadence: 'quarterly',
    milestones: [],
    indicators: [],
  },
  light: {
    light,
    reasons: [],
    state: 'in_progress',
    deadline: '2026-12-31',
    daysLeft,
    progress: { source: 'milestones', expected: 0, reported: 0, lagPoints: 0 },
    missingReports: [],
  },
  leadNames: ['科技局', '一镇'],
  cooperatingNames: [],
});

// In the overview's order: red (overdue first), yellow, then the others.
const items = [
  view('DB-3', 'red', -10),
  view('DB-2', 'red', 5),
  view('A1.2', 'yellow'),
  view('A1.3', 'yellow'),
  view('A2.2', 'yellow'),
  view('A2.3', 'yellow'),
  view('A3.3', 'yellow'),
  view('A4.1', 'blue', 3),
  view('A1.1', 'green'),
  view('A3.1', 'done'),
];
const overview: SupervisionOverview = {
  today: '2026-12-07',
  items,
  ranking: [],
  counts: {
    total: 10,
    byLight: { red: 2, yellow: 5, blue: 1, green: 1, done: 1 },
    onSchedule: 3,
    behindSchedule: 6,
    overdue: 1,
  },
};

describe('screenSupervisionBuild', () => {
  it('counts by light as the overview, the first 5 red/yellow items in its order, 2 more', () => {
    const p = screenSupervisionBuild(plan, overview);
    expect(p.counts).toEqual({ red: 2, yellow: 5, blue: 1, green: 1, done: 1 });
    expect(p.total).toBe(10);
    expect(p.top.map((t) => [t.code, t.light, t.daysLeft])).toEqual([
      ['DB-3', 'red', -10],
      ['DB-2', 'red', 5],
      ['A1.2', 'yellow', 20],
      ['A1.3', 'yellow', 20],
      ['A2.2', 'yellow', 20],
    ]);
    expect(p.more).toBe(2);
    expect(p.top[0]!.leads).toEqual([
      { zh: '科技局', en: 'Science bureau' },
      { zh: '一镇', en: 'Town 1' },
    ]);
    expect(p.top[0]!.title).toEqual({ zh: 'DB-3事项', en: 'Item DB-3' });
  });

  it('lists none when nothing is red or yellow, and never a blue, green or completed item', () => {
    const calm = { ...overview, items: items.filter((v) => !['red', 'yellow'].includes(v.light.light)) };
    const p = screenSupervisionBuild(plan, calm);
    expect(p.top).toEqual([]);
    expect(p.more).toBe(0);
    expect(screenSupervisionBuild(plan, overview, 10).top.map((t) => t.light)).not.toContain('blue');
  });
});
