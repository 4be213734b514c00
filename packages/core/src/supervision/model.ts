// 督查督办 (issue 11): the plan's tasks and the admin's own items supervised — the domain types and the
// defaults a bureau would start from. The rules over them (state, lights, checks) are in rules.ts, the daily
// digests in digest.ts, the unit ranking and the 督查通报 in ranking.ts and bulletin.ts. Pure: no I/O.
//
// The practice built to (public 督查督办 rules of Chinese county governments, summarised in issue 11):
// 立项 → 交办 → 签收 → 办理（主办 + 协办） → 反馈 → 审核 → 办结 → 销号; a 延期 is requested before the due date
// with a reason and a new date and approved, else 催办 runs against the original date.
import type { Plan } from '../plan/schema.ts';
import type { LocalizedName } from '../types.ts';

/** Where an item comes from: the plan's tasks, a leader's instruction, a meeting's minutes, a higher-level inspection. */
export type SupervisionType = 'plan_task' | 'leader_instruction' | 'meeting_minutes' | 'higher_inspection';

export const SUPERVISION_TYPES: readonly SupervisionType[] = [
  'plan_task',
  'leader_instruction',
  'meeting_minutes',
  'higher_inspection',
];

export const SUPERVISION_TYPE_NAMES: Record<SupervisionType, LocalizedName> = {
  plan_task: { zh: '方案任务', en: 'Plan task' },
  leader_instruction: { zh: '领导批示', en: 'Leader instruction' },
  meeting_minutes: { zh: '会议纪要', en: 'Meeting minutes' },
  higher_inspection: { zh: '上级督查', en: 'Higher-level inspection' },
};

/**
 * Default time allowed from 交办 to 办结, per type. A plan task runs to the end of its year (the plan's
 * targets are annual); a 领导批示 is usually answered within 15 days, a 会议纪要's decisions within a month,
 * an 上级督查 item within 10 days (the usual 限时办结 of county 督查 rules). The admin may set any date.
 */
export const SUPERVISION_DEFAULT_DAYS: Record<Exclude<SupervisionType, 'plan_task'>, number> = {
  leader_instruction: 15,
  meeting_minutes: 30,
  higher_inspection: 10,
};

/** How often the lead unit reports progress: monthly (by day `dueDay` of the next month) or quarterly. */
export type ReportCadence = 'monthly' | 'quarterly';

export interface Milestone {
  /** YYYY-MM-DD; never after the item's deadline. */
  date: string;
  deliverable: string;
}

export interface Contact {
  name: string;
  phone: string;
}

export interface SupervisionItem {
  id: string;
  /** The plan task's code (A1.1) for plan tasks, else a number the admin's items get (DB-1, DB-2 …). */
  code: string;
  type: SupervisionType;
  title: LocalizedName;
  /** 牵头单位 (主办): plan department codes or region codes of towns; the first reports. */
  leadUnits: string[];
  /** 配合单位 (协办): they contribute parts to the lead unit's report. */
  cooperatingUnits: string[];
  /** 责任领导: a name, and the user it escalates to when known. */
  leader?: { name: string; userId?: string };
  contact?: Contact;
  /** Date assigned (交办), YYYY-MM-DD. */
  assignedOn: string;
  /** 办结时限 as assigned, YYYY-MM-DD. */
  deadline: string;
  cadence: ReportCadence;
  milestones: Milestone[];
  /** Indicators whose 序时进度 gives the item's progress (computed, not typed). */
  indicators: string[];
  /** Where it comes from: the plan's clause (三(一)1), the instruction's or minutes' reference. */
  source?: string;
}

/** What happened to an item, in order: its timeline, from which its state is folded (rules.ts). */
export type SupervisionEventKind =
  | 'created' // 立项 + 交办
  | 'acknowledged' // 签收 by the lead unit
  | 'report_submitted' // 反馈: the lead unit's 进展 report
  | 'report_part_added' // a cooperating unit's part
  | 'report_accepted' // 审核通过
  | 'report_returned' // 退办, with a reason
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'completed' // 办结: the admin accepts the final report
  | 'closed' // 销号
  | 'reminded'; // 催办 (a digest or a manual reminder mentioned it)

export interface SupervisionEvent {
  kind: SupervisionEventKind;
  /** ISO-8601 instant. */
  at: string;
  by: string;
  /** The unit acting (department or region code), when a unit acts. */
  unit?: string;
  reportId?: string;
  /** A return's reason, an extension's reason, a report's summary. */
  note?: string;
  /** An extension's requested new deadline. */
  newDeadline?: string;
}

export type ReportStatus = 'submitted' | 'accepted' | 'returned';

/** A 进展 report of one reporting period, as the rules need it. */
export interface ProgressReport {
  id: string;
  /** The reporting period: '2026-11' (monthly) or '2026Q3' (quarterly). */
  period: string;
  unit: string;
  /** ISO-8601 instant of (last) submission. */
  submittedAt: string;
  status: ReportStatus;
  /** 完成进度 (0–100) for milestone items, as reported. */
  percentDone?: number;
  text: string;
}

/** The thresholds of the lights; the bureau may set its own in configuration. */
export interface LightRules {
  /** 蓝: the deadline is this close (days, inclusive). */
  blueWithinDays: number;
  /** 黄: behind 序时进度 by at least this many points. */
  yellowLagPoints: number;
  /** 红: behind 序时进度 by more than this many points. */
  redLagPoints: number;
  /** Reports are due by this day of the month after their period. */
  reportDueDay: number;
}

/** Issue 11's figures: 蓝 near the deadline, 黄 10–30 points behind 序时进度, 红 overdue or > 30 behind. */
export const LIGHT_RULES_DEFAULT: LightRules = {
  blueWithinDays: 7,
  yellowLagPoints: 10,
  redLagPoints: 30,
  reportDueDay: 5,
};

/** When reminders go out: T−3 before a deadline, on overdue, and escalation after N days red. */
export interface ReminderRules {
  dueSoonDays: number;
  escalateAfterRedDays: number;
}

export const REMINDER_RULES_DEFAULT: ReminderRules = { dueSoonDays: 3, escalateAfterRedDays: 5 };

/** A unit's name: a plan department (市科技局) or a region (浒山街道); the code itself when unknown. */
export function supervisionUnitName(plan: Plan, code: string, lang: 'zh' | 'en' = 'zh'): string {
  const dept = plan.departments.find((d) => d.code === code);
  if (dept) return dept.name[lang];
  const region = plan.regions.find((r) => r.code === code);
  return region ? region.name[lang] : code;
}

/** Whether a code names a unit that can lead or cooperate: a plan department or a region. */
export function supervisionUnitIsKnown(plan: Plan, code: string): boolean {
  return plan.departments.some((d) => d.code === code) || plan.regions.some((r) => r.code === code);
}

/**
 * The plan's tasks (五大行动 × 17 项) as 督办事项 of `year`: 交办 on `assignedOn`, due at the year's end (the
 * plan's targets are annual), reported quarterly (with the quarterly statistics), progress from their
 * indicators. Ids are left to the caller.
 */
export function planTaskItems(plan: Plan, year: number, assignedOn: string): Omit<SupervisionItem, 'id'>[] {
  return plan.actions.flatMap((action) =>
    action.tasks.map((task) => ({
      code: task.code,
      type: 'plan_task' as const,
      title: task.name,
      leadUnits: [...task.leadUnits],
      cooperatingUnits: [...task.cooperatingUnits],
      assignedOn,
      deadline: `${year}-12-31`,
      cadence: 'quarterly' as const,
      milestones: [],
      indicators: [...task.indicators],
      source: `方案${task.source}（${action.name.zh}）`,
    })),
  );
}
