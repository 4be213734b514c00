// The audit service: every change to accounts, the plan, targets and observations is appended here
// (who, when, what, old → new, why). Exported for every module that writes (collection included).
import type { ExportTable } from '../export/index.ts';
import type { AuditEntry, AuditQuery, Repositories } from '../repositories/index.ts';
import { auditActionName, auditEntityName } from './names.ts';
import { auditChangesText, auditEntryView, auditRows, type AuditLookups } from './present.ts';

export interface AuditChange {
  /** Who: a username, or the signed-in user; 'ding init' and the like for the machine. */
  actor: string | { username: string };
  /** Dotted verb, e.g. 'user.create', 'observation.revise', 'plan.target.update'. */
  action: string;
  entity: string;
  entityId: string;
  old?: unknown;
  new?: unknown;
  reason?: string;
}

/**
 * Append one entry. Call it with the repositories of the transaction that makes the change, so the
 * change and its audit entry are written together or not at all.
 */
export function auditAppend(repos: Repositories, change: AuditChange): Promise<AuditEntry> {
  return repos.audit.append({
    actor: typeof change.actor === 'string' ? change.actor : change.actor.username,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    old: change.old,
    new: change.new,
    ...(change.reason === undefined ? {} : { reason: change.reason }),
  });
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** A date (YYYY-MM-DD, from its start) or an ISO timestamp. */
  from?: string;
  /** A date (YYYY-MM-DD, through its end) or an ISO timestamp (inclusive). */
  to?: string;
  limit?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Entries matching the filter, newest first; dates are whole UTC days. */
export function auditList(repos: Repositories, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const query: AuditQuery = {};
  if (filter.entity) query.entity = filter.entity;
  if (filter.entityId) query.entityId = filter.entityId;
  if (filter.actor) query.actor = filter.actor;
  if (filter.action) query.action = filter.action;
  if (filter.limit) query.limit = filter.limit;
  if (filter.from) query.from = DATE.test(filter.from) ? `${filter.from}T00:00:00.000Z` : filter.from;
  if (filter.to) {
    if (DATE.test(filter.to)) {
      const next = new Date(`${filter.to}T00:00:00.000Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      query.before = next.toISOString();
    } else {
      // Inclusive: the first instant after it.
      query.before = new Date(Date.parse(filter.to) + 1).toISOString();
    }
  }
  return repos.audit.list(query);
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/**
 * The audit log as a table for CSV/XLSX export, one line per entry: the readable columns first (操作 and
 * 对象 by name, the changes in words, the operation the entry belongs to), then the raw codes and old and
 * new values as JSON text, so nothing recorded is lost.
 */
export function auditExportTable(
  entries: readonly AuditEntry[],
  lookups: AuditLookups,
  lang: 'zh' | 'en' = 'zh',
): ExportTable<AuditEntry> {
  const views = new Map(entries.map((e) => [e.id, auditEntryView(e, lookups)]));
  const operation = new Map<number, string>();
  for (const row of auditRows(entries, lookups)) for (const id of row.entryIds) operation.set(id, row.key);
  const view = (e: AuditEntry) => views.get(e.id)!;
  return {
    name: { zh: '审计日志', en: 'Audit log' },
    columns: [
      { key: 'id', header: { zh: '序号', en: 'id' }, value: (e) => e.id },
      { key: 'at', header: { zh: '时间', en: 'at' }, type: 'text', value: (e) => e.at },
      { key: 'actor', header: { zh: '操作人', en: 'actor' }, type: 'text', value: (e) => e.actor },
      {
        key: 'action_name',
        header: { zh: '操作', en: 'action' },
        type: 'text',
        value: (e) => auditActionName(e.action)[lang],
      },
      {
        key: 'entity_name',
        header: { zh: '对象类型', en: 'object type' },
        type: 'text',
        value: (e) => auditEntityName(e.entity)[lang],
      },
      {
        key: 'object',
        header: { zh: '对象', en: 'object' },
        type: 'text',
        value: (e) => view(e).object[lang],
      },
      {
        key: 'changes',
        header: { zh: '变更', en: 'changes' },
        type: 'text',
        value: (e) => auditChangesText(view(e).changes, lang),
      },
      { key: 'reason', header: { zh: '原因', en: 'reason' }, type: 'text', value: (e) => e.reason ?? '' },
      {
        key: 'operation',
        header: { zh: '操作批次', en: 'operation' },
        type: 'text',
        value: (e) => operation.get(e.id) ?? '',
      },
      { key: 'action', header: { zh: '操作代码', en: 'action code' }, type: 'text', value: (e) => e.action },
      { key: 'entity', header: { zh: '对象类型代码', en: 'entity' }, type: 'text', value: (e) => e.entity },
      {
        key: 'entity_id',
        header: { zh: '对象标识', en: 'entity_id' },
        type: 'text',
        value: (e) => e.entityId,
      },
      { key: 'old', header: { zh: '原值', en: 'old' }, type: 'text', value: (e) => json(e.old) },
      { key: 'new', header: { zh: '新值', en: 'new' }, type: 'text', value: (e) => json(e.new) },
    ],
    rows: entries,
  };
}
