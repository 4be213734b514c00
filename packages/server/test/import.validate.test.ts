// Import validation: every error kind located (file, sheet, row, column, field) and explained in zh and en.
import { describe, expect, it } from 'vitest';
import { buildIndicator, buildPlan } from '@ding/core/testing';
import type { Plan } from '@ding/core';
import { parseImportFile, type ImportError, type ImportErrorKind, type ParsedImport } from '../src/index.ts';
import { periodFromCell, numberFromCell } from '../src/import/cells.ts';
import { csvFile, xlsxFile, type TestFile } from './support/files.ts';
import { zipBytes } from './support/zip.ts';

/**
 * The toy plan with a range on R&D/GDP, an annual indicator, two indicators sharing a name, and firms
 * (家) declared a count (integer: true).
 */
function plan(): Plan {
  const base = buildPlan();
  return buildPlan({
    indicators: [
      ...base.indicators.map((i) =>
        i.code === 'rd_gdp'
          ? { ...i, range: { min: 0, max: 20 } }
          : i.code === 'firms'
            ? { ...i, integer: true }
            : i,
      ),
      buildIndicator({ code: 'patents', frequency: 'annual', unit: '件' }),
      buildIndicator({ code: 'labs_a', name: { zh: '研发机构', en: 'Labs A' } }),
      buildIndicator({ code: 'labs_b', name: { zh: '研发机构', en: 'Labs B' } }),
    ],
  });
}
const PLAN = plan();
const HEADER = '指标,地区,期别,数值';

async function parse(file: TestFile, p: Plan = PLAN): Promise<ParsedImport> {
  return parseImportFile(file, p);
}

const tested = new Set<ImportErrorKind>();
/** The errors of a failed parse; records which kinds the suite exercised. */
async function errorsOf(file: TestFile, p: Plan = PLAN): Promise<ImportError[]> {
  const result = await parse(file, p);
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} valid rows`);
  result.errors.forEach((e) => tested.add(e.kind));
  return result.errors;
}
async function onlyError(file: TestFile, p: Plan = PLAN): Promise<ImportError> {
  const errors = await errorsOf(file, p);
  expect(errors.map((e) => e.message.en)).toHaveLength(1);
  return errors[0]!;
}

/** Compile-time list of every kind: adding a kind to the union fails here until it has a test. */
const ALL_KINDS: Record<ImportErrorKind, true> = {
  unreadable_file: true,
  no_rows: true,
  missing_column: true,
  duplicate_column: true,
  empty_value: true,
  not_a_number: true,
  negative_value: true,
  out_of_range: true,
  unknown_indicator: true,
  unknown_region: true,
  ambiguous_name: true,
  region_not_valid_in_period: true,
  bad_period: true,
  wrong_frequency: true,
  bad_vintage: true,
  unit_mismatch: true,
  duplicate_row: true,
  component_required: true,
  not_integer: true,
  period_not_ytd: true,
  ytd_below_previous: true,
  hidden_sheet: true,
  merged_cells: true,
  more_errors: true,
  text_too_long: true,
};

describe('valid files', () => {
  it('CSV with Chinese headers, names instead of codes, a BOM, vintages and notes', async () => {
    const result = await parse(
      csvFile([
        '\uFEFF指标,地区,期别,数值,版本,来源,备注',
        'firms,一镇,2025Q3,12,快报,市科技局,"含新认定, 3家"',
        'new_firms,T2,2025年1-9月,"1,234",年报,,',
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file).toMatchObject({ name: 'data.csv', format: 'csv' });
    expect(result.rows.map(({ at: _at, ...r }) => r)).toEqual([
      {
        indicator: 'firms',
        region: 'T1',
        period: '2025Q3',
        value: 12,
        vintage: 'flash',
        source: '市科技局',
        note: '含新认定, 3家',
      },
      { indicator: 'new_firms', region: 'T2', period: '2025Q3', value: 1234, vintage: 'annual' },
    ]);
    expect(result.rows[1]?.at).toEqual({ file: 'data.csv', row: 3 });
  });

  it('English headers, tab-separated, indicator given by its Chinese name', async () => {
    const p = buildPlan({
      indicators: buildPlan().indicators.map((i) =>
        i.code === 'firms' ? { ...i, name: { zh: '高新技术企业数', en: 'HTE' } } : i,
      ),
    });
    const result = await parse(
      csvFile(['indicator\tregion\tperiod\tvalue', '高新技术企业数\tC\t2024\t994']),
      p,
    );
    expect(result.ok && result.rows[0]).toMatchObject({
      indicator: 'firms',
      region: 'C',
      period: '2024',
      value: 994,
    });
  });

  it('CSV saved by Chinese Excel in GB18030 is decoded', async () => {
    const gbk = Buffer.from(
      'd6b8b1ea2cb5d8c7f82cc6dab1f02ccafdd6b52cb1b8d7a20a6669726d732cd2bbd5f22c32303235c4eac8fdbcbeb6c82c31322cb4c8cfaa0a',
      'hex',
    );
    const result = await parse({ name: 'gbk.csv', data: gbk });
    expect(result.ok && result.rows.map(({ at: _at, ...r }) => r)).toEqual([
      { indicator: 'firms', region: 'T1', period: '2025Q3', value: 12, vintage: 'flash', note: '慈溪' },
    ]);
  });

  it('XLSX: a title row above the header, numeric cells, a %-formatted ratio, an instructions sheet', async () => {
    const result = await parse(
      await xlsxFile([
        { name: '填表说明', rows: [['请在「数据」表填写'], ['单位以指标为准']] },
        {
          name: '数据',
          rows: [
            ['测试县2025年第三季度科技统计快报'],
            ['指标代码', '指标名称', '地区', '期别', '数值（单位见指标）', '单位'],
            ['rd_gdp', 'R&D占比', 'C', '2025Q3', { value: 0.0335, numFmt: '0.00%' }, '%'],
            ['firms', '企业', 'T3', 2025, 994, '家'],
            ['gdp', 'GDP', 'C', '2022', { formula: '2000+521.58', result: 2521.58 }, '亿元'],
          ],
        },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.indicator, r.region, r.period, r.value, r.at.sheet, r.at.row])).toEqual([
      ['rd_gdp', 'C', '2025Q3', 3.35, '数据', 3],
      ['firms', 'T3', '2025', 994, '数据', 4],
      ['gdp', 'C', '2022', 2521.58, '数据', 5],
    ]);
  });

  it('a growth rate may be negative; a town ratio with both components is accepted', async () => {
    const result = await parse(
      csvFile([
        HEADER,
        'firms_growth,T1,2025Q3,-3.2',
        'rd_gdp,T1,2025Q3,3.5',
        'rd,T1,2025Q3,0.7',
        'gdp,T1,2025Q3,20',
      ]),
    );
    expect(result.ok).toBe(true);
  });

  it('understands the period forms of statistical bulletins, and what each says a figure covers', () => {
    const t = (text: string) => {
      const read = periodFromCell({ kind: 'text', text });
      return read && [read.period, read.span];
    };
    expect(t('2025Q3')).toEqual(['2025Q3', 'code']);
    expect(t('2025q3')).toEqual(['2025Q3', 'code']);
    expect(t('2025-Q3')).toEqual(['2025Q3', 'code']);
    expect(t('2025年第三季度')).toEqual(['2025Q3', 'quarter_alone']);
    expect(t('2025年三季度')).toEqual(['2025Q3', 'quarter_alone']);
    expect(t('2025年3季度')).toEqual(['2025Q3', 'quarter_alone']);
    expect(t('2025年7-9月')).toEqual(['2025Q3', 'quarter_alone']);
    expect(t('三季度')).toEqual([undefined, 'quarter_alone']);
    expect(t('2025年1-9月')).toEqual(['2025Q3', 'year_to_date']);
    expect(t('2025年1—9月')).toEqual(['2025Q3', 'year_to_date']);
    expect(t('2025年1～9月')).toEqual(['2025Q3', 'year_to_date']);
    expect(t('2025年1至9月份')).toEqual(['2025Q3', 'year_to_date']);
    expect(t('2025年前三季度')).toEqual(['2025Q3', 'year_to_date']);
    expect(t('2025年1-12月')).toEqual(['2025Q4', 'year_to_date']);
    expect(t('2025年上半年')).toEqual(['2025Q2', 'year_to_date']);
    expect(t('２０２５年')).toEqual(['2025', 'year']);
    expect(t('2025年度')).toEqual(['2025', 'year']);
    expect(periodFromCell({ kind: 'number', value: 2025, percentFormat: false })?.period).toBe('2025');
    expect(t('2025年1-8月')).toBeUndefined();
    expect(t('2025年5-7月')).toBeUndefined();
    expect(t('2025Q5')).toBeUndefined();
  });

  it('understands numbers as people type them', () => {
    const n = (text: string) => numberFromCell({ kind: 'text', text });
    expect(n('2,521.58')).toEqual({ value: 2521.58, percent: false });
    expect(n('２５２１．５８')).toEqual({ value: 2521.58, percent: false });
    expect(n(' 3.5% ')).toEqual({ value: 3.5, percent: true });
    expect(n('+1e3')).toEqual({ value: 1000, percent: false });
    expect(n('1,23')).toBeUndefined();
    expect(n('12亿')).toBeUndefined();
  });
});

describe('unreadable_file', () => {
  it('an old binary .xls is refused with what to do', async () => {
    const e = await onlyError({ name: '报表.xls', data: Buffer.from('whatever') });
    expect(e).toMatchObject({ kind: 'unreadable_file', file: '报表.xls' });
    expect(e.message.en).toContain('save it as .xlsx');
  });

  it('a damaged .xlsx, a missing path and a broken CSV quote are located', async () => {
    expect(
      (await onlyError({ name: 'x.xlsx', data: Buffer.from('PK\u0003\u0004garbage') })).message.zh,
    ).toContain('文件 x.xlsx：无法读取文件');
    const missing = await parseImportFile('/nonexistent/快报.csv', PLAN);
    expect(!missing.ok && missing.errors[0]).toMatchObject({ kind: 'unreadable_file', file: '快报.csv' });
    expect((await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,"12']))).message.en).toContain('line 2');
  });
});

describe('no_rows', () => {
  it('a header without data', async () => {
    const e = await onlyError(csvFile([HEADER, '', '']));
    expect(e).toMatchObject({ kind: 'no_rows', file: 'data.csv', row: 1 });
  });
});

describe('missing_column', () => {
  it('names the missing column and the headers it accepts', async () => {
    const e = await onlyError(csvFile(['指标,地区,期别', 'firms,T1,2025Q3']));
    expect(e).toMatchObject({ kind: 'missing_column', field: 'value', row: 1 });
    expect(e.message.zh).toBe(
      '文件 data.csv，第 1 行，数值列：缺少「数值」列（可用表头：value、数值、数据、值）',
    );
  });

  it('a sheet with no recognisable header reports every required column', async () => {
    const errors = await errorsOf(
      await xlsxFile([
        ['a', 'b'],
        [1, 2],
      ]),
    );
    expect(errors.map((e) => [e.kind, e.field, e.sheet, e.row])).toEqual([
      ['missing_column', 'indicator', '数据', 1],
      ['missing_column', 'region', '数据', 1],
      ['missing_column', 'period', '数据', 1],
      ['missing_column', 'value', '数据', 1],
    ]);
  });
});

describe('duplicate_column', () => {
  it('two value columns', async () => {
    const e = await onlyError(
      await xlsxFile([
        ['指标', '地区', '期别', '数值', 'value'],
        ['firms', 'T1', '2025Q3', 1, 2],
      ]),
    );
    expect(e).toMatchObject({
      kind: 'duplicate_column',
      sheet: '数据',
      row: 1,
      column: 'E',
      firstColumn: 'D',
    });
  });
});

describe('empty_value', () => {
  it('an empty region cell', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,1', 'firms,,2025Q3,2']));
    expect(e).toMatchObject({ kind: 'empty_value', row: 3, column: '地区', field: 'region' });
    expect(e.message.zh).toBe('文件 data.csv，第 3 行，「地区」列：「地区」不能为空');
    expect(e.message.en).toBe("data.csv, row 3, column '地区' (region): region is empty");
  });
});

describe('not_a_number', () => {
  it('text in a value cell (CSV) and a formula error (XLSX), each located', async () => {
    const csvError = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,十二']));
    expect(csvError).toMatchObject({ kind: 'not_a_number', text: '十二', row: 2, column: '数值' });
    const xlsxError = await onlyError(
      await xlsxFile([
        ['指标', '地区', '期别', '数值'],
        ['firms', 'T1', '2025Q3', { error: '#DIV/0!' }],
      ]),
    );
    expect(xlsxError).toMatchObject({
      kind: 'not_a_number',
      sheet: '数据',
      row: 2,
      column: 'D',
      field: 'value',
    });
    expect(xlsxError.message.en).toBe(
      "data.xlsx, sheet '数据', row 2, column D (value): '#DIV/0!' is not a number",
    );
  });
});

describe('negative_value', () => {
  it('a count cannot be negative', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,-5']));
    expect(e).toMatchObject({
      kind: 'negative_value',
      value: -5,
      indicator: 'firms',
      row: 2,
      column: '数值',
    });
  });
});

describe('out_of_range', () => {
  it('a ratio above the indicator’s plausible range', async () => {
    const e = await onlyError(csvFile([HEADER, 'rd_gdp,C,2025Q3,35']));
    expect(e).toMatchObject({ kind: 'out_of_range', value: 35, max: 20 });
    expect(e.message.en).toContain('must be ≥ 0 and ≤ 20');
  });
});

describe('unknown_indicator', () => {
  it('neither a code nor a Chinese name of the plan', async () => {
    const e = await onlyError(csvFile([HEADER, '研发投入强度X,T1,2025Q3,1']));
    expect(e).toMatchObject({ kind: 'unknown_indicator', text: '研发投入强度X', column: '指标' });
  });
});

describe('unknown_region', () => {
  it('neither a code nor a Chinese name of the plan', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,五镇,2025Q3,1']));
    expect(e).toMatchObject({ kind: 'unknown_region', text: '五镇', field: 'region' });
  });
});

describe('ambiguous_name', () => {
  it('a name shared by two indicators needs the code', async () => {
    const e = await onlyError(csvFile([HEADER, '研发机构,T1,2025Q3,1']));
    expect(e).toMatchObject({ kind: 'ambiguous_name', field: 'indicator', candidates: ['labs_a', 'labs_b'] });
  });
});

describe('region_not_valid_in_period', () => {
  it('a street carved out on 2024-11-01 has no 2024Q3 figure, but has one for 2024Q4', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,四街道,2024Q3,1', 'firms,T4,2024Q4,1']));
    expect(e).toMatchObject({ kind: 'region_not_valid_in_period', region: 'T4', period: '2024Q3', row: 2 });
    expect(e.message.zh).toContain('地区 四街道（T4）在 2024Q3 期末不存在（有效期 2024-11-01 – …）');
  });
});

describe('bad_period', () => {
  it('a quarter that does not exist', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q5,1']));
    expect(e).toMatchObject({ kind: 'bad_period', text: '2025Q5', column: '期别' });
  });
});

describe('wrong_frequency', () => {
  it('an annual indicator given a quarter', async () => {
    const e = await onlyError(csvFile([HEADER, 'patents,T1,2025Q3,1']));
    expect(e).toMatchObject({ kind: 'wrong_frequency', indicator: 'patents', field: 'period' });
  });
});

describe('bad_vintage', () => {
  it('a vintage that is neither 快报, 年报 nor 修订', async () => {
    const e = await onlyError(csvFile([`${HEADER},版本`, 'firms,T1,2025Q3,1,初步']));
    expect(e).toMatchObject({ kind: 'bad_vintage', text: '初步', column: '版本' });
  });
});

describe('unit_mismatch', () => {
  it('万元 in the unit column of an indicator in 亿元', async () => {
    const e = await onlyError(csvFile([`${HEADER},单位`, 'gdp,C,2025Q3,25215800,万元']));
    expect(e).toMatchObject({ kind: 'unit_mismatch', expected: '亿元', found: '万元', column: '单位' });
  });

  it('a percentage given for a count', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,5%']));
    expect(e).toMatchObject({ kind: 'unit_mismatch', expected: '家', found: '%', field: 'value' });
  });
});

describe('duplicate_row', () => {
  it('the same figure twice names the first row', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,1', 'firms,一镇,2025年三季度,2']));
    expect(e).toMatchObject({ kind: 'duplicate_row', row: 3, firstRow: 2 });
    expect(e.message.en).toBe('data.csv, row 3: repeats row 2 (firms, T1, 2025Q3, flash)');
  });

  it('across worksheets names the first sheet', async () => {
    const header = ['指标', '地区', '期别', '数值'];
    const e = await onlyError(
      await xlsxFile([
        { name: '一镇', rows: [header, ['firms', 'T1', '2025Q3', 1]] },
        { name: '补充', rows: [header, ['firms', 'T1', '2025Q3', 1]] },
      ]),
    );
    expect(e).toMatchObject({
      kind: 'duplicate_row',
      sheet: '补充',
      row: 2,
      firstSheet: '一镇',
      firstRow: 2,
    });
    expect(e.message.zh).toBe(
      '文件 data.xlsx，工作表「补充」，第 2 行：与工作表「一镇」第 2 行重复（firms，T1，2025Q3，flash）',
    );
  });
});

describe('component_required', () => {
  it('a town ratio without its numerator is refused; the county’s published ratio stands alone', async () => {
    const e = await onlyError(
      csvFile([HEADER, 'rd_gdp,T1,2025Q3,3.5', 'gdp,T1,2025Q3,20', 'rd_gdp,C,2025Q3,3.2']),
    );
    expect(e).toMatchObject({
      kind: 'component_required',
      region: 'T1',
      missing: ['rd'],
      row: 2,
      column: '指标',
    });
  });

  it('a stored component satisfies the requirement', async () => {
    const result = await parseImportFile(
      csvFile([HEADER, 'rd_gdp,T1,2025Q3,3.5', 'gdp,T1,2025Q3,20']),
      PLAN,
      {
        hasStoredValue: (k) => k.indicator === 'rd' && k.region === 'T1' && k.period === '2025Q3',
      },
    );
    expect(result.ok).toBe(true);
  });
});

describe('not_integer', () => {
  // Issue 8 item 12: a count in 家 (plan: integer: true) is a whole number; 75.6 家 is a slip.
  it('75.6 for a count is refused at its cell (CSV and XLSX); 76 and a non-count’s 75.6 pass', async () => {
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,76', 'firms,T2,2025Q3,75.6']));
    expect(e).toMatchObject({
      kind: 'not_integer',
      value: 75.6,
      indicator: 'firms',
      unit: '家',
      row: 3,
      column: '数值',
      field: 'value',
    });
    expect(e.message.zh).toBe(
      '文件 data.csv，第 3 行，「数值」列：指标 firms 以「家」计数，数值须为整数（填报值 75.6）',
    );
    expect(e.message.en).toBe(
      "data.csv, row 3, column '数值' (value): indicator firms is counted in 家 and must be a whole number (got 75.6)",
    );
    const x = await onlyError(
      await xlsxFile([
        ['指标', '地区', '期别', '数值'],
        ['firms', 'T1', '2025Q3', 75.6],
      ]),
    );
    expect(x).toMatchObject({ kind: 'not_integer', sheet: '数据', row: 2, column: 'D' });
    // new_firms is also in 家 but not declared a count in this plan: the plan decides, not the unit.
    expect((await parse(csvFile([HEADER, 'new_firms,T1,2025Q1,75.6']))).ok).toBe(true);
  });
});

describe('period_not_ytd', () => {
  // Issue 8 item 9 / plan schema: a flow is collected year to date (2025Q3 = 1-9月); "第三季度" is the
  // quarter's three months alone, so it is refused for a flow and the message says how to write it.
  it('"2025年第三季度" for a flow is refused with the spelling of the year to date', async () => {
    const e = await onlyError(csvFile([HEADER, 'new_firms,T1,2025年第三季度,30']));
    expect(e).toMatchObject({
      kind: 'period_not_ytd',
      text: '2025年第三季度',
      indicator: 'new_firms',
      year: 2025,
      quarter: 3,
      row: 2,
      column: '期别',
      field: 'period',
    });
    expect(e.message.zh).toBe(
      '文件 data.csv，第 2 行，「期别」列：期别「2025年第三季度」指第三季度当季，指标 new_firms 为流量指标，须填报年初至季末累计数，请写作「2025年1-9月」或 2025Q3',
    );
    expect(e.message.en).toBe(
      "data.csv, row 2, column '期别' (period): the period '2025年第三季度' means quarter 3 alone; indicator new_firms is a flow reported year to date: write '2025年1-9月' or 2025Q3",
    );
  });

  it('"三季度" without a year and "2025年4-6月" are refused too; the stock beside them is not', async () => {
    const errors = await errorsOf(
      csvFile([
        HEADER,
        'new_firms,T1,三季度,30',
        'gdp,T1,2025年4-6月,10',
        'firms,T1,2025年第三季度,12',
        'firms,T2,三季度,12',
      ]),
    );
    expect(errors.map((e) => [e.row, e.kind])).toEqual([
      [2, 'period_not_ytd'],
      [3, 'period_not_ytd'],
      [5, 'bad_period'],
    ]);
    expect(errors[0]!.message.zh).toBe(
      '文件 data.csv，第 2 行，「期别」列：期别「三季度」指第三季度当季，指标 new_firms 为流量指标，须填报年初至季末累计数，请写作「年份+1-9月」或 年份+Q3（如「2025年1-9月」、2025Q3）',
    );
    expect(errors[2]!.message.zh).toBe(
      '文件 data.csv，第 5 行，「期别」列：期别「三季度」无法识别（应为 2025Q3、2025年1-9月（累计）、2025年第三季度（当季，仅限非流量指标）或 2025）',
    );
    expect(errors[1]!.message.zh).toContain('期别「2025年4-6月」指第二季度当季，指标 gdp 为流量指标');
    expect(errors[1]!.message.zh).toContain('请写作「2025年1-6月」或 2025Q2');
  });

  it('accepts the year-to-date spellings of a flow, and the first quarter alone (January–March either way)', async () => {
    const result = await parse(
      csvFile([
        HEADER,
        'new_firms,T1,2025年1-9月,30',
        'new_firms,T2,2025年1—9月,30',
        'new_firms,T3,2025年前三季度,30',
        'new_firms,C,2025Q3,90',
        'gdp,T1,2025年第一季度,5',
      ]),
    );
    expect(result.ok && result.rows.map((r) => r.period)).toEqual([
      '2025Q3',
      '2025Q3',
      '2025Q3',
      '2025Q3',
      '2025Q1',
    ]);
  });
});

describe('ytd_below_previous', () => {
  // Plan schema: flows are year to date, so 1-9月 ≥ 1-6月 within a year. Hand-made: 一镇's 新增企业
  // is 12 for January–June (row 2) and 8 for January–September (row 3) — it cannot have fallen.
  it('a YTD flow below the previous quarter in the same file names that quarter, its value and row', async () => {
    const e = await onlyError(csvFile([HEADER, 'new_firms,T1,2025Q2,12', 'new_firms,一镇,2025年1-9月,8']));
    expect(e).toMatchObject({
      kind: 'ytd_below_previous',
      indicator: 'new_firms',
      region: 'T1',
      period: '2025Q3',
      value: 8,
      previousPeriod: '2025Q2',
      previousValue: 12,
      previousSource: 'file',
      previousRow: 2,
      row: 3,
      column: '数值',
      field: 'value',
    });
    expect(e.message.zh).toBe(
      '文件 data.csv，第 3 行，「数值」列：T1 2025Q3（1-9月）累计数 8 小于上一季度 2025Q2（1-6月）的累计数 12（本文件第 2 行）：指标 new_firms 为年初至今累计数，同一年内不会减少',
    );
    expect(e.message.en).toBe(
      "data.csv, row 3, column '数值' (value): the year-to-date 8 of T1 for 2025Q3 (Jan–Sep) is below 12 for the previous quarter 2025Q2 (Jan–Jun, row 2 of this file): indicator new_firms is cumulative from January and cannot fall within a year",
    );
  });

  it('the previous quarter from storage: named as stored, with how to correct it', async () => {
    const stored = (f: { indicator: string; region: string; period: string }) =>
      f.indicator === 'gdp' && f.region === 'T1' && f.period === '2025Q2' ? 10.5 : undefined;
    const result = await parseImportFile(csvFile([HEADER, 'gdp,T1,2025Q3,10.25']), PLAN, {
      storedPrevious: stored,
    });
    expect(!result.ok && result.errors.map((e) => e.message.zh)).toEqual([
      '文件 data.csv，第 2 行，「数值」列：T1 2025Q3（1-9月）累计数 10.25 小于上一季度 2025Q2（1-6月）的累计数 10.5（已入库数据）：指标 gdp 为年初至今累计数，同一年内不会减少；如上一季度数据有误，请在同一文件中一并更正',
    ]);
    // Correcting 2025Q2 in the same file: the file's figure wins over the stored one.
    const fixed = await parseImportFile(csvFile([HEADER, 'gdp,T1,2025Q2,10', 'gdp,T1,2025Q3,10.25']), PLAN, {
      storedPrevious: stored,
    });
    expect(fixed.ok).toBe(true);
  });

  it('without a stored lookup the figures the check needs are listed; across years and for stocks nothing is compared', async () => {
    const result = await parse(
      csvFile([
        HEADER,
        'gdp,T1,2025Q3,10.25',
        'gdp,T2,2025Q1,1',
        'gdp,T2,2024Q4,40',
        'firms,T1,2025Q2,50',
        'firms,T1,2025Q3,40',
        'new_firms,T2,2025Q3,7',
        'new_firms,T2,2025Q2,7',
      ]),
    );
    // 2025Q1 (1) after 2024Q4 (40) is a new year; the stock firms may fall; 7 = 7 is no fall. What is
    // not in the file is asked of storage: T1's 2025Q2, T2's 2024Q3 and new_firms T2's 2025Q1.
    expect(result.ok).toBe(true);
    expect(result.storedNeeded).toEqual([
      { indicator: 'gdp', region: 'T1', period: '2025Q2' },
      { indicator: 'gdp', region: 'T2', period: '2024Q3' },
      { indicator: 'new_firms', region: 'T2', period: '2025Q1' },
    ]);
  });

  it('across worksheets: the previous quarter’s sheet is named', async () => {
    const header = ['指标', '地区', '期别', '数值'];
    const e = await onlyError(
      await xlsxFile([
        { name: '二季度', rows: [header, ['new_firms', 'T1', '2025年1-6月', 12]] },
        { name: '三季度', rows: [header, ['new_firms', 'T1', '2025年1-9月', 11]] },
      ]),
    );
    expect(e).toMatchObject({
      sheet: '三季度',
      row: 2,
      column: 'D',
      previousSheet: '二季度',
      previousRow: 2,
    });
    expect(e.message.zh).toContain('的累计数 12（本文件工作表「二季度」第 2 行）');
  });
});

describe('several problems', () => {
  it('every problem of every row is reported, in file order, and nothing is returned as valid', async () => {
    const errors = await errorsOf(
      csvFile([HEADER, 'firms,T1,2025Q3,1', 'nope,五镇,2025Q9,x', 'firms,T2,2025Q3,-1']),
    );
    expect(errors.map((e) => [e.row, e.kind])).toEqual([
      [3, 'unknown_indicator'],
      [3, 'unknown_region'],
      [3, 'bad_period'],
      [3, 'not_a_number'],
      [4, 'negative_value'],
    ]);
  });
});

// Issue 16 items 5–7: bounded and plausible input, nothing skipped silently.
const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';

describe('unreadable_file: zip bombs refused before inflating', () => {
  it('a part declaring 300× its compressed size is refused by name, from the central directory', async () => {
    const data = zipBytes([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: SHEET, data: Buffer.from('<x/>'), declaredCompressed: MiB, declaredUncompressed: 300 * MiB },
    ]);
    const e = await onlyError({ name: 'bomb.xlsx', data });
    expect(e).toMatchObject({ kind: 'unreadable_file', file: 'bomb.xlsx' });
    expect(e.message.en).toBe(
      `bomb.xlsx: cannot read the file (part ${SHEET} inflates to 300.0 MiB, 300× its compressed 1048576 bytes, above the limit of 100× (a zip bomb?); not inflated)`,
    );
    expect(e.message.zh).toBe(
      `文件 bomb.xlsx：无法读取文件（部件 ${SHEET} 解压后 300.0 MiB，是压缩大小（1048576 字节）的 300 倍，超过 100 倍上限（疑似压缩炸弹），未解压）`,
    );
  });

  it('a real zip bomb (64 MiB of one character deflated to kilobytes) is refused by its ratio', async () => {
    const data = zipBytes([{ name: SHEET, data: Buffer.alloc(64 * MiB, 0x20) }]);
    expect(data.byteLength).toBeLessThan(MiB);
    const e = await onlyError({ name: 'bomb.xlsx', data });
    expect(e.message.en).toMatch(
      new RegExp(
        `^bomb\\.xlsx: cannot read the file \\(part ${SHEET} inflates to 64\\.0 MiB, \\d+× its compressed \\d+ bytes, above the limit of 100×`,
      ),
    );
  });

  it('parts that together inflate beyond 200 MiB are refused at the part that crosses the limit', async () => {
    const part = (i: number) => ({
      name: `xl/worksheets/sheet${i}.xml`,
      data: Buffer.from('<x/>'),
      declaredCompressed: MiB,
      declaredUncompressed: 90 * MiB,
    });
    const e = await onlyError({ name: 'big.xlsx', data: zipBytes([part(1), part(2), part(3)]) });
    expect(e.message.en).toBe(
      'big.xlsx: cannot read the file (the parts inflate to 270.0 MiB by part xl/worksheets/sheet3.xml, above the limit of 200.0 MiB; not inflated: split the file)',
    );
  });

  it('a part that inflates beyond the size it declares is stopped there', async () => {
    const data = zipBytes([{ name: SHEET, data: Buffer.alloc(MiB, 0x20), declaredUncompressed: 1000 }]);
    const e = await onlyError({ name: 'liar.xlsx', data });
    expect(e.message.en).toBe(
      `liar.xlsx: cannot read the file (part ${SHEET} inflates beyond the 1000 bytes it declares (damaged or crafted); inflation stopped)`,
    );
  });

  it('more than 500,000 rows are refused, naming the limit', async () => {
    const lines = [HEADER, ...Array.from({ length: 500_001 }, () => 'firms,T1,2025Q3,1')];
    const e = await onlyError(csvFile(lines, 'huge.csv'));
    expect(e.message.en).toBe('huge.csv: cannot read the file (more than 500,000 rows: split the file)');
    expect(e.message.zh).toBe('文件 huge.csv：无法读取文件（超过 500000 行，请拆分文件）');
  }, 60_000);
});

describe('more_errors: a file of 400,000 bad rows gets a located summary', () => {
  it('the first 100 errors one by one, then one count by kind', async () => {
    const lines = [HEADER, ...Array.from({ length: 400_000 }, () => 'nope,T1,2025Q3,1')];
    const errors = await errorsOf(csvFile(lines, 'bad.csv'));
    expect(errors).toHaveLength(101);
    expect(errors[0]!.message.en).toBe(
      "bad.csv, row 2, column '指标' (indicator): unknown indicator 'nope' (use a code or the exact Chinese name from the plan)",
    );
    expect(errors[99]!.row).toBe(101);
    expect(errors[100]).toMatchObject({ kind: 'more_errors', file: 'bad.csv', count: 399_900 });
    expect(errors[100]!.message.en).toBe(
      'bad.csv: and 399,900 more of the same kinds (unknown_indicator 399,900)',
    );
    expect(errors[100]!.message.zh).toBe(
      '文件 bad.csv：另有 399,900 个同类错误未逐一列出（unknown_indicator 399,900）',
    );
  }, 60_000);
});

describe('bad_period: outside the years the plan takes figures for (2011–2031 for a 2021–2026 plan)', () => {
  it.each(['1899Q4', '9999Q4', '0999Q4', '0099', '2010', '2032Q1'])('%s', async (period) => {
    const e = await onlyError(csvFile([HEADER, `firms,T1,${period},1`]));
    expect(e).toMatchObject({
      kind: 'bad_period',
      row: 2,
      column: '期别',
      field: 'period',
      span: { from: 2011, to: 2031 },
    });
    expect(e.message.en).toBe(
      `data.csv, row 2, column '期别' (period): the period '${period}' is outside the years the plan takes figures for (2011–2031)`,
    );
    expect(e.message.zh).toBe(
      `文件 data.csv，第 2 行，「期别」列：期别「${period}」超出方案的数据年份范围（2011–2031 年）`,
    );
  });

  it('the first and last years of the span are accepted', async () => {
    const result = await parse(csvFile([HEADER, 'firms,T1,2011Q1,1', 'firms,T1,2031,1']));
    expect(result.ok).toBe(true);
  });
});

describe('out_of_range: magnitudes beyond the plan maximum', () => {
  it('1e308 enterprises is refused with the plan range', async () => {
    const p = buildPlan({
      indicators: buildPlan().indicators.map((i) =>
        i.code === 'firms' ? { ...i, range: { min: 0, max: 1e6 } } : i,
      ),
    });
    const e = await onlyError(csvFile([HEADER, 'firms,T1,2025Q3,1e308']), p);
    expect(e.message.en).toBe(
      "data.csv, row 2, column '数值' (value): 1e+308 is outside the plausible range of indicator firms (must be ≥ 0 and ≤ 1000000)",
    );
  });
});

describe('long cells are quoted up to 200 characters', () => {
  it('a 5,000-character indicator cell', async () => {
    const e = await onlyError(csvFile([HEADER, `${'x'.repeat(5000)},T1,2025Q3,1`]));
    expect(e.message.en).toBe(
      `data.csv, row 2, column '指标' (indicator): unknown indicator '${'x'.repeat(200)}…（共 5000 字 / 5000 chars）' (use a code or the exact Chinese name from the plan)`,
    );
  });
});

describe('text_too_long: notes, sources and citations get the grid limit of 2,000 characters', () => {
  it('a 2,001-character note', async () => {
    const e = await onlyError(
      csvFile(['指标,地区,期别,数值,备注', `firms,T1,2025Q3,1,${'注'.repeat(2001)}`]),
    );
    expect(e).toMatchObject({ kind: 'text_too_long', row: 2, column: '备注', field: 'note', length: 2001 });
    expect(e.message.en).toBe(
      "data.csv, row 2, column '备注' (note): the note has 2001 characters, more than the limit of 2000",
    );
    expect(e.message.zh).toBe('文件 data.csv，第 2 行，「备注」列：「备注」有 2001 字，超过 2000 字上限');
  });

  it('2,000 characters are accepted', async () => {
    const result = await parse(
      csvFile(['指标,地区,期别,数值,备注', `firms,T1,2025Q3,1,${'注'.repeat(2000)}`]),
    );
    expect(result.ok).toBe(true);
  });
});

describe('hidden_sheet: never skipped silently', () => {
  it('a hidden sheet with data rows under the import columns is an error naming the sheet', async () => {
    const file = await xlsxFile([
      {
        name: '数据',
        rows: [
          ['指标', '地区', '期别', '数值'],
          ['firms', 'T1', '2025Q3', 1],
        ],
      },
      {
        name: '旧数据',
        state: 'hidden',
        rows: [
          ['指标', '地区', '期别', '数值'],
          ['firms', 'T2', '2025Q3', 2],
          ['firms', 'T3', '2025Q3', 3],
        ],
      },
    ]);
    const e = await onlyError(file);
    expect(e).toMatchObject({ kind: 'hidden_sheet', sheet: '旧数据', rows: 2 });
    expect(e.message.en).toBe(
      "data.xlsx, sheet '旧数据': the sheet is hidden and its 2 data row(s) would not be imported: unhide it to import them, or delete it",
    );
    expect(e.message.zh).toBe(
      '文件 data.xlsx，工作表「旧数据」：工作表已隐藏，其中 2 行数据不会导入：请取消隐藏以导入，或删除该工作表',
    );
  });

  it('a hidden lookup sheet is a warning; the visible rows are read', async () => {
    const file = await xlsxFile([
      {
        name: '数据',
        rows: [
          ['指标', '地区', '期别', '数值'],
          ['firms', 'T1', '2025Q3', 1],
        ],
      },
      { name: '代码表', state: 'hidden', rows: [['T1', '一镇']] },
    ]);
    const { validateImportSheets } = await import('../src/import/validate.ts');
    const { readImportBytes } = await import('../src/import/read.ts');
    const read = await readImportBytes(file.name, file.data);
    if (!read.ok) throw new Error(read.reason);
    const v = validateImportSheets(read.sheets, PLAN, { file: file.name, format: 'xlsx' });
    expect(v.ok).toBe(true);
    expect(v.warnings?.map((w) => w.message.en)).toEqual([
      "data.xlsx, sheet '代码表': the sheet is hidden and was not read",
    ]);
  });
});

describe('merged_cells: a merge across value cells would copy or drop a figure', () => {
  async function merged(range: string): Promise<TestFile> {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['2025年三季度', null, null, null]);
    ws.addRow(['指标', '地区', '期别', '数值']);
    ws.addRow(['firms', 'T1', '2025Q3', 5]);
    ws.addRow(['firms', 'T2', '2025Q3', null]);
    ws.mergeCells(range);
    return { name: 'merged.xlsx', data: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
  }

  it('D3:D4 merged: an error at D3 naming the value column; T2 is not given T1’s figure', async () => {
    const errors = await errorsOf(await merged('D3:D4'));
    expect(errors[0]).toMatchObject({
      kind: 'merged_cells',
      sheet: '数据',
      row: 3,
      column: 'D',
      range: 'D3:D4',
      fields: ['value'],
    });
    expect(errors[0]!.message.en).toBe(
      "merged.xlsx, sheet '数据', row 3, column D: cells D3:D4 are merged: only the top-left cell holds a value and the others' value would be empty: unmerge them and fill each cell",
    );
    expect(errors[0]!.message.zh).toBe(
      '文件 merged.xlsx，工作表「数据」，第 3 行，D 列：单元格 D3:D4 已合并，只有左上角单元格有值，其余单元格的「数值」将为空：请取消合并并逐格填写',
    );
    // The merged-away cell reads empty, not as a copy of 5.
    expect(errors.some((e) => e.kind === 'empty_value' && e.row === 4)).toBe(true);
  });

  it('a merged title above the header is a warning', async () => {
    const file = await merged('A1:D1');
    const { validateImportSheets } = await import('../src/import/validate.ts');
    const { readImportBytes } = await import('../src/import/read.ts');
    const read = await readImportBytes(file.name, file.data);
    if (!read.ok) throw new Error(read.reason);
    const v = validateImportSheets(
      read.sheets.map((s) => ({ ...s, rows: s.rows.filter((r) => r.row !== 4) })),
      PLAN,
      { file: file.name, format: 'xlsx' },
    );
    expect(v.ok).toBe(true);
    expect(v.warnings?.map((w) => w.message.en)).toEqual([
      "merged.xlsx, sheet '数据', row 1, column A: cells A1:D1 are merged (no data cells; ignored)",
    ]);
  });
});

// Last in the file: tests run in order, so by now every kind above has been produced at least once.
it('every error kind has a test that produces it', () => {
  expect([...tested].sort()).toEqual(Object.keys(ALL_KINDS).sort());
});
