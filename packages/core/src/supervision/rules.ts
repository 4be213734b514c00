// The rules of 督查督办 (issue 11 §3): an item's state folded from its timeline, its effective deadline, its
// reporting periods and their due dates, its lag behind 序时进度 (from the engine's rows for indicator-linked
// items, from the milestones for the others), and its light with the rule that made it — "why is this red?"
// is answered by `reasons`. Dates are China's days (YYYY-MM-DD); instants are ISO-8601 UTC.
import type { ProgressRow } from '../engine/progress.ts';
import type { LocalizedName } from '../types.ts';
import {
  LIGHT_RULES_DEFAULT,
  type LightRules,
  type Milestone,
  type ProgressReport,
  type ReportCadence,
  type SupervisionEvent,
  type SupervisionItem,
} from './model.ts';

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function dateIsValid(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function dateAddDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The China-time (UTC+8, no daylight saving since 1991) day of an instant: a report at 23:30 on the 5th is on time. */
export function chinaDayOf(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---- State -------------------------------------------------------------------------------------------

/**
 * 交办 (waiting for 签收) → 办理中 → 已反馈 (awaiting review) / 已退办 → 办结 → 销号. An accepted report returns the
 * item to 办理中 (the next period's report is due), unless the admin marks it 办结.
 */
export type SupervisionState = 'assigned' | 'in_progress' | 'reported' | 'returned' | 'completed' | 'closed';

export const SUPERVISION_STATE_NAMES: Record<SupervisionState, LocalizedName> = {
  assigned: { zh: '已交办', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  reported: { zh: '已反馈', en: 'Reported' },
  returned: { zh: '已退办', en: 'Returned' },
  completed: { zh: '已办结', en: 'Completed' },
  closed: { zh: '已销号', en: 'Closed' },
};

export function supervisionState(events: readonly SupervisionEvent[]): SupervisionState {
  let state: SupervisionState = 'assigned';
  for (const e of events) {
    switch (e.kind) {
      case 'acknowledged':
        if (state === 'assigned') state = 'in_progress';
        break;
      case 'report_submitted':
        if (state !== 'completed' && state !== 'closed') state = 'reported';
        break;
      case 'report_accepted':
        if (state === 'reported') state = 'in_progress';
        break;
      case 'report_returned':
        if (state === 'reported') state = 'returned';
        break;
      case 'completed':
        state = 'completed';
        break;
      case 'closed':
        state = 'closed';
        break;
      default:
        break;
    }
  }
  return state;
}

export const stateIsFinished = (s: SupervisionState) => s === 'completed' || s === 'closed';

/** The date of 办结 (China's day), when the item is completed or closed. */
export function completedOn(events: readonly SupervisionEvent[]): string | undefined {
  const done = events.find((e) => e.kind === 'completed');
  return done ? chinaDayOf(done.at) : undefined;
}

// ---- As of a past day ----------------------------------------------------------------------------------

/**
 * The timeline as it stood at the end of China's day `day`: the events of that day and before (the 督查通报 of a
 * month is computed as of its last day). An item with no event left did not exist yet.
 */
export function eventsAsOf<E extends SupervisionEvent>(events: readonly E[], day: string): E[] {
  return events.filter((e) => chinaDayOf(e.at) <= day);
}

/**
 * The reports as they stood at the end of `day`: those submitted by then, and a decision taken later undone
 * (the report was still awaiting review on that day).
 */
export function reportsAsOf<
  R extends ProgressReport & { decidedAt?: string; decidedBy?: string; returnReason?: string },
>(reports: readonly R[], day: string): R[] {
  return reports
    .filter((r) => chinaDayOf(r.submittedAt) <= day)
    .map((r) => {
      if (r.decidedAt === undefined || chinaDayOf(r.decidedAt) <= day) return r;
      const { decidedAt: _at, decidedBy: _by, returnReason: _reason, ...pending } = r;
      return { ...pending, status: 'submitted' } as R;
    });
}

// ---- Deadlines and extensions --------------------------------------------------------------------------

/** The deadline in force: the last approved 延期's new date, else the one assigned. */
export function effectiveDeadline(item: SupervisionItem, events: readonly SupervisionEvent[]): string {
  let deadline = item.deadline;
  let requested: string | undefined;
  for (const e of events) {
    if (e.kind === 'extension_requested') requested = e.newDeadline;
    if (e.kind === 'extension_approved' && requested) deadline = requested;
    if (e.kind === 'extension_approved' || e.kind === 'extension_rejected') requested = undefined;
  }
  return deadline;
}

/** The 延期 awaiting a decision, if any. */
export function pendingExtension(events: readonly SupervisionEvent[]): SupervisionEvent | undefined {
  let pending: SupervisionEvent | undefined;
  for (const e of events) {
    if (e.kind === 'extension_requested') pending = e;
    if (e.kind === 'extension_approved' || e.kind === 'extension_rejected') pending = undefined;
  }
  return pending;
}

export interface RuleError {
  field: string;
  message: LocalizedName;
}

/**
 * A 延期 request: before the deadline in force (on the day itself still counts), with a reason and a later
 * date, none pending, the item not finished — otherwise 催办 continues against the original date.
 */
export function extensionRequestCheck(
  item: SupervisionItem,
  events: readonly SupervisionEvent[],
  today: string,
  request: { newDeadline: string; reason: string },
): RuleError[] {
  const errors: RuleError[] = [];
  const deadline = effectiveDeadline(item, events);
  if (stateIsFinished(supervisionState(events)))
    errors.push({ field: 'item', message: { zh: '事项已办结，不能申请延期', en: 'the item is completed' } });
  if (today > deadline)
    errors.push({
      field: 'newDeadline',
      message: {
        zh: `延期须在办结时限（${deadline}）前申请；已逾期${daysBetween(deadline, today)}天，按原时限催办`,
        en: `an extension must be requested before the deadline (${deadline}); it is ${daysBetween(deadline, today)} days overdue and is chased against it`,
      },
    });
  if (!dateIsValid(request.newDeadline))
    errors.push({
      field: 'newDeadline',
      message: { zh: '新时限不是有效日期', en: 'the new deadline is not a date' },
    });
  else if (request.newDeadline <= deadline)
    errors.push({
      field: 'newDeadline',
      message: {
        zh: `新时限须晚于现时限 ${deadline}`,
        en: `the new deadline must be after ${deadline}`,
      },
    });
  if (request.reason.trim().length === 0)
    errors.push({ field: 'reason', message: { zh: '请填写延期理由', en: 'a reason is required' } });
  if (pendingExtension(events))
    errors.push({
      field: 'item',
      message: { zh: '已有延期申请待审批', en: 'an extension request is already pending' },
    });
  return errors;
}

/** Milestones: valid dates between 交办 and the deadline, each with its deliverable. */
export function milestonesCheck(
  milestones: readonly Milestone[],
  assignedOn: string,
  deadline: string,
): RuleError[] {
  const errors: RuleError[] = [];
  milestones.forEach((m, i) => {
    const field = `milestones[${i}]`;
    if (!dateIsValid(m.date))
      errors.push({
        field,
        message: { zh: `第${i + 1}个节点日期无效`, en: `milestone ${i + 1}: not a date` },
      });
    else if (m.date > deadline)
      errors.push({
        field,
        message: {
          zh: `第${i + 1}个节点（${m.date}）晚于办结时限 ${deadline}`,
          en: `milestone ${i + 1} (${m.date}) is after the deadline ${deadline}`,
        },
      });
    else if (m.date < assignedOn)
      errors.push({
        field,
        message: {
          zh: `第${i + 1}个节点（${m.date}）早于交办日期 ${assignedOn}`,
          en: `milestone ${i + 1} (${m.date}) is before the item was assigned (${assignedOn})`,
        },
      });
    if (m.deliverable.trim().length === 0)
      errors.push({
        field,
        message: { zh: `第${i + 1}个节点缺少成果`, en: `milestone ${i + 1}: no deliverable` },
      });
  });
  return errors;
}

// ---- Reporting periods -------------------------------------------------------------------------------

export interface ReportPeriod {
  /** '2026-11' or '2026Q3'. */
  period: string;
  /** Last day of the period. */
  endsOn: string;
  /** The report is due by this day (day `reportDueDay` of the next month). */
  dueOn: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

function periodOfDate(date: string, cadence: ReportCadence): { y: number; m: number } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return cadence === 'monthly' ? { y, m } : { y, m: Math.ceil(m / 3) * 3 };
}

function reportPeriodOf(y: number, lastMonth: number, cadence: ReportCadence, dueDay: number): ReportPeriod {
  const next = lastMonth === 12 ? { y: y + 1, m: 1 } : { y, m: lastMonth + 1 };
  return {
    period: cadence === 'monthly' ? `${y}-${pad2(lastMonth)}` : `${y}Q${lastMonth / 3}`,
    endsOn: monthEnd(y, lastMonth),
    dueOn: `${next.y}-${pad2(next.m)}-${pad2(dueDay)}`,
  };
}

/**
 * The item's reporting periods from the one it was assigned in to the one holding `until` (its deadline, or
 * the day it was completed): a monthly item assigned on 11-20 owes a report for November by 12-05.
 */
export function reportPeriods(
  assignedOn: string,
  until: string,
  cadence: ReportCadence,
  dueDay = LIGHT_RULES_DEFAULT.reportDueDay,
): ReportPeriod[] {
  const step = cadence === 'monthly' ? 1 : 3;
  let { y, m } = periodOfDate(assignedOn, cadence);
  const last = periodOfDate(until, cadence);
  const out: ReportPeriod[] = [];
  while (y < last.y || (y === last.y && m <= last.m)) {
    out.push(reportPeriodOf(y, m, cadence, dueDay));
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
  return out;
}

/** Whether a report's period is one of the item's: the UI offers these, the server refuses others. */
export function reportPeriodIsOwed(
  item: SupervisionItem,
  events: readonly SupervisionEvent[],
  period: string,
  today: string,
  dueDay = LIGHT_RULES_DEFAULT.reportDueDay,
): boolean {
  const until = minDate(effectiveDeadline(item, events), today);
  return reportPeriods(item.assignedOn, until, item.cadence, dueDay).some((p) => p.period === period);
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/**
 * The periods whose report was due by `today` (and before 办结), each with the lead units' report that answers
 * it (`reports` are the lead units' — any of them may report; cooperating units' parts are not reports).
 */
export function reportsDue(
  item: SupervisionItem,
  events: readonly SupervisionEvent[],
  reports: readonly ProgressReport[],
  today: string,
  dueDay = LIGHT_RULES_DEFAULT.reportDueDay,
): Array<ReportPeriod & { report?: ProgressReport; onTime: boolean | undefined }> {
  const done = completedOn(events);
  const until = minDate(done ?? effectiveDeadline(item, events), today);
  return reportPeriods(item.assignedOn, until, item.cadence, dueDay)
    .filter((p) => p.dueOn <= today && (done === undefined || p.endsOn < done))
    .map((p) => {
      const report = latestReport(reports.filter((r) => r.period === p.period));
      const onTime = report ? chinaDayOf(report.submittedAt) <= p.dueOn : false;
      return report ? { ...p, report, onTime } : { ...p, onTime };
    });
}

/** The most recent submission (a resubmission after 退办 replaces the returned one). */
export function latestReport(reports: readonly ProgressReport[]): ProgressReport | undefined {
  return reports.reduce<ProgressReport | undefined>(
    (last, r) => (last === undefined || r.submittedAt > last.submittedAt ? r : last),
    undefined,
  );
}

/** The period a report made today is for by default: the oldest owed one not yet answered, else the current one. */
export function reportPeriodDefault(
  item: SupervisionItem,
  events: readonly SupervisionEvent[],
  reports: readonly ProgressReport[],
  today: string,
  dueDay = LIGHT_RULES_DEFAULT.reportDueDay,
): string {
  const answered = new Set(reports.filter((r) => r.status !== 'returned').map((r) => r.period));
  const periods = reportPeriods(
    item.assignedOn,
    minDate(effectiveDeadline(item, events), today),
    item.cadence,
    dueDay,
  );
  const open = periods.find((p) => p.endsOn < today && !answered.has(p.period));
  return (open ?? periods[periods.length - 1] ?? reportPeriodOf(2000, 12, item.cadence, dueDay)).period;
}

// ---- Progress against 序时进度 --------------------------------------------------------------------------

export interface IndicatorLag {
  indicator: string;
  /** Share of 序时进度 reached (%), capped at 100: an indicator ahead cannot offset one behind. */
  achieved: number;
}

/**
 * How far an indicator-linked item is behind 序时进度, from the engine's rows of the home region: each
 * indicator's value against its 序时进度 (value ÷ expected, or expected ÷ value for a "≤" target — the ratio the
 * engine's status bands judge, progress-rules.ts `statusBand`), capped at 100%; the item's figure is their
 * mean and its lag 100 − mean, in points. Indicators without a value or a 序时进度 (not due, no target) are
 * left out; with none left there is no computed progress.
 */
export function indicatorProgress(
  rows: readonly ProgressRow[],
  indicators: readonly string[],
): { achieved: number; lagPoints: number; indicators: IndicatorLag[] } | undefined {
  const lags: IndicatorLag[] = [];
  for (const code of indicators) {
    const row = rows.find((r) => r.indicator === code);
    if (!row?.value || !row.expected || !row.target) continue;
    const achieved = achievedShare(row.value.value, row.expected.value, row.target.comparator, row.status);
    if (achieved !== undefined) lags.push({ indicator: code, achieved });
  }
  if (lags.length === 0) return undefined;
  const mean = lags.reduce((s, l) => s + l.achieved, 0) / lags.length;
  return { achieved: mean, lagPoints: 100 - mean, indicators: lags };
}

function achievedShare(
  actual: number,
  expected: number,
  comparator: '>=' | '<=',
  status: ProgressRow['status'],
): number | undefined {
  if (status === 'met') return 100;
  // A ratio means nothing around zero (a growth target of 0%, a value of −2%): the engine judges such
  // rows in points; their status decides instead — on track 100, watch at the yellow line, behind 0.
  if (expected <= 0 || actual <= 0) {
    if (status === 'on_track') return 100;
    if (status === 'watch') return 100 - LIGHT_RULES_DEFAULT.yellowLagPoints;
    if (status === 'behind') return 0;
    return undefined;
  }
  const ratio = comparator === '>=' ? actual / expected : expected / actual;
  return Math.min(100, ratio * 100);
}

/**
 * A milestone item's lag: the share of milestones due by today (or of the time from 交办 to the deadline,
 * with no milestones) minus the 完成进度 last reported and not returned, in points.
 */
export function milestoneProgress(
  item: SupervisionItem,
  deadline: string,
  reports: readonly ProgressReport[],
  today: string,
): { expected: number; reported: number; lagPoints: number } {
  const expected =
    item.milestones.length > 0
      ? (100 * item.milestones.filter((m) => m.date <= today).length) / item.milestones.length
      : Math.max(
          0,
          Math.min(
            100,
            (100 * daysBetween(item.assignedOn, today)) / Math.max(1, daysBetween(item.assignedOn, deadline)),
          ),
        );
  const last = latestReport(reports.filter((r) => r.status !== 'returned' && r.percentDone !== undefined));
  const reported = last?.percentDone ?? 0;
  return { expected, reported, lagPoints: Math.max(0, expected - reported) };
}

/** '2025年第四季度' / '2025 Q4'; '2025年' / '2025': the engine period the indicator-linked items are judged on. */
export function engineQuarterLabel(period: string): LocalizedName {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) return { zh: period, en: period };
  const q = m[2] ? Number(m[2]) : undefined;
  return q
    ? { zh: `${m[1]}年第${'一二三四'[q - 1]}季度`, en: `${m[1]} Q${q}` }
    : { zh: `${m[1]}年`, en: m[1]! };
}

// ---- Lights --------------------------------------------------------------------------------------------

export type SupervisionLight = 'red' | 'yellow' | 'blue' | 'green' | 'done';

export const SUPERVISION_LIGHT_NAMES: Record<SupervisionLight, LocalizedName> = {
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  blue: { zh: '蓝灯', en: 'Blue' },
  green: { zh: '绿灯', en: 'Green' },
  done: { zh: '已办结', en: 'Completed' },
};

export interface LightInput {
  item: SupervisionItem;
  events: readonly SupervisionEvent[];
  reports: readonly ProgressReport[];
  today: string;
  /** The engine's rows of the home region for the current period (indicator-linked items). */
  rows?: readonly ProgressRow[];
  /** That period's label for the reasons ('2025年第四季度'), so a reader knows which figures judged the item. */
  periodLabel?: LocalizedName;
  rules?: LightRules;
}

export interface LightResult {
  light: SupervisionLight;
  /** Why this colour, one sentence per rule that fired, the deciding one first. */
  reasons: LocalizedName[];
  state: SupervisionState;
  deadline: string;
  /** Days until the deadline in force (negative when overdue). */
  daysLeft: number;
  /** Progress: computed from indicators, or from milestones and reports. */
  progress:
    | { source: 'indicators'; achieved: number; lagPoints: number; indicators: IndicatorLag[] }
    | { source: 'milestones'; expected: number; reported: number; lagPoints: number };
  /** Reporting periods due and not answered by a report that stands: none made, or `returned`. */
  missingReports: Array<ReportPeriod & { returned?: boolean }>;
}

const fmt1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/**
 * 红 when overdue or more than `redLagPoints` behind 序时进度; 黄 when `yellowLagPoints`–`redLagPoints` behind,
 * when the last report was returned (quality) or a report is overdue; 蓝 when the deadline is within
 * `blueWithinDays`; 绿 otherwise; 办结 once completed. The most severe wins; every rule that fired is listed.
 */
export function supervisionLight(input: LightInput): LightResult {
  const rules = input.rules ?? LIGHT_RULES_DEFAULT;
  const { item, events, reports, today } = input;
  const state = supervisionState(events);
  const deadline = effectiveDeadline(item, events);
  const daysLeft = daysBetween(today, deadline);
  const computed =
    item.indicators.length > 0 && input.rows ? indicatorProgress(input.rows, item.indicators) : undefined;
  const progress: LightResult['progress'] = computed
    ? { source: 'indicators', ...computed }
    : { source: 'milestones', ...milestoneProgress(item, deadline, reports, today) };
  const missingReports = reportsDue(item, events, reports, today, rules.reportDueDay)
    .filter((p) => !p.report || p.report.status === 'returned')
    .map(({ period, endsOn, dueOn, report }) => ({
      period,
      endsOn,
      dueOn,
      ...(report ? { returned: true } : {}),
    }));
  const base = { state, deadline, daysLeft, progress, missingReports };
  if (stateIsFinished(state)) {
    const on = completedOn(events) ?? today;
    return {
      ...base,
      light: 'done',
      reasons: [{ zh: `已于${on}办结`, en: `completed on ${on}` }],
    };
  }
  const red: LocalizedName[] = [];
  const yellow: LocalizedName[] = [];
  const lag = progress.lagPoints;
  const lagText: LocalizedName =
    lag < 0.05
      ? { zh: '已达到序时进度', en: 'on 序时进度' }
      : progress.source === 'indicators'
        ? {
            zh: `关联指标${input.periodLabel ? `（${input.periodLabel.zh}）` : ''}平均完成序时进度${fmt1(progress.achieved)}%，落后${fmt1(lag)}个百分点`,
            en: `linked indicators${input.periodLabel ? ` (${input.periodLabel.en})` : ''} reach ${fmt1(progress.achieved)}% of 序时进度 on average, ${fmt1(lag)} points behind`,
          }
        : {
            zh: `应完成${fmt1(progress.expected)}%，已报完成${fmt1(progress.reported)}%，落后${fmt1(lag)}个百分点`,
            en: `${fmt1(progress.expected)}% expected by now, ${fmt1(progress.reported)}% reported, ${fmt1(lag)} points behind`,
          };
  if (daysLeft < 0)
    red.push({
      zh: `已超过办结时限（${deadline}）${-daysLeft}天（逾期即红灯）`,
      en: `${-daysLeft} days past the deadline (${deadline}); overdue is red`,
    });
  if (lag > rules.redLagPoints)
    red.push({
      zh: `${lagText.zh}（落后超过${rules.redLagPoints}个百分点为红灯）`,
      en: `${lagText.en} (more than ${rules.redLagPoints} behind is red)`,
    });
  else if (lag >= rules.yellowLagPoints)
    yellow.push({
      zh: `${lagText.zh}（落后${rules.yellowLagPoints}–${rules.redLagPoints}个百分点为黄灯）`,
      en: `${lagText.en} (${rules.yellowLagPoints}–${rules.redLagPoints} behind is yellow)`,
    });
  if (state === 'returned')
    yellow.push({
      zh: '最近一次进展反馈被退办，待重新报送',
      en: 'the last report was returned and awaits resubmission',
    });
  for (const p of missingReports.filter((m) => !m.returned))
    yellow.push({
      zh: `${p.period}进展未按时反馈（应于${p.dueOn}前报送）`,
      en: `no progress report for ${p.period} (due by ${p.dueOn})`,
    });
  if (red.length > 0) return { ...base, light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length > 0) return { ...base, light: 'yellow', reasons: yellow };
  if (daysLeft <= rules.blueWithinDays)
    return {
      ...base,
      light: 'blue',
      reasons: [
        {
          zh: `距办结时限（${deadline}）还有${daysLeft}天（${rules.blueWithinDays}天内为蓝灯）`,
          en: `${daysLeft} days to the deadline (${deadline}); within ${rules.blueWithinDays} days is blue`,
        },
      ],
    };
  return {
    ...base,
    light: 'green',
    reasons: [
      {
        zh: `按序时推进：${lagText.zh}，距办结时限还有${daysLeft}天`,
        en: `on schedule: ${lagText.en}, ${daysLeft} days to the deadline`,
      },
    ],
  };
}

/** Severity order for lists: red first. */
export const LIGHT_ORDER: Record<SupervisionLight, number> = {
  red: 0,
  yellow: 1,
  blue: 2,
  green: 3,
  done: 4,
};
