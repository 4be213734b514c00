// Export of tables: CSV (UTF-8 with BOM) and XLSX read back; observations round-trip through the import.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '@ding/core/testing';
import { indicatorCode, regionCode, type Period } from '@ding/core';
import {
  observationExportTable,
  parseImportFile,
  tableToCsv,
  tableToXlsx,
  tablesToXlsx,
  writeTable,
  type ExportTable,
  type ObservationRecord,
} from '../src/index.ts';

interface ProgressRow {
  region: string;
  name: string;
  value: number | null;
  completion: number;
  note?: string;
}

const progress: ExportTable<ProgressRow> = {
  name: { zh: '进度表', en: 'Progress' },
  columns: [
    { key: 'region', header: { zh: '地区代码', en: 'Region code' }, type: 'text', value: (r) => r.region },
    { key: 'name', header: { zh: '地区', en: 'Region' }, type: 'text', value: (r) => r.name },
    {
      key: 'value',
      header: { zh: '数值（亿元）', en: 'Value (100M yuan)' },
      value: (r) => r.value,
      decimals: 2,
    },
    {
      key: 'completion',
      header: { zh: '完成率（%）', en: 'Completion (%)' },
      value: (r) => r.completion,
      decimals: 1,
    },
    { key: 'note', header: { zh: '备注', en: 'Note' }, type: 'text', value: (r) => r.note },
  ],
  rows: [
    { region: '330282', name: '全市', value: 2521.58, completion: 98.123456 },
    { region: '330282004', name: '浒山街道', value: null, completion: Number.NaN, note: '=HYPERLINK("x")' },
    { region: '330282123', name: '龙山镇', value: -0.5, completion: 100, note: '-同比下降' },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'ding-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readXlsx(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

describe('CSV', () => {
  it('UTF-8 with a BOM, Chinese headers, CRLF, numbers in full precision, missing values empty', () => {
    const csv = tableToCsv(progress);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '地区代码,地区,数值（亿元）,完成率（%）,备注',
      '330282,全市,2521.58,98.123456,',
      `330282004,浒山街道,,,"'=HYPERLINK(""x"")"`,
      "330282123,龙山镇,-0.5,100,'-同比下降",
      '',
    ]);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('English headers on request', () => {
    expect(tableToCsv(progress, { lang: 'en' }).split('\r\n')[0]).toBe(
      '\uFEFFRegion code,Region,Value (100M yuan),Completion (%),Note',
    );
  });
});

describe('XLSX', () => {
  it('bold frozen header, number formats by decimals, codes kept as text, exact numbers', async () => {
    const wb = await readXlsx(await tableToXlsx(progress));
    const ws = wb.getWorksheet('进度表')!;
    expect(ws).toBeDefined();
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '地区代码',
      '地区',
      '数值（亿元）',
      '完成率（%）',
      '备注',
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A3').value).toBe('330282004');
    expect(ws.getCell('A3').numFmt).toBe('@');
    expect(ws.getCell('C2').value).toBe(2521.58);
    expect(ws.getCell('C2').numFmt).toBe('0.00');
    expect(ws.getCell('D2').value).toBe(98.123456);
    expect(ws.getCell('D2').numFmt).toBe('0.0');
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('D3').value).toBeNull();
    // A string is a string in XLSX (never a formula), so it is stored as written.
    expect(ws.getCell('E3').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('B4').value).toBe('龙山镇');
  });

  it('several tables make several sheets, names made valid and unique', async () => {
    const other: ExportTable<{ a: number }> = {
      name: { zh: '进度表', en: 'x' },
      columns: [{ key: 'a', header: { zh: 'A', en: 'A' }, value: (r) => r.a }],
      rows: [{ a: 1 }],
    };
    const slashes: ExportTable<{ a: number }> = { ...other, name: { zh: '2025/Q3: 排名[全市]', en: 'x' } };
    const wb = await readXlsx(
      await tablesToXlsx<[ProgressRow, { a: number }, { a: number }]>([progress, other, slashes]),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['进度表', '进度表_2', '2025_Q3_ 排名_全市_']);
  });

  it('writeTable picks the format from the file name', async () => {
    await writeTable(progress, join(dir, 'p.csv'));
    await writeTable(progress, join(dir, 'p.xlsx'), { lang: 'en' });
    expect(readFileSync(join(dir, 'p.csv'), 'utf8').startsWith('\uFEFF地区代码')).toBe(true);
    const wb = await readXlsx(readFileSync(join(dir, 'p.xlsx')));
    expect(wb.getWorksheet('Progress')?.getCell('B1').value).toBe('Region');
    await expect(writeTable(progress, join(dir, 'p.pdf'))).rejects.toThrow('use a .csv or .xlsx file name');
  });
});

describe('observations export', () => {
  const plan = buildPlan();
  const record = (o: Partial<ObservationRecord>): ObservationRecord => ({
    id: 'x',
    indicator: indicatorCode('gdp'),
    region: regionCode('C'),
    period: '2022' as Period,
    value: 2521.58,
    vintage: 'annual',
    provenance: 'real',
    citation: '慈溪市2022年国民经济和社会发展统计公报',
    status: 'published',
    revision: 1,
    current: true,
    createdAt: '2025-10-01T00:00:00.000Z',
    createdBy: 'init',
    ...o,
  });
  const records = [
    record({}),
    record({
      indicator: indicatorCode('firms'),
      region: regionCode('T1'),
      period: '2025Q3' as Period,
      value: 12,
      vintage: 'flash',
      provenance: 'synthetic',
      citation: undefined,
      note: '模拟数据',
    }),
  ];

  it('XLSX shows each value with its indicator’s decimals and names from the plan', async () => {
    const wb = await readXlsx(await tableToXlsx(observationExportTable(records, plan)));
    const ws = wb.getWorksheet('监测数据')!;
    expect(ws.getRow(2).getCell(6).numFmt).toBe('0.00');
    expect(ws.getRow(3).getCell(6).numFmt).toBe('0');
    expect(ws.getRow(3).getCell(4).value).toBe('一镇');
    expect(ws.getRow(3).getCell(9).value).toBe('模拟');
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`an exported ${format} imports back to the same figures`, async () => {
      const table = observationExportTable(records, plan);
      const data = format === 'csv' ? Buffer.from(tableToCsv(table)) : await tableToXlsx(table);
      const parsed = await parseImportFile({ name: `export.${format}`, data }, plan);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(
        parsed.rows.map((r) => [r.indicator, r.region, r.period, r.value, r.vintage, r.citation, r.note]),
      ).toEqual([
        ['gdp', 'C', '2022', 2521.58, 'annual', '慈溪市2022年国民经济和社会发展统计公报', undefined],
        ['firms', 'T1', '2025Q3', 12, 'flash', undefined, '模拟数据'],
      ]);
    });
  }
});
