// Turns an uploaded file (xlsx, csv, our template) or the entry grid's JSON into candidate rows, with the
// import module doing the reading and the typed, located validation; adds the reason column and leaves
// out rows whose value is blank (a template need not be filled in at once).
import { createHash } from 'node:crypto';
import type { Plan, Vintage } from '@ding/core';
import { cellText } from '../import/cells.ts';
import { importError } from '../import/errors.ts';
import { headerField, normalizeHeader } from '../import/headers.ts';
import {
  readImportBytes,
  validateImportSheets,
  type ImportError,
  type ImportField,
  type ImportLocation,
  type RawCell,
  type RawRow,
  type RawSheet,
} from '../import/index.ts';
import { IMPORT_LIMITS } from '../import/limits.ts';
import { columnLetter } from '../import/read.ts';
import type { UploadFormat } from '../repositories/index.ts';
import type { CandidateRow } from './checks.ts';

/** Headers of the reason column (原因): why a figure jumped year on year. Not an import field. */
export const REASON_HEADERS = ['原因', '变动原因', '异常原因', 'reason'];
const REASON_LOOKUP = new Set(REASON_HEADERS.map(normalizeHeader));

/** The file name grid entries are located in. */
export const GRID_FILE = '在线填报';

export interface ParsedSubmission {
  file: { name: string; format: UploadFormat; checksum: string };
  rows: CandidateRow[];
  /** The import module's errors (non-numbers, unknown codes, duplicates, ranges …), located. */
  errors: ImportError[];
  /** Rows left out because their value is blank. */
  skipped: ImportLocation[];
  /** Read but not used, and said so (issue 16 item 7): hidden lookup sheets, merged titles. */
  warnings: ImportError[];
}

/** Same rule as the import: the first of the top 10 rows naming at least two known columns. */
const HEADER_SEARCH_ROWS = 10;

interface SheetLayout {
  sheet: RawSheet;
  headerRow: number;
  /** field → 0-based column (primary headers win over secondary ones, as in the import). */
  columns: Partial<Record<ImportField, number>>;
  reasonColumn: number | undefined;
  label: (index: number) => string;
}

function sheetLayout(sheet: RawSheet, format: 'xlsx' | 'csv'): SheetLayout | undefined {
  // A hidden sheet is never read as data; the import's validation reports it.
  if (sheet.hidden) return undefined;
  const header = sheet.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .find((r) => r.cells.filter((c) => headerField(cellText(c))).length >= 2);
  if (!header) return undefined;
  const texts = header.cells.map((c) => cellText(c));
  const primary: Partial<Record<ImportField, number>> = {};
  const secondary: Partial<Record<ImportField, number>> = {};
  let reasonColumn: number | undefined;
  texts.forEach((text, i) => {
    const match = headerField(text);
    if (match) {
      const into = match.primary ? primary : secondary;
      if (into[match.field] === undefined) into[match.field] = i;
    } else if (reasonColumn === undefined && REASON_LOOKUP.has(normalizeHeader(text))) reasonColumn = i;
  });
  const label = format === 'xlsx' ? columnLetter : (i: number) => texts[i] || `#${i + 1}`;
  return { sheet, headerRow: header.row, columns: { ...secondary, ...primary }, reasonColumn, label };
}

const rowKey = (sheet: string | undefined, row: number) => `${sheet ?? ''}\u0000${row}`;

/** Read an uploaded file: never throws; a file that cannot be read is one located error. */
export async function collectionParseFile(
  file: { name: string; data: Uint8Array },
  plan: Plan,
  options: { defaultVintage?: Vintage } = {},
): Promise<ParsedSubmission> {
  const checksum = createHash('sha256').update(file.data).digest('hex');
  const read = await readImportBytes(file.name, file.data);
  if (!read.ok)
    return {
      file: { name: file.name, format: /\.csv$/i.test(file.name) ? 'csv' : 'xlsx', checksum },
      rows: [],
      errors: [
        importError(
          {
            kind: 'unreadable_file',
            reason: read.reason,
            ...(read.reasonZh !== undefined ? { reasonZh: read.reasonZh } : {}),
          },
          { file: file.name },
        ),
      ],
      skipped: [],
      warnings: [],
    };
  return parseSheets(read.sheets, plan, { name: file.name, format: read.format, checksum }, options);
}

export interface GridRow {
  indicator: string;
  region: string;
  /** A number, or text as typed ('1,234.5'); null or '' leaves the row out. */
  value: number | string | null;
  /** Default: the period the round collects this indicator for. */
  period?: string;
  vintage?: string;
  note?: string;
  reason?: string;
}

const GRID_HEADERS: [ImportField | 'reason', string][] = [
  ['indicator', '指标'],
  ['region', '地区'],
  ['period', '期别'],
  ['value', '数值'],
  ['vintage', '版本'],
  ['note', '备注'],
  ['reason', '原因'],
];

/**
 * The entry grid's rows go through the very same validation as a file: they become a sheet whose
 * row n is the grid's row n (header at row 0), located in '在线填报' with Chinese column names.
 */
export async function collectionParseGrid(
  rows: readonly GridRow[],
  plan: Plan,
  periodOf: (indicator: string) => string | undefined,
): Promise<ParsedSubmission> {
  const text = (s: string | undefined): RawCell => (s ? { kind: 'text', text: s } : { kind: 'empty' });
  const sheet: RawSheet = {
    rows: [
      { row: 0, cells: GRID_HEADERS.map(([, h]) => ({ kind: 'text', text: h })) },
      ...rows.map((r, i): RawRow => ({
        row: i + 1,
        cells: [
          text(r.indicator),
          text(r.region),
          text(r.period ?? periodOf(r.indicator)),
          typeof r.value === 'number'
            ? { kind: 'number', value: r.value, percentFormat: false }
            : text(r.value ?? undefined),
          text(r.vintage),
          text(r.note),
          text(r.reason),
        ],
      })),
    ],
  };
  const checksum = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return parseSheets([sheet], plan, { name: GRID_FILE, format: 'csv', checksum }, {}, 'grid');
}

async function parseSheets(
  sheets: RawSheet[],
  plan: Plan,
  file: { name: string; format: 'xlsx' | 'csv'; checksum: string },
  options: { defaultVintage?: Vintage },
  storedFormat: UploadFormat = file.format,
): Promise<ParsedSubmission> {
  const layouts = new Map<string, SheetLayout>();
  for (const s of sheets) {
    const layout = sheetLayout(s, file.format);
    if (layout) layouts.set(s.sheet ?? '', layout);
  }
  const layoutOf = (sheet: string | undefined) => layouts.get(sheet ?? '');
  const isData = (sheet: string | undefined, r: RawRow) =>
    r.row > (layoutOf(sheet)?.headerRow ?? 0) && r.cells.some((c) => c.kind !== 'empty');

  // Leave out rows whose value cell is blank but that have something else (a template row not filled in).
  const skipped: ImportLocation[] = [];
  const reasons = new Map<string, string>();
  const tooLong: ImportError[] = [];
  let kept: RawSheet[] = sheets.map((s) => {
    const layout = layoutOf(s.sheet);
    if (!layout || layout.columns.value === undefined) return s;
    const valueAt = layout.columns.value;
    return {
      ...s,
      rows: s.rows.filter((r) => {
        if (!isData(s.sheet, r)) return true;
        if (layout.reasonColumn !== undefined) {
          const reason = cellText(r.cells[layout.reasonColumn] ?? { kind: 'empty' });
          const length = [...reason].length;
          // The grid's limit (http/schemas/collection.ts: reason max 2000) holds for files too.
          if (length > IMPORT_LIMITS.maxTextChars)
            tooLong.push(
              importError(
                { kind: 'text_too_long', of: 'reason', length, max: IMPORT_LIMITS.maxTextChars },
                {
                  file: file.name,
                  ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
                  row: r.row,
                  column: layout.label(layout.reasonColumn),
                },
              ),
            );
          else if (reason) reasons.set(rowKey(s.sheet, r.row), reason);
        }
        const blank = (r.cells[valueAt] ?? { kind: 'empty' }).kind === 'empty';
        if (blank)
          skipped.push({ file: file.name, ...(s.sheet !== undefined ? { sheet: s.sheet } : {}), row: r.row });
        return !blank;
      }),
    };
  });

  const validateOptions = { file: file.name, format: file.format, ...options };
  let result = validateImportSheets(kept, plan, validateOptions);
  const warnings = result.warnings ?? [];
  const errors: ImportError[] = [...tooLong];
  // The import answers "all rows, or the errors"; a preview wants both: validate again without the rows
  // that failed until what is left is clean (the first of two duplicates, for one, then stands).
  for (let pass = 0; !result.ok && pass < 5; pass++) {
    errors.push(...result.errors);
    // An error without a row (a missing column, an unreadable file) leaves no row to trust.
    if (result.errors.some((e) => e.row === undefined)) break;
    const failed = new Set(result.errors.map((e) => rowKey(e.sheet, e.row ?? 0)));
    kept = kept.map((s) => ({
      ...s,
      rows: s.rows.filter((r) => !isData(s.sheet, r) || !failed.has(rowKey(s.sheet, r.row))),
    }));
    if (!kept.some((s) => s.rows.some((r) => isData(s.sheet, r)))) break;
    result = validateImportSheets(kept, plan, validateOptions);
  }
  if (!result.ok) errors.push(...result.errors);

  const rows: CandidateRow[] = [];
  if (result.ok) {
    for (const r of result.rows) {
      const layout = layoutOf(r.at.sheet);
      const columns: Partial<Record<ImportField, string>> = {};
      if (layout)
        for (const [field, i] of Object.entries(layout.columns) as [ImportField, number][])
          columns[field] = layout.label(i);
      const reason = reasons.get(rowKey(r.at.sheet, r.at.row ?? 0));
      rows.push({
        indicator: r.indicator,
        region: r.region,
        period: r.period,
        value: r.value,
        vintage: r.vintage,
        ...(r.note !== undefined ? { note: r.note } : {}),
        ...(reason !== undefined ? { reason } : {}),
        at: r.at,
        columns,
      });
    }
  }
  return {
    file: { name: file.name, format: storedFormat, checksum: file.checksum },
    rows,
    errors: dedupe(errors),
    skipped,
    warnings,
  };
}

/** A row's error can come back in a later pass (component checks); report each once. */
function dedupe(errors: ImportError[]): ImportError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.kind}\u0000${e.sheet ?? ''}\u0000${e.row ?? ''}\u0000${e.column ?? ''}\u0000${e.message.en}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
