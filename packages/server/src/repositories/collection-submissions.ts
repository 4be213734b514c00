// SubmissionRepository: uploads (a file or grid entry with its validation preview) and the submitted
// figures they carry, from submission through review to publication. Published figures live in observations.
import { randomUUID } from 'node:crypto';
import type { Vintage } from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SubmissionRowsTable, SubmissionStatus, UploadsTable } from '../db/schema.ts';
import { chunks } from './observations.ts';
import type { Clock } from './support.ts';

export type { SubmissionStatus };
export type UploadFormat = UploadsTable['format'];

export interface Upload {
  id: string;
  roundId: string;
  submitter: string;
  fileName: string;
  format: UploadFormat;
  checksum: string;
  createdAt: string;
  createdBy: string;
  ok: boolean;
  /** JSON text; its shape belongs to the collection service. */
  preview: string;
  committedAt?: string;
  committedBy?: string;
}

export type NewUpload = Omit<Upload, 'id' | 'createdAt' | 'committedAt' | 'committedBy'>;

export interface NewSubmission {
  roundId: string;
  uploadId?: string;
  submitter: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: Vintage;
  note?: string;
  reason?: string;
  submittedBy: string;
}

export interface Submission extends NewSubmission {
  id: string;
  status: SubmissionStatus;
  /** False once a later submission for the same figure of the round replaced it. */
  current: boolean;
  submittedAt: string;
  reviewedBy?: string;
  reviewedAt?: string;
  comment?: string;
  observationId?: string;
  /** Withdrawn when its round was cancelled: kept, no longer in force. */
  withdrawnAt?: string;
  withdrawnBy?: string;
}

export interface SubmissionQuery {
  roundIds?: readonly string[];
  submitter?: string;
  statuses?: readonly SubmissionStatus[];
  /** Default true: only the submission in force for each figure. */
  currentOnly?: boolean;
  /** Only those withdrawn by a cancellation (whatever currentOnly says). */
  withdrawnOnly?: boolean;
}

const IN_CHUNK = 500;
const INSERT_CHUNK = 500;

function uploadFromRow(row: Selectable<UploadsTable>): Upload {
  const u: Upload = {
    id: row.id,
    roundId: row.round_id,
    submitter: row.submitter,
    fileName: row.file_name,
    format: row.format,
    checksum: row.checksum,
    createdAt: row.created_at,
    createdBy: row.created_by,
    ok: Number(row.ok) === 1,
    preview: row.preview,
  };
  if (row.committed_at !== null) u.committedAt = row.committed_at;
  if (row.committed_by !== null) u.committedBy = row.committed_by;
  return u;
}

function submissionFromRow(row: Selectable<SubmissionRowsTable>): Submission {
  const s: Submission = {
    id: row.id,
    roundId: row.round_id,
    submitter: row.submitter,
    indicator: row.indicator,
    region: row.region,
    period: row.period,
    value: Number(row.value),
    vintage: row.vintage,
    status: row.status,
    current: Number(row.is_current) === 1,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
  };
  if (row.upload_id !== null) s.uploadId = row.upload_id;
  if (row.note !== null) s.note = row.note;
  if (row.reason !== null) s.reason = row.reason;
  if (row.reviewed_by !== null) s.reviewedBy = row.reviewed_by;
  if (row.reviewed_at !== null) s.reviewedAt = row.reviewed_at;
  if (row.comment !== null) s.comment = row.comment;
  if (row.observation_id !== null) s.observationId = row.observation_id;
  if (row.withdrawn_at !== null) s.withdrawnAt = row.withdrawn_at;
  if (row.withdrawn_by !== null) s.withdrawnBy = row.withdrawn_by;
  return s;
}

export class SubmissionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async createUpload(upload: NewUpload): Promise<Upload> {
    const row = {
      id: randomUUID(),
      round_id: upload.roundId,
      submitter: upload.submitter,
      file_name: upload.fileName,
      format: upload.format,
      checksum: upload.checksum,
      created_at: this.clock(),
      created_by: upload.createdBy,
      ok: upload.ok ? (1 as const) : (0 as const),
      preview: upload.preview,
      committed_at: null,
      committed_by: null,
    };
    await this.db.insertInto('uploads').values(row).execute();
    return uploadFromRow(row);
  }

  async upload(id: string): Promise<Upload | undefined> {
    const row = await this.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
    return row && uploadFromRow(row);
  }

  /**
   * Mark an upload committed, only if no one did first (two clicks, two tabs): true when this call did.
   */
  async markCommitted(id: string, by: string): Promise<boolean> {
    const result = await this.db
      .updateTable('uploads')
      .set({ committed_at: this.clock(), committed_by: by })
      .where('id', '=', id)
      .where('committed_at', 'is', null)
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) === 1n;
  }

  /**
   * Submit figures: each replaces the submission in force for the same figure of its round (kept, no
   * longer current). The partial unique index refuses two concurrent replacements of the same figure.
   */
  async submit(rows: readonly NewSubmission[]): Promise<Submission[]> {
    if (rows.length === 0) return [];
    const now = this.clock();
    for (const r of rows) {
      await this.db
        .updateTable('submission_rows')
        .set({ is_current: 0 })
        .where('round_id', '=', r.roundId)
        .where('indicator', '=', r.indicator)
        .where('region', '=', r.region)
        .where('is_current', '=', 1)
        .execute();
    }
    const inserted = rows.map((r) => ({
      id: randomUUID(),
      round_id: r.roundId,
      upload_id: r.uploadId ?? null,
      submitter: r.submitter,
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      value: r.value,
      vintage: r.vintage,
      note: r.note ?? null,
      reason: r.reason ?? null,
      status: 'submitted' as const,
      is_current: 1 as const,
      submitted_by: r.submittedBy,
      submitted_at: now,
      reviewed_by: null,
      reviewed_at: null,
      comment: null,
      observation_id: null,
      withdrawn_at: null,
      withdrawn_by: null,
    }));
    for (const part of chunks(inserted, INSERT_CHUNK))
      await this.db.insertInto('submission_rows').values(part).execute();
    return inserted.map(submissionFromRow);
  }

  /** Submissions by round, submitter and status; by default only those in force. */
  async list(query: SubmissionQuery = {}): Promise<Submission[]> {
    let q = this.db.selectFrom('submission_rows').selectAll();
    if (query.withdrawnOnly) q = q.where('withdrawn_at', 'is not', null);
    else if (query.currentOnly !== false) q = q.where('is_current', '=', 1);
    if (query.roundIds) {
      if (query.roundIds.length === 0) return [];
      q = q.where('round_id', 'in', query.roundIds);
    }
    if (query.submitter !== undefined) q = q.where('submitter', '=', query.submitter);
    if (query.statuses) {
      if (query.statuses.length === 0) return [];
      q = q.where('status', 'in', query.statuses);
    }
    const rows = await q
      .orderBy('submitted_at')
      .orderBy('submitter')
      .orderBy('indicator')
      .orderBy('region')
      .execute();
    return rows.map(submissionFromRow);
  }

  async byIds(ids: readonly string[]): Promise<Submission[]> {
    const out: Submission[] = [];
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db.selectFrom('submission_rows').selectAll().where('id', 'in', part).execute();
      out.push(...rows.map(submissionFromRow));
    }
    return out;
  }

  /** Published submissions that became (or confirmed) these observations: who submitted and approved a figure. */
  async byObservationIds(observationIds: readonly string[]): Promise<Submission[]> {
    const out: Submission[] = [];
    for (const part of chunks([...new Set(observationIds)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('submission_rows')
        .selectAll()
        .where('observation_id', 'in', part)
        .orderBy('submitted_at')
        .execute();
      out.push(...rows.map(submissionFromRow));
    }
    return out;
  }

  /**
   * Review: move the given submissions from one of `from` to `to`, recording who and when. Returns how
   * many moved; a caller that needs all-or-nothing compares it with ids.length inside its transaction.
   */
  async review(
    ids: readonly string[],
    from: readonly SubmissionStatus[],
    to: SubmissionStatus,
    by: string,
    comment?: string,
  ): Promise<number> {
    const now = this.clock();
    let moved = 0;
    for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
      const result = await this.db
        .updateTable('submission_rows')
        .set({ status: to, reviewed_by: by, reviewed_at: now, ...(comment !== undefined ? { comment } : {}) })
        .where('id', 'in', part)
        .where('is_current', '=', 1)
        .where('status', 'in', from)
        .executeTakeFirst();
      moved += Number(result.numUpdatedRows);
    }
    return moved;
  }

  /**
   * A cancelled round's submissions in force are withdrawn: kept with who and when, no longer in force,
   * so review and publication no longer see them and the history still does. Returns how many.
   */
  async withdrawRound(roundId: string, by: string): Promise<number> {
    const result = await this.db
      .updateTable('submission_rows')
      .set({ is_current: 0, withdrawn_at: this.clock(), withdrawn_by: by })
      .where('round_id', '=', roundId)
      .where('is_current', '=', 1)
      .where('status', '!=', 'published')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** An approved submission became the published observation `observationId` (none if unchanged). */
  async markPublished(id: string, observationId: string | undefined): Promise<boolean> {
    const result = await this.db
      .updateTable('submission_rows')
      .set({ status: 'published', observation_id: observationId ?? null })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .where('is_current', '=', 1)
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) === 1n;
  }
}
