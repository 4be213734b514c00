// The progress XLSX printed by LibreOffice (issue 8 item 15): converted to PDF, page 1 is A4 landscape
// and shows every printed column's header, and page 2 repeats the header row. Skipped with a message
// when `soffice` or `pdftotext` is missing, unless CI is set (then it fails).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRESS_COLUMNS, progressCompute, progressRecords, type Period } from '@ding/core';
import { demoGenerate } from '../src/demo/generate.ts';
import { progressExportTable, tableToXlsx } from '../src/export/index.ts';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../src/plan/load-plan-file.ts';
import { run, sofficeVersion } from './support/libreoffice.ts';

const version = await sofficeVersion();
const pdftotext = await run('pdftotext', ['-v'], { timeout: 30_000 }).then(
  () => true,
  () => false,
);
const dir = mkdtempSync(join(tmpdir(), 'ding-lo-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = (version && pdftotext) || process.env.CI ? describe : describe.skip;
if (!(version && pdftotext) && !process.env.CI)
  console.warn('[ding] soffice or pdftotext not found — progress XLSX print test SKIPPED (in CI this fails)');

/** Page `n` of a PDF as text, columns kept on their line (-layout). */
async function pageText(pdf: string, n: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], {
    timeout: 60_000,
  });
  return stdout;
}

suite(`the progress XLSX printed by LibreOffice (${version ?? 'soffice missing'})`, () => {
  it('page 1 is A4 landscape with every column header; the header row repeats on page 2', async () => {
    const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const plan = loaded.value;
    const period = '2025Q3' as Period;
    // 全市, 市级, 前湾 and the towns: more rows than one page holds.
    const home = plan.home;
    const regions = [
      home,
      '330282-SJ',
      '330282-QW',
      ...plan.regions.filter((r) => r.parent === home).map((r) => r.code),
    ] as never[];
    const rows = progressCompute(plan, demoGenerate(plan).observations, period, { regions });
    const table = progressExportTable(plan, rows, { period, date: '2025-10-20' });
    mkdirSync(join(dir, 'in'), { recursive: true });
    const input = join(dir, 'in', 'progress.xlsx');
    writeFileSync(input, await tableToXlsx(table));
    await run(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { timeout: 180_000 },
    );
    const pdf = join(dir, 'out', 'progress.pdf');
    const { stdout: info } = await run('pdfinfo', [pdf], { timeout: 30_000 });
    // A4 landscape: 297 × 210 mm = 841.89 × 595.28 pt
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);

    // The columns that print: those with a value in some row (the sheet hides wholly empty ones).
    const records = progressRecords(plan, rows, 'zh');
    const printed = PROGRESS_COLUMNS.filter((c) => records.some((r) => r[c.key] !== null && r[c.key] !== ''));
    expect(printed.length).toBeGreaterThan(20);
    const first = await pageText(pdf, 1);
    expect(first).toContain('慈溪市争创省“科技创新鼎”方案（征求意见稿） 指标进度表');
    expect(first).toContain('制表单位：慈溪市科技局');
    expect(first).toContain('含合成演示数据');
    // Fitted to the width: every header on page 1, all on one line (the header row).
    const headerLine = first.split('\n').find((l) => l.includes('较序时差距'))!;
    for (const c of printed) expect(headerLine, c.label.zh).toContain(c.label.zh);
    const second = await pageText(pdf, 2);
    const repeated = second.split('\n').find((l) => l.includes('较序时差距'));
    expect(repeated, 'page 2 repeats the header row').toBeDefined();
    for (const c of printed) expect(repeated, c.label.zh).toContain(c.label.zh);
  }, 240_000);
});
