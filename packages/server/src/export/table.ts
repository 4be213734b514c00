// Writes any table (rows + column definitions with zh/en headers) to CSV or XLSX.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { excel } from '../excel.ts';
import { stringify } from 'csv-stringify/sync';
import type { LocalizedName } from '@ding/core';

export type ExportCellValue = string | number | null | undefined;

export interface ExportColumn<R> {
  /** Stable id of the column (used for nothing but reading and tests). */
  key: string;
  header: LocalizedName;
  value: (row: R) => ExportCellValue;
  /**
   * Decimals shown for numbers in XLSX (the stored number keeps full precision). A function gives
   * each row its own, e.g. each indicator's `decimals` from the plan.
   */
  decimals?: number | ((row: R) => number | undefined);
  /** 'text' keeps digit strings such as region codes (330282004) as text in XLSX. */
  type?: 'text' | 'number';
  /** Column width in characters (XLSX); estimated from the content when absent. */
  width?: number;
  /** Long text (names, rules, notes): wrapped in XLSX at `width` (default 24), so the page stays narrow. */
  wrap?: boolean;
}

/** What a printed sheet says above its header row (XLSX only: a CSV keeps one header row for machines). */
export interface ExportCaption {
  title: LocalizedName;
  lines?: readonly LocalizedName[];
  /** Shown in bold red under the lines, e.g. 含合成演示数据. */
  warning?: LocalizedName;
}

export interface ExportTable<R> {
  /** Worksheet name (XLSX). */
  name: LocalizedName;
  columns: readonly ExportColumn<R>[];
  rows: readonly R[];
  caption?: ExportCaption;
  /** Leading columns kept in view when scrolling right in XLSX (e.g. indicator and region). */
  frozenColumns?: number;
  /** Printed page orientation (XLSX, default portrait); every sheet prints on A4 fitted to its width. */
  orientation?: 'portrait' | 'landscape';
  /** XLSX: hide columns without a value in any row, so the printed page keeps the others legible. */
  hideEmptyColumns?: boolean;
}

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  /** Language of the header row and sheet name (default 'zh'). */
  lang?: 'zh' | 'en';
}

/** A value that is not a finite number (NaN from a missing target) is written as an empty cell. */
function cellValue(v: ExportCellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null;
  return v;
}

/**
 * Text that a spreadsheet would run as a formula ('=…', '+…', '-…', '@…') is prefixed with an
 * apostrophe (OWASP CSV injection). Numbers and numeric-looking text are left alone.
 */
function csvSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? `'${s}` : s;
}

/**
 * CSV in UTF-8 with a byte-order mark, so Excel and WPS open Chinese text correctly; CRLF line ends.
 * Numbers are written in full precision (String(n)): the CSV is data for analysts, not a layout.
 */
export function tableToCsv<R>(table: ExportTable<R>, options: ExportOptions = {}): string {
  const lang = options.lang ?? 'zh';
  const records = [
    table.columns.map((c) => c.header[lang]),
    ...table.rows.map((row) =>
      table.columns.map((c) => {
        const v = cellValue(c.value(row));
        return v === null ? '' : typeof v === 'number' ? String(v) : csvSafe(v);
      }),
    ),
  ];
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}

/** One workbook, one sheet per table. */
export async function tablesToXlsx<Rows extends readonly unknown[]>(
  tables: { readonly [K in keyof Rows]: ExportTable<Rows[K]> },
  options: ExportOptions = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'zh';
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Ding 科创鼎';
  const used = new Set<string>();
  for (const table of tables) addSheet(workbook, table, lang, used);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function tableToXlsx<R>(table: ExportTable<R>, options: ExportOptions = {}): Promise<Buffer> {
  return tablesToXlsx<[R]>([table], options);
}

/** Writes `path` in the given format, or the one its extension names (.csv / .xlsx). */
export async function writeTable<R>(
  table: ExportTable<R>,
  path: string,
  options: ExportOptions & { format?: ExportFormat } = {},
): Promise<void> {
  const format = options.format ?? exportFormatOf(path);
  const data = format === 'csv' ? tableToCsv(table, options) : await tableToXlsx(table, options);
  await writeFile(path, data);
}

export function exportFormatOf(path: string): ExportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new Error(
    `cannot tell the export format of '${path}': use a .csv or .xlsx file name, or give the format`,
  );
}

/** Excel number format for a number of decimals: 0 → '0', 2 → '0.00'. */
export function numberFormat(decimals: number): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return d === 0 ? '0' : `0.${'0'.repeat(d)}`;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++)
    candidate = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Display width: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** A4 (paperSize 9 in SpreadsheetML) with narrow margins, in inches as the format counts them. */
const A4 = 9;
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const DEFAULT_WRAP_WIDTH = 24;
/** Points per line of 11-point text, as Excel's default row height (15) holds one line. */
const LINE_HEIGHT = 14;

function addSheet<R>(
  workbook: ExcelJS.Workbook,
  table: ExportTable<R>,
  lang: 'zh' | 'en',
  used: Set<string>,
) {
  const n = table.columns.length;
  const caption = table.caption;
  const captionRows = caption
    ? [caption.title, ...(caption.lines ?? []), ...(caption.warning ? [caption.warning] : [])]
    : [];
  const headerRow = captionRows.length + 1;
  const sheet = workbook.addWorksheet(sheetName(table.name[lang], used), {
    views: [{ state: 'frozen', xSplit: table.frozenColumns ?? 0, ySplit: headerRow }],
  });
  captionRows.forEach((line, i) => {
    const row = sheet.addRow([line[lang]]);
    if (n > 1) sheet.mergeCells(row.number, 1, row.number, n);
    const cell = row.getCell(1);
    const isTitle = i === 0;
    const isWarning = caption?.warning !== undefined && i === captionRows.length - 1;
    cell.font = isTitle
      ? { bold: true, size: 14 }
      : isWarning
        ? { bold: true, color: { argb: 'FFC00000' } }
        : { size: 10 };
    cell.alignment = { horizontal: isTitle ? 'center' : 'left', vertical: 'middle' };
    if (isTitle) row.height = 24;
  });
  const header = sheet.addRow(table.columns.map((c) => c.header[lang]));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  // Widths first (from the header and every value), so that wrapped rows can be given their height.
  const values = table.rows.map((row) => table.columns.map((c) => cellValue(c.value(row))));
  const widths = table.columns.map((c, i) => {
    const content = Math.max(0, ...values.map((v) => (v[i] === null ? 0 : displayWidth(String(v[i])))));
    const fitted = Math.min(60, Math.max(6, content + 2));
    const width = c.wrap ? Math.min(fitted, c.width ?? DEFAULT_WRAP_WIDTH) : (c.width ?? fitted);
    // A header never wraps (a reader and pdftotext see it whole): a column is at least its header.
    return Math.max(width, displayWidth(c.header[lang]) + 2);
  });
  widths.forEach((w, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = w;
    // A column with no value in any row does not print (the data is all there, empty).
    if (table.hideEmptyColumns && values.every((v) => v[i] === null || v[i] === '')) col.hidden = true;
  });
  table.rows.forEach((row, r) => {
    const added = sheet.addRow(values[r]!);
    let lines = 1;
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const v = cell.value;
      if (c.type === 'text') cell.numFmt = '@';
      else if (typeof v === 'number') {
        const d = typeof c.decimals === 'function' ? c.decimals(row) : c.decimals;
        if (d !== undefined) cell.numFmt = numberFormat(d);
      }
      if (c.wrap) {
        cell.alignment = { wrapText: true, vertical: 'top' };
        if (typeof v === 'string') lines = Math.max(lines, Math.ceil(displayWidth(v) / (widths[i]! - 1)));
      } else cell.alignment = { vertical: 'top' };
    });
    // Spreadsheet programs do not grow a row for wrapped text on opening a file: say its height.
    if (lines > 1) added.height = lines * LINE_HEIGHT + 2;
  });
  if (n > 0) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  }
  // Print-ready: A4 fitted to the page width (any number of pages down), the header row repeated on
  // every page, page numbers in the footer.
  sheet.pageSetup = {
    paperSize: A4,
    orientation: table.orientation ?? 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  sheet.headerFooter = { oddFooter: '&C&P / &N' };
}
