// An .xlsx written by LibreOffice (not by our own ExcelJS writer) imports the same way.
// Skipped with a message when `soffice` is missing, unless CI is set (then it fails).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '@ding/core/testing';
import { createRepositories, importObservations, parseImportFile } from '../src/index.ts';
import { openSqliteTestDatabase } from './support/databases.ts';
import { run, sofficeVersion } from './support/libreoffice.ts';

const version = await sofficeVersion();
const dir = mkdtempSync(join(tmpdir(), 'ding-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** CSV → .xlsx through LibreOffice Calc, with its own throw-away profile (parallel runs do not collide). */
async function libreOfficeXlsx(name: string, lines: string[]): Promise<{ name: string; data: Buffer }> {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, lines.join('\n'));
  await run(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${join(dir, `profile-${name}`)}`,
      // CSV import options: separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8), from line 1.
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      csv,
    ],
    { timeout: 120_000 },
  );
  return { name: `${name}.xlsx`, data: readFileSync(join(dir, `${name}.xlsx`)) };
}

const PLAN = buildPlan();

if (version) {
  describe(`an .xlsx written by ${version}`, () => {
    it('imports: text and numeric cells, a year typed as a number, Chinese names', async () => {
      const file = await libreOfficeXlsx('lo_good', [
        '指标,地区,期别,数值,来源,备注',
        'firms,一镇,2025Q3,12,市科技局,含陆中湾',
        'gdp,C,2022,2521.58,慈溪市2022年国民经济和社会发展统计公报,',
        'rd_gdp,C,2025年1-9月,3.35,,',
      ]);
      const parsed = await parseImportFile(file, PLAN);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(
        parsed.rows.map((r) => [r.indicator, r.region, r.period, r.value, r.at.sheet, r.at.row]),
      ).toEqual([
        ['firms', 'T1', '2025Q3', 12, 'lo_good', 2],
        ['gdp', 'C', '2022', 2521.58, 'lo_good', 3],
        ['rd_gdp', 'C', '2025Q3', 3.35, 'lo_good', 4],
      ]);

      const t = await openSqliteTestDatabase();
      try {
        const repos = createRepositories(t.handle.db);
        const outcome = await importObservations(repos, PLAN, file, { createdBy: 'libreoffice' });
        expect(outcome).toMatchObject({ ok: true, created: 3 });
        const [gdp] = await repos.observations.current({ indicators: ['gdp'] });
        expect(gdp?.value).toBe(2521.58);
      } finally {
        await t.dispose();
      }
    });

    it('reports its mistakes with sheet, row and column letter', async () => {
      const file = await libreOfficeXlsx('lo_bad', [
        '指标,地区,期别,数值',
        'firms,T1,2025Q3,十二',
        'firms,五镇,2025Q3,1',
      ]);
      const parsed = await parseImportFile(file, PLAN);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.errors.map((e) => [e.kind, e.sheet, e.row, e.column])).toEqual([
        ['not_a_number', 'lo_bad', 2, 'D'],
        ['unknown_region', 'lo_bad', 3, 'B'],
      ]);
      expect(parsed.errors[0]?.message.zh).toBe(
        '文件 lo_bad.xlsx，工作表「lo_bad」，第 2 行，D 列（数值）：「十二」不是数字',
      );
    });
  });
} else if (process.env.CI) {
  describe('an .xlsx written by LibreOffice', () => {
    it('needs soffice in CI', () => {
      throw new Error(
        'soffice (LibreOffice) is not installed; CI requires it: apt-get install -y libreoffice-calc-nogui',
      );
    });
  });
} else {
  const message =
    'soffice not found — LibreOffice .xlsx test SKIPPED (apt-get install -y libreoffice-calc-nogui)';
  console.warn(`[ding] ${message}`);
  describe.skip(`an .xlsx written by LibreOffice: ${message}`, () => {
    it('imports', () => undefined);
  });
}
