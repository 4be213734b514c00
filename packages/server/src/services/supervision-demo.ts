// The demo's 督查督办 (issue 11), loaded by `ding init` with the demo data: the plan's 17 tasks of the current
// year (交办 on 1 January, reported quarterly) with progress reports for the quarters already due — most on
// time and accepted, some late, one returned, one missing — and three items of the other types (a 领导批示
// with milestones, a 会议纪要, an 上级督查 already overdue), so every light and the unit ranking show something.
// Synthetic, like the demo figures: the timeline says so.
import { randomUUID } from 'node:crypto';
import { dateAddDays, planTaskItems, reportPeriods, type Plan, type SupervisionItem } from '@ding/core';
import type { Repositories } from '../repositories/index.ts';
import type { Workspace } from './workspace.ts';

const BY = 'ding init';
/** The note on every demo item's 立项 (the 督查通报 marks a bulletin of them synthetic). */
export const SUPERVISION_DEMO_NOTE = '演示数据（合成，非真实督办记录）';
const NOTE = SUPERVISION_DEMO_NOTE;

/** Deterministic 0–1 from a string (the same demo on every machine). */
function unitHash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  // FNV-1a's top bits barely move with the last character; murmur3's finaliser spreads them.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** 北京时间 `hour`:00 on `day`, as an ISO instant. */
const instant = (day: string, hour = 10) => `${day}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;

async function insertWithHistory(tx: Repositories, item: SupervisionItem, today: string): Promise<void> {
  await tx.supervision.insertItem(item, BY);
  await tx.supervision.appendEvent(item.id, {
    kind: 'created',
    by: BY,
    at: instant(item.assignedOn, 9),
    note: NOTE,
  });
  const lead = item.leadUnits[0]!;
  const due = reportPeriods(item.assignedOn, item.deadline, item.cadence).filter((p) => p.dueOn < today);
  if (due.length > 0)
    await tx.supervision.appendEvent(item.id, {
      kind: 'acknowledged',
      by: lead,
      unit: lead,
      at: instant(dateAddDays(item.assignedOn, 2)),
    });
  for (const [i, p] of due.entries()) {
    const h = unitHash(`${item.code}|${p.period}`);
    if (h < 0.08) continue; // no report: 未按时反馈
    const late = h > 0.85;
    const day = late ? dateAddDays(p.dueOn, 3) : dateAddDays(p.dueOn, -2);
    if (day >= today) continue; // a late report not made yet
    const percentDone =
      item.indicators.length === 0
        ? Math.min(100, Math.round(((i + 1) / due.length) * 60 + h * 10))
        : undefined;
    const submitted = await tx.supervision.insertReport({
      itemId: item.id,
      period: p.period,
      unit: lead,
      role: 'lead',
      text: `${p.period}：${item.title.zh}按计划推进，已完成阶段性工作。`,
      by: lead,
      attachments: [],
      at: instant(day),
      ...(percentDone !== undefined ? { percentDone } : {}),
    });
    await tx.supervision.appendEvent(item.id, {
      kind: 'report_submitted',
      by: lead,
      unit: lead,
      reportId: submitted.id,
      at: instant(day),
    });
    const returned = i === due.length - 1 && h > 0.78 && h <= 0.85;
    const reason = returned ? '缺少佐证材料，请补充后重新报送' : undefined;
    await tx.supervision.decideReport(
      submitted.id,
      returned ? 'returned' : 'accepted',
      'admin',
      reason,
      instant(dateAddDays(day, 1)),
    );
    await tx.supervision.appendEvent(item.id, {
      kind: returned ? 'report_returned' : 'report_accepted',
      by: 'admin',
      reportId: submitted.id,
      at: instant(dateAddDays(day, 1)),
      ...(reason ? { note: reason } : {}),
    });
  }
}

/**
 * Loads the demo items into an empty supervision table; `leaderUserId` is the demo leader account (the
 * 责任领导 that escalations reach). Returns how many items were loaded (0 when there were items already).
 */
export async function supervisionDemo(
  ws: Workspace,
  plan: Plan,
  options: { today: string; leaderUserId?: string },
): Promise<number> {
  if ((await ws.repos.supervision.codes()).size > 0) return 0;
  const year = Number(options.today.slice(0, 4));
  const leader = { name: '分管副市长', ...(options.leaderUserId ? { userId: options.leaderUserId } : {}) };
  const tasks: SupervisionItem[] = planTaskItems(plan, year, `${year}-01-01`).map((t) => ({
    ...t,
    id: randomUUID(),
    leader,
  }));
  const start = dateAddDays(options.today, -75);
  const others: SupervisionItem[] = [
    {
      id: randomUUID(),
      code: 'DB-1',
      type: 'leader_instruction',
      title: { zh: '加快推进环杭州湾创新中心建设', en: 'Speed up the Hangzhou Bay innovation centre' },
      leadUnits: ['kjj'],
      cooperatingUnits: ['jxj', 'czj'],
      leader,
      contact: { name: '张科长', phone: '0574-63000001' },
      assignedOn: start,
      deadline: dateAddDays(start, 100),
      cadence: 'monthly',
      milestones: [
        { date: dateAddDays(start, 30), deliverable: '建设方案' },
        { date: dateAddDays(start, 60), deliverable: '场地落实' },
        { date: dateAddDays(start, 100), deliverable: '挂牌运行' },
      ],
      indicators: [],
      source: '市政府领导批示（演示）',
    },
    {
      id: randomUUID(),
      code: 'DB-2',
      type: 'meeting_minutes',
      title: { zh: '落实科技创新工作例会议定事项', en: 'Carry out the S&T meeting decisions' },
      leadUnits: ['kjj'],
      cooperatingUnits: ['tjj'],
      leader,
      assignedOn: dateAddDays(options.today, -20),
      deadline: dateAddDays(options.today, 5),
      cadence: 'monthly',
      milestones: [],
      indicators: [],
      source: '市科技创新工作例会纪要（演示）',
    },
    {
      id: randomUUID(),
      code: 'DB-3',
      type: 'higher_inspection',
      title: { zh: '省科技厅督查反馈问题整改', en: 'Fix the issues raised by the provincial inspection' },
      leadUnits: ['scjgj'],
      cooperatingUnits: ['kjj'],
      leader,
      assignedOn: dateAddDays(options.today, -40),
      deadline: dateAddDays(options.today, -10),
      cadence: 'monthly',
      milestones: [],
      indicators: [],
      source: '省科技厅督查通知（演示）',
    },
  ];
  await ws.repos.transaction(async (tx) => {
    for (const item of [...tasks, ...others]) await insertWithHistory(tx, item, options.today);
    await tx.audit.append({
      actor: BY,
      action: 'supervision.plan_tasks.load',
      entity: 'supervision_item',
      entityId: plan.id,
      new: { year, codes: [...tasks, ...others].map((t) => t.code) },
      reason: NOTE,
    });
  });
  return tasks.length + others.length;
}
