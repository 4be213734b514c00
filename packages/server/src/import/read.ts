// Reads an import file's bytes into plain rows of typed cells (CSV or XLSX); no validation here.
import type ExcelJS from 'exceljs';
import { excel } from '../excel.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportFormat } from '../repositories/records.ts';
import { IMPORT_LIMITS, zipCheck, zipRefusalText } from './limits.ts';

/** One cell as the file holds it; XLSX keeps its type, CSV is all text. */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** `percentFormat`: the cell displays as a percentage (0.035 shown as 3.5%). */
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  /** A formula error ('#DIV/0!') or a formula without a computed result. */
  | { kind: 'error'; text: string };

export interface RawRow {
  /** 1-based row (xlsx) or first line of the record (csv). */
  row: number;
  /** By 0-based column index. */
  cells: RawCell[];
}

/** A merged range of an xlsx sheet: 1-based rows, 0-based columns, inclusive. */
export interface MergedRange {
  range: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface RawSheet {
  /** Worksheet name; undefined for CSV. */
  sheet?: string;
  rows: RawRow[];
  /** A hidden (or very hidden) worksheet: read, so that validation can say what it holds, never imported. */
  hidden?: boolean;
  /**
   * Merged ranges. Only the top-left cell of a range holds its value: the other cells read as empty
   * (ExcelJS would repeat the top-left value in each, silently copying a figure to other rows).
   */
  merges?: MergedRange[];
}

/** `reasonZh`: the same reason in Chinese, when there is one (size limits, zip bombs). */
export type ReadResult =
  { ok: true; format: ImportFormat; sheets: RawSheet[] } | { ok: false; reason: string; reasonZh?: string };

/** The format from the name, or from the bytes when the name does not say (xlsx is a zip: 'PK'). */
export function importFormatOf(name: string, data: Uint8Array): ImportFormat | { unsupported: string } {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls' || ext === 'et' || ext === 'ods')
    return { unsupported: `.${ext} is not supported; save it as .xlsx (Excel 2007+) or .csv` };
  if (data[0] === 0x50 && data[1] === 0x4b) return 'xlsx';
  return 'csv';
}

export async function readImportBytes(name: string, data: Uint8Array): Promise<ReadResult> {
  const format = importFormatOf(name, data);
  if (typeof format === 'object') return { ok: false, reason: format.unsupported };
  return format === 'csv' ? readCsv(data) : readXlsx(data);
}

/**
 * UTF-8 (with or without BOM) first; Excel and WPS on Chinese Windows save "CSV" in GB18030/GBK,
 * so bytes that are not valid UTF-8 are decoded as GB18030.
 */
export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Uint8Array): ReadResult {
  const text = decodeText(data).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // A file saved as "tab-separated" or with semicolons (European Excel) is read too.
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes with the line it ends on (csv-parse's types do not say so).
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { ok: false, reason: `${line ? `line ${line}: ` : ''}${(e as Error).message}` };
  }
  const tooMany = tooManyRows(
    records.length,
    records.reduce((n, r) => n + r.record.length, 0),
  );
  if (tooMany) return tooMany;
  let previousEnd = 0;
  const rows: RawRow[] = records.map(({ record, info }) => {
    const row = { row: previousEnd + 1, cells: record.map(textCell) };
    previousEnd = info.lines;
    return row;
  });
  return { ok: true, format: 'csv', sheets: [{ rows }] };
}

function textCell(s: string): RawCell {
  return s.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: s };
}

/** Issue 16 item 5: a file is refused, not half read, when it has more rows or cells than the limits. */
function tooManyRows(rows: number, cells: number, where?: string): ReadResult | undefined {
  const at = where ? ` (${where})` : '';
  const atZh = where ? `（${where}）` : '';
  if (rows > IMPORT_LIMITS.maxRows)
    return {
      ok: false,
      reason: `more than ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} rows${at}: split the file`,
      reasonZh: `超过 ${IMPORT_LIMITS.maxRows} 行${atZh}，请拆分文件`,
    };
  if (cells > IMPORT_LIMITS.maxCells)
    return {
      ok: false,
      reason: `more than ${IMPORT_LIMITS.maxCells.toLocaleString('en-US')} cells${at}: split the file or delete unused columns`,
      reasonZh: `超过 ${IMPORT_LIMITS.maxCells} 个单元格${atZh}，请拆分文件或删除无用的列`,
    };
  return undefined;
}

async function readXlsx(data: Uint8Array): Promise<ReadResult> {
  // A zip bomb is refused from its central directory, before ExcelJS inflates anything.
  const refusal = await zipCheck(data);
  if (refusal) {
    const text = zipRefusalText(refusal);
    return { ok: false, reason: text.en, reasonZh: text.zh };
  }
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.load(
      Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer,
    );
  } catch (e) {
    return { ok: false, reason: `not a valid .xlsx workbook: ${(e as Error).message}` };
  }
  const sheets: RawSheet[] = [];
  let rowCount = 0;
  let cellCount = 0;
  for (const ws of workbook.worksheets) {
    const rows: RawRow[] = [];
    let over: ReadResult | undefined;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (over) return;
      rowCount++;
      cellCount += row.cellCount;
      over = tooManyRows(rowCount, cellCount, `sheet '${ws.name}' row ${rowNumber}`);
      if (over) return;
      const cells: RawCell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        // A merged cell other than the range's top-left one holds nothing of its own.
        if (cell.type === excel().ValueType.Merge && cell.master !== cell) cells.push({ kind: 'empty' });
        else cells.push(xlsxCell(cell.value, cell.numFmt));
      }
      rows.push({ row: rowNumber, cells });
    });
    if (over) return over;
    const merges = mergedRanges(ws);
    sheets.push({
      sheet: ws.name,
      rows,
      ...(ws.state === 'hidden' || ws.state === 'veryHidden' ? { hidden: true } : {}),
      ...(merges.length ? { merges } : {}),
    });
  }
  return { ok: true, format: 'xlsx', sheets };
}

function mergedRanges(ws: ExcelJS.Worksheet): MergedRange[] {
  const ranges = (ws.model as { merges?: string[] }).merges ?? [];
  return ranges.flatMap((range) => {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
    if (!m) return [];
    const [left, right] = [columnIndex(m[1]!), columnIndex(m[3] ?? m[1]!)];
    const [top, bottom] = [Number(m[2]), Number(m[4] ?? m[2])];
    return [{ range, top, bottom, left, right }];
  });
}

/** 'A' → 0, 'Z' → 25, 'AA' → 26: the inverse of columnLetter. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function xlsxCell(value: ExcelJS.CellValue, numFmt: string | undefined): RawCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number')
    return {
      kind: 'number',
      value,
      percentFormat: numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, '')),
    };
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if ('richText' in value) return textCell(value.richText.map((r) => r.text).join(''));
  if ('error' in value) return { kind: 'error', text: value.error };
  if ('hyperlink' in value) return textCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined)
      return {
        kind: 'error',
        text: `=${value.formula ?? ''} (no computed value: open and save the file in Excel/WPS)`,
      };
    if (typeof result === 'object' && !(result instanceof Date)) return { kind: 'error', text: result.error };
    return xlsxCell(result, numFmt);
  }
  return { kind: 'error', text: `unsupported cell content ${JSON.stringify(value)}` };
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
