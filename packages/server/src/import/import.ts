// Importing a long-format file (CSV or XLSX): read, validate against the plan, then write everything in
// one transaction with its import batch — or write nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LocalizedName, Period, Plan, Provenance, Vintage } from '@ding/core';
import { auditAppend } from '../audit/audit.ts';
import type { PeriodLock, Repositories } from '../repositories/index.ts';
import { periodLockOverrideRecord, periodLockedMessage, periodLocksIn } from '../services/period-locks.ts';
import type { ImportBatch, ImportFormat, NewObservation } from '../repositories/records.ts';
import { importError, type FigureKey, type ImportError, type ImportLocation } from './errors.ts';
import { importFormatOf, readImportBytes } from './read.ts';
import { validateImportSheets, type FigureRef, type ImportRow } from './validate.ts';

/** A path, or bytes with the name the user gave them (an upload). */
export type ImportFile = string | { name: string; data: Uint8Array };

export interface ImportFileInfo {
  name: string;
  format: ImportFormat;
  /** SHA-256 of the bytes. */
  checksum: string;
  bytes: number;
}

/** `storedNeeded`: what the year-to-date check of flows needs from storage (see ValidateOptions.storedPrevious). */
export type ParsedImport =
  | { ok: true; file: ImportFileInfo; rows: ImportRow[]; storedNeeded?: FigureRef[] }
  | { ok: false; file?: ImportFileInfo; errors: ImportError[]; storedNeeded?: FigureRef[] };

export interface ParseOptions {
  /** Vintage for rows that do not give one (default 'flash', 快报). */
  defaultVintage?: Vintage;
  /** A stored numerator/denominator satisfies a ratio's component requirement. */
  hasStoredValue?: (key: FigureKey) => boolean;
  /** The stored value in force of a previous quarter (year-to-date check of flows). */
  storedPrevious?: (figure: FigureRef) => number | undefined;
}

/** Read and validate without writing: the preview of an upload, or `ding import --dry-run`. */
export async function parseImportFile(
  file: ImportFile,
  plan: Plan,
  options: ParseOptions = {},
): Promise<ParsedImport> {
  const name = typeof file === 'string' ? basename(file) : file.name;
  let data: Uint8Array;
  try {
    data = typeof file === 'string' ? await readFile(file) : file.data;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    return { ok: false, errors: [importError({ kind: 'unreadable_file', reason }, { file: name })] };
  }
  const format = importFormatOf(name, data);
  const info: ImportFileInfo | undefined =
    typeof format === 'string'
      ? { name, format, checksum: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength }
      : undefined;
  const read = await readImportBytes(name, data);
  if (!read.ok || !info)
    return {
      ok: false,
      ...(info ? { file: info } : {}),
      errors: [
        importError(
          {
            kind: 'unreadable_file',
            reason: read.ok ? 'unsupported format' : read.reason,
            ...(!read.ok && read.reasonZh !== undefined ? { reasonZh: read.reasonZh } : {}),
          },
          { file: name },
        ),
      ],
    };
  const result = validateImportSheets(read.sheets, plan, {
    file: name,
    format: info.format,
    ...(options.defaultVintage ? { defaultVintage: options.defaultVintage } : {}),
    ...(options.hasStoredValue ? { hasStoredValue: options.hasStoredValue } : {}),
    ...(options.storedPrevious ? { storedPrevious: options.storedPrevious } : {}),
  });
  const needed = result.storedNeeded ? { storedNeeded: result.storedNeeded } : {};
  return result.ok
    ? { ok: true, file: info, rows: result.rows, ...needed }
    : { ok: false, file: info, errors: result.errors, ...needed };
}

export interface ImportOptions {
  /** Who imports (user or process name), stored on the batch and every row. */
  createdBy: string;
  /** Default 'real': an imported file is reported data. Demo loaders pass 'synthetic'. */
  provenance?: Provenance;
  defaultVintage?: Vintage;
  /**
   * Where real figures were published, for rows without a citation column. Falls back to the row's
   * source, then to the file name (the import batch keeps the file's checksum).
   */
  citation?: string;
  /**
   * Write into locked periods anyway (issue 16 §3: an admin, with a reason; `ding import --override-lock
   * --reason …`). Without it a file touching a locked period is refused and nothing is written.
   */
  lockOverride?: { reason: string };
  /** Why, for the audit entry (the lock override's reason when there is one). */
  reason?: string;
  /** How an admin overrides a lock from where this import was started, for the refusal's message. */
  lockOverrideHint?: { zh: string; en: string };
  /** Rows per write (default 500); progress is reported after each. */
  chunkSize?: number;
  onProgress?: (written: number, total: number) => void | Promise<void>;
}

export type ImportOutcome =
  | {
      ok: true;
      batch: ImportBatch;
      /** Valid rows in the file. */
      rows: number;
      /** Figures stored for the first time. */
      created: number;
      /** Figures whose value changed: a new revision, the old one kept. */
      revised: number;
      /** Rows identical to the stored value: nothing written. */
      unchanged: number;
    }
  /** `locked`: refused because rows fall in locked periods (then `errors` is empty); nothing written. */
  | { ok: false; errors: ImportError[]; locked?: ImportLockRefusal[] };

/** One locked period a file writes into: the lock (who, since when, why), its rows, the first located. */
export interface ImportLockRefusal {
  lock: PeriodLock;
  rows: number;
  first: ImportLocation;
  message: LocalizedName;
}

/**
 * All or nothing: any invalid row → nothing is written and every error is returned; the rows and
 * the batch are written in one transaction, so a failure part-way (a crash, a lost connection)
 * leaves the database as it was.
 */
export async function importObservations(
  repos: Repositories,
  plan: Plan,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const parseOptions: ParseOptions = options.defaultVintage ? { defaultVintage: options.defaultVintage } : {};
  let parsed = await parseImportFile(file, plan, parseOptions);
  // Ratio components missing from the file may already be stored, and a flow's previous quarter too:
  // look those up, then validate again.
  const components = !parsed.ok && parsed.errors.some((e) => e.kind === 'component_required');
  if (components || parsed.storedNeeded) {
    const stored = components ? await storedComponents(repos, parsed.ok ? [] : parsed.errors) : new Set();
    const previous = await storedValues(repos, parsed.storedNeeded ?? []);
    parsed = await parseImportFile(file, plan, {
      ...parseOptions,
      hasStoredValue: (k) => stored.has(keyOf(k)),
      storedPrevious: (f) => previous.get(figureOf(f)),
    });
  }
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { file: info, rows } = parsed;
  const provenance = options.provenance ?? 'real';
  const observations: NewObservation[] = rows.map((r) => {
    const citation =
      r.citation ?? options.citation ?? (provenance === 'real' ? (r.source ?? info.name) : undefined);
    return {
      indicator: r.indicator,
      region: r.region,
      period: r.period,
      value: r.value,
      vintage: r.vintage,
      provenance,
      ...(citation !== undefined ? { citation } : {}),
      ...(r.source !== undefined ? { source: r.source } : {}),
      ...(r.note !== undefined ? { note: r.note } : {}),
    };
  });
  const chunkSize = Math.max(1, options.chunkSize ?? 500);

  return repos.transaction(async (tx): Promise<ImportOutcome> => {
    // Checked in the writing transaction, so a lock set meanwhile is seen (issue 16 §3).
    const locks = await periodLocksIn(tx, new Set(rows.map((r) => r.period)));
    const override = options.lockOverride?.reason.trim() ? options.lockOverride : undefined;
    if (locks.length > 0 && !override) {
      const how = options.lockOverrideHint ?? {
        zh: '以 --override-lock --reason "原因" 导入',
        en: 'importing with --override-lock --reason "…"',
      };
      const locked = locks.map((lock): ImportLockRefusal => {
        const inPeriod = rows.filter((r) => r.period === lock.period);
        const first = inPeriod[0]!.at;
        const message = periodLockedMessage(lock, how);
        const where = `${first.file}${first.sheet ? ` ${first.sheet}` : ''}${first.row ? ` row ${first.row}` : ''}`;
        return {
          lock,
          rows: inPeriod.length,
          first,
          message: {
            zh: `${first.file}${first.sheet ? `「${first.sheet}」` : ''}${first.row ? `第 ${first.row} 行起` : ''}共 ${inPeriod.length} 行：${message.zh}`,
            en: `${where}: ${inPeriod.length} row(s) from here on: ${message.en}`,
          },
        };
      });
      return { ok: false, errors: [], locked };
    }
    const batch = await tx.importBatches.create({
      fileName: info.name,
      format: info.format,
      rowCount: rows.length,
      checksum: info.checksum,
      createdBy: options.createdBy,
    });
    let created = 0;
    let revised = 0;
    let unchanged = 0;
    for (let i = 0; i < observations.length; i += chunkSize) {
      const part = observations.slice(i, i + chunkSize);
      const summary = await tx.observations.insertMany(part, {
        createdBy: options.createdBy,
        batchId: batch.id,
      });
      created += summary.created;
      revised += summary.revised;
      unchanged += summary.unchanged;
      await options.onProgress?.(i + part.length, observations.length);
    }
    // The figures in force after this batch, pinned in its transaction (issue 9 §2: reports read snapshots).
    if (created + revised > 0)
      await tx.snapshots.create({ createdBy: options.createdBy, reason: 'import', batchId: batch.id });
    // Audited like the API's uploads (submission.submit): one entry per file, in its transaction; every
    // row written carries the batch id, and a revision keeps the value it replaced.
    const reason = override?.reason.trim() ?? options.reason?.trim();
    await auditAppend(tx, {
      actor: options.createdBy,
      action: 'observation.import',
      entity: 'import_batch',
      entityId: batch.id,
      new: {
        file: info.name,
        format: info.format,
        checksum: info.checksum,
        bytes: info.bytes,
        rows: rows.length,
        created,
        revised,
        unchanged,
        provenance,
        periods: [...new Set(rows.map((r) => r.period))].sort(),
        ...(locks.length ? { lockOverride: periodLockOverrideRecord(locks) } : {}),
      },
      ...(reason ? { reason } : {}),
    });
    return { ok: true, batch, rows: rows.length, created, revised, unchanged };
  });
}

function keyOf(k: FigureKey): string {
  return `${k.indicator}\u0000${k.region}\u0000${k.period}\u0000${k.vintage}`;
}

function figureOf(f: FigureRef): string {
  return `${f.indicator}\u0000${f.region}\u0000${f.period}`;
}

/** The values in force (best vintage: revised > annual > flash) of the figures asked for. */
async function storedValues(repos: Repositories, figures: FigureRef[]): Promise<Map<string, number>> {
  if (figures.length === 0) return new Map();
  const found = await repos.observations.current({
    indicators: [...new Set(figures.map((f) => f.indicator))],
    regions: [...new Set(figures.map((f) => f.region))],
    periods: [...new Set(figures.map((f) => f.period as Period))],
    vintage: 'best',
  });
  return new Map(found.map((o) => [figureOf(o), o.value]));
}

async function storedComponents(repos: Repositories, errors: ImportError[]): Promise<Set<string>> {
  const wanted = errors.flatMap((e) =>
    e.kind === 'component_required' ? e.missing.map((indicator) => ({ ...e, indicator })) : [],
  );
  const found = await repos.observations.current({
    indicators: [...new Set(wanted.map((w) => w.indicator))],
    regions: [...new Set(wanted.map((w) => w.region))],
    periods: [...new Set(wanted.map((w) => w.period as Period))],
  });
  return new Set(found.map((o) => keyOf(o)));
}
