// 督查督办 as the page shows it: the light's colour, an item's progress figure, days left, times in 北京时间,
// the caller's part in an item (主办/协办), the unit choices, the report periods one may report for, and the
// counts of the list shown. The lights and their reasons are the server's (core's rules); nothing is recomputed.
import {
  regionChildrenOn,
  type IsoDate,
  type LocalizedName,
  type Plan,
  type RegionCode,
  type SupervisionEventKind,
  type SupervisionItem,
  type SupervisionItemDetail,
  type SupervisionItemView,
  type SupervisionLight,
  type SupervisionState,
  type SupervisionType,
} from '@ding/core';

type Lang = 'zh' | 'en';

/** The dot's colour of each light (done is grey: nothing left to chase). */
export const SUPERVISION_LIGHT_COLORS: Record<SupervisionLight, string> = {
  red: '#cf1322',
  yellow: '#faad14',
  blue: '#1677ff',
  green: '#389e0d',
  done: '#8c8c8c',
};

/** Tag colours (antd presets) of the states. */
export const SUPERVISION_STATE_COLORS: Record<SupervisionState, string> = {
  assigned: 'default',
  in_progress: 'processing',
  reported: 'cyan',
  returned: 'error',
  completed: 'success',
  closed: 'default',
};

/** Timeline dot colours: green for what moves the item on, red for returns and rejections. */
export function supervisionEventColor(kind: SupervisionEventKind): string {
  switch (kind) {
    case 'report_accepted':
    case 'extension_approved':
    case 'completed':
    case 'closed':
      return 'green';
    case 'report_returned':
    case 'extension_rejected':
      return 'red';
    case 'reminded':
    case 'extension_requested':
      return 'orange';
    case 'created':
    case 'acknowledged':
    case 'report_submitted':
    case 'report_part_added':
      return 'blue';
  }
}

/**
 * The item's progress as one figure (%): the share of 序时进度 its indicators reach (computed), or the
 * 完成进度 last reported and not returned (milestone items).
 */
export function supervisionProgressPercent(view: Pick<SupervisionItemView, 'light'>): number {
  const p = view.light.progress;
  return p.source === 'indicators' ? p.achieved : p.reported;
}

/** '剩 5 天' / '今天到期' / '逾期 3 天' (and the English). */
export function supervisionDaysLeftText(daysLeft: number, lang: Lang): string {
  const days = (k: number) => (k === 1 ? '1 day' : `${k} days`);
  if (daysLeft > 0) return lang === 'zh' ? `剩 ${daysLeft} 天` : `${days(daysLeft)} left`;
  if (daysLeft === 0) return lang === 'zh' ? '今天到期' : 'due today';
  return lang === 'zh' ? `逾期 ${-daysLeft} 天` : `${days(-daysLeft)} overdue`;
}

/** 'YYYY-MM-DD HH:mm' in 北京时间 (UTC+8, no daylight saving), whatever the browser's zone. */
export function beijingDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** What the signed-in user's unit is for an item: 主办 (lead), 协办 (cooperating), or nothing. */
export function supervisionRoleOf(
  item: Pick<SupervisionItem, 'leadUnits' | 'cooperatingUnits'>,
  user: { role: string; department?: string; region?: string },
): 'lead' | 'cooperating' | undefined {
  const unit = supervisionUserUnit(user);
  if (!unit) return undefined;
  if (item.leadUnits.includes(unit)) return 'lead';
  if (item.cooperatingUnits.includes(unit)) return 'cooperating';
  return undefined;
}

/** The unit a user acts for (the server's actorUnit): a department's code or a town's region code. */
export function supervisionUserUnit(user: {
  role: string;
  department?: string;
  region?: string;
}): string | undefined {
  if (user.role === 'department') return user.department;
  if (user.role === 'town') return user.region;
  return undefined;
}

export interface UnitOption {
  value: string;
  label: string;
  kind: 'department' | 'town';
}

/** Every unit that can lead or cooperate: the plan's departments, then the home region's towns today. */
export function supervisionUnitOptions(plan: Plan, today: string, lang: Lang): UnitOption[] {
  const departments = plan.departments.map((d) => ({
    value: d.code,
    label: d.name[lang],
    kind: 'department' as const,
  }));
  const towns = regionChildrenOn(plan, plan.home as RegionCode, today as IsoDate).map((code) => ({
    value: code,
    label: plan.regions.find((r) => r.code === code)?.name[lang] ?? code,
    kind: 'town' as const,
  }));
  return [...departments, ...towns];
}

/** A server text that may be one string or both languages. */
export function localizedText(x: string | LocalizedName | undefined, lang: Lang): string {
  if (x === undefined) return '';
  return typeof x === 'string' ? x : x[lang];
}

export interface PeriodChoice {
  period: string;
  dueOn: string;
  /** Already answered by the lead units (awaiting review or accepted): the server refuses another. */
  disabled: boolean;
}

/**
 * The periods a report can be for, newest first, and the default: the item's next report, else the newest
 * one still open. A cooperating unit's part may go to any period.
 */
export function supervisionReportChoices(
  detail: Pick<SupervisionItemDetail, 'periods' | 'reports' | 'nextReport'>,
  role: 'lead' | 'cooperating',
): { choices: PeriodChoice[]; defaultPeriod: string | undefined } {
  const answered = new Set(
    detail.reports
      .filter((r) => r.role === 'lead' && (r.status === 'submitted' || r.status === 'accepted'))
      .map((r) => r.period),
  );
  const choices = [...detail.periods]
    .reverse()
    .map((p) => ({ ...p, disabled: role === 'lead' && answered.has(p.period) }));
  const next = detail.nextReport?.period;
  const defaultPeriod =
    next && choices.some((c) => c.period === next && !c.disabled)
      ? next
      : choices.find((c) => !c.disabled)?.period;
  return { choices, defaultPeriod };
}

export interface SupervisionListFilter {
  type?: SupervisionType;
  light?: SupervisionLight;
}

/** The items of one type (the server filters unit, state and mine; type and light are filtered here). */
export function supervisionFilter(
  items: readonly SupervisionItemView[],
  filter: SupervisionListFilter,
): SupervisionItemView[] {
  return items.filter(
    (v) =>
      (filter.type === undefined || v.item.type === filter.type) &&
      (filter.light === undefined || v.light.light === filter.light),
  );
}

export interface SupervisionCounts {
  byLight: Record<SupervisionLight, number>;
  overdue: number;
  total: number;
}

/** The summary strip's counts over the list as filtered (before the light filter, so each light can be picked). */
export function supervisionCounts(items: readonly SupervisionItemView[]): SupervisionCounts {
  const byLight: Record<SupervisionLight, number> = { red: 0, yellow: 0, blue: 0, green: 0, done: 0 };
  let overdue = 0;
  for (const v of items) {
    byLight[v.light.light] += 1;
    if (v.light.light !== 'done' && v.light.daysLeft < 0) overdue += 1;
  }
  return { byLight, overdue, total: items.length };
}
