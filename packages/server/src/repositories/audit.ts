// AuditRepository: the append-only log of changes (who, when, what, old → new, why). No update, no delete:
// the database refuses both (migration 0002), and this class offers neither.
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.ts';
import type { Clock } from './support.ts';

export interface AuditEntry {
  id: number;
  at: string;
  /** Username of who made the change ('ding init', 'system' for the machine). */
  actor: string;
  /** What was done, e.g. 'user.create', 'observation.revise', 'plan.target.update'. */
  action: string;
  /** Kind of thing changed: 'user', 'observation', 'target', 'indicator', … */
  entity: string;
  entityId: string;
  old: unknown;
  new: unknown;
  reason?: string;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  old?: unknown;
  new?: unknown;
  reason?: string;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** Inclusive lower bound on `at` (ISO timestamp). */
  from?: string;
  /** Exclusive upper bound on `at` (ISO timestamp). */
  before?: string;
  limit?: number;
}

/** An observation row as the audit's people view names it. */
export interface AuditObservationRef {
  id: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  revision: number;
  createdAt: string;
}

const observationRef = (r: {
  id: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  revision: number;
  created_at: string;
}): AuditObservationRef => ({
  id: r.id,
  indicator: r.indicator,
  region: r.region,
  period: r.period,
  value: r.value,
  revision: r.revision,
  createdAt: r.created_at,
});

function auditFromRow(row: Selectable<AuditLogTable>): AuditEntry {
  const entry: AuditEntry = {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    old: row.old_value === null ? null : JSON.parse(row.old_value),
    new: row.new_value === null ? null : JSON.parse(row.new_value),
  };
  if (row.reason !== null) entry.reason = row.reason;
  return entry;
}

const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = {
      at: this.clock(),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      old_value: toJson(entry.old),
      new_value: toJson(entry.new),
      reason: entry.reason ?? null,
    };
    const { id } = await this.db
      .insertInto('audit_log')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return auditFromRow({ ...row, id });
  }

  /** Newest first. */
  async list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.entity !== undefined) q = q.where('entity', '=', query.entity);
    if (query.entityId !== undefined) q = q.where('entity_id', '=', query.entityId);
    if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    if (query.from !== undefined) q = q.where('at', '>=', query.from);
    if (query.before !== undefined) q = q.where('at', '<', query.before);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(query.limit ?? 1000)
      .execute();
    return rows.map(auditFromRow);
  }

  /**
   * The observation rows entries name, for the people's view (`audit/present.ts`): what they are and when
   * they were written. One publication writes all its rows with one `created_at` (`insertMany`), which is
   * how its entries are told from another publication's.
   */
  async observationsByIds(ids: readonly string[]): Promise<AuditObservationRef[]> {
    const out: AuditObservationRef[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('observations')
        .select(['id', 'indicator', 'region', 'period', 'value', 'revision', 'created_at'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      out.push(...rows.map(observationRef));
    }
    return out;
  }

  /** The rows an import batch wrote (first `limit`, in file order of key), and how many there are. */
  async observationsOfBatch(
    batchId: string,
    limit: number,
  ): Promise<{ rows: AuditObservationRef[]; total: number }> {
    const rows = await this.db
      .selectFrom('observations')
      .select(['id', 'indicator', 'region', 'period', 'value', 'revision', 'created_at'])
      .where('batch_id', '=', batchId)
      .orderBy('period_order')
      .orderBy('indicator')
      .orderBy('region')
      .limit(limit)
      .execute();
    const { n } = await this.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    return { rows: rows.map(observationRef), total: Number(n) };
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
