// Import errors: a discriminated union by `kind`, each located (file, sheet, row, column, field) and
// explained in Chinese and English. Messages are built by one exhaustive switch.
import { assertNever, type LocalizedName } from '@ding/core';

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
  | { kind: 'unreadable_file'; reason: string }
  | { kind: 'no_rows' }
  | { kind: 'missing_column'; field: ImportField; accepted: string[] }
  | { kind: 'duplicate_column'; field: ImportField; firstColumn: string }
  | { kind: 'empty_value'; field: ImportField }
  | { kind: 'not_a_number'; text: string }
  | { kind: 'negative_value'; value: number; indicator: string }
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
  | { kind: 'bad_period'; text: string }
  | { kind: 'wrong_frequency'; indicator: string; period: string }
  | { kind: 'bad_vintage'; text: string }
  | { kind: 'unit_mismatch'; indicator: string; expected: string; found: string }
  | { kind: 'duplicate_row'; key: FigureKey; firstRow: number; firstSheet?: string }
  | { kind: 'component_required'; indicator: string; region: string; period: string; missing: string[] };

export type ImportErrorKind = ImportErrorDetail['kind'];

export type ImportError = ImportErrorDetail & ImportLocation & { message: LocalizedName };

export function importError(detail: ImportErrorDetail, at: ImportLocation): ImportError {
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
const fmt = (n: number) => String(n);

/** Why, without where. Exhaustive over every kind: adding a kind fails to compile until it is explained here. */
export function importErrorReason(d: ImportErrorDetail): LocalizedName {
  switch (d.kind) {
    case 'unreadable_file':
      return { zh: `无法读取文件（${d.reason}）`, en: `cannot read the file (${d.reason})` };
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
      return {
        zh: `期别「${d.text}」无法识别（应为 2025Q3、2025年第三季度、2025年1-9月 或 2025）`,
        en: `cannot read the period '${d.text}' (use 2025Q3 for a quarter or 2025 for a year)`,
      };
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
