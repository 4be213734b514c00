// SupervisionRepository: 督办事项, their timeline (append-only), progress reports and their attachments.
import { createHash, randomUUID } from 'node:crypto';
import type {
  AttachmentMeta,
  Milestone,
  SupervisionEvent,
  SupervisionEventKind,
  SupervisionItem,
  SupervisionReportRecord,
} from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  SupervisionEventsTable,
  SupervisionItemsTable,
  SupervisionReportsTable,
} from '../db/schema.ts';
import type { Clock } from './support.ts';

export interface NewAttachment {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface NewReport {
  itemId: string;
  period: string;
  unit: string;
  role: 'lead' | 'cooperating';
  percentDone?: number;
  text: string;
  by: string;
  attachments: NewAttachment[];
  /** When it was submitted (default now; the demo's history sets it). */
  at?: string;
}

const json = <T>(s: string): T => JSON.parse(s) as T;

function itemFromRow(r: Selectable<SupervisionItemsTable>): SupervisionItem & { redSince?: string } {
  const item: SupervisionItem & { redSince?: string } = {
    id: r.id,
    code: r.code,
    type: r.type,
    title: { zh: r.title_zh, en: r.title_en },
    leadUnits: json<string[]>(r.lead_units),
    cooperatingUnits: json<string[]>(r.cooperating_units),
    assignedOn: r.assigned_on,
    deadline: r.deadline,
    cadence: r.cadence,
    milestones: json<Milestone[]>(r.milestones),
    indicators: json<string[]>(r.indicators),
  };
  if (r.leader_name !== null)
    item.leader = r.leader_user_id
      ? { name: r.leader_name, userId: r.leader_user_id }
      : { name: r.leader_name };
  if (r.contact_name !== null) item.contact = { name: r.contact_name, phone: r.contact_phone ?? '' };
  if (r.source !== null) item.source = r.source;
  if (r.red_since !== null) item.redSince = r.red_since;
  return item;
}

function itemToRow(
  item: SupervisionItem,
): Omit<SupervisionItemsTable, 'red_since' | 'created_at' | 'created_by'> {
  return {
    id: item.id,
    code: item.code,
    type: item.type,
    title_zh: item.title.zh,
    title_en: item.title.en,
    lead_units: JSON.stringify(item.leadUnits),
    cooperating_units: JSON.stringify(item.cooperatingUnits),
    milestones: JSON.stringify(item.milestones),
    indicators: JSON.stringify(item.indicators),
    leader_name: item.leader?.name ?? null,
    leader_user_id: item.leader?.userId ?? null,
    contact_name: item.contact?.name ?? null,
    contact_phone: item.contact?.phone ?? null,
    assigned_on: item.assignedOn,
    deadline: item.deadline,
    cadence: item.cadence,
    source: item.source ?? null,
  };
}

function eventFromRow(r: Selectable<SupervisionEventsTable>): SupervisionEvent & { itemId: string } {
  const e: SupervisionEvent & { itemId: string } = {
    itemId: r.item_id,
    kind: r.kind as SupervisionEventKind,
    at: r.at,
    by: r.by,
  };
  if (r.unit !== null) e.unit = r.unit;
  if (r.report_id !== null) e.reportId = r.report_id;
  if (r.note !== null) e.note = r.note;
  if (r.new_deadline !== null) e.newDeadline = r.new_deadline;
  return e;
}

function reportFromRow(
  r: Selectable<SupervisionReportsTable>,
  attachments: AttachmentMeta[],
): SupervisionReportRecord {
  const rep: SupervisionReportRecord = {
    id: r.id,
    itemId: r.item_id,
    period: r.period,
    unit: r.unit,
    role: r.role,
    status: r.status,
    text: r.text,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    attachments,
  };
  if (r.percent_done !== null) rep.percentDone = Number(r.percent_done);
  if (r.decided_at !== null) rep.decidedAt = r.decided_at;
  if (r.decided_by !== null) rep.decidedBy = r.decided_by;
  if (r.return_reason !== null) rep.returnReason = r.return_reason;
  return rep;
}

export class SupervisionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async items(): Promise<Array<SupervisionItem & { redSince?: string }>> {
    const rows = await this.db.selectFrom('supervision_items').selectAll().orderBy('code').execute();
    return rows.map(itemFromRow);
  }

  async item(id: string): Promise<(SupervisionItem & { redSince?: string }) | undefined> {
    const row = await this.db
      .selectFrom('supervision_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && itemFromRow(row);
  }

  async codes(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('supervision_items').select('code').execute();
    return new Set(rows.map((r) => r.code));
  }

  async insertItem(item: SupervisionItem, by: string): Promise<void> {
    await this.db
      .insertInto('supervision_items')
      .values({ ...itemToRow(item), red_since: null, created_at: this.clock(), created_by: by })
      .execute();
  }

  async updateItem(item: SupervisionItem): Promise<void> {
    const { id, ...set } = itemToRow(item);
    await this.db.updateTable('supervision_items').set(set).where('id', '=', id).execute();
  }

  async setRedSince(id: string, day: string | null): Promise<void> {
    await this.db.updateTable('supervision_items').set({ red_since: day }).where('id', '=', id).execute();
  }

  async appendEvent(
    itemId: string,
    e: Omit<SupervisionEvent, 'at'> & { at?: string },
  ): Promise<SupervisionEvent> {
    const at = e.at ?? this.clock();
    await this.db
      .insertInto('supervision_events')
      .values({
        item_id: itemId,
        kind: e.kind,
        at,
        by: e.by,
        unit: e.unit ?? null,
        report_id: e.reportId ?? null,
        note: e.note ?? null,
        new_deadline: e.newDeadline ?? null,
      })
      .execute();
    return { ...e, at };
  }

  /** Every event by item, in order. */
  async events(itemIds?: readonly string[]): Promise<Map<string, SupervisionEvent[]>> {
    let q = this.db.selectFrom('supervision_events').selectAll().orderBy('id');
    if (itemIds) {
      if (itemIds.length === 0) return new Map();
      q = q.where('item_id', 'in', itemIds);
    }
    const out = new Map<string, SupervisionEvent[]>();
    for (const row of await q.execute()) {
      const { itemId, ...e } = eventFromRow(row);
      out.set(itemId, [...(out.get(itemId) ?? []), e]);
    }
    return out;
  }

  async insertReport(r: NewReport): Promise<SupervisionReportRecord> {
    const id = randomUUID();
    const at = r.at ?? this.clock();
    await this.db
      .insertInto('supervision_reports')
      .values({
        id,
        item_id: r.itemId,
        period: r.period,
        unit: r.unit,
        role: r.role,
        status: 'submitted',
        percent_done: r.percentDone ?? null,
        text: r.text,
        submitted_at: at,
        submitted_by: r.by,
        decided_at: null,
        decided_by: null,
        return_reason: null,
      })
      .execute();
    const metas: AttachmentMeta[] = [];
    for (const a of r.attachments) {
      const meta: AttachmentMeta = {
        id: randomUUID(),
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.bytes.byteLength,
        sha256: createHash('sha256').update(a.bytes).digest('hex'),
      };
      await this.db
        .insertInto('supervision_attachments')
        .values({
          id: meta.id,
          report_id: id,
          file_name: meta.fileName,
          content_type: meta.contentType,
          size: meta.size,
          sha256: meta.sha256,
          bytes: a.bytes,
          created_at: at,
        })
        .execute();
      metas.push(meta);
    }
    return (await this.report(id))!;
  }

  async report(id: string): Promise<SupervisionReportRecord | undefined> {
    const row = await this.db
      .selectFrom('supervision_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return reportFromRow(row, (await this.attachmentsOf([id])).get(id) ?? []);
  }

  /** Reports (every submission, oldest first) by item. */
  async reports(itemIds?: readonly string[]): Promise<Map<string, SupervisionReportRecord[]>> {
    let q = this.db.selectFrom('supervision_reports').selectAll().orderBy('submitted_at').orderBy('id');
    if (itemIds) {
      if (itemIds.length === 0) return new Map();
      q = q.where('item_id', 'in', itemIds);
    }
    const rows = await q.execute();
    const attachments = await this.attachmentsOf(itemIds ? rows.map((r) => r.id) : undefined);
    const out = new Map<string, SupervisionReportRecord[]>();
    for (const row of rows)
      out.set(row.item_id, [
        ...(out.get(row.item_id) ?? []),
        reportFromRow(row, attachments.get(row.id) ?? []),
      ]);
    return out;
  }

  /** Decide a submitted report; false when it is no longer awaiting a decision (decided meanwhile). */
  async decideReport(
    id: string,
    decision: 'accepted' | 'returned',
    by: string,
    reason?: string,
    at: string = this.clock(),
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('supervision_reports')
      .set({
        status: decision,
        decided_at: at,
        decided_by: by,
        return_reason: decision === 'returned' ? (reason ?? '') : null,
      })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) === 1n;
  }

  private async attachmentsOf(reportIds?: readonly string[]): Promise<Map<string, AttachmentMeta[]>> {
    let q = this.db
      .selectFrom('supervision_attachments')
      .select(['id', 'report_id', 'file_name', 'content_type', 'size', 'sha256'])
      .orderBy('created_at')
      .orderBy('id');
    if (reportIds) {
      if (reportIds.length === 0) return new Map();
      q = q.where('report_id', 'in', reportIds);
    }
    const out = new Map<string, AttachmentMeta[]>();
    for (const r of await q.execute())
      out.set(r.report_id, [
        ...(out.get(r.report_id) ?? []),
        {
          id: r.id,
          fileName: r.file_name,
          contentType: r.content_type,
          size: Number(r.size),
          sha256: r.sha256,
        },
      ]);
    return out;
  }

  async attachment(
    id: string,
  ): Promise<(AttachmentMeta & { reportId: string; bytes: Uint8Array }) | undefined> {
    const r = await this.db
      .selectFrom('supervision_attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      r && {
        id: r.id,
        reportId: r.report_id,
        fileName: r.file_name,
        contentType: r.content_type,
        size: Number(r.size),
        sha256: r.sha256,
        bytes: new Uint8Array(r.bytes),
      }
    );
  }
}
