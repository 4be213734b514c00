// The progress table as files (issue 8 items 14, 15): a CSV that Excel, WPS and LibreOffice open without
// turning cells into dates or text, read back to every value; an XLSX laid out for printing.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  PROGRESS_COLUMNS,
  progressCompute,
  progressRecords,
  regionCode,
  type Period,
  type Plan,
  type ProgressRecord,
} from '@ding/core';
import { demoGenerate } from '../src/demo/generate.ts';
import { progressExportTable, tableToCsv, tableToXlsx, todayInChina } from '../src/export/index.ts';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../src/plan/load-plan-file.ts';

const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const plan: Plan = loaded.value;
const PERIOD = '2025Q3' as Period;
const observations = demoGenerate(plan).observations;
/** Every region and group of the plan (towns, 全市, 市级, 前湾, the Ningbo districts): the whole table. */
const rows = progressCompute(plan, observations, PERIOD);

/** Cells as a spreadsheet would guess them: "3/10", "2025-3", "3-10" become dates in Excel and WPS. */
const DATE_LIKE = /^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/;

function csvCells(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parse(csv.slice(1), { relax_column_count: false }) as string[][];
}

describe('progress CSV', () => {
  const csv = tableToCsv(progressExportTable(plan, rows, { period: PERIOD }));
  const records = progressRecords(plan, rows, 'zh');
  const [header, ...body] = csvCells(csv);

  it('UTF-8 with a BOM, CRLF line ends, the columns of PROGRESS_COLUMNS', () => {
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split('\r\n')).toHaveLength(records.length + 2); // header, rows, final empty line
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(header).toEqual(PROGRESS_COLUMNS.map((c) => c.label.zh));
    expect(body).toHaveLength(rows.length);
  });

  it('round trip: every number reads back as the same number, every text as the same text', () => {
    let numbers = 0;
    body.forEach((cells, i) => {
      const rec = records[i]!;
      PROGRESS_COLUMNS.forEach((c, j) => {
        const cell = cells[j]!;
        const v = rec[c.key];
        if (c.numeric) {
          if (v === null) expect(cell, `${rec.indicator} ${rec.region} ${c.key}`).toBe('');
          else {
            // A plain decimal that any spreadsheet reads as a number: no sign for positives, no unit.
            expect(cell, c.key).toMatch(/^-?\d+(\.\d+)?$/);
            expect(Number(cell), `${rec.indicator} ${rec.region} ${c.key}`).toBe(v);
            numbers++;
          }
        } else {
          const s = String(v);
          expect(cell).toBe(/^[=+\-@]/.test(s) ? `'${s}` : s);
        }
      });
    });
    // the demo table has thousands of figures; all of them came back
    expect(numbers).toBeGreaterThan(1000);
  });

  it('no cell looks like a date, and no number is written as text ("+12.3%", "3/10")', () => {
    for (const cells of body) {
      for (const cell of cells) expect(cell).not.toMatch(DATE_LIKE);
      PROGRESS_COLUMNS.forEach((c, j) => {
        if (c.numeric) expect(cells[j]).not.toMatch(/[%+/个]/);
      });
    }
    // ranks exist in this table, as two numeric columns
    const rank = PROGRESS_COLUMNS.findIndex((c) => c.key === 'rank');
    const of = PROGRESS_COLUMNS.findIndex((c) => c.key === 'rankOf');
    const ranked = body.filter((cells) => cells[rank] !== '');
    expect(ranked.length).toBeGreaterThan(10);
    for (const cells of ranked) expect(Number(cells[rank])).toBeLessThanOrEqual(Number(cells[of]));
  });

  it('YoY, its unit and required growth are separate columns (% or 个百分点)', () => {
    const col = (key: keyof ProgressRecord) => PROGRESS_COLUMNS.findIndex((c) => c.key === key);
    const units = new Set(body.map((cells) => cells[col('yoyUnit')]).filter(Boolean));
    expect([...units].sort()).toEqual(expect.arrayContaining(['%', '个百分点']));
    for (const cells of body) {
      expect(cells[col('yoy')] === '').toBe(cells[col('yoyUnit')] === '');
      expect(cells[col('requiredGrowth')] === '').toBe(cells[col('requiredGrowthUnit')] === '');
    }
  });

  it('rules are written in words, in the table’s language', () => {
    const col = PROGRESS_COLUMNS.findIndex((c) => c.key === 'valueRule');
    const rules = new Set(body.map((cells) => cells[col]));
    expect(rules).toContain('直接报送');
    expect(rules).toContain('下级汇总');
    for (const r of rules) expect(r).not.toMatch(/^[a-z_]+$/);
    const en = csvCells(
      tableToCsv(progressExportTable(plan, rows, { period: PERIOD, lang: 'en' }), { lang: 'en' }),
    );
    expect(new Set(en.slice(1).map((cells) => cells[col]))).toContain('sum of members');
    expect(en[0]).toContain('Ranked of');
  });

  it('formula injection: text starting with = + - @ gets an apostrophe, negative numbers stay numbers', () => {
    const evil = progressRecords(plan, rows.slice(0, 1), 'zh')[0]!;
    const table = progressExportTable(plan, rows.slice(0, 1), { period: PERIOD });
    const injected = { ...table, rows: [{ ...evil, notes: '=HYPERLINK("http://x")', gapToExpected: -12.5 }] };
    const [, cells] = csvCells(tableToCsv(injected));
    const col = (key: keyof ProgressRecord) => PROGRESS_COLUMNS.findIndex((c) => c.key === key);
    expect(cells![col('notes')]).toBe(`'=HYPERLINK("http://x")`);
    expect(cells![col('gapToExpected')]).toBe('-12.5');
  });
});

describe('progress XLSX (print-ready)', () => {
  const regions = ['330282', '330282-SJ', '330282-QW'].map(regionCode);
  const cityRows = progressCompute(plan, observations, PERIOD, { regions });

  async function sheetOf(lang: 'zh' | 'en' = 'zh') {
    const data = await tableToXlsx(
      progressExportTable(plan, cityRows, { period: PERIOD, date: '2025-10-20', lang }),
      {
        lang,
      },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }

  it('title rows: table name, period and scope, 制表单位 and date, 含合成演示数据', async () => {
    const ws = await sheetOf();
    const text = (r: number) => String(ws.getRow(r).getCell(1).value);
    expect(text(1)).toBe('慈溪市争创省“科技创新鼎”方案（征求意见稿） 指标进度表');
    expect(text(2)).toBe(
      '期别：2025年1-9月（2025Q3）\u3000\u3000范围：全市（含前湾）、市级（不含前湾）、前湾',
    );
    expect(text(3)).toBe('制表单位：慈溪市科技局\u3000\u3000制表日期：2025-10-20');
    expect(text(4)).toContain('含合成演示数据');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getRow(5).values).toEqual([undefined, ...PROGRESS_COLUMNS.map((c) => c.label.zh)]);
    const en = await sheetOf('en');
    expect(String(en.getRow(2).getCell(1).value)).toContain('Scope: Cixi incl. Qianwan (Cixi part)');
  });

  it('frozen header row and 指标/地区 columns; landscape A4 fitted to the width; header repeated on each page', async () => {
    const ws = await sheetOf();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:5',
    });
    // A column with no value in any row does not print; one with values does.
    const records = progressRecords(plan, cityRows, 'zh');
    PROGRESS_COLUMNS.forEach((c, i) => {
      const empty = records.every((r) => r[c.key] === null || r[c.key] === '');
      expect(ws.getColumn(i + 1).hidden, c.key).toBe(empty);
    });
  });

  it('number formats carry each indicator’s decimals, row by row', async () => {
    const ws = await sheetOf();
    const records = progressRecords(plan, cityRows, 'zh');
    const valueCol = PROGRESS_COLUMNS.findIndex((c) => c.key === 'value') + 1;
    const completionCol = PROGRESS_COLUMNS.findIndex((c) => c.key === 'completion') + 1;
    const decimals = new Set<number>();
    records.forEach((rec, i) => {
      const row = ws.getRow(6 + i);
      const cell = row.getCell(valueCol);
      expect(cell.value).toBe(rec.value);
      if (rec.value !== null) {
        // e.g. R&D/GDP (2 decimals) '0.00', 高新技术企业 (家) '0'
        expect(cell.numFmt, rec.indicator).toBe(rec.decimals === 0 ? '0' : `0.${'0'.repeat(rec.decimals)}`);
        decimals.add(rec.decimals);
      }
      if (rec.completion !== null) expect(row.getCell(completionCol).numFmt).toBe('0.0');
    });
    expect(decimals.size).toBeGreaterThan(1);
  });

  it('the date defaults to today in China (UTC+8): 2025-10-19T17:00Z is already the 20th there', () => {
    expect(todayInChina(new Date('2025-10-19T17:00:00Z'))).toBe('2025-10-20');
    expect(todayInChina(new Date('2025-10-19T15:59:00Z'))).toBe('2025-10-19');
  });

  it('a table of real figures only has no synthetic line', async () => {
    const real = cityRows.map((r) => (r.value ? { ...r, value: { ...r.value, synthetic: false } } : r));
    const data = await tableToXlsx(progressExportTable(plan, real, { period: PERIOD, date: '2025-10-20' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).getCell(1).value).toBe('指标');
    expect(ws.views[0]).toMatchObject({ ySplit: 4 });
  });
});
