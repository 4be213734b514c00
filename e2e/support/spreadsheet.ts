// The reporter's spreadsheet program in the browser tests: LibreOffice Calc, headless. Reads the downloaded
// template, writes CSV and converts it, or re-saves a workbook, so the uploaded .xlsx is LibreOffice's.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

const run = promisify(execFile);

/** The data sheet of the template and its columns (docs/API.md: the import's aliases). */
export const TEMPLATE_SHEET = '填报';
export const TEMPLATE_COLUMNS = {
  indicator: 'A',
  indicatorName: 'B',
  region: 'C',
  regionName: 'D',
  period: 'E',
  unit: 'F',
  lastPeriod: 'G',
  lastYear: 'H',
  value: 'I',
  note: 'J',
  reason: 'K',
} as const;

export interface TemplateRow {
  /** 1-based row of the sheet (the header is row 1). */
  row: number;
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
  lastPeriod: number | undefined;
  lastYear: number | undefined;
}

export interface Template {
  headers: string[];
  rows: TemplateRow[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

function cellNumber(v: ExcelJS.CellValue): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export async function templateRead(file: string): Promise<Template> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(TEMPLATE_SHEET);
  if (!ws) throw new Error(`${file}: no sheet ${TEMPLATE_SHEET}`);
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const rows: TemplateRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const c = (col: string) => r.getCell(col).value;
    const C = TEMPLATE_COLUMNS;
    rows.push({
      row: n,
      indicator: cellText(c(C.indicator)),
      indicatorName: cellText(c(C.indicatorName)),
      region: cellText(c(C.region)),
      regionName: cellText(c(C.regionName)),
      period: cellText(c(C.period)),
      unit: cellText(c(C.unit)),
      lastPeriod: cellNumber(c(C.lastPeriod)),
      lastYear: cellNumber(c(C.lastYear)),
    });
  });
  return { headers, rows };
}

/** Writes the filled value (and note/reason) of the template rows given by indicator code. */
export async function templateFill(
  template: string,
  out: string,
  values: Record<string, { value: number | string; note?: string; reason?: string }>,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  const left = new Set(Object.keys(values));
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const code = cellText(r.getCell(TEMPLATE_COLUMNS.indicator).value);
    const v = values[code];
    if (!v) return;
    r.getCell(TEMPLATE_COLUMNS.value).value = v.value;
    if (v.note !== undefined) r.getCell(TEMPLATE_COLUMNS.note).value = v.note;
    if (v.reason !== undefined) r.getCell(TEMPLATE_COLUMNS.reason).value = v.reason;
    left.delete(code);
  });
  if (left.size > 0) throw new Error(`template has no row for ${[...left].join(', ')}`);
  writeFileSync(out, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

/** RFC 4180 CSV (UTF-8, comma, quotes doubled). */
export function csvWrite(file: string, rows: readonly (readonly (string | number)[])[]): void {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  writeFileSync(file, rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n');
}

export async function sofficeVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('soffice', ['--version'], { timeout: 60_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * `soffice --headless --convert-to xlsx` of a .csv (read as UTF-8, comma-separated) or an .xlsx (opened
 * and saved again by Calc), with a profile of its own under `workDir`. Returns the written .xlsx.
 */
export async function sofficeToXlsx(input: string, outDir: string, workDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const args = ['--headless', `-env:UserInstallation=file://${join(workDir, 'lo-profile')}`];
  // CSV filter options: separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8), start at line 1.
  if (input.toLowerCase().endsWith('.csv')) args.push('--infilter=CSV:44,34,76,1');
  args.push('--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, input);
  await run('soffice', args, { timeout: 120_000 });
  return join(outDir, basename(input).replace(/\.(csv|xlsx)$/i, '.xlsx'));
}

/** One entry of a zip file (an .xlsx), inflated; read from the central directory. */
export function zipEntry(file: string, name: string): Buffer | undefined {
  const zip = readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/** The program named in an .xlsx's docProps/app.xml (e.g. "LibreOffice/7.4.7.2$Linux_X86_64 …"). */
export function xlsxApplication(file: string): string | undefined {
  const xml = zipEntry(file, 'docProps/app.xml')?.toString('utf8');
  return xml ? /<Application>([^<]*)<\/Application>/.exec(xml)?.[1] : undefined;
}
