// Import errors: a discriminated union by `kind`, each located (file, sheet, row, column, field) and
// explained in Chinese and English. Messages are built by one exhaustive switch.
import { assertNever, type LocalizedName } from '@ding/core';
import { ytdMonths } from './cells.ts';
import { IMPORT_LIMITS } from './limits.ts';

/** The columns an import file can have (long format: one figure per row). */
export type ImportField =
  'indicator' | 'region' | 'period' | 'value' | 'vintage' | 'unit' | 'source' | 'note' | 'citation';

export const IMPORT_FIELD_NAMES: Record<ImportField, LocalizedName> = {
  indicator: { zh: '指标', en: 'indicator' },
  region: { zh: '地区', en: 'region' },
  period: { zh: '期别', en: 'period' },
  value: { zh: '数值', en: 'value' },
  vintage: { zh: '版本', en: 'vintage' },
  unit: { zh: '单位', en: 'unit' },
  source: { zh: '来源', en: 'source' },
  note: { zh: '备注', en: 'note' },
  citation: { zh: '出处', en: 'citation' },
};

/** Where a problem is: as precise as the problem allows (a whole file, a header, a cell). */
export interface ImportLocation {
  file: string;
  /** Worksheet name (xlsx only). */
  sheet?: string;
  /** 1-based row as a spreadsheet or text editor shows it (the header is usually row 1). */
  row?: number;
  /** Column letter for xlsx ('D'), header name for csv ('数值'). */
  column?: string;
  field?: ImportField;
}

export interface FigureKey {
  indicator: string;
  region: string;
  period: string;
  vintage: string;
}

export type ImportErrorDetail =
  /** `reasonZh`: the reason in Chinese when the reader gives one (size limits, zip bombs); else `reason` is quoted. */
  | { kind: 'unreadable_file'; reason: string; reasonZh?: string }
  /**
   * A hidden worksheet. With `rows` > 0 it has the import's columns and data rows, which would be
   * left out unseen: an error. Without (a lookup list), a warning.
   */
  | { kind: 'hidden_sheet'; rows: number }
  /**
   * Merged cells. With `fields`, the range covers data cells of those columns in more than its
   * top-left cell: only that cell holds the value, so the other rows or columns would read empty
   * (or, as Excel shows them, copy one figure): an error. Without, a warning (titles, notes).
   */
  | { kind: 'merged_cells'; range: string; fields?: ImportField[] }
  /** More errors than are listed: counted by kind (issue 16 item 5: a 400k-row bad file gets a summary). */
  | { kind: 'more_errors'; count: number; byKind: Partial<Record<string, number>> }
  /** A note, source, citation or reason longer than the grid allows. */
  | { kind: 'text_too_long'; of: ImportField | 'reason'; length: number; max: number }
  | { kind: 'no_rows' }
  | { kind: 'missing_column'; field: ImportField; accepted: string[] }
  | { kind: 'duplicate_column'; field: ImportField; firstColumn: string }
  | { kind: 'empty_value'; field: ImportField }
  | { kind: 'not_a_number'; text: string }
  | { kind: 'negative_value'; value: number; indicator: string }
  /** A count (plan: `integer: true`, 家/件/个/项/人) that is not a whole number. */
  | { kind: 'not_integer'; value: number; indicator: string; unit: string }
  | { kind: 'out_of_range'; value: number; indicator: string; min?: number; max?: number }
  | { kind: 'unknown_indicator'; text: string }
  | { kind: 'unknown_region'; text: string }
  | { kind: 'ambiguous_name'; field: 'indicator' | 'region'; text: string; candidates: string[] }
  | {
      kind: 'region_not_valid_in_period';
      region: string;
      regionName: string;
      period: string;
      validFrom?: string;
      validTo?: string;
    }
  /** `span`: the period reads, but its year is outside the years the plan takes figures for. */
  | { kind: 'bad_period'; text: string; span?: { from: number; to: number } }
  /** A flow's period spelled as the quarter alone ('2025年第三季度'): flows are collected year to date. */
  | { kind: 'period_not_ytd'; text: string; indicator: string; year?: number; quarter: number }
  | { kind: 'wrong_frequency'; indicator: string; period: string }
  | { kind: 'bad_vintage'; text: string }
  | { kind: 'unit_mismatch'; indicator: string; expected: string; found: string }
  | { kind: 'duplicate_row'; key: FigureKey; firstRow: number; firstSheet?: string }
  | { kind: 'component_required'; indicator: string; region: string; period: string; missing: string[] }
  | YtdBelowPrevious;

/**
 * A year-to-date flow below the previous quarter's year-to-date of the same year (1-9月 < 1-6月): a
 * cumulative figure cannot fall within a year. The previous value is in this file (its row), stored
 * by an earlier import, or published (collection).
 */
export interface YtdBelowPrevious {
  kind: 'ytd_below_previous';
  indicator: string;
  region: string;
  period: string;
  value: number;
  previousPeriod: string;
  previousValue: number;
  previousSource: 'file' | 'stored' | 'published';
  /** Where the previous value is, when it is in this file. */
  previousRow?: number;
  previousSheet?: string;
}

export type ImportErrorKind = ImportErrorDetail['kind'];

export type ImportError = ImportErrorDetail & ImportLocation & { message: LocalizedName };

/** At most IMPORT_LIMITS.maxQuotedChars of a cell in an error: a 1 MB cell must not make a 1 MB message. */
export function quoteClip(text: string): string {
  const chars = [...text];
  const max = IMPORT_LIMITS.maxQuotedChars;
  return chars.length > max
    ? `${chars.slice(0, max).join('')}…（共 ${chars.length} 字 / ${chars.length} chars）`
    : text;
}

export function importError(detail: ImportErrorDetail, at: ImportLocation): ImportError {
  if ('text' in detail) detail = { ...detail, text: quoteClip(detail.text) };
  if (detail.kind === 'unit_mismatch') detail = { ...detail, found: quoteClip(detail.found) };
  const field = 'field' in detail && detail.field ? detail.field : at.field;
  const located: ImportLocation = { ...at, ...(field ? { field } : {}) };
  const reason = importErrorReason(detail);
  const where = importLocationText(located);
  return {
    ...located,
    ...detail,
    message: { zh: `${where.zh}：${reason.zh}`, en: `${where.en}: ${reason.en}` },
  };
}

/** 'data.xlsx，工作表「数据」，第 5 行，D 列（数值）' / "data.xlsx, sheet '数据', row 5, column D (value)". */
export function importLocationText(at: ImportLocation): LocalizedName {
  const zh = [`文件 ${at.file}`];
  const en = [at.file];
  if (at.sheet !== undefined) {
    zh.push(`工作表「${at.sheet}」`);
    en.push(`sheet '${at.sheet}'`);
  }
  if (at.row !== undefined) {
    zh.push(`第 ${at.row} 行`);
    en.push(`row ${at.row}`);
  }
  const fieldZh = at.field && IMPORT_FIELD_NAMES[at.field].zh;
  const fieldEn = at.field && IMPORT_FIELD_NAMES[at.field].en;
  if (at.column !== undefined) {
    const letter = /^[A-Z]{1,3}$/.test(at.column);
    zh.push(
      letter
        ? `${at.column} 列${fieldZh ? `（${fieldZh}）` : ''}`
        : `「${at.column}」列${fieldZh && fieldZh !== at.column ? `（${fieldZh}）` : ''}`,
    );
    en.push(
      `column ${letter ? at.column : `'${at.column}'`}${fieldEn && fieldEn !== at.column ? ` (${fieldEn})` : ''}`,
    );
  } else if (at.field) {
    zh.push(`${fieldZh}列`);
    en.push(`${fieldEn} column`);
  }
  return { zh: zh.join('，'), en: en.join(', ') };
}

const VINTAGES = '快报 flash、年报 annual、修订 revised';
const ZH_QUARTER = ['', '一', '二', '三', '四'];
const quarterOf = (period: string) => Number(/Q([1-4])$/.exec(period)?.[1] ?? 4);
const ytdPeriodMonths = (period: string) => ytdMonths(quarterOf(period));
const MONTHS_EN = ['', 'Jan–Mar', 'Jan–Jun', 'Jan–Sep', 'Jan–Dec'];
const ytdPeriodMonthsEn = (period: string) => MONTHS_EN[quarterOf(period)]!;

function previousWhere(d: YtdBelowPrevious): LocalizedName {
  switch (d.previousSource) {
    case 'file': {
      const sheet = d.previousSheet !== undefined ? `工作表「${d.previousSheet}」` : '';
      const sheetEn = d.previousSheet !== undefined ? `sheet '${d.previousSheet}' ` : '';
      return {
        zh: `本文件${sheet}第 ${d.previousRow ?? 0} 行`,
        en: `${sheetEn}row ${d.previousRow ?? 0} of this file`,
      };
    }
    case 'stored':
      return { zh: '已入库数据', en: 'stored figure' };
    case 'published':
      return { zh: '已发布数据', en: 'published figure' };
    default:
      return assertNever(d.previousSource, 'previous source');
  }
}
const fmt = (n: number) => String(n);

/** Why, without where. Exhaustive over every kind: adding a kind fails to compile until it is explained here. */
export function importErrorReason(d: ImportErrorDetail): LocalizedName {
  switch (d.kind) {
    case 'unreadable_file':
      return { zh: `无法读取文件（${d.reasonZh ?? d.reason}）`, en: `cannot read the file (${d.reason})` };
    case 'hidden_sheet':
      return d.rows > 0
        ? {
            zh: `工作表已隐藏，其中 ${d.rows} 行数据不会导入：请取消隐藏以导入，或删除该工作表`,
            en: `the sheet is hidden and its ${d.rows} data row(s) would not be imported: unhide it to import them, or delete it`,
          }
        : { zh: '工作表已隐藏，未读取', en: 'the sheet is hidden and was not read' };
    case 'merged_cells':
      return d.fields?.length
        ? {
            zh: `单元格 ${d.range} 已合并，只有左上角单元格有值，其余单元格的「${d.fields.map((f) => IMPORT_FIELD_NAMES[f].zh).join('、')}」将为空：请取消合并并逐格填写`,
            en: `cells ${d.range} are merged: only the top-left cell holds a value and the others' ${d.fields.join(', ')} would be empty: unmerge them and fill each cell`,
          }
        : {
            zh: `单元格 ${d.range} 已合并（不含数据单元格，已忽略）`,
            en: `cells ${d.range} are merged (no data cells; ignored)`,
          };
    case 'more_errors': {
      const kinds = Object.entries(d.byKind)
        .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
        .map(([k, n]) => `${k} ${(n ?? 0).toLocaleString('en-US')}`);
      return {
        zh: `另有 ${d.count.toLocaleString('en-US')} 个同类错误未逐一列出（${kinds.join('，')}）`,
        en: `and ${d.count.toLocaleString('en-US')} more of the same kinds (${kinds.join(', ')})`,
      };
    }
    case 'text_too_long': {
      const name = d.of === 'reason' ? { zh: '原因', en: 'reason' } : IMPORT_FIELD_NAMES[d.of];
      return {
        zh: `「${name.zh}」有 ${d.length} 字，超过 ${d.max} 字上限`,
        en: `the ${name.en} has ${d.length} characters, more than the limit of ${d.max}`,
      };
    }
    case 'no_rows':
      return { zh: '文件中没有数据行', en: 'the file has no data rows' };
    case 'missing_column':
      return {
        zh: `缺少「${IMPORT_FIELD_NAMES[d.field].zh}」列（可用表头：${d.accepted.join('、')}）`,
        en: `the '${d.field}' column is missing (accepted headers: ${d.accepted.join(', ')})`,
      };
    case 'duplicate_column':
      return {
        zh: `「${IMPORT_FIELD_NAMES[d.field].zh}」列重复出现，已在 ${d.firstColumn} 列`,
        en: `a second '${d.field}' column (the first is column ${d.firstColumn})`,
      };
    case 'empty_value':
      return {
        zh: `「${IMPORT_FIELD_NAMES[d.field].zh}」不能为空`,
        en: `${d.field} is empty`,
      };
    case 'not_a_number':
      return { zh: `「${d.text}」不是数字`, en: `'${d.text}' is not a number` };
    case 'negative_value':
      return {
        zh: `指标 ${d.indicator} 的数值不能为负数（${fmt(d.value)}）`,
        en: `indicator ${d.indicator} cannot be negative (${fmt(d.value)})`,
      };
    case 'not_integer':
      return {
        zh: `指标 ${d.indicator} 以「${d.unit}」计数，数值须为整数（填报值 ${fmt(d.value)}）`,
        en: `indicator ${d.indicator} is counted in ${d.unit} and must be a whole number (got ${fmt(d.value)})`,
      };
    case 'out_of_range': {
      const zhRange = [
        d.min !== undefined ? `≥ ${fmt(d.min)}` : '',
        d.max !== undefined ? `≤ ${fmt(d.max)}` : '',
      ]
        .filter(Boolean)
        .join(' 且 ');
      const enRange = [
        d.min !== undefined ? `≥ ${fmt(d.min)}` : '',
        d.max !== undefined ? `≤ ${fmt(d.max)}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return {
        zh: `${fmt(d.value)} 超出指标 ${d.indicator} 的合理范围（应 ${zhRange}）`,
        en: `${fmt(d.value)} is outside the plausible range of indicator ${d.indicator} (must be ${enRange})`,
      };
    }
    case 'unknown_indicator':
      return {
        zh: `未知指标「${d.text}」（应为方案中的指标代码或中文名称）`,
        en: `unknown indicator '${d.text}' (use a code or the exact Chinese name from the plan)`,
      };
    case 'unknown_region':
      return {
        zh: `未知地区「${d.text}」（应为方案中的地区代码或中文名称）`,
        en: `unknown region '${d.text}' (use a code or the exact Chinese name from the plan)`,
      };
    case 'ambiguous_name':
      return {
        zh: `名称「${d.text}」对应多个${IMPORT_FIELD_NAMES[d.field].zh}（${d.candidates.join('、')}），请填写代码`,
        en: `the name '${d.text}' matches several ${d.field === 'indicator' ? 'indicators' : 'regions'} (${d.candidates.join(', ')}); use the code`,
      };
    case 'region_not_valid_in_period': {
      const span = `${d.validFrom ?? '…'} – ${d.validTo ?? '…'}`;
      return {
        zh: `地区 ${d.regionName}（${d.region}）在 ${d.period} 期末不存在（有效期 ${span}）`,
        en: `region ${d.regionName} (${d.region}) does not exist at the end of ${d.period} (valid ${span})`,
      };
    }
    case 'bad_period':
      if (d.span)
        return {
          zh: `期别「${d.text}」超出方案的数据年份范围（${d.span.from}–${d.span.to} 年）`,
          en: `the period '${d.text}' is outside the years the plan takes figures for (${d.span.from}–${d.span.to})`,
        };
      return {
        zh: `期别「${d.text}」无法识别（应为 2025Q3、2025年1-9月（累计）、2025年第三季度（当季，仅限非流量指标）或 2025）`,
        en: `cannot read the period '${d.text}' (use 2025Q3 or 2025年1-9月 for a quarter, year to date, or 2025 for a year)`,
      };
    case 'period_not_ytd': {
      const months = ytdMonths(d.quarter);
      // Without a year in the cell the message gives the form with an example year.
      const spelled =
        d.year !== undefined
          ? {
              zh: `「${d.year}年${months}」或 ${d.year}Q${d.quarter}`,
              en: `'${d.year}年${months}' or ${d.year}Q${d.quarter}`,
            }
          : {
              zh: `「年份+${months}」或 年份+Q${d.quarter}（如「2025年${months}」、2025Q${d.quarter}）`,
              en: `the year with ${months} or Q${d.quarter} (e.g. '2025年${months}', 2025Q${d.quarter})`,
            };
      return {
        zh: `期别「${d.text}」指第${ZH_QUARTER[d.quarter]}季度当季，指标 ${d.indicator} 为流量指标，须填报年初至季末累计数，请写作${spelled.zh}`,
        en: `the period '${d.text}' means quarter ${d.quarter} alone; indicator ${d.indicator} is a flow reported year to date: write ${spelled.en}`,
      };
    }
    case 'ytd_below_previous': {
      const where = previousWhere(d);
      const fix =
        d.previousSource === 'file'
          ? { zh: '', en: '' }
          : {
              zh: '；如上一季度数据有误，请在同一文件中一并更正',
              en: '; if the previous quarter is wrong, correct it in the same file',
            };
      return {
        zh: `${d.region} ${d.period}（${ytdPeriodMonths(d.period)}）累计数 ${fmt(d.value)} 小于上一季度 ${d.previousPeriod}（${ytdPeriodMonths(d.previousPeriod)}）的累计数 ${fmt(d.previousValue)}（${where.zh}）：指标 ${d.indicator} 为年初至今累计数，同一年内不会减少${fix.zh}`,
        en: `the year-to-date ${fmt(d.value)} of ${d.region} for ${d.period} (${ytdPeriodMonthsEn(d.period)}) is below ${fmt(d.previousValue)} for the previous quarter ${d.previousPeriod} (${ytdPeriodMonthsEn(d.previousPeriod)}, ${where.en}): indicator ${d.indicator} is cumulative from January and cannot fall within a year${fix.en}`,
      };
    }
    case 'wrong_frequency':
      return {
        zh: `指标 ${d.indicator} 为年度指标，不能填报季度期别 ${d.period}`,
        en: `indicator ${d.indicator} is annual and has no quarterly figure for ${d.period}`,
      };
    case 'bad_vintage':
      return {
        zh: `版本「${d.text}」无法识别（应为 ${VINTAGES}）`,
        en: `unknown vintage '${d.text}' (use ${VINTAGES})`,
      };
    case 'unit_mismatch':
      return {
        zh: `单位「${d.found}」与指标 ${d.indicator} 的单位「${d.expected}」不一致`,
        en: `unit '${d.found}' does not match the unit '${d.expected}' of indicator ${d.indicator}`,
      };
    case 'duplicate_row': {
      const first =
        d.firstSheet !== undefined ? `工作表「${d.firstSheet}」第 ${d.firstRow} 行` : `第 ${d.firstRow} 行`;
      const firstEn =
        d.firstSheet !== undefined ? `sheet '${d.firstSheet}' row ${d.firstRow}` : `row ${d.firstRow}`;
      const k = d.key;
      return {
        zh: `与${first}重复（${k.indicator}，${k.region}，${k.period}，${k.vintage}）`,
        en: `repeats ${firstEn} (${k.indicator}, ${k.region}, ${k.period}, ${k.vintage})`,
      };
    }
    case 'component_required':
      return {
        zh: `比率指标 ${d.indicator} 在 ${d.region} ${d.period} 需同时提供分子、分母（缺少 ${d.missing.join('、')}），汇总时按分子分母之和重新计算`,
        en: `ratio ${d.indicator} for ${d.region} ${d.period} needs its components (missing ${d.missing.join(', ')}): totals are recomputed from summed numerators and denominators`,
      };
    default:
      return assertNever(d, 'import error kind');
  }
}
