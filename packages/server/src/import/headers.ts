// Header names an import file may use for each column, in English and Chinese.
import type { ImportField } from './errors.ts';

/**
 * Primary headers name the column outright. Secondary headers ('指标名称') are used only when no
 * primary header is present, so a template with both 指标代码 and 指标名称 reads the code.
 */
export const IMPORT_HEADERS: Record<
  ImportField,
  { primary: string[]; secondary?: string[]; required: boolean }
> = {
  indicator: {
    primary: ['indicator', '指标', '指标代码', 'indicator_code'],
    secondary: ['指标名称', 'indicator_name'],
    required: true,
  },
  region: {
    primary: ['region', '地区', '地区代码', 'region_code'],
    secondary: ['地区名称', 'region_name', '区域'],
    required: true,
  },
  period: { primary: ['period', '期别', '报告期', '时期'], required: true },
  value: { primary: ['value', '数值', '数据', '值'], required: true },
  vintage: { primary: ['vintage', '版本', '数据版本'], required: false },
  unit: { primary: ['unit', '单位', '计量单位'], required: false },
  source: { primary: ['source', '来源', '数据来源'], required: false },
  note: { primary: ['note', '备注', '说明'], required: false },
  citation: { primary: ['citation', '出处'], required: false },
};

/**
 * Compare headers loosely: full-width → half-width (NFKC), case, spaces, a required-marker '*',
 * and a parenthesised unit ('数值（亿元）') do not matter.
 */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\(.*?\)/g, '')
    .replace(/[\s*]/g, '')
    .toLowerCase();
}

export interface HeaderMatch {
  field: ImportField;
  primary: boolean;
}

const lookup = new Map<string, HeaderMatch>();
for (const [field, h] of Object.entries(IMPORT_HEADERS) as [
  ImportField,
  (typeof IMPORT_HEADERS)[ImportField],
][]) {
  for (const name of h.primary) lookup.set(normalizeHeader(name), { field, primary: true });
  for (const name of h.secondary ?? []) lookup.set(normalizeHeader(name), { field, primary: false });
}

export function headerField(text: string): HeaderMatch | undefined {
  return lookup.get(normalizeHeader(text));
}
