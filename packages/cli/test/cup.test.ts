// `ding cup` end to end (issue 10 §7): a real process on a temporary SQLite file after `ding init`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingProcess } from './support/ding-process.ts';
import type { CupResults } from '@ding/core';

const SCHEME = new URL('../../../plans/cixi/cup-scheme.yaml', import.meta.url).pathname;
const { dir, ding, dingFails, dispose } = dingProcess('ding-cli-cup-');

beforeAll(async () => {
  await ding('init', '--json');
}, 120_000);
afterAll(dispose);

describe('ding cup', () => {
  it('--json: the 20 towns of 2025 in their groups, totals = items + bonus + deductions, ranked', async () => {
    const { stdout } = await ding('cup', '--year', '2025', '--json');
    const r = JSON.parse(stdout) as CupResults;
    expect(r.status).toBe('proposal');
    expect(r.towns).toHaveLength(20);
    // 陆中湾街道 (kind street, from 2024-11) is ranked among the 街道.
    expect(r.towns.find((t) => t.region === '330282-LZW')!.group).toBe('street');
    for (const t of r.towns) {
      expect(t.total).toBeCloseTo(t.items.reduce((a, i) => a + i.points, 0) + t.bonus + t.deduction, 2);
    }
    const totals = r.towns.map((t) => t.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(r.towns[0]!.rankOverall).toBe(1);
  }, 60_000);

  it('prints the table with the proposal notice, and --out writes the XLSX with the same totals', async () => {
    const { stdout, stderr } = await ding('cup', '--year', '2025');
    expect(stderr).toContain('评分方案为建议稿');
    expect(stdout).toMatch(/总排名\s+镇（街道）\s+组别\s+组内\s+位次变化\s+创新主体\s+创新投入\s+创新成效/);
    const out = join(dir, 'cup.xlsx');
    await ding('cup', '--year', '2025', '--out', out);
    const r = JSON.parse((await ding('cup', '--year', '2025', '--json')).stdout) as CupResults;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push(row.values as unknown[]));
    const h = rows.findIndex((v) => v.includes('总分'));
    const [code, total] = [rows[h]!.indexOf('代码'), rows[h]!.indexOf('总分')];
    expect(rows.slice(h + 1).map((v) => [v[code], v[total]])).toEqual(
      r.towns.map((t) => [t.region, t.total]),
    );
  }, 60_000);

  it('a scheme with an unknown indicator fails at its line, naming the path; a bad year is refused', async () => {
    const bad = join(dir, 'cup-scheme.yaml');
    const text = readFileSync(SCHEME, 'utf8').replace('indicator: tech_smes\n', 'indicator: tech_smesx\n');
    writeFileSync(bad, text);
    const line = text.split('\n').findIndex((l) => l.includes('tech_smesx')) + 1;
    const e = await dingFails('cup', '--year', '2025', '--scheme', bad);
    expect(e.stderr).toContain(`cup-scheme.yaml:${line}:`);
    expect(e.stderr).toContain('dimensions[0].items[2].indicator: unknown indicator tech_smesx');
    expect((await dingFails('cup', '--year', '25')).stderr).toContain("--year '25'");
  }, 60_000);
});
