// Reads an import file's bytes into plain rows of typed cells (CSV or XLSX); no validation here.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportFormat } from '../repositories/records.ts';

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

export interface RawSheet {
  /** Worksheet name; undefined for CSV. */
  sheet?: string;
  rows: RawRow[];
}

export type ReadResult =
  { ok: true; format: ImportFormat; sheets: RawSheet[] } | { ok: false; reason: string };

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

async function readXlsx(data: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer,
    );
  } catch (e) {
    return { ok: false, reason: `not a valid .xlsx workbook: ${(e as Error).message}` };
  }
  const sheets: RawSheet[] = workbook.worksheets
    .filter((ws) => ws.state === undefined || ws.state === 'visible')
    .map((ws) => {
      const rows: RawRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: RawCell[] = [];
        for (let c = 1; c <= row.cellCount; c++) {
          const cell = row.getCell(c);
          cells.push(xlsxCell(cell.value, cell.numFmt));
        }
        rows.push({ row: rowNumber, cells });
      });
      return { sheet: ws.name, rows };
    });
  return { ok: true, format: 'xlsx', sheets };
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
