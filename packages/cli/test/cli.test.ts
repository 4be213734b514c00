// The `ding` command end to end: a real process on a temporary SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, ProgressRow } from '@ding/core';

const run = promisify(execFile);
const DING = new URL('../bin/ding.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ding-cli-'));
const db = join(dir, 'ding.db');

async function ding(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: '' };
  return run(process.execPath, [DING, ...args, '--db', db], { env, maxBuffer: 64 * 2 ** 20 });
}

async function dingFails(...args: string[]) {
  try {
    await ding(...args);
  } catch (e) {
    return e as { code: number; stderr: string };
  }
  throw new Error(`ding ${args.join(' ')} should have failed`);
}

beforeAll(async () => {
  await ding('init', '--json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ding init', () => {
  it('is idempotent: a second run applies nothing and loads nothing', async () => {
    const { stdout } = await ding('init', '--json');
    const report = JSON.parse(stdout);
    expect(report.migrations.applied).toEqual([]);
    expect(report.plan.created).toBe(false);
    expect(report.demo).toEqual({ inserted: 0, alreadyPresent: true });
  });
});

describe('ding plan --json', () => {
  it('shows the 分解表 targets with the seed’s values', async () => {
    const plan = JSON.parse((await ding('plan', '--json')).stdout) as Plan;
    const path = (indicator: string, region: string) =>
      plan.targets.find((t) => t.type === 'path' && t.indicator === indicator && t.region === region);
    expect(path('rd_gdp_ratio', '330282')).toMatchObject({
      values: { '2022': 3.77, '2023': 3.9, '2024': 4.05, '2025': 4.2, '2026': 4.35 },
    });
    expect(path('invention_patents', '330282-QW')).toMatchObject({
      values: { '2022': 3400, '2023': 3800, '2024': 4200, '2025': 4600, '2026': 5000 },
    });
    const flows = plan.targets.filter((t) => t.type === 'annual_flow' && t.indicator === 'new_tech_smes');
    expect(flows.map((t) => (t.type === 'annual_flow' ? [t.region, t.value] : []))).toEqual(
      expect.arrayContaining([
        ['330282', 450],
        ['330282-SJ', 400],
        ['330282-QW', 50],
      ]),
    );
  });
});

describe('ding progress', () => {
  it('prints the engine rows as JSON with their inputs and rules', async () => {
    const { stdout } = await ding('progress', '--period', '2025Q3', '--region', '全市', '--core', '--json');
    const rows = JSON.parse(stdout) as ProgressRow[];
    const patents = rows.find((r) => r.indicator === 'invention_patents')!;
    expect(patents.region).toBe('330282');
    expect(patents.value?.rule).toBe('sum_of_members');
    expect(patents.value?.observationIds.length).toBeGreaterThan(19);
    expect(patents.target).toMatchObject({ value: 9180, rule: 'explicit', source: expect.any(String) });
    expect(patents.expected?.rule).toBe('stock_interpolation');
  });
  it('prints a table with Chinese headers', async () => {
    const { stdout } = await ding('progress', '--period', '2025Q4', '--region', '前湾', '--core');
    expect(stdout).toContain('序时进度');
    expect(stdout).toContain('有效发明专利');
  });
  it('--out writes the table as CSV (numbers as numbers) and as a print-ready XLSX', async () => {
    const out = join(dir, 'progress.csv');
    await ding('progress', '--period', '2025Q3', '--region', '全市', '--core', '--out', out);
    const [header, ...lines] = readFileSync(out, 'utf8').slice(1).trimEnd().split('\r\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 4)).toEqual(['指标', '地区', '期别', '数值']);
    expect(cols).toContain('参与排名数');
    expect(lines).toHaveLength(7);
    const patents = lines.find((l) => l.startsWith('有效发明专利'))!.split(',');
    expect(patents[cols.indexOf('年度目标')]).toBe('9180');
    expect(patents[cols.indexOf('同比单位')]).toBe('%');
    expect(Number.isFinite(Number(patents[cols.indexOf('同比')]))).toBe(true);
    const xlsx = join(dir, 'progress.xlsx');
    await ding('progress', '--period', '2025Q3', '--region', '全市', '--core', '--out', xlsx);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const e = await dingFails('progress', '--period', '2025Q3', '--out', join(dir, 'progress.pdf'));
    expect(e.stderr).toContain('use a .csv or .xlsx file name');
  });
  it('rejects a malformed period with a clear message and exit code 2', async () => {
    const e = await dingFails('progress', '--period', '2025Q5');
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("--period '2025Q5'");
  });
});

describe('ding import and export', () => {
  const csv = (rows: string[]) => {
    const file = join(dir, `import-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, ['indicator,region,period,value,source', ...rows].join('\n'));
    return file;
  };
  const patentsOf = async (region: string) => {
    const { stdout } = await ding('progress', '--period', '2025Q4', '--region', region, '--json');
    return (JSON.parse(stdout) as ProgressRow[]).find((r) => r.indicator === 'invention_patents')!.value!
      .value;
  };

  it('a bad row is located and nothing is imported', async () => {
    const before = await patentsOf('330282004');
    const file = csv([
      'invention_patents,330282004,2025Q4,999,test',
      'invention_patents,330282003,2025Q4,abc,test',
    ]);
    const e = await dingFails('import', file);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('第 3 行');
    expect(e.stderr).toContain('未导入任何数据');
    expect(await patentsOf('330282004')).toBe(before);
  });

  it('a good file is imported as a revision and changes the progress table', async () => {
    const file = csv(['invention_patents,330282004,2025Q4,999,浒山街道 2025 年报']);
    const { stdout } = await ding('import', file, '--json');
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, rows: 1, revised: 1 });
    expect(await patentsOf('330282004')).toBe(999);
  });

  it('exports the current observations in the import’s columns', async () => {
    const out = join(dir, 'export.csv');
    await ding('export', '--format', 'csv', '--out', out);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // BOM for Excel/WPS
    expect(text.split('\r\n')[0]).toContain('指标');
    expect(text).toContain('invention_patents,有效发明专利');
  });
});

describe('ding report', () => {
  it('writes the 2025Q3 季报 as DOCX with its 期数, and nothing under --out when it cannot', async () => {
    const out = join(dir, 'report.docx');
    const { stdout } = await ding('report', '--period', '2025Q3', '--format', 'docx', '--out', out);
    expect(stdout).toMatch(/^2025Q3 full 2025年第1期（总第1期） → .*report\.docx \(\d+ bytes\)/);
    const xml = (await run('unzip', ['-p', out, 'word/document.xml'], { maxBuffer: 64 * 2 ** 20 })).stdout;
    expect(xml).toContain('慈溪市科技创新统计季报');
    expect(xml).toContain('附表');
    const none = join(dir, 'none.docx');
    const e = await dingFails('report', '--period', '2031Q1', '--out', none);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('2031Q1 尚无已发布数据，无法生成报告');
    expect(() => readFileSync(none)).toThrow();
    const bad = await dingFails('report', '--period', '2025Q3', '--mode', 'custom', '--indicators', 'nope');
    expect(bad.stderr).toContain('方案中没有该指标：nope');
  });

  it('run again, hands back the 季报 already issued (same 期数); --new-issue issues it under the next', async () => {
    const again = join(dir, 'again.docx');
    const { stdout } = await ding('report', '--period', '2025Q3', '--out', again);
    expect(stdout).toMatch(/2025年第1期（总第1期） → .*again\.docx .*issued before, written again/);
    const first = (await run('unzip', ['-p', join(dir, 'report.docx'), 'word/document.xml'])).stdout;
    expect((await run('unzip', ['-p', again, 'word/document.xml'])).stdout).toBe(first);
    const reissued = await ding(
      'report',
      '--period',
      '2025Q3',
      '--new-issue',
      '--out',
      join(dir, 'new.docx'),
    );
    expect(reissued.stdout).toMatch(/^2025Q3 full 2025年第2期（总第2期） → /);

    // a figure published since (an import makes a snapshot): the issued 季报 no longer shows the data
    const file = join(dir, 'later.csv');
    writeFileSync(
      file,
      'indicator,region,period,value,source\ninvention_patents,330282004,2025Q4,1000,更正\n',
    );
    await ding('import', file);
    const stale = await dingFails('report', '--period', '2025Q3', '--out', join(dir, 'stale.docx'));
    expect(stale.stderr).toContain('已定稿为2025年第2期（总第2期）');
    expect(stale.stderr).toContain('--new-issue');
    expect(() => readFileSync(join(dir, 'stale.docx'))).toThrow();
  });
});
