// Reminders as one daily digest per person (issue 11 §4): never one message per item — 浙政钉 accepts the same
// message once a day and 100 messages per app per user per day. Who is told what: the lead and cooperating
// units' people about deadlines within T−3 days, overdue items, reports due or overdue and returned reports;
// the 责任领导 when an item has been red for N days (escalation). Pure: the server resolves people and sends.
import type { LocalizedName } from '../types.ts';
import { REMINDER_RULES_DEFAULT, type ReminderRules, type SupervisionItem } from './model.ts';
import { daysBetween, type LightResult } from './rules.ts';

export type ReminderKind =
  | 'overdue'
  | 'due_soon'
  | 'report_overdue'
  | 'report_due'
  | 'returned'
  | 'escalation'
  | 'to_review'
  | 'extension_to_decide';

export interface ReminderEntry {
  itemId: string;
  code: string;
  title: LocalizedName;
  kind: ReminderKind;
  /** The unit's part: 主办 (lead) or 协办 (cooperating); a leader's escalation has none. */
  role?: 'lead' | 'cooperating';
  text: LocalizedName;
}

export interface DigestPerson {
  userId: string;
  displayName: string;
  /** The department or town code the person reports for. */
  unit?: string;
  /** An admin is told what awaits a decision: reports to review, 延期 to approve or reject. */
  admin?: boolean;
}

export interface DigestItem {
  item: SupervisionItem;
  light: LightResult;
  /** A 延期 request awaiting the admin's decision, with its requested date. */
  extensionPending?: { newDeadline: string };
  /** First day of the current run of red days (the server records it); escalation counts from here. */
  redSince?: string;
}

export interface Digest {
  userId: string;
  date: string;
  /** One delivery per person and day, ever: the send log's key. */
  key: string;
  entries: ReminderEntry[];
  subject: LocalizedName;
  text: LocalizedName;
}

const KIND_ORDER: Record<ReminderKind, number> = {
  escalation: 0,
  overdue: 1,
  report_overdue: 2,
  returned: 3,
  due_soon: 4,
  report_due: 5,
  extension_to_decide: 6,
  to_review: 7,
};

/** What awaits the admin's decision on an item. */
function adminEntries(d: DigestItem): ReminderEntry[] {
  const base = { itemId: d.item.id, code: d.item.code, title: d.item.title };
  const out: ReminderEntry[] = [];
  if (d.light.state === 'reported')
    out.push({
      ...base,
      kind: 'to_review',
      text: { zh: '进展反馈待审核', en: 'a progress report awaits review' },
    });
  if (d.extensionPending)
    out.push({
      ...base,
      kind: 'extension_to_decide',
      text: {
        zh: `延期申请（至${d.extensionPending.newDeadline}）待审批`,
        en: `an extension to ${d.extensionPending.newDeadline} awaits a decision`,
      },
    });
  return out;
}

function unitEntries(d: DigestItem, today: string, rules: ReminderRules): Omit<ReminderEntry, 'role'>[] {
  const { item, light } = d;
  if (light.light === 'done') return [];
  const base = { itemId: item.id, code: item.code, title: item.title };
  const out: Omit<ReminderEntry, 'role'>[] = [];
  if (light.daysLeft < 0)
    out.push({
      ...base,
      kind: 'overdue',
      text: {
        zh: `已超过办结时限（${light.deadline}）${-light.daysLeft}天，请抓紧办理并反馈`,
        en: `${-light.daysLeft} days past the deadline (${light.deadline}); please complete and report`,
      },
    });
  else if (light.daysLeft <= rules.dueSoonDays)
    out.push({
      ...base,
      kind: 'due_soon',
      text: {
        zh:
          light.daysLeft === 0
            ? `今天（${light.deadline}）到期`
            : `${light.daysLeft}天后（${light.deadline}）到期`,
        en:
          light.daysLeft === 0
            ? `due today (${light.deadline})`
            : `due in ${light.daysLeft} days (${light.deadline})`,
      },
    });
  // A returned report is told once, as `returned` below, not also as a report overdue.
  for (const p of light.missingReports.filter((m) => !m.returned))
    out.push({
      ...base,
      kind: 'report_overdue',
      text: {
        zh: `${p.period}进展应于${p.dueOn}前反馈，已逾期${daysBetween(p.dueOn, today)}天`,
        en: `the ${p.period} report was due by ${p.dueOn}, ${daysBetween(p.dueOn, today)} days ago`,
      },
    });
  if (light.state === 'returned')
    out.push({
      ...base,
      kind: 'returned',
      text: {
        zh: '进展反馈已被退办，请修改后重新报送',
        en: 'the report was returned: please revise and resubmit',
      },
    });
  return out;
}

/** A report due within `dueSoonDays` and not yet made (the light only lists reports already overdue). */
function reportDueEntry(
  d: DigestItem,
  today: string,
  rules: ReminderRules,
  upcoming: { period: string; dueOn: string } | undefined,
): Omit<ReminderEntry, 'role'> | undefined {
  if (!upcoming || d.light.light === 'done') return undefined;
  const days = daysBetween(today, upcoming.dueOn);
  if (days < 0 || days > rules.dueSoonDays) return undefined;
  return {
    itemId: d.item.id,
    code: d.item.code,
    title: d.item.title,
    kind: 'report_due',
    text: {
      zh: `${upcoming.period}进展请于${upcoming.dueOn}前反馈`,
      en: `the ${upcoming.period} report is due by ${upcoming.dueOn}`,
    },
  };
}

export interface DigestInput {
  today: string;
  items: readonly DigestItem[];
  people: readonly DigestPerson[];
  /** The next report of each item not yet made, with its due date (the server knows what was submitted). */
  upcomingReports?: ReadonlyMap<string, { period: string; dueOn: string }>;
  rules?: ReminderRules;
  /** Link into the app, for the text. */
  link?: string;
}

/**
 * The day's digests: one per person with anything to be told, its entries most urgent first. An item
 * reaches everyone of its lead units (主办) and cooperating units (协办); the escalation reaches the 责任领导's
 * user once the item has been red for `escalateAfterRedDays` days; admins hear of the reports awaiting review
 * and the 延期 awaiting a decision.
 */
export function reminderDigests(input: DigestInput): Digest[] {
  const rules = input.rules ?? REMINDER_RULES_DEFAULT;
  const byUser = new Map<string, ReminderEntry[]>();
  const add = (userId: string, e: ReminderEntry) => byUser.set(userId, [...(byUser.get(userId) ?? []), e]);
  for (const d of input.items) {
    const entries = unitEntries(d, input.today, rules);
    const due = reportDueEntry(d, input.today, rules, input.upcomingReports?.get(d.item.id));
    if (due) entries.push(due);
    for (const person of input.people) {
      if (person.admin) for (const e of adminEntries(d)) add(person.userId, e);
      if (!person.unit) continue;
      const role = d.item.leadUnits.includes(person.unit)
        ? 'lead'
        : d.item.cooperatingUnits.includes(person.unit)
          ? 'cooperating'
          : undefined;
      if (!role) continue;
      // A returned report and a report to make are the lead unit's to act on.
      for (const e of entries)
        if (
          role === 'lead' ||
          (e.kind !== 'returned' && e.kind !== 'report_due' && e.kind !== 'report_overdue')
        )
          add(person.userId, { ...e, role });
    }
    const leader = d.item.leader?.userId;
    if (leader && d.light.light === 'red' && d.redSince) {
      const days = daysBetween(d.redSince, input.today) + 1;
      if (days >= rules.escalateAfterRedDays)
        add(leader, {
          itemId: d.item.id,
          code: d.item.code,
          title: d.item.title,
          kind: 'escalation',
          text: {
            zh: `已连续${days}天红灯：${d.light.reasons[0]?.zh ?? ''}`,
            en: `red for ${days} days: ${d.light.reasons[0]?.en ?? ''}`,
          },
        });
    }
  }
  const names = new Map(input.people.map((p) => [p.userId, p.displayName]));
  return [...byUser.entries()]
    .map(([userId, entries]) => {
      const sorted = [...entries].sort(
        (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.code.localeCompare(b.code),
      );
      return digestCompose(userId, names.get(userId) ?? userId, input.today, sorted, input.link);
    })
    .sort((a, b) => a.userId.localeCompare(b.userId));
}

const ROLE_NAMES = { lead: { zh: '主办', en: 'lead' }, cooperating: { zh: '协办', en: 'cooperating' } };

function digestCompose(
  userId: string,
  name: string,
  date: string,
  entries: ReminderEntry[],
  link: string | undefined,
): Digest {
  const items = new Set(entries.map((e) => e.itemId)).size;
  const line = (e: ReminderEntry, lang: 'zh' | 'en') => {
    const role = e.role
      ? lang === 'zh'
        ? `［${ROLE_NAMES[e.role].zh}］`
        : ` [${ROLE_NAMES[e.role].en}]`
      : '';
    return lang === 'zh'
      ? `${e.code} ${e.title.zh}${role}：${e.text.zh}`
      : `${e.code} ${e.title.en}${role}: ${e.text.en}`;
  };
  const zh = [
    `${name}：`,
    `截至${date}，您有${items}项督办事项需要关注：`,
    ...entries.map((e, i) => `${i + 1}. ${line(e, 'zh')}`),
    ...(link ? [`详情请登录科创鼎督查督办：${link}`] : []),
  ].join('\n');
  const en = [
    `${name},`,
    `as of ${date}, ${items} supervised item${items === 1 ? '' : 's'} need your attention:`,
    ...entries.map((e, i) => `${i + 1}. ${line(e, 'en')}`),
    ...(link ? [`Details: ${link}`] : []),
  ].join('\n');
  return {
    userId,
    date,
    key: `digest:${userId}:${date}`,
    entries,
    subject: {
      zh: `【督查督办】${date} 待办提醒（${items}项）`,
      en: `[Supervision] ${date} reminders (${items})`,
    },
    text: { zh, en },
  };
}
