// The template, filled in and saved again by LibreOffice Calc (as a person's spreadsheet program would),
// still uploads: headers, codes, periods and values read back, reasons included. Skipped with a message
// when `soffice` is missing, unless CI is set (then it fails).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildPlan } from '@ding/core/testing';
import { TEMPLATE_SHEET, collectionParseFile, collectionTemplate } from '../src/collection/index.ts';
import { run, sofficeVersion } from './support/libreoffice.ts';

const version = await sofficeVersion();
const dir = mkdtempSync(join(tmpdir(), 'ding-lo-tpl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Open an .xlsx in LibreOffice Calc and save it as .xlsx again (its own writer, its own profile). */
async function resavedByLibreOffice(name: string, data: Uint8Array): Promise<Uint8Array> {
  const input = join(dir, 'in', name);
  const out = join(dir, 'out');
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(input, data);
  await run(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      input,
    ],
    { timeout: 120_000 },
  );
  return readFileSync(join(out, name));
}

const suite = version || process.env.CI ? describe : describe.skip;
if (!version && !process.env.CI)
  console.warn('[ding] soffice not found — LibreOffice template round trip SKIPPED (in CI this fails)');

suite(`the template through LibreOffice (${version ?? 'soffice missing'})`, () => {
  it('filled in, saved by Calc, uploads with every row, value and reason', async () => {
    const plan = buildPlan();
    const template = await collectionTemplate(
      [
        {
          indicator: 'firms',
          indicatorName: '企业数',
          region: 'T1',
          regionName: '一镇',
          period: '2025Q4',
          unit: '家',
          decimals: 0,
          lastPeriod: 101,
          lastYear: 95,
          negativeAllowed: false,
          range: { min: 0 },
        },
        {
          indicator: 'gdp',
          indicatorName: 'GDP',
          region: 'T1',
          regionName: '一镇',
          period: '2025Q4',
          unit: '亿元',
          decimals: 2,
          negativeAllowed: false,
        },
        {
          indicator: 'new_firms',
          indicatorName: '新增企业',
          region: 'T1',
          regionName: '一镇',
          period: '2025Q4',
          unit: '家',
          decimals: 0,
          negativeAllowed: false,
        },
      ],
      { round: '2025Q4', dueDate: '2026-01-15', submitterName: '一镇', title: '测试县 2025Q4 数据填报表' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    ws.getCell('I2').value = 130;
    ws.getCell('K2').value = '新认定一批';
    ws.getCell('I3').value = 2.75;
    const filled = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

    const data = await resavedByLibreOffice('一镇-2025Q4.xlsx', filled);
    const parsed = await collectionParseFile({ name: '一镇-2025Q4.xlsx', data }, plan);
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toEqual([{ file: '一镇-2025Q4.xlsx', sheet: TEMPLATE_SHEET, row: 4 }]);
    expect(parsed.rows.map((r) => [r.indicator, r.region, r.period, r.value, r.reason, r.at.row])).toEqual([
      ['firms', 'T1', '2025Q4', 130, '新认定一批', 2],
      ['gdp', 'T1', '2025Q4', 2.75, undefined, 3],
    ]);
  });
});
