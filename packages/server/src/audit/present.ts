// The audit log as people read it: actions and objects by name, old → new as the labelled fields that
// changed, and the many entries of one operation (a publication, a review) as one row with its items.
// `auditLookups` reads what the entries name; `auditRows` is pure over the entries and those lookups.
import { engineQuarterLabel, regionName, type LocalizedName, type Plan, type RegionCode } from '@ding/core';
import type { AuditEntry, Repositories } from '../repositories/index.ts';
import type { AuditObservationRef } from '../repositories/audit.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_CODES,
  AUDIT_ENTITIES,
  AUDIT_FIELDS,
  auditActionName,
  auditEntityName,
} from './names.ts';

/** One field of old → new, labelled, its values as text (absent: no value on that side). */
export interface AuditChangeView {
  field: string;
  label: LocalizedName;
  old?: LocalizedName;
  new?: LocalizedName;
}

/** One item of an operation: an entry of a group, or a figure of one upload, import or allocation. */
export interface AuditItemView {
  /** The entry's id when the item is an entry of its own. */
  entryId?: number;
  object: LocalizedName;
  changes: AuditChangeView[];
}

/** One line of the log: one operation (one entry, or the entries one publication or review wrote). */
export interface AuditRowView {
  /** Stable key: 'e<id>' for one entry, 'g<newest id>-<oldest id>' for a group. */
  key: string;
  /** The entries of the row, newest first. */
  entryIds: number[];
  /** When (the newest entry's time). */
  at: string;
  actor: string;
  /** The actor's display name, when the actor is an account. */
  actorName?: string;
  action: string;
  actionName: LocalizedName;
  entity: string;
  entityName: LocalizedName;
  /** The entity id of a single entry; '' for a group. */
  entityId: string;
  /** The object by name: 浒山街道 · 有效高新技术企业数 · 2026年第三季度; for a group 300 项 · 2026年第三季度. */
  object: LocalizedName;
  /** The line: 发布数据 · 300 项 · 2026年第三季度, or 修订数值 · 浒山街道 · … */
  summary: LocalizedName;
  /** How many items the operation wrote (1 for a plain change). */
  count: number;
  /** The fields that changed (a single entry). */
  changes: AuditChangeView[];
  /** The items, for a row that expands (at most the view's item limit). */
  items: AuditItemView[];
  /** Items in all, when more than `items` holds. */
  itemsTotal: number;
  reason?: string;
}

export interface AuditPeopleView {
  rows: AuditRowView[];
  /** Every kind of object, by name (the filter's choices). */
  entities: { code: string; name: LocalizedName }[];
  /** Every action the server audits, by name. */
  actions: { code: string; name: LocalizedName }[];
}

/** What the entries name, read once per request. */
export interface AuditLookups {
  plan?: Plan;
  users: Map<string, { username: string; displayName: string }>;
  /** Rounds by id: their period. */
  rounds: Map<string, { period: string }>;
  supervision: Map<string, { code: string; title: LocalizedName }>;
  observations: Map<string, AuditObservationRef>;
  /** Import batches' rows (the first `itemLimit`) and their count. */
  batches: Map<string, { rows: AuditObservationRef[]; total: number }>;
  /** Submissions by id: when last reviewed. */
  submissions: Map<string, { reviewedAt?: string }>;
  /** Items listed per row at most (default 500). */
  itemLimit?: number;
}

const DEFAULT_ITEM_LIMIT = 500;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const both = (s: string): LocalizedName => ({ zh: s, en: s });
const join = (parts: LocalizedName[], zhSep = ' · ', enSep = ' · '): LocalizedName => ({
  zh: parts.map((p) => p.zh).join(zhSep),
  en: parts.map((p) => p.en).join(enSep),
});

/** Reads the rows, accounts, rounds and 督办 items the entries name. */
export async function auditLookups(
  repos: Repositories,
  plan: Plan | undefined,
  entries: readonly AuditEntry[],
  itemLimit = DEFAULT_ITEM_LIMIT,
): Promise<AuditLookups> {
  const ids = (entity: string, action?: string) => [
    ...new Set(
      entries.filter((e) => e.entity === entity && (!action || e.action === action)).map((e) => e.entityId),
    ),
  ];
  const users = new Map<string, { username: string; displayName: string }>();
  for (const u of await repos.users.list()) {
    const v = { username: u.username, displayName: u.displayName };
    users.set(u.id, v);
    users.set(u.username, v);
  }
  const rounds = new Map<string, { period: string }>();
  for (const id of ids('round')) {
    const r = await repos.rounds.get(id);
    if (r) rounds.set(id, { period: r.period });
  }
  const supervision = new Map<string, { code: string; title: LocalizedName }>();
  if (entries.some((e) => e.entity === 'supervision_item'))
    for (const item of await repos.supervision.items()) {
      const v = { code: item.code, title: item.title };
      supervision.set(item.id, v);
      supervision.set(`code:${item.code}`, v);
    }
  const observations = new Map(
    (await repos.audit.observationsByIds(ids('observation', 'observation.publish'))).map((o) => [o.id, o]),
  );
  const batches = new Map<string, { rows: AuditObservationRef[]; total: number }>();
  for (const id of ids('import_batch')) batches.set(id, await repos.audit.observationsOfBatch(id, itemLimit));
  const submissions = new Map<string, { reviewedAt?: string }>();
  const subIds = ids('submission');
  for (let i = 0; i < subIds.length; i += 500)
    for (const s of await repos.submissions.byIds(subIds.slice(i, i + 500)))
      submissions.set(s.id, s.reviewedAt === undefined ? {} : { reviewedAt: s.reviewedAt });
  return {
    ...(plan ? { plan } : {}),
    users,
    rounds,
    supervision,
    observations,
    batches,
    submissions,
    itemLimit,
  };
}

// ---- Names ------------------------------------------------------------------------------------------

export function auditPeriodLabel(period: string): LocalizedName {
  return engineQuarterLabel(period);
}

function regionLabel(L: AuditLookups, code: string): LocalizedName {
  if (!L.plan) return both(code);
  return {
    zh: regionName(L.plan, code as RegionCode, 'zh'),
    en: regionName(L.plan, code as RegionCode, 'en'),
  };
}

function indicatorLabel(L: AuditLookups, code: string): LocalizedName {
  return L.plan?.indicators.find((i) => i.code === code)?.name ?? both(code);
}

/** A department or a town (a 督办 unit, a user's department). */
function unitLabel(L: AuditLookups, code: string): LocalizedName {
  const dept = L.plan?.departments.find((d) => d.code === code);
  return dept ? dept.name : regionLabel(L, code);
}

/** 浒山街道 · 有效高新技术企业数 · 2026年第三季度 */
function figureLabel(
  L: AuditLookups,
  f: { indicator: string; region: string; period: string },
): LocalizedName {
  return join([regionLabel(L, f.region), indicatorLabel(L, f.indicator), auditPeriodLabel(f.period)]);
}

function figureOf(
  e: AuditEntry,
  L: AuditLookups,
): { indicator: string; region: string; period: string } | undefined {
  for (const side of [e.new, e.old]) {
    if (isObj(side) && str(side.indicator) && str(side.region) && str(side.period))
      return {
        indicator: side.indicator as string,
        region: side.region as string,
        period: side.period as string,
      };
  }
  // observation.revise names the figure `indicator:region:period:vintage` (the same id for every revision).
  const parts = e.entityId.split(':');
  if (e.entity === 'observation' && parts.length === 4) {
    const [indicator, region, period] = parts as [string, string, string, string];
    return { indicator, region, period };
  }
  return L.observations.get(e.entityId);
}

function userLabel(L: AuditLookups, idOrName: string, fallback?: Obj): LocalizedName {
  const u = L.users.get(idOrName);
  const displayName = u?.displayName ?? str(fallback?.displayName);
  const username = u?.username ?? str(fallback?.username) ?? idOrName;
  return both(displayName ? `${displayName}（${username}）` : username);
}

function roundLabel(period: string): LocalizedName {
  const p = auditPeriodLabel(period);
  return { zh: `${p.zh}填报`, en: `${p.en} round` };
}

function supervisionLabel(L: AuditLookups, key: string): LocalizedName {
  const item = L.supervision.get(key);
  return item ? { zh: `${item.code} ${item.title.zh}`, en: `${item.code} ${item.title.en}` } : both(key);
}

function entryObject(e: AuditEntry, L: AuditLookups): LocalizedName {
  const o = isObj(e.old) ? e.old : undefined;
  const nw = isObj(e.new) ? e.new : undefined;
  switch (e.entity) {
    case 'observation':
    case 'submission': {
      const f = figureOf(e, L);
      return f ? figureLabel(L, f) : both(e.entityId);
    }
    case 'upload': {
      const round = str(nw?.round);
      return join([both(str(nw?.file) ?? e.entityId), ...(round ? [roundLabel(round)] : [])]);
    }
    case 'import_batch':
      return both(str(nw?.file) ?? e.entityId);
    case 'round': {
      const period = str(nw?.period) ?? L.rounds.get(e.entityId)?.period;
      return period ? roundLabel(period) : both(e.entityId);
    }
    case 'period':
      return auditPeriodLabel(e.entityId);
    case 'target': {
      if (e.action === 'plan.targets.allocate') {
        // entity id: `<plan>:<indicator>:<year>:<group>` per allocation, comma-separated.
        const named = [...new Set(e.entityId.split(',').map((part) => part.split(':')[1] ?? part))].map(
          (code) => indicatorLabel(L, code),
        );
        if (named.length <= 3) return join(named, '、', ', ');
        const first = join(named.slice(0, 3), '、', ', ');
        return { zh: `${first.zh}等 ${named.length} 项指标`, en: `${first.en} and ${named.length - 3} more` };
      }
      const t = nw ?? o;
      const indicator = str(t?.indicator);
      const region = str(t?.region);
      return indicator
        ? join([indicatorLabel(L, indicator), ...(region ? [regionLabel(L, region)] : [])])
        : both(e.entityId);
    }
    case 'indicator':
      return indicatorLabel(L, e.entityId);
    case 'user':
      return userLabel(L, e.entityId, nw ?? o);
    case 'supervision_item':
      if (e.action === 'supervision.plan_tasks.load') {
        const year = nw?.year;
        return { zh: `${String(year ?? '')}年方案任务`, en: `Plan tasks ${String(year ?? '')}` };
      }
      return supervisionLabel(L, e.entityId);
    case 'cup_evidence': {
      const rec = nw ?? o;
      const region = str(rec?.region);
      return join([
        ...(typeof rec?.year === 'number' ? [{ zh: `${rec.year}年`, en: String(rec.year) }] : []),
        ...(region ? [regionLabel(L, region)] : []),
        ...(str(rec?.item) ? [both(rec!.item as string)] : []),
        { zh: `#${e.entityId}`, en: `#${e.entityId}` },
      ]);
    }
    default:
      return both(e.entityId);
  }
}

// ---- Values -----------------------------------------------------------------------------------------

function numberText(x: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(x);
}

function withUnit(x: number, unit: string | undefined): LocalizedName {
  const num = numberText(x);
  if (!unit) return both(num);
  return { zh: `${num}${unit}`, en: unit === '%' ? `${num}%` : `${num} ${unit}` };
}

/** Fields holding a year: 2026, never 2,026. */
const YEARS = new Set(['year', 'from', 'to', 'baseYear']);

const JSON_MAX = 120;
function jsonText(x: unknown): LocalizedName {
  const s = JSON.stringify(x);
  return both(s.length > JSON_MAX ? `${s.slice(0, JSON_MAX - 1)}…` : s);
}

/** A value of `field` as people read it; `indicator` gives a value its unit. */
function valueText(
  L: AuditLookups,
  field: string,
  v: unknown,
  indicator?: string,
): LocalizedName | undefined {
  if (v === undefined || v === null) return undefined;
  const unit = indicator ? L.plan?.indicators.find((i) => i.code === indicator)?.unit : undefined;
  const codes = AUDIT_CODES[field];
  if (codes && typeof v === 'string' && codes[v]) return codes[v];
  if (typeof v === 'boolean') {
    if (field === 'passwordChanged')
      return v ? { zh: '已修改', en: 'changed' } : { zh: '未修改', en: 'unchanged' };
    return v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  }
  if (typeof v === 'number') {
    if (field === 'value') return withUnit(v, unit);
    return YEARS.has(field) ? both(String(v)) : both(numberText(v));
  }
  if (typeof v === 'string') {
    switch (field) {
      case 'region':
        return regionLabel(L, v);
      case 'department':
        return unitLabel(L, v);
      case 'indicator':
      case 'growthOf':
        return indicatorLabel(L, v);
      case 'period':
        return auditPeriodLabel(v);
      default:
        return both(v);
    }
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    const list = v as string[];
    const named =
      field === 'leadUnits' || field === 'cooperatingUnits'
        ? list.map((c) => unitLabel(L, c))
        : field === 'indicators'
          ? list.map((c) => indicatorLabel(L, c))
          : field === 'periods'
            ? list.map(auditPeriodLabel)
            : list.map(both);
    return join(named, '、', ', ');
  }
  if (isObj(v)) {
    if (typeof v.zh === 'string' && typeof v.en === 'string') return { zh: v.zh, en: v.en };
    // A target's year-end values: 2025年 1,200家；2026年 1,300家.
    if (field === 'values' && Object.values(v).every((x) => typeof x === 'number')) {
      const parts = Object.entries(v).map(([year, x]) => {
        const t = withUnit(x as number, unit);
        return { zh: `${year}年 ${t.zh}`, en: `${year}: ${t.en}` };
      });
      return join(parts, '；', '; ');
    }
    if (typeof v.name === 'string') return both(v.name);
  }
  return jsonText(v);
}

// ---- Changes ----------------------------------------------------------------------------------------

/** Bookkeeping the row shows elsewhere (its actor, time, object) or no reader needs. */
const HIDDEN = new Set([
  'id',
  'submission',
  'checksum',
  'bytes',
  'supersedes',
  'createdAt',
  'createdBy',
  'decidedAt',
  'decidedBy',
]);

/** Fields already in the object's name, by entity. */
const NAMED: Record<string, readonly string[]> = {
  observation: ['indicator', 'region', 'period', 'vintage', 'revision'],
  submission: ['indicator', 'region', 'period', 'vintage'],
  upload: ['round', 'file', 'rows'],
  import_batch: ['file', 'format', 'rows', 'periods'],
  round: ['period'],
  target: ['indicator', 'region'],
  cup_evidence: ['year', 'region', 'item'],
};

/** Fields an action's name or items already say. */
const NAMED_BY_ACTION: Record<string, readonly string[]> = {
  'supervision.plan_tasks.load': ['year', 'codes'],
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function label(field: string): LocalizedName {
  return AUDIT_FIELDS[field] ?? both(field);
}

/**
 * The fields that changed between old and new: those both sides have and that differ, then those only the
 * new side has (a created object shows what it was created with). A field only the old side records is
 * context (an approval records the figure it approved), not a removal, and is left out.
 */
export function auditChanges(
  L: AuditLookups,
  entity: string,
  oldValue: unknown,
  newValue: unknown,
  indicator?: string,
  action?: string,
): AuditChangeView[] {
  const skip = new Set([...HIDDEN, ...(NAMED[entity] ?? []), ...(NAMED_BY_ACTION[action ?? ''] ?? [])]);
  const view = (field: string, o: unknown, n: unknown): AuditChangeView => {
    const c: AuditChangeView = { field, label: label(field) };
    const ot = valueText(L, field, o, indicator);
    const nt = valueText(L, field, n, indicator);
    if (ot) c.old = ot;
    if (nt) c.new = nt;
    return c;
  };
  if (!isObj(newValue)) {
    if (same(oldValue, newValue) || newValue === null || newValue === undefined) return [];
    return [view('', oldValue, newValue)];
  }
  const old = isObj(oldValue) ? oldValue : {};
  return Object.keys(newValue)
    .filter((f) => !skip.has(f) && !same(old[f], newValue[f]))
    .filter((f) => !(newValue[f] === null && !(f in old)))
    .map((f) => view(f, old[f], newValue[f]));
}

function indicatorOf(e: AuditEntry, L: AuditLookups): string | undefined {
  if (e.entity === 'indicator') return e.entityId;
  for (const side of [e.new, e.old]) if (isObj(side) && str(side.indicator)) return side.indicator as string;
  return figureOf(e, L)?.indicator;
}

/** The items one entry carries (an upload's rows, an import's figures, an allocation's targets). */
function entryItems(e: AuditEntry, L: AuditLookups): { items: AuditItemView[]; total: number } {
  const nw = isObj(e.new) ? e.new : undefined;
  const limit = L.itemLimit ?? DEFAULT_ITEM_LIMIT;
  const valueItem = (
    f: { indicator: string; region: string; period: string },
    value: unknown,
    old?: unknown,
  ): AuditItemView => ({
    object: figureLabel(L, f),
    changes: auditChanges(L, 'submission', { value: old }, { value }, f.indicator),
  });
  switch (e.action) {
    case 'submission.submit': {
      const rows = Array.isArray(nw?.rows) ? (nw.rows as Obj[]) : [];
      const round = str(nw?.round) ?? '';
      const replaced = new Map<string, unknown>();
      const oldRows = isObj(e.old) && Array.isArray(e.old.rows) ? (e.old.rows as Obj[]) : [];
      for (const r of oldRows) replaced.set(`${String(r.indicator)}\u0000${String(r.region)}`, r.value);
      const items = rows
        .slice(0, limit)
        .map((r) =>
          valueItem(
            { indicator: String(r.indicator), region: String(r.region), period: str(r.period) ?? round },
            r.value,
            replaced.get(`${String(r.indicator)}\u0000${String(r.region)}`),
          ),
        );
      return { items, total: rows.length };
    }
    case 'observation.import': {
      const batch = L.batches.get(e.entityId);
      if (!batch) return { items: [], total: typeof nw?.rows === 'number' ? nw.rows : 0 };
      return { items: batch.rows.map((o) => valueItem(o, o.value)), total: batch.total };
    }
    case 'plan.targets.allocate': {
      const allocations = Array.isArray(e.new) ? (e.new as unknown[]).filter(isObj) : [];
      const targets = allocations.flatMap((a) => (Array.isArray(a.targets) ? (a.targets as unknown[]) : []));
      const items = targets
        .filter(isObj)
        .slice(0, limit)
        .map((t) => ({
          object: join([indicatorLabel(L, String(t.indicator)), regionLabel(L, String(t.region))]),
          changes: auditChanges(L, 'target', null, { values: t.values }, String(t.indicator)),
        }));
      return { items, total: targets.length };
    }
    case 'supervision.plan_tasks.load': {
      const codes = Array.isArray(nw?.codes) ? (nw.codes as unknown[]).map(String) : [];
      const items = codes
        .slice(0, limit)
        .map((c) => ({ object: supervisionLabel(L, `code:${c}`), changes: [] }));
      return { items, total: codes.length };
    }
    default:
      return { items: [], total: 0 };
  }
}

/** The periods the items of a row are about, as one label (2026年第三季度; 2021年第一季度 — 2025年第四季度). */
function periodsLabel(periods: readonly string[]): LocalizedName | undefined {
  const sorted = [...new Set(periods)].sort();
  if (sorted.length === 0) return undefined;
  if (sorted.length <= 3) return join(sorted.map(auditPeriodLabel), '、', ', ');
  const [first, last] = [auditPeriodLabel(sorted[0]!), auditPeriodLabel(sorted.at(-1)!)];
  return { zh: `${first.zh}—${last.zh}`, en: `${first.en}–${last.en}` };
}

function itemsCount(n: number): LocalizedName {
  return { zh: `${n} 项`, en: `${n} item${n === 1 ? '' : 's'}` };
}

// ---- Grouping ---------------------------------------------------------------------------------------

/**
 * Actions one operation writes many of, one entry per figure, inside one transaction: a publication
 * (observation.publish), a review (submission.approve / .return), `ding init`'s demo accounts (user.create).
 * Every other action is one entry per operation and is never grouped.
 */
const BATCHED = new Set<string>([
  'observation.publish',
  'submission.approve',
  'submission.return',
  'user.create',
]);

/** Without a stamp, entries of one transaction are consecutive ids written within this much of each other. */
const SAME_TRANSACTION_MS = 2000;

/**
 * The operation an entry belongs to, where the rows it names tell it exactly: a publication writes all its
 * observations with one `created_at` (`ObservationRepository.insertMany`); a review stamps all its
 * submissions with one `reviewed_at` — kept only while that is still the row's last review (not after it).
 */
function operationStamp(e: AuditEntry, L: AuditLookups): string | undefined {
  if (e.action === 'observation.publish') {
    const at = L.observations.get(e.entityId)?.createdAt;
    return at === undefined ? undefined : `publish:${at}`;
  }
  if (e.action === 'submission.approve' || e.action === 'submission.return') {
    const at = L.submissions.get(e.entityId)?.reviewedAt;
    if (at === undefined || at > e.at || Date.parse(e.at) - Date.parse(at) > 60_000) return undefined;
    return `review:${at}`;
  }
  return undefined;
}

/**
 * Whether `older` (next in the newest-first list) belongs to the operation of `newer`: same action, actor
 * and reason, the action one of BATCHED, and either the same operation stamp, or — when either has none —
 * consecutive ids written within SAME_TRANSACTION_MS (nothing else was logged between them).
 */
function sameOperation(newer: AuditEntry, older: AuditEntry, L: AuditLookups): boolean {
  if (!BATCHED.has(newer.action)) return false;
  if (newer.action !== older.action || newer.actor !== older.actor || newer.entity !== older.entity)
    return false;
  if ((newer.reason ?? '') !== (older.reason ?? '')) return false;
  const a = operationStamp(newer, L);
  const b = operationStamp(older, L);
  if (a !== undefined && b !== undefined) return a === b;
  return (
    Number(newer.id) - Number(older.id) === 1 &&
    Math.abs(Date.parse(newer.at) - Date.parse(older.at)) <= SAME_TRANSACTION_MS
  );
}

/** Entries (newest first) in runs of one operation each. */
export function auditGroup(entries: readonly AuditEntry[], L: AuditLookups): AuditEntry[][] {
  const groups: AuditEntry[][] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && sameOperation(last.at(-1)!, e, L)) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

// ---- Rows -------------------------------------------------------------------------------------------

/** One entry as people read it: its object and changes (the CSV's readable columns). */
export function auditEntryView(
  e: AuditEntry,
  L: AuditLookups,
): { object: LocalizedName; changes: AuditChangeView[] } {
  return {
    object: entryObject(e, L),
    // An allocation's old → new is the list of targets it replaced and wrote: its items say it target by target.
    changes:
      e.action === 'plan.targets.allocate'
        ? []
        : auditChanges(L, e.entity, e.old, e.new, indicatorOf(e, L), e.action),
  };
}

function actorName(L: AuditLookups, actor: string): string | undefined {
  return L.users.get(actor)?.displayName;
}

function rowOfEntry(e: AuditEntry, L: AuditLookups): AuditRowView {
  const { object, changes } = auditEntryView(e, L);
  const { items, total } = entryItems(e, L);
  const actionName = auditActionName(e.action);
  const nw = isObj(e.new) ? e.new : undefined;
  const many = total > 0;
  // An import's periods; an upload names its round already.
  const periods =
    e.action === 'observation.import' && Array.isArray(nw?.periods)
      ? periodsLabel((nw.periods as unknown[]).map(String))
      : undefined;
  const summary = many
    ? join([actionName, itemsCount(total), ...(periods ? [periods] : []), object])
    : join([actionName, object]);
  const name = actorName(L, e.actor);
  return {
    key: `e${e.id}`,
    entryIds: [e.id],
    at: e.at,
    actor: e.actor,
    ...(name ? { actorName: name } : {}),
    action: e.action,
    actionName,
    entity: e.entity,
    entityName: auditEntityName(e.entity),
    entityId: e.entityId,
    object,
    summary,
    count: many ? total : 1,
    changes,
    items,
    itemsTotal: total,
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
  };
}

function rowOfGroup(group: readonly AuditEntry[], L: AuditLookups): AuditRowView {
  const [first] = group;
  if (group.length === 1) return rowOfEntry(first!, L);
  const limit = L.itemLimit ?? DEFAULT_ITEM_LIMIT;
  const periods = periodsLabel(group.flatMap((e) => figureOf(e, L)?.period ?? []));
  const object = join([itemsCount(group.length), ...(periods ? [periods] : [])]);
  const actionName = auditActionName(first!.action);
  const name = actorName(L, first!.actor);
  return {
    key: `g${first!.id}-${group.at(-1)!.id}`,
    entryIds: group.map((e) => e.id),
    at: first!.at,
    actor: first!.actor,
    ...(name ? { actorName: name } : {}),
    action: first!.action,
    actionName,
    entity: first!.entity,
    entityName: auditEntityName(first!.entity),
    entityId: '',
    object,
    summary: join([actionName, object]),
    count: group.length,
    changes: [],
    items: group.slice(0, limit).map((e) => ({ entryId: e.id, ...auditEntryView(e, L) })),
    itemsTotal: group.length,
    ...(first!.reason !== undefined ? { reason: first!.reason } : {}),
  };
}

/** Entries (newest first) → the people's rows, one per operation. */
export function auditRows(entries: readonly AuditEntry[], L: AuditLookups): AuditRowView[] {
  return auditGroup(entries, L).map((g) => rowOfGroup(g, L));
}

export function auditPeopleView(entries: readonly AuditEntry[], L: AuditLookups): AuditPeopleView {
  return {
    rows: auditRows(entries, L),
    entities: Object.entries(AUDIT_ENTITIES).map(([code, name]) => ({ code, name })),
    actions: Object.entries(AUDIT_ACTIONS).map(([code, name]) => ({ code, name })),
  };
}

/** Changes in one line: 数值：120家 → 125家；状态：待审核 → 已审核. */
export function auditChangesText(changes: readonly AuditChangeView[], lang: 'zh' | 'en'): string {
  return changes
    .map((c) => {
      const value = `${c.old?.[lang] ?? '∅'} → ${c.new?.[lang] ?? '∅'}`;
      const name = c.label[lang];
      return name ? `${name}${lang === 'zh' ? '：' : ': '}${value}` : value;
    })
    .join(lang === 'zh' ? '；' : '; ');
}
