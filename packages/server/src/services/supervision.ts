// 督查督办 over the stored data (issue 11): the plan's tasks loaded as items, the admin's own items, the
// lifecycle (签收 → 反馈 → 审核/退办 → 办结 → 销号, 延期 requested and decided), every step audited and kept in
// the item's timeline; the lights come from core's rules over the timeline, the reports and — for items
// linked to indicators — the engine's rows of the home region in the current period.
import { randomUUID } from 'node:crypto';
import {
  LIGHT_ORDER,
  SUPERVISION_DEFAULT_DAYS,
  dateAddDays,
  dateIsValid,
  engineQuarterLabel,
  effectiveDeadline,
  eventsAsOf,
  extensionRequestCheck,
  milestonesCheck,
  pendingExtension,
  planTaskItems,
  regionCode,
  reportPeriodDefault,
  reportPeriodIsOwed,
  reportPeriods,
  reportsAsOf,
  stateIsFinished,
  supervisionLight,
  supervisionState,
  supervisionUnitIsKnown,
  supervisionUnitName,
  unitTimeliness,
  type Actor,
  type LocalizedName,
  type Milestone,
  type Period,
  type Plan,
  type ProgressRow,
  type ReportCadence,
  type RuleError,
  type SupervisionEvent,
  type SupervisionItem,
  type SupervisionType,
  type SupervisionItemDetail,
  type SupervisionItemView,
  type SupervisionOverview,
  type SupervisionReportRecord,
} from '@ding/core';
import type { NewAttachment, Repositories } from '../repositories/index.ts';
import { progressDefaultPeriod } from './progress.ts';
import { snapshotProgressRows } from './snapshot-progress.ts';
import type { Workspace } from './workspace.ts';

/** A refusal with its HTTP status, a stable code and a message in both languages; nothing was written. */
export class SupervisionError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    readonly text: LocalizedName,
    readonly errors: RuleError[] = [],
  ) {
    super(text.en);
    this.name = 'SupervisionError';
  }
}

const notFound = (id: string) =>
  new SupervisionError(404, 'not_found', { zh: `没有督办事项 ${id}`, en: `no supervised item ${id}` });
const invalid = (errors: RuleError[]) =>
  new SupervisionError(
    422,
    'validation',
    { zh: errors.map((e) => e.message.zh).join('；'), en: errors.map((e) => e.message.en).join('; ') },
    errors,
  );

// ---- Reading -----------------------------------------------------------------------------------------

interface Loaded {
  items: Array<SupervisionItem & { redSince?: string }>;
  events: Map<string, SupervisionEvent[]>;
  reports: Map<string, SupervisionReportRecord[]>;
}

async function load(repos: Repositories, ids?: string[]): Promise<Loaded> {
  const all = await repos.supervision.items();
  const items = ids ? all.filter((i) => ids.includes(i.id)) : all;
  const which = ids ?? undefined;
  return {
    items,
    events: await repos.supervision.events(which),
    reports: await repos.supervision.reports(which),
  };
}

/** The engine's rows of the home region in the current period (empty when nothing is published). */
async function homeRows(ws: Workspace, plan: Plan): Promise<{ period?: Period; rows: ProgressRow[] }> {
  const period = await progressDefaultPeriod(ws);
  if (!period) return { rows: [] };
  const rows = await snapshotProgressRows(ws, plan, period, { regions: [regionCode(plan.home)] });
  return { period, rows };
}

const leadReports = (reports: readonly SupervisionReportRecord[]) => reports.filter((r) => r.role === 'lead');

function viewOf(
  plan: Plan,
  item: SupervisionItem & { redSince?: string },
  events: SupervisionEvent[],
  reports: SupervisionReportRecord[],
  rows: readonly ProgressRow[],
  period: Period | undefined,
  today: string,
): SupervisionItemView {
  const { redSince, ...plain } = item;
  const lead = leadReports(reports);
  const light = supervisionLight({
    item: plain,
    events,
    reports: lead,
    today,
    rows,
    ...(period ? { periodLabel: engineQuarterLabel(period) } : {}),
  });
  const view: SupervisionItemView = {
    item: plain,
    light,
    leadNames: plain.leadUnits.map((u) => supervisionUnitName(plan, u)),
    cooperatingNames: plain.cooperatingUnits.map((u) => supervisionUnitName(plan, u)),
  };
  const pending = pendingExtension(events);
  if (pending?.newDeadline)
    view.extensionPending = {
      newDeadline: pending.newDeadline,
      reason: pending.note ?? '',
      at: pending.at,
      by: pending.by,
    };
  const last = lead[lead.length - 1];
  if (last) view.lastReport = last;
  if (!stateIsFinished(light.state)) {
    const period = reportPeriodDefault(plain, events, lead, today);
    const due = reportPeriods(plain.assignedOn, effectiveDeadline(plain, events), plain.cadence).find(
      (p) => p.period === period,
    );
    const answered = lead.some((r) => r.period === period && r.status !== 'returned');
    if (due && !answered) view.nextReport = { period, dueOn: due.dueOn };
  }
  if (redSince) view.redSince = redSince;
  return view;
}

const sortViews = (views: SupervisionItemView[]) =>
  views.sort(
    (a, b) =>
      LIGHT_ORDER[a.light.light] - LIGHT_ORDER[b.light.light] ||
      a.light.daysLeft - b.light.daysLeft ||
      a.item.code.localeCompare(b.item.code, 'en', { numeric: true }),
  );

/**
 * The stored records as they stood at the end of China's day `day`: events and reports cut there (a later
 * decision on a report undone), items without an event by then left out, and no 红灯起始日 (`redSince` is
 * today's run of red days). Item fields edited since (title, deadline …) are today's: they have no history.
 */
function loadedAsOf(loaded: Loaded, day: string): Loaded {
  const events = new Map([...loaded.events].map(([id, ev]) => [id, eventsAsOf(ev, day)]));
  const reports = new Map([...loaded.reports].map(([id, rs]) => [id, reportsAsOf(rs, day)]));
  const items = loaded.items
    .filter((i) => (events.get(i.id) ?? []).length > 0)
    .map(({ redSince: _redSince, ...item }) => item);
  return { items, events, reports };
}

/**
 * Every item with its light, the units ranked by timeliness, and the counts of a 通报 — for `today`, or, with
 * `asOf` (a past China day; the 督查通报 uses a month's last day), from the records as they stood at its end
 * with the lights computed for that day. The indicator-linked items are judged on the engine's rows of the
 * current period either way: the published figures have no "as of" here.
 */
export async function supervisionOverview(
  ws: Workspace,
  plan: Plan,
  today: string,
  options: { asOf?: string } = {},
): Promise<SupervisionOverview> {
  const [stored, { period, rows }] = await Promise.all([load(ws.repos), homeRows(ws, plan)]);
  const asOf = options.asOf !== undefined && options.asOf < today ? options.asOf : undefined;
  const { items, events, reports } = asOf ? loadedAsOf(stored, asOf) : stored;
  const day = asOf ?? today;
  const views = sortViews(
    items.map((i) => viewOf(plan, i, events.get(i.id) ?? [], reports.get(i.id) ?? [], rows, period, day)),
  );
  const ranking = unitTimeliness(
    views.map((v) => ({
      item: v.item,
      events: events.get(v.item.id) ?? [],
      reports: leadReports(reports.get(v.item.id) ?? []),
      light: v.light,
    })),
    day,
  ).map((r) => ({ ...r, name: supervisionUnitName(plan, r.unit) }));
  const byLight = { red: 0, yellow: 0, blue: 0, green: 0, done: 0 };
  for (const v of views) byLight[v.light.light] += 1;
  const open = views.filter((v) => v.light.light !== 'done');
  const overview: SupervisionOverview = {
    today: day,
    items: views,
    ranking,
    counts: {
      total: views.length,
      byLight,
      onSchedule: open.filter((v) => v.light.progress.lagPoints < 0.05).length,
      behindSchedule: open.filter((v) => v.light.progress.lagPoints >= 0.05).length,
      overdue: open.filter((v) => v.light.daysLeft < 0).length,
    },
  };
  if (period) overview.period = period;
  return overview;
}

export async function supervisionItemDetail(
  ws: Workspace,
  plan: Plan,
  id: string,
  today: string,
): Promise<SupervisionItemDetail> {
  const [{ items, events, reports }, { period, rows }] = await Promise.all([
    load(ws.repos, [id]),
    homeRows(ws, plan),
  ]);
  const item = items[0];
  if (!item) throw notFound(id);
  const ev = events.get(id) ?? [];
  const reps = reports.get(id) ?? [];
  const view = viewOf(plan, item, ev, reps, rows, period, today);
  const until = effectiveDeadline(item, ev) < today ? effectiveDeadline(item, ev) : today;
  return {
    ...view,
    events: ev,
    reports: reps,
    periods: reportPeriods(item.assignedOn, until, item.cadence).map(({ period, dueOn }) => ({
      period,
      dueOn,
    })),
  };
}

// ---- Who may act ---------------------------------------------------------------------------------------

/** The unit a user acts for: a department's code, a town's region code; none for admins and leaders. */
export function actorUnit(actor: Actor): string | undefined {
  if (actor.role === 'department') return actor.department;
  if (actor.role === 'town') return actor.region;
  return undefined;
}

/** Items a unit leads or cooperates on (a unit's own view). */
export function itemsOfUnit(views: readonly SupervisionItemView[], unit: string): SupervisionItemView[] {
  return views.filter((v) => v.item.leadUnits.includes(unit) || v.item.cooperatingUnits.includes(unit));
}

function roleOf(item: SupervisionItem, actor: Actor): 'lead' | 'cooperating' | undefined {
  const unit = actorUnit(actor);
  if (!unit) return undefined;
  if (item.leadUnits.includes(unit)) return 'lead';
  if (item.cooperatingUnits.includes(unit)) return 'cooperating';
  return undefined;
}

function notOwned(plan: Plan, item: SupervisionItem, actor: Actor): SupervisionError {
  const unit = actorUnit(actor);
  const name = unit ? supervisionUnitName(plan, unit) : '';
  return new SupervisionError(403, 'not_owned', {
    zh: `${item.code}「${item.title.zh}」的牵头单位为${item.leadUnits.map((u) => supervisionUnitName(plan, u)).join('、')}${item.cooperatingUnits.length ? `，配合单位为${item.cooperatingUnits.map((u) => supervisionUnitName(plan, u)).join('、')}` : ''}；${name || '您的账号'}不承办此事项`,
    en: `${item.code} is led by ${item.leadUnits.map((u) => supervisionUnitName(plan, u, 'en')).join(', ')}; ${unit ? supervisionUnitName(plan, unit, 'en') : 'your account'} does not handle it`,
  });
}

// ---- Writing -------------------------------------------------------------------------------------------

interface WriteContext {
  ws: Workspace;
  plan: Plan;
  actor: Actor & { username: string };
  today: string;
}

/** Reads the item with its timeline inside the transaction, so a decision is taken on what is stored. */
async function itemIn(tx: Repositories, id: string) {
  const item = await tx.supervision.item(id);
  if (!item) throw notFound(id);
  const events = (await tx.supervision.events([id])).get(id) ?? [];
  const reports = (await tx.supervision.reports([id])).get(id) ?? [];
  const { redSince: _redSince, ...plain } = item;
  return { item: plain as SupervisionItem, events, reports };
}

const finished = (item: SupervisionItem) =>
  new SupervisionError(409, 'finished', {
    zh: `${item.code} 已办结，不能再办理`,
    en: `${item.code} is completed`,
  });

export interface ItemInput {
  type: SupervisionType;
  title: LocalizedName;
  leadUnits: string[];
  cooperatingUnits: string[];
  leader?: { name: string; userId?: string };
  contact?: { name: string; phone: string };
  assignedOn?: string;
  /** Default: 交办 + the type's default days (方案任务: the year's end). */
  deadline?: string;
  cadence?: ReportCadence;
  milestones?: Milestone[];
  indicators?: string[];
  source?: string;
}

/** The deadline a new item gets unless one is given (model.ts SUPERVISION_DEFAULT_DAYS). */
export function defaultDeadline(type: SupervisionType, assignedOn: string): string {
  return type === 'plan_task'
    ? `${assignedOn.slice(0, 4)}-12-31`
    : dateAddDays(assignedOn, SUPERVISION_DEFAULT_DAYS[type]);
}

function itemInputCheck(plan: Plan, input: ItemInput, assignedOn: string, deadline: string): RuleError[] {
  const errors: RuleError[] = [];
  if (!input.title.zh.trim())
    errors.push({ field: 'title', message: { zh: '请填写事项名称', en: 'a title is required' } });
  if (input.leadUnits.length === 0)
    errors.push({ field: 'leadUnits', message: { zh: '请指定牵头单位', en: 'a lead unit is required' } });
  for (const [field, units] of [
    ['leadUnits', input.leadUnits],
    ['cooperatingUnits', input.cooperatingUnits],
  ] as const)
    for (const u of units)
      if (!supervisionUnitIsKnown(plan, u))
        errors.push({ field, message: { zh: `未知单位 ${u}`, en: `unknown unit ${u}` } });
  for (const u of input.cooperatingUnits)
    if (input.leadUnits.includes(u))
      errors.push({
        field: 'cooperatingUnits',
        message: { zh: `${supervisionUnitName(plan, u)}已是牵头单位`, en: `${u} is already a lead unit` },
      });
  for (const code of input.indicators ?? [])
    if (!plan.indicators.some((i) => i.code === code))
      errors.push({
        field: 'indicators',
        message: { zh: `未知指标 ${code}`, en: `unknown indicator ${code}` },
      });
  if (!dateIsValid(assignedOn))
    errors.push({ field: 'assignedOn', message: { zh: '交办日期无效', en: 'assignedOn is not a date' } });
  if (!dateIsValid(deadline))
    errors.push({ field: 'deadline', message: { zh: '办结时限无效', en: 'the deadline is not a date' } });
  else if (deadline < assignedOn)
    errors.push({
      field: 'deadline',
      message: { zh: '办结时限早于交办日期', en: 'the deadline is before assignedOn' },
    });
  if (input.contact && !/^[0-9+\-\s]{5,20}$/.test(input.contact.phone))
    errors.push({
      field: 'contact.phone',
      message: { zh: '联系电话格式不正确', en: 'the contact phone is not a phone number' },
    });
  errors.push(...milestonesCheck(input.milestones ?? [], assignedOn, deadline));
  return errors;
}

/** A new item from the admin (立项 and 交办 at once); numbered DB-1, DB-2 …; audited. */
export async function supervisionItemCreate(ctx: WriteContext, input: ItemInput): Promise<SupervisionItem> {
  const assignedOn = input.assignedOn ?? ctx.today;
  const deadline = input.deadline ?? defaultDeadline(input.type, assignedOn);
  const errors = itemInputCheck(ctx.plan, input, assignedOn, deadline);
  if (errors.length > 0) throw invalid(errors);
  return ctx.ws.repos.transaction(async (tx) => {
    const taken = [...(await tx.supervision.codes())].map((c) => /^DB-(\d+)$/.exec(c)?.[1]);
    const n = Math.max(0, ...taken.map(Number).filter(Number.isFinite)) + 1;
    const item: SupervisionItem = {
      id: randomUUID(),
      code: `DB-${n}`,
      type: input.type,
      title: { zh: input.title.zh.trim(), en: input.title.en.trim() || input.title.zh.trim() },
      leadUnits: input.leadUnits,
      cooperatingUnits: input.cooperatingUnits,
      assignedOn,
      deadline,
      cadence: input.cadence ?? 'monthly',
      milestones: input.milestones ?? [],
      indicators: input.indicators ?? [],
    };
    if (input.leader?.name.trim()) item.leader = input.leader;
    if (input.contact) item.contact = input.contact;
    if (input.source?.trim()) item.source = input.source.trim();
    await tx.supervision.insertItem(item, ctx.actor.username);
    await tx.supervision.appendEvent(item.id, { kind: 'created', by: ctx.actor.username });
    await tx.audit.append({
      actor: ctx.actor.username,
      action: 'supervision.item.create',
      entity: 'supervision_item',
      entityId: item.id,
      new: item,
    });
    return item;
  });
}

/**
 * The plan's tasks of `year` as items, those not loaded yet (by code); returns how many were added. A task
 * code is one item: a later year's tasks are the same items with a new deadline (PUT), not new ones.
 */
export async function supervisionPlanTasksLoad(
  ws: Workspace,
  plan: Plan,
  options: { year: number; assignedOn: string; by: string },
): Promise<number> {
  return ws.repos.transaction(async (tx) => {
    const codes = await tx.supervision.codes();
    const fresh = planTaskItems(plan, options.year, options.assignedOn).filter((t) => !codes.has(t.code));
    for (const t of fresh) {
      const item = { ...t, id: randomUUID() };
      await tx.supervision.insertItem(item, options.by);
      await tx.supervision.appendEvent(item.id, {
        kind: 'created',
        by: options.by,
        at: `${options.assignedOn}T00:00:00.000Z`,
      });
    }
    // Not audited, like the plan file `ding init` loads them from: each item's timeline says who made it.
    return fresh.length;
  });
}

/** Edits of an item by the admin (deadline, units, milestones …): checked whole, audited with old and new. */
export async function supervisionItemUpdate(
  ctx: WriteContext,
  id: string,
  input: ItemInput,
): Promise<SupervisionItem> {
  return ctx.ws.repos.transaction(async (tx) => {
    const { item: old, events } = await itemIn(tx, id);
    if (stateIsFinished(supervisionState(events))) throw finished(old);
    const assignedOn = input.assignedOn ?? old.assignedOn;
    const deadline = input.deadline ?? old.deadline;
    const errors = itemInputCheck(ctx.plan, input, assignedOn, deadline);
    if (errors.length > 0) throw invalid(errors);
    const item: SupervisionItem = {
      id: old.id,
      code: old.code,
      type: input.type,
      title: input.title,
      leadUnits: input.leadUnits,
      cooperatingUnits: input.cooperatingUnits,
      assignedOn,
      deadline,
      cadence: input.cadence ?? old.cadence,
      milestones: input.milestones ?? old.milestones,
      indicators: input.indicators ?? old.indicators,
    };
    if (input.leader?.name.trim()) item.leader = input.leader;
    if (input.contact) item.contact = input.contact;
    const source = input.source ?? old.source;
    if (source) item.source = source;
    await tx.supervision.updateItem(item);
    await tx.audit.append({
      actor: ctx.actor.username,
      action: 'supervision.item.update',
      entity: 'supervision_item',
      entityId: id,
      old,
      new: item,
    });
    return item;
  });
}

async function event(
  tx: Repositories,
  ctx: WriteContext,
  itemId: string,
  e: Omit<SupervisionEvent, 'at' | 'by'>,
  audit: { action: string; old?: unknown; new?: unknown; reason?: string },
): Promise<void> {
  await tx.supervision.appendEvent(itemId, { ...e, by: ctx.actor.username });
  await tx.audit.append({
    actor: ctx.actor.username,
    entity: 'supervision_item',
    entityId: itemId,
    ...audit,
  });
}

/** 签收: the lead unit takes the item on. */
export async function supervisionAcknowledge(ctx: WriteContext, id: string): Promise<void> {
  await ctx.ws.repos.transaction(async (tx) => {
    const { item, events } = await itemIn(tx, id);
    if (roleOf(item, ctx.actor) !== 'lead') throw notOwned(ctx.plan, item, ctx.actor);
    if (supervisionState(events) !== 'assigned')
      throw new SupervisionError(409, 'already_acknowledged', {
        zh: '事项已签收',
        en: 'already acknowledged',
      });
    const unit = actorUnit(ctx.actor)!;
    await event(
      tx,
      ctx,
      id,
      { kind: 'acknowledged', unit },
      { action: 'supervision.acknowledge', new: { unit } },
    );
  });
}

/** What an attachment may be: office documents, PDF/OFD, images, archives — checked by extension and content. */
export const ATTACHMENT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5 } as const;

const ATTACHMENT_TYPES: Record<string, { type: string; magic?: number[] }> = {
  pdf: { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  ofd: { type: 'application/ofd', magic: [0x50, 0x4b, 0x03, 0x04] },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  doc: { type: 'application/msword', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  xls: { type: 'application/vnd.ms-excel', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  wps: { type: 'application/vnd.ms-works', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  jpg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  zip: { type: 'application/zip', magic: [0x50, 0x4b, 0x03, 0x04] },
  txt: { type: 'text/plain; charset=utf-8' },
};

/** The attachment's stored content type, or the reason it is refused (type by extension and by content). */
export function attachmentCheck(
  fileName: string,
  bytes: Uint8Array,
): { ok: true; contentType: string } | { ok: false; status: 413 | 415; message: LocalizedName } {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const allowed = ATTACHMENT_TYPES[ext];
  const list = Object.keys(ATTACHMENT_TYPES).join('、');
  if (!allowed || !fileName.includes('.'))
    return {
      ok: false,
      status: 415,
      message: {
        zh: `附件「${fileName}」类型不允许（允许：${list}）`,
        en: `attachment "${fileName}": type not allowed (allowed: ${list.replaceAll('、', ', ')})`,
      },
    };
  if (bytes.byteLength === 0)
    return {
      ok: false,
      status: 415,
      message: { zh: `附件「${fileName}」是空文件`, en: `attachment "${fileName}" is empty` },
    };
  if (bytes.byteLength > ATTACHMENT_LIMITS.maxBytes)
    return {
      ok: false,
      status: 413,
      message: {
        zh: `附件「${fileName}」超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MiB 上限`,
        en: `attachment "${fileName}" is larger than ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MiB`,
      },
    };
  const magicOk = allowed.magic
    ? allowed.magic.every((b, i) => bytes[i] === b)
    : !bytes.subarray(0, 8192).includes(0);
  if (!magicOk)
    return {
      ok: false,
      status: 415,
      message: {
        zh: `附件「${fileName}」的内容不是 .${ext} 文件`,
        en: `attachment "${fileName}" is not a .${ext} file`,
      },
    };
  return { ok: true, contentType: allowed.type };
}

export interface ReportInput {
  period?: string;
  text: string;
  percentDone?: number;
  attachments: Array<{ fileName: string; bytes: Uint8Array }>;
}

/**
 * 反馈: the lead unit's 进展 report of a period (or a cooperating unit's part of it). A resubmission after
 * 退办 is a new report; the returned one stays in the history. All or nothing: a refused attachment saves
 * nothing.
 */
export async function supervisionReportSubmit(
  ctx: WriteContext,
  id: string,
  input: ReportInput,
): Promise<SupervisionReportRecord> {
  const errors: RuleError[] = [];
  if (!input.text.trim())
    errors.push({ field: 'text', message: { zh: '请填写进展情况', en: 'the progress text is required' } });
  if (input.percentDone !== undefined && !(input.percentDone >= 0 && input.percentDone <= 100))
    errors.push({
      field: 'percentDone',
      message: { zh: '完成进度须在 0–100 之间', en: 'percentDone must be 0–100' },
    });
  if (input.attachments.length > ATTACHMENT_LIMITS.maxFiles)
    errors.push({
      field: 'attachments',
      message: {
        zh: `附件最多 ${ATTACHMENT_LIMITS.maxFiles} 个`,
        en: `at most ${ATTACHMENT_LIMITS.maxFiles} attachments`,
      },
    });
  const attachments: NewAttachment[] = [];
  for (const a of input.attachments) {
    const checked = attachmentCheck(a.fileName, a.bytes);
    if (!checked.ok)
      throw new SupervisionError(
        checked.status,
        checked.status === 413 ? 'attachment_too_large' : 'attachment_type',
        checked.message,
      );
    attachments.push({ fileName: a.fileName, contentType: checked.contentType, bytes: a.bytes });
  }
  if (errors.length > 0) throw invalid(errors);
  return ctx.ws.repos.transaction(async (tx) => {
    const { item, events, reports } = await itemIn(tx, id);
    const role = roleOf(item, ctx.actor);
    if (!role) throw notOwned(ctx.plan, item, ctx.actor);
    const state = supervisionState(events);
    if (stateIsFinished(state)) throw finished(item);
    const lead = leadReports(reports);
    const period = input.period ?? reportPeriodDefault(item, events, lead, ctx.today);
    if (!reportPeriodIsOwed(item, events, period, ctx.today))
      throw invalid([
        {
          field: 'period',
          message: {
            zh: `${period} 不是本事项的报送期`,
            en: `${period} is not a reporting period of this item`,
          },
        },
      ]);
    const unit = actorUnit(ctx.actor)!;
    if (role === 'lead' && lead.some((r) => r.period === period && r.status === 'submitted'))
      throw new SupervisionError(409, 'awaiting_review', {
        zh: `${period} 的进展已报送，待审核`,
        en: `the ${period} report awaits review`,
      });
    if (role === 'lead' && lead.some((r) => r.period === period && r.status === 'accepted'))
      throw new SupervisionError(409, 'already_accepted', {
        zh: `${period} 的进展已审核通过`,
        en: `the ${period} report was already accepted`,
      });
    const percentDone = role === 'lead' && item.indicators.length === 0 ? input.percentDone : undefined;
    const rec = await tx.supervision.insertReport({
      itemId: id,
      period,
      unit,
      role,
      text: input.text.trim(),
      by: ctx.actor.username,
      attachments,
      ...(percentDone !== undefined ? { percentDone } : {}),
    });
    if (state === 'assigned' && role === 'lead')
      await tx.supervision.appendEvent(id, { kind: 'acknowledged', by: ctx.actor.username, unit });
    await event(
      tx,
      ctx,
      id,
      {
        kind: role === 'lead' ? 'report_submitted' : 'report_part_added',
        unit,
        reportId: rec.id,
        note: rec.text.slice(0, 200),
      },
      {
        action: role === 'lead' ? 'supervision.report.submit' : 'supervision.report.part',
        new: { ...rec, attachments: rec.attachments.map((a) => a.fileName) },
      },
    );
    return rec;
  });
}

/** 审核: the admin accepts the lead unit's report, or returns it (退办) with a reason. */
export async function supervisionReportDecide(
  ctx: WriteContext,
  id: string,
  reportId: string,
  decision: 'accepted' | 'returned',
  reason?: string,
): Promise<SupervisionReportRecord> {
  if (decision === 'returned' && !reason?.trim())
    throw invalid([{ field: 'reason', message: { zh: '退办须说明理由', en: 'a return needs a reason' } }]);
  return ctx.ws.repos.transaction(async (tx) => {
    const { item, reports } = await itemIn(tx, id);
    const report = reports.find((r) => r.id === reportId);
    if (!report || report.role !== 'lead')
      throw new SupervisionError(404, 'not_found', {
        zh: `没有进展报告 ${reportId}`,
        en: `no report ${reportId}`,
      });
    if (!(await tx.supervision.decideReport(reportId, decision, ctx.actor.username, reason?.trim())))
      throw new SupervisionError(409, 'already_decided', {
        zh: `该进展报告已${report.status === 'accepted' ? '审核通过' : '退办'}`,
        en: `the report was already ${report.status}`,
      });
    await event(
      tx,
      ctx,
      item.id,
      {
        kind: decision === 'accepted' ? 'report_accepted' : 'report_returned',
        reportId,
        ...(reason ? { note: reason.trim() } : {}),
      },
      {
        action: decision === 'accepted' ? 'supervision.report.accept' : 'supervision.report.return',
        old: { status: report.status },
        new: { status: decision },
        ...(reason ? { reason: reason.trim() } : {}),
      },
    );
    return (await tx.supervision.report(reportId))!;
  });
}

/** 延期: requested by a lead unit before the deadline in force, with a reason and a later date. */
export async function supervisionExtensionRequest(
  ctx: WriteContext,
  id: string,
  request: { newDeadline: string; reason: string },
): Promise<void> {
  await ctx.ws.repos.transaction(async (tx) => {
    const { item, events } = await itemIn(tx, id);
    if (roleOf(item, ctx.actor) !== 'lead' && ctx.actor.role !== 'admin')
      throw notOwned(ctx.plan, item, ctx.actor);
    const errors = extensionRequestCheck(item, events, ctx.today, request);
    if (errors.length > 0) throw invalid(errors);
    const unit = actorUnit(ctx.actor);
    await event(
      tx,
      ctx,
      id,
      {
        kind: 'extension_requested',
        newDeadline: request.newDeadline,
        note: request.reason.trim(),
        ...(unit ? { unit } : {}),
      },
      {
        action: 'supervision.extension.request',
        old: { deadline: effectiveDeadline(item, events) },
        new: { deadline: request.newDeadline },
        reason: request.reason.trim(),
      },
    );
  });
}

export async function supervisionExtensionDecide(
  ctx: WriteContext,
  id: string,
  decision: 'approved' | 'rejected',
  reason?: string,
): Promise<void> {
  await ctx.ws.repos.transaction(async (tx) => {
    const { item, events } = await itemIn(tx, id);
    const pending = pendingExtension(events);
    if (!pending)
      throw new SupervisionError(409, 'no_pending_extension', {
        zh: '没有待审批的延期申请',
        en: 'no extension request is pending',
      });
    await event(
      tx,
      ctx,
      id,
      {
        kind: decision === 'approved' ? 'extension_approved' : 'extension_rejected',
        ...(reason?.trim() ? { note: reason.trim() } : {}),
      },
      {
        action: decision === 'approved' ? 'supervision.extension.approve' : 'supervision.extension.reject',
        old: { deadline: effectiveDeadline(item, events) },
        new: { deadline: decision === 'approved' ? pending.newDeadline : effectiveDeadline(item, events) },
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
      },
    );
  });
}

/** 办结 (the admin accepts the work as done) or 销号 (closed off the list after 办结). */
export async function supervisionFinish(
  ctx: WriteContext,
  id: string,
  step: 'completed' | 'closed',
  note?: string,
): Promise<void> {
  await ctx.ws.repos.transaction(async (tx) => {
    const { item, events, reports } = await itemIn(tx, id);
    const state = supervisionState(events);
    if (step === 'completed') {
      if (stateIsFinished(state)) throw finished(item);
      if (leadReports(reports).some((r) => r.status === 'submitted'))
        throw new SupervisionError(409, 'awaiting_review', {
          zh: '尚有进展报告待审核，请先审核再办结',
          en: 'a report awaits review: decide it first',
        });
    } else if (state !== 'completed')
      throw new SupervisionError(409, 'not_completed', {
        zh: '只有已办结的事项可以销号',
        en: 'only a completed item can be closed',
      });
    await event(
      tx,
      ctx,
      id,
      { kind: step, ...(note?.trim() ? { note: note.trim() } : {}) },
      {
        action: step === 'completed' ? 'supervision.complete' : 'supervision.close',
        old: { state },
        new: { state: step },
      },
    );
  });
}
