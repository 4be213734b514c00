// ReportRepository: the report archive — reports of a snapshot, their edited paragraphs, their status,
// their 期数/总第N期, and their DOCX/PDF files (written only with the change that makes a report final).
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportMode, ReportStatus, ReportsTable } from '../db/schema.ts';
import { RepositoryError, type Clock, type Transactional } from './support.ts';

export type { ReportMode, ReportStatus } from '../db/schema.ts';
export type ReportFormat = 'docx' | 'pdf';

/** What a report covers beyond its period and mode (validated against the plan by the report service). */
export interface ReportOptions {
  /** The indicator of a one-page sheet (mode 'indicator'). */
  indicator?: string;
  /** Custom report: the sections, indicators and regions picked. */
  sections?: string[];
  indicators?: string[];
  regions?: string[];
  lang?: 'zh' | 'en';
  /** The 红头 variant of the masthead. */
  redHeader?: boolean;
  /** The files to make (default both; a DOCX alone needs no LibreOffice). */
  formats?: ReportFormat[];
}

/** Paragraphs edited before finalising; a section left out keeps its drafted text. */
export interface ReportEdits {
  /** 五、存在问题 */
  /** null keeps that paragraph as drafted (its numbers stay traced). */
  problems?: (string | null)[];
  /** 下步工作 */
  nextSteps?: string[];
}

export interface ReportIssue {
  /** 2025年第3期: the year … */
  year: number;
  /** … and the number within it. */
  number: number;
  /** 总第N期. */
  total: number;
}

export interface Report {
  id: string;
  snapshotId: number;
  period: string;
  mode: ReportMode;
  options: ReportOptions;
  status: ReportStatus;
  /** Full reports, once final. */
  issue?: ReportIssue;
  edits?: ReportEdits;
  error?: string;
  createdAt: string;
  createdBy: string;
  finalisedAt?: string;
}

export interface NewReport {
  snapshotId: number;
  period: string;
  mode: ReportMode;
  options?: ReportOptions;
  createdBy: string;
}

export interface ReportFileMeta {
  format: ReportFormat;
  sha256: string;
  size: number;
}

export interface ReportFile extends ReportFileMeta {
  bytes: Uint8Array;
}

export interface RenderedFile {
  format: ReportFormat;
  bytes: Uint8Array;
}

const MODES: readonly ReportMode[] = ['full', 'indicator', 'custom'];
const FORMATS: readonly ReportFormat[] = ['docx', 'pdf'];

/**
 * finalise refused: the 期数 the document printed is not the one the report would get (another full report
 * was finalised between the render and now). Nothing was stored; render again with the issue now due.
 */
export class ReportIssueMismatchError extends RepositoryError {
  constructor(
    readonly expected: Pick<ReportIssue, 'number' | 'total'>,
    readonly assigned: Pick<ReportIssue, 'number' | 'total'>,
  ) {
    super(
      `reports: the document prints 第${expected.number}期（总第${expected.total}期） but the report would be 第${assigned.number}期（总第${assigned.total}期）; nothing was stored`,
    );
    this.name = 'ReportIssueMismatchError';
  }
}

export class ReportRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tx: Transactional,
    private readonly clock: Clock,
  ) {}

  /** A draft report of a snapshot. Throws RepositoryError naming the field for a bad mode or period. */
  async create(input: NewReport): Promise<Report> {
    if (!MODES.includes(input.mode))
      throw new RepositoryError(`reports: mode '${String(input.mode)}' is not full, indicator or custom`);
    if (!/^\d{4}(Q[1-4])?$/.test(input.period))
      throw new RepositoryError(`reports: period '${input.period}' is not YYYY or YYYYQn`);
    const row: Selectable<ReportsTable> = {
      id: randomUUID(),
      snapshot_id: input.snapshotId,
      period: input.period,
      mode: input.mode,
      options: JSON.stringify(input.options ?? {}),
      issue_year: null,
      issue_number: null,
      total_number: null,
      status: 'draft',
      edits: null,
      error: null,
      created_at: this.clock(),
      created_by: input.createdBy,
      finalised_at: null,
    };
    await this.db.insertInto('reports').values(row).execute();
    return reportFromRow(row);
  }

  async get(id: string): Promise<Report | undefined> {
    const row = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row && reportFromRow(row);
  }

  /** Newest first; optionally of one period or status. */
  async list(query: { period?: string; status?: ReportStatus; limit?: number } = {}): Promise<Report[]> {
    let q = this.db.selectFrom('reports').selectAll();
    if (query.period !== undefined) q = q.where('period', '=', query.period);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map(reportFromRow);
  }

  /**
   * Replace the edited paragraphs of a draft (or failed) report. False when the report does not exist
   * or is generating/final — a final report's text is what was issued. Bad input throws, naming the field.
   */
  async setEdits(id: string, edits: ReportEdits): Promise<boolean> {
    for (const field of ['problems', 'nextSteps'] as const) {
      const v = edits[field];
      const paragraph = (p: unknown) => typeof p === 'string' || (field === 'problems' && p === null);
      if (v !== undefined && (!Array.isArray(v) || !v.every(paragraph)))
        throw new RepositoryError(`reports: edits.${field} must be a list of paragraphs (strings)`);
    }
    const unknown = Object.keys(edits).find((k) => k !== 'problems' && k !== 'nextSteps');
    if (unknown) throw new RepositoryError(`reports: edits.${unknown} is not an editable section`);
    const r = await this.db
      .updateTable('reports')
      .set({ edits: JSON.stringify(edits) })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'failed'])
      .executeTakeFirst();
    return BigInt(r.numUpdatedRows) === 1n;
  }

  /** draft | failed → generating (the error cleared). False when it was not in one of those states. */
  async startGenerating(id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('reports')
      .set({ status: 'generating', error: null })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'failed'])
      .executeTakeFirst();
    return BigInt(r.numUpdatedRows) === 1n;
  }

  /** generating → failed, with the reason. False when it was not generating. */
  async markFailed(id: string, error: string): Promise<boolean> {
    const r = await this.db
      .updateTable('reports')
      .set({ status: 'failed', error: error || 'unknown error' })
      .where('id', '=', id)
      .where('status', '=', 'generating')
      .executeTakeFirst();
    return BigInt(r.numUpdatedRows) === 1n;
  }

  /**
   * generating → final, in one transaction with its files: the files are stored with the status that
   * says they are complete, or not at all. A full report gets its 期数 (per year of its period) and
   * 总第N期 (across years) from report_sequence, whose UPDATE serialises concurrent finalisations, so
   * no number is given twice; a rolled-back finalisation gives its number back, none is skipped.
   * `expected` is the 期数 the files print (peekIssue before rendering): a full report whose number
   * would differ is refused with ReportIssueMismatchError and nothing is stored, so an archived DOCX
   * never says another number than its row.
   */
  async finalise(
    id: string,
    files: readonly RenderedFile[],
    expected?: Pick<ReportIssue, 'number' | 'total'>,
  ): Promise<Report> {
    if (files.length === 0) throw new RepositoryError(`reports: report ${id} finalised without any file`);
    const seen = new Set<string>();
    for (const f of files) {
      if (!FORMATS.includes(f.format))
        throw new RepositoryError(`reports: file format '${String(f.format)}' is not docx or pdf`);
      if (seen.has(f.format)) throw new RepositoryError(`reports: two ${f.format} files for report ${id}`);
      seen.add(f.format);
      if (f.bytes.byteLength === 0)
        throw new RepositoryError(`reports: the ${f.format} file of ${id} is empty`);
    }
    return this.tx(async (db) => {
      const report = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!report) throw new RepositoryError(`reports: no report with id ${id}`);
      if (report.status !== 'generating')
        throw new RepositoryError(`reports: report ${id} is ${report.status}, not generating: not finalised`);
      let issue: Pick<ReportsTable, 'issue_year' | 'issue_number' | 'total_number'> = {
        issue_year: null,
        issue_number: null,
        total_number: null,
      };
      if (report.mode === 'full') {
        const seq = await db
          .updateTable('report_sequence')
          .set((eb) => ({ last_total_number: eb('last_total_number', '+', 1) }))
          .where('id', '=', 1)
          .returning('last_total_number')
          .executeTakeFirst();
        if (!seq) throw new RepositoryError('report_sequence has no row: run the migrations (0005_reports)');
        const year = Number(report.period.slice(0, 4));
        const last = await db
          .selectFrom('reports')
          .select((eb) => eb.fn.max('issue_number').as('n'))
          .where('issue_year', '=', year)
          .executeTakeFirst();
        issue = {
          issue_year: year,
          issue_number: Number(last?.n ?? 0) + 1,
          total_number: Number(seq.last_total_number),
        };
        if (expected && (expected.number !== issue.issue_number || expected.total !== issue.total_number))
          // Thrown inside the transaction: the sequence's increment is rolled back with it.
          throw new ReportIssueMismatchError(expected, {
            number: issue.issue_number!,
            total: issue.total_number!,
          });
      }
      for (const f of files) {
        await db
          .insertInto('report_files')
          .values({
            report_id: id,
            format: f.format,
            bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
            sha256: createHash('sha256').update(f.bytes).digest('hex'),
            size: f.bytes.byteLength,
          })
          .execute();
      }
      const finalisedAt = this.clock();
      const updated = await db
        .updateTable('reports')
        .set({ status: 'final', finalised_at: finalisedAt, error: null, ...issue })
        .where('id', '=', id)
        .where('status', '=', 'generating')
        .executeTakeFirst();
      if (BigInt(updated.numUpdatedRows) !== 1n)
        throw new RepositoryError(`reports: report ${id} changed while being finalised; nothing was stored`);
      return reportFromRow({ ...report, ...issue, status: 'final', finalised_at: finalisedAt, error: null });
    });
  }

  /**
   * The 期数 a full report of `period` would get if finalised now: the next number of its year and the
   * next 总第N期. The report job prints it and hands it to finalise, which refuses a mismatch
   * (ReportIssueMismatchError) — another full report finalised in between — so the job renders again.
   */
  async peekIssue(period: string): Promise<Pick<ReportIssue, 'number' | 'total'>> {
    const year = Number(period.slice(0, 4));
    const seq = await this.db
      .selectFrom('report_sequence')
      .select('last_total_number')
      .where('id', '=', 1)
      .executeTakeFirst();
    const last = await this.db
      .selectFrom('reports')
      .select((eb) => eb.fn.max('issue_number').as('n'))
      .where('issue_year', '=', year)
      .executeTakeFirst();
    return { number: Number(last?.n ?? 0) + 1, total: Number(seq?.last_total_number ?? 0) + 1 };
  }

  /** The files of a report (without their bytes). */
  async files(id: string): Promise<ReportFileMeta[]> {
    return (await this.filesOf([id])).get(id) ?? [];
  }

  /** The files of several reports in one query (the archive list), by report id; none → no entry. */
  async filesOf(ids: readonly string[]): Promise<Map<string, ReportFileMeta[]>> {
    const out = new Map<string, ReportFileMeta[]>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('report_files')
      .select(['report_id', 'format', 'sha256', 'size'])
      .where('report_id', 'in', [...ids])
      .orderBy('report_id')
      .orderBy('format')
      .execute();
    for (const r of rows) {
      const list = out.get(r.report_id) ?? [];
      list.push({ format: r.format, sha256: r.sha256, size: Number(r.size) });
      out.set(r.report_id, list);
    }
    return out;
  }

  async file(id: string, format: ReportFormat): Promise<ReportFile | undefined> {
    const row = await this.db
      .selectFrom('report_files')
      .selectAll()
      .where('report_id', '=', id)
      .where('format', '=', format)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      format: row.format,
      bytes: new Uint8Array(row.bytes),
      sha256: row.sha256,
      size: Number(row.size),
    };
  }
}

function reportFromRow(row: Selectable<ReportsTable>): Report {
  const r: Report = {
    id: row.id,
    snapshotId: Number(row.snapshot_id),
    period: row.period,
    mode: row.mode,
    options: JSON.parse(row.options) as ReportOptions,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.issue_year !== null && row.issue_number !== null && row.total_number !== null)
    r.issue = {
      year: Number(row.issue_year),
      number: Number(row.issue_number),
      total: Number(row.total_number),
    };
  if (row.edits !== null) r.edits = JSON.parse(row.edits) as ReportEdits;
  if (row.error !== null) r.error = row.error;
  if (row.finalised_at !== null) r.finalisedAt = row.finalised_at;
  return r;
}
