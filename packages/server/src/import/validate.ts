// Validates rows read from an import file against a plan. Pure: rows + plan in, typed result out.
import {
  indicatorCode,
  periodEndDate,
  periodKind,
  periodOf,
  periodParse,
  regionCode,
  regionOn,
  type Indicator,
  type IndicatorCode,
  type Period,
  type Plan,
  type RegionCode,
  type Vintage,
} from '@ding/core';
import type { ImportFormat } from '../repositories/records.ts';
import { cellText, numberFromCell, percentCellToUnit, periodFromCell, vintageFromText } from './cells.ts';
import {
  importError,
  type FigureKey,
  type ImportError,
  type ImportErrorDetail,
  type ImportField,
  type ImportLocation,
} from './errors.ts';
import { IMPORT_HEADERS, headerField } from './headers.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { columnLetter, type RawCell, type RawRow, type RawSheet } from './read.ts';

/** One valid row, ready to store, with where it came from. */
export interface ImportRow {
  indicator: IndicatorCode;
  region: RegionCode;
  period: Period;
  value: number;
  vintage: Vintage;
  source?: string;
  note?: string;
  citation?: string;
  at: ImportLocation;
}

/** A figure without its vintage: what the year-to-date check looks up in storage (best vintage). */
export interface FigureRef {
  indicator: string;
  region: string;
  period: string;
}

/**
 * `storedNeeded`: previous-quarter figures the year-to-date check would compare with but that neither
 * the file nor `storedPrevious` gave (only when `storedPrevious` is absent): look them up and validate again.
 */
export type ImportValidation = (
  | { ok: true; rows: ImportRow[]; storedNeeded?: FigureRef[] }
  | { ok: false; errors: ImportError[]; storedNeeded?: FigureRef[] }
) & {
  /** What was read but not imported, and says so: hidden lookup sheets, merged titles. */
  warnings?: ImportError[];
};

/**
 * The years a plan takes figures for: ten years of history before the baseline (trends, YoY of the
 * baseline, a 五年规划 two plans back) to five after the target. 1899Q4, 9999Q4 or 0999 are typing
 * slips, not data (issue 16 item 6); a year below 1000 also used to crash the import.
 */
export const PLAN_DATA_YEARS = { before: 10, after: 5 } as const;

export function planDataSpan(plan: Plan): { from: number; to: number } {
  return { from: plan.baselineYear - PLAN_DATA_YEARS.before, to: plan.targetYear + PLAN_DATA_YEARS.after };
}

/**
 * Collects errors, listing the first IMPORT_LIMITS.maxListedErrors in full and counting the rest by
 * kind, so that a file of 400k bad rows costs a counter, not 400k messages (issue 16 item 5).
 */
class ErrorList {
  readonly listed: ImportError[] = [];
  readonly more = new Map<string, number>();
  count = 0;
  push(...errors: ImportError[]): void {
    for (const e of errors) {
      this.count++;
      if (this.listed.length < IMPORT_LIMITS.maxListedErrors) this.listed.push(e);
      else this.more.set(e.kind, (this.more.get(e.kind) ?? 0) + 1);
    }
  }
  get length(): number {
    return this.count;
  }
}

export interface ValidateOptions {
  /** File name used in every error location. */
  file: string;
  format: ImportFormat;
  /** Vintage of rows that do not say (no vintage column or an empty cell); default 'flash' (快报). */
  defaultVintage?: Vintage;
  /** Whether a figure is already stored: a stored numerator/denominator satisfies component_required. */
  hasStoredValue?: (key: FigureKey) => boolean;
  /**
   * The stored value in force (best vintage) of a previous quarter, for the year-to-date check of flows.
   * Absent: the figures the check needs are listed in the result's `storedNeeded`.
   */
  storedPrevious?: (figure: FigureRef) => number | undefined;
}

/** How many rows from the top may hold a title before the header row. */
const HEADER_SEARCH_ROWS = 10;

interface SheetColumns {
  sheet: RawSheet;
  headerRow: number;
  /** field → 0-based column index */
  columns: Partial<Record<ImportField, number>>;
  label: (index: number) => string;
}

export function validateImportSheets(
  sheets: RawSheet[],
  plan: Plan,
  options: ValidateOptions,
): ImportValidation {
  const errors = new ErrorList();
  const warnings: ImportError[] = [];
  const lookups = planLookups(plan);
  const sheetColumns = locateHeaders(sheets, options, errors, warnings);
  for (const sc of sheetColumns) mergeProblems(sc, options, errors, warnings);
  const rows: ImportRow[] = [];
  let dataRows = 0;
  const firstSeen = new Map<string, ImportLocation>();
  const rowColumns = new Map<ImportRow, SheetColumns>();

  for (const sc of sheetColumns) {
    for (const raw of sc.sheet.rows) {
      if (raw.row <= sc.headerRow || raw.cells.every((c) => c.kind === 'empty')) continue;
      dataRows++;
      const row = validateRow(raw, sc, plan, lookups, options, errors);
      if (!row) continue;
      const key = keyString(row);
      const first = firstSeen.get(key);
      if (first) {
        errors.push(
          importError(
            {
              kind: 'duplicate_row',
              key: { indicator: row.indicator, region: row.region, period: row.period, vintage: row.vintage },
              firstRow: first.row ?? 0,
              ...(first.sheet !== undefined && first.sheet !== row.at.sheet
                ? { firstSheet: first.sheet }
                : {}),
            },
            row.at,
          ),
        );
        continue;
      }
      firstSeen.set(key, row.at);
      rows.push(row);
      rowColumns.set(row, sc);
    }
  }

  if (errors.length === 0 && dataRows === 0 && sheetColumns.length > 0) {
    const first = sheetColumns[0]!;
    errors.push(
      importError({ kind: 'no_rows' }, { ...sheetAt(options.file, first.sheet), row: first.headerRow }),
    );
  }
  const columnOf = (row: ImportRow, field: ImportField): { column?: string } => {
    const sc = rowColumns.get(row);
    const i = sc?.columns[field];
    return sc && i !== undefined ? { column: sc.label(i) } : {};
  };
  errors.push(...componentErrors(rows, lookups, options, (row) => columnOf(row, 'indicator')));
  const ytd = ytdErrors(rows, lookups, options, (row) => columnOf(row, 'value'));
  errors.push(...ytd.errors);
  const needed = ytd.needed.length ? { storedNeeded: ytd.needed } : {};
  const warned = warnings.length ? { warnings } : {};
  if (errors.length) {
    const listed = sortErrors(errors.listed, sheets);
    if (errors.more.size)
      listed.push(
        importError(
          {
            kind: 'more_errors',
            count: errors.count - errors.listed.length,
            byKind: Object.fromEntries(errors.more),
          },
          { file: options.file },
        ),
      );
    return { ok: false, errors: listed, ...needed, ...warned };
  }
  return { ok: true, rows, ...needed, ...warned };
}

function sheetAt(file: string, sheet: RawSheet): ImportLocation {
  return sheet.sheet === undefined ? { file } : { file, sheet: sheet.sheet };
}

/**
 * The header row of each sheet: the first of the top rows naming at least two known columns. A
 * workbook's sheets without such a row (instructions, lookups) are skipped; if no sheet has one, the
 * first sheet is reported.
 */
function locateHeaders(
  sheets: RawSheet[],
  options: ValidateOptions,
  errors: ErrorList,
  warnings: ImportError[],
): SheetColumns[] {
  const found: SheetColumns[] = [];
  for (const sheet of sheets) {
    const candidates = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
    const header = candidates.find((r) => r.cells.filter((c) => headerField(cellText(c))).length >= 2);
    if (sheet.hidden) {
      // Issue 16 item 7: never skipped silently. Data rows under the import's header are an error.
      const rows = header
        ? sheet.rows.filter((r) => r.row > header.row && r.cells.some((c) => c.kind !== 'empty')).length
        : 0;
      const problem = importError({ kind: 'hidden_sheet', rows }, sheetAt(options.file, sheet));
      if (rows > 0) errors.push(problem);
      else warnings.push(problem);
      continue;
    }
    if (header) found.push(headerColumns(sheet, header, options, errors));
  }
  if (found.length === 0) {
    const sheet = sheets.find((s) => !s.hidden) ?? sheets[0] ?? { rows: [] };
    const row = sheet.rows[0]?.row ?? 1;
    for (const [field, h] of Object.entries(IMPORT_HEADERS) as [
      ImportField,
      (typeof IMPORT_HEADERS)[ImportField],
    ][]) {
      if (h.required)
        errors.push(
          importError(
            { kind: 'missing_column', field, accepted: [...h.primary, ...(h.secondary ?? [])] },
            { ...sheetAt(options.file, sheet), row },
          ),
        );
    }
  }
  return found;
}

function headerColumns(
  sheet: RawSheet,
  header: RawRow,
  options: ValidateOptions,
  errors: ErrorList,
): SheetColumns {
  const headerTexts = header.cells.map((c) => cellText(c));
  const label =
    options.format === 'xlsx'
      ? columnLetter
      : (i: number) => (headerTexts[i] ? headerTexts[i]! : `#${i + 1}`);
  const at = (column?: number): ImportLocation => ({
    ...sheetAt(options.file, sheet),
    row: header.row,
    ...(column !== undefined ? { column: label(column) } : {}),
  });
  const primary: Partial<Record<ImportField, number>> = {};
  const secondary: Partial<Record<ImportField, number>> = {};
  let broken = false;
  headerTexts.forEach((text, i) => {
    const match = headerField(text);
    if (!match) return;
    const into = match.primary ? primary : secondary;
    const first = into[match.field];
    if (first !== undefined) {
      broken = true;
      errors.push(
        importError({ kind: 'duplicate_column', field: match.field, firstColumn: label(first) }, at(i)),
      );
    } else into[match.field] = i;
  });
  const columns = { ...secondary, ...primary };
  for (const [field, h] of Object.entries(IMPORT_HEADERS) as [
    ImportField,
    (typeof IMPORT_HEADERS)[ImportField],
  ][]) {
    if (h.required && columns[field] === undefined) {
      broken = true;
      errors.push(
        importError(
          { kind: 'missing_column', field, accepted: [...h.primary, ...(h.secondary ?? [])] },
          at(),
        ),
      );
    }
  }
  // Without its columns a sheet's rows cannot be read: report the header only.
  return { sheet: broken ? { ...sheet, rows: [] } : sheet, headerRow: header.row, columns, label };
}

/**
 * Merged ranges of a sheet. Only the top-left cell of a range holds its value (read.ts reads the
 * others as empty): a range with other cells in the import's columns below the header would empty
 * them (or, as Excel shows the sheet, silently give one figure to several rows) — an error; any
 * other range (a title, a note) is a warning.
 */
function mergeProblems(
  sc: SheetColumns,
  options: ValidateOptions,
  errors: ErrorList,
  warnings: ImportError[],
): void {
  for (const m of sc.sheet.merges ?? []) {
    const lo = Math.max(m.top, sc.headerRow + 1);
    const hi = m.bottom;
    const fields = (Object.entries(sc.columns) as [ImportField, number][])
      .filter(([, c]) => c >= m.left && c <= m.right && lo <= hi && (c !== m.left || hi > lo || lo !== m.top))
      .sort((a, b) => a[1] - b[1])
      .map(([f]) => f);
    const at: ImportLocation = {
      ...sheetAt(options.file, sc.sheet),
      row: m.top,
      column: columnLetter(m.left),
    };
    if (fields.length) errors.push(importError({ kind: 'merged_cells', range: m.range, fields }, at));
    else warnings.push(importError({ kind: 'merged_cells', range: m.range }, at));
  }
}

interface PlanLookups {
  indicators: Map<string, Indicator>;
  resolveIndicator: (text: string) => { code: string } | { candidates: string[] } | undefined;
  resolveRegion: (text: string) => { code: string } | { candidates: string[] } | undefined;
  regionName: (code: string) => string;
  isGroup: (code: string) => boolean;
  belowHome: (code: string) => boolean;
}

/** Codes first (exact, then ignoring case), then exact Chinese names; a name shared by several codes is ambiguous. */
function resolver(entries: { code: string; zh: string }[]) {
  const codes = new Set(entries.map((e) => e.code));
  const byLowerCode = groupBy(entries, (e) => e.code.toLowerCase());
  const byName = groupBy(entries, (e) => e.zh.normalize('NFKC').trim());
  return (text: string): { code: string } | { candidates: string[] } | undefined => {
    if (codes.has(text)) return { code: text };
    const pick = (list: { code: string }[] | undefined) => {
      const distinct = [...new Set((list ?? []).map((e) => e.code))];
      return distinct.length === 1
        ? { code: distinct[0]! }
        : distinct.length > 1
          ? { candidates: distinct }
          : undefined;
    };
    return pick(byLowerCode.get(text.toLowerCase())) ?? pick(byName.get(text));
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}

function planLookups(plan: Plan): PlanLookups {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const regionEntries = [
    ...plan.regions.map((r) => ({ code: r.code, zh: r.name.zh })),
    ...plan.regionGroups.map((g) => ({ code: g.code, zh: g.name.zh })),
  ];
  const names = new Map(regionEntries.map((e) => [e.code, e.zh]));
  const groups = new Set(plan.regionGroups.map((g) => g.code));
  const parentOf = new Map<string, string>();
  for (const r of plan.regions)
    if (r.parent !== undefined && !parentOf.has(r.code)) parentOf.set(r.code, r.parent);
  return {
    indicators,
    resolveIndicator: resolver(plan.indicators.map((i) => ({ code: i.code, zh: i.name.zh }))),
    resolveRegion: resolver(regionEntries),
    regionName: (code) => names.get(code) ?? code,
    isGroup: (code) => groups.has(code),
    belowHome: (code) => {
      let p = parentOf.get(code);
      for (let hops = 0; p !== undefined && hops < 100; hops++, p = parentOf.get(p))
        if (p === plan.home) return true;
      return false;
    },
  };
}

function validateRow(
  raw: RawRow,
  sc: SheetColumns,
  plan: Plan,
  lookups: PlanLookups,
  options: ValidateOptions,
  errors: ErrorList,
): ImportRow | undefined {
  const rowAt: ImportLocation = { ...sheetAt(options.file, sc.sheet), row: raw.row };
  const cellOf = (field: ImportField): RawCell => {
    const i = sc.columns[field];
    return i === undefined ? { kind: 'empty' } : (raw.cells[i] ?? { kind: 'empty' });
  };
  const at = (field: ImportField): ImportLocation => {
    const i = sc.columns[field];
    return { ...rowAt, ...(i !== undefined ? { column: sc.label(i) } : {}), field };
  };
  const before = errors.length;
  const fail = (detail: ImportErrorDetail, field: ImportField) => {
    errors.push(importError(detail, at(field)));
    return undefined;
  };
  const text = (field: ImportField) => cellText(cellOf(field));

  // Each field on its own first, so that one row reports all of its problems at once.
  const indicator = ((): Indicator | undefined => {
    const t = text('indicator');
    if (!t) return fail({ kind: 'empty_value', field: 'indicator' }, 'indicator');
    const r = lookups.resolveIndicator(t);
    if (!r) return fail({ kind: 'unknown_indicator', text: t }, 'indicator');
    if ('candidates' in r)
      return fail(
        { kind: 'ambiguous_name', field: 'indicator', text: t, candidates: r.candidates },
        'indicator',
      );
    return lookups.indicators.get(r.code);
  })();
  const region = ((): string | undefined => {
    const t = text('region');
    if (!t) return fail({ kind: 'empty_value', field: 'region' }, 'region');
    const r = lookups.resolveRegion(t);
    if (!r) return fail({ kind: 'unknown_region', text: t }, 'region');
    if ('candidates' in r)
      return fail({ kind: 'ambiguous_name', field: 'region', text: t, candidates: r.candidates }, 'region');
    return r.code;
  })();
  const period = ((): Period | undefined => {
    const cell = cellOf('period');
    if (cell.kind === 'empty') return fail({ kind: 'empty_value', field: 'period' }, 'period');
    const read = periodFromCell(cell);
    // A flow is collected year to date (1-9月); "第三季度" is the quarter alone, a different number.
    // The first quarter alone is January–March either way, so it is not refused.
    if (
      read?.span === 'quarter_alone' &&
      read.quarter !== undefined &&
      read.quarter > 1 &&
      indicator?.measure === 'flow'
    )
      return fail(
        {
          kind: 'period_not_ytd',
          text: cellText(cell),
          indicator: indicator.code,
          ...(read.year !== undefined ? { year: read.year } : {}),
          quarter: read.quarter,
        },
        'period',
      );
    if (!read?.period) return fail({ kind: 'bad_period', text: cellText(cell) }, 'period');
    const span = planDataSpan(plan);
    if (read.year !== undefined && (read.year < span.from || read.year > span.to))
      return fail({ kind: 'bad_period', text: cellText(cell), span }, 'period');
    return read.period;
  })();
  const vintage = ((): Vintage | undefined => {
    const t = text('vintage');
    if (!t) return options.defaultVintage ?? 'flash';
    return vintageFromText(t) ?? fail({ kind: 'bad_vintage', text: t }, 'vintage');
  })();
  const parsed = (() => {
    const cell = cellOf('value');
    if (cell.kind === 'empty') return fail({ kind: 'empty_value', field: 'value' }, 'value');
    const n = numberFromCell(cell);
    return n
      ? { n, numeric: cell.kind === 'number' }
      : fail({ kind: 'not_a_number', text: cellText(cell) }, 'value');
  })();

  // Then what needs several fields.
  if (indicator && region && period) {
    if (!lookups.isGroup(region) && !regionOn(plan, regionCode(region), periodEndDate(period))) {
      const versions = plan.regions.filter((r) => r.code === region);
      const froms = versions.map((v) => v.validFrom);
      const tos = versions.map((v) => v.validTo);
      const validFrom = froms.includes(undefined) ? undefined : froms.sort()[0];
      const validTo = tos.includes(undefined) ? undefined : tos.sort().at(-1);
      fail(
        {
          kind: 'region_not_valid_in_period',
          region,
          regionName: lookups.regionName(region),
          period,
          ...(validFrom ? { validFrom } : {}),
          ...(validTo ? { validTo } : {}),
        },
        'region',
      );
    }
    if (indicator.frequency === 'annual' && periodKind(period) === 'quarter')
      fail({ kind: 'wrong_frequency', indicator: indicator.code, period }, 'period');
  }
  let value: number | undefined;
  if (indicator && parsed) {
    const isPercentUnit = indicator.unit.normalize('NFKC').trim() === '%';
    if (parsed.n.percent && !isPercentUnit) {
      fail(
        { kind: 'unit_mismatch', indicator: indicator.code, expected: indicator.unit, found: '%' },
        'value',
      );
    } else {
      value = percentCellToUnit(parsed.n, parsed.numeric);
      const min = indicator.range?.min;
      const max = indicator.range?.max;
      const negativeAllowed = indicator.measure === 'growth' || (min !== undefined && min < 0);
      if (value < 0 && !negativeAllowed) {
        fail({ kind: 'negative_value', value, indicator: indicator.code }, 'value');
      } else if (indicator.integer && !Number.isInteger(value)) {
        // Counts (家, 件, 个, 项, 人) are whole: 75.6 家 is a typing slip or a wrong unit (issue 8 item 12).
        fail({ kind: 'not_integer', value, indicator: indicator.code, unit: indicator.unit }, 'value');
      } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        fail(
          {
            kind: 'out_of_range',
            value,
            indicator: indicator.code,
            ...(min !== undefined ? { min } : {}),
            ...(max !== undefined ? { max } : {}),
          },
          'value',
        );
      }
    }
  }
  const unit = text('unit');
  if (indicator && unit && unit !== indicator.unit.normalize('NFKC').trim())
    fail({ kind: 'unit_mismatch', indicator: indicator.code, expected: indicator.unit, found: unit }, 'unit');

  if (errors.length > before || !indicator || !region || !period || !vintage || value === undefined)
    return undefined;
  const row: ImportRow = {
    indicator: indicatorCode(indicator.code),
    region: regionCode(region),
    period,
    value,
    vintage,
    at: rowAt,
  };
  const source = text('source');
  const note = text('note');
  const citation = text('citation');
  const tooLong = (['source', 'note', 'citation'] as const).filter(
    (f) => [...text(f)].length > IMPORT_LIMITS.maxTextChars,
  );
  for (const f of tooLong)
    fail({ kind: 'text_too_long', of: f, length: [...text(f)].length, max: IMPORT_LIMITS.maxTextChars }, f);
  if (tooLong.length) return undefined;
  if (source) row.source = source;
  if (note) row.note = note;
  if (citation) row.citation = citation;
  return row;
}

/**
 * Seed §四(三) and MISSION "numbers that are right": a town's ratio (R&D/GDP) is never averaged up —
 * 全市 is recomputed from summed numerators and denominators — so a town's ratio needs both components
 * (in this file or already stored). Published ratios for the county, groups and peers stand alone.
 */
function componentErrors(
  rows: ImportRow[],
  lookups: PlanLookups,
  options: ValidateOptions,
  indicatorColumn: (row: ImportRow) => { column?: string },
): ImportError[] {
  const inFile = new Set(rows.map(keyString));
  const errors: ImportError[] = [];
  for (const row of rows) {
    const ind = lookups.indicators.get(row.indicator);
    if (!ind?.ratio || ind.aggregation !== 'ratio_of_sums' || !lookups.belowHome(row.region)) continue;
    const missing = [ind.ratio.numerator, ind.ratio.denominator].filter((component) => {
      const key = { indicator: component, region: row.region, period: row.period, vintage: row.vintage };
      return !inFile.has(keyString(key)) && !options.hasStoredValue?.(key);
    });
    if (missing.length)
      errors.push(
        importError(
          {
            kind: 'component_required',
            indicator: row.indicator,
            region: row.region,
            period: row.period,
            missing,
          },
          { ...row.at, ...indicatorColumn(row), field: 'indicator' },
        ),
      );
  }
  return errors;
}

const VINTAGE_RANK: Record<Vintage, number> = { flash: 1, annual: 2, revised: 3 };

/**
 * Plan schema: a flow is collected year to date (2025Q3 = January–September), so within a year each
 * quarter's figure is at least the previous quarter's (1-9月 ≥ 1-6月). The previous figure is taken from
 * the file (same vintage, else its most final one), else from storage. Flows that may be negative
 * (range.min < 0: a net figure) can fall and are not checked; Q1 has no earlier quarter in its year.
 */
function ytdErrors(
  rows: ImportRow[],
  lookups: PlanLookups,
  options: ValidateOptions,
  valueColumn: (row: ImportRow) => { column?: string },
): { errors: ImportError[]; needed: FigureRef[] } {
  const inFile = groupBy(rows, (r) => figureString(r));
  const errors: ImportError[] = [];
  const needed: FigureRef[] = [];
  for (const row of rows) {
    const ind = lookups.indicators.get(row.indicator);
    if (ind?.measure !== 'flow' || (ind.range?.min ?? 0) < 0) continue;
    const { year, quarter } = periodParse(row.period);
    if (quarter === undefined || quarter < 2) continue;
    const previous = { indicator: row.indicator, region: row.region, period: periodOf(year, quarter - 1) };
    const candidates = inFile.get(figureString(previous)) ?? [];
    const fromFile =
      candidates.find((c) => c.vintage === row.vintage) ??
      [...candidates].sort((a, b) => VINTAGE_RANK[b.vintage] - VINTAGE_RANK[a.vintage])[0];
    let found: { value: number; source: 'file' | 'stored'; at?: ImportLocation } | undefined;
    if (fromFile) found = { value: fromFile.value, source: 'file', at: fromFile.at };
    else if (options.storedPrevious) {
      const stored = options.storedPrevious(previous);
      if (stored !== undefined) found = { value: stored, source: 'stored' };
    } else needed.push(previous);
    if (!found || row.value >= found.value) continue;
    errors.push(
      importError(
        {
          kind: 'ytd_below_previous',
          indicator: row.indicator,
          region: row.region,
          period: row.period,
          value: row.value,
          previousPeriod: previous.period,
          previousValue: found.value,
          previousSource: found.source,
          ...(found.at?.row !== undefined ? { previousRow: found.at.row } : {}),
          ...(found.at?.sheet !== undefined && found.at.sheet !== row.at.sheet
            ? { previousSheet: found.at.sheet }
            : {}),
        },
        { ...row.at, ...valueColumn(row), field: 'value' },
      ),
    );
  }
  return { errors, needed };
}

function figureString(f: FigureRef): string {
  return `${f.indicator}\u0000${f.region}\u0000${f.period}`;
}

function keyString(k: FigureKey): string {
  return `${k.indicator}\u0000${k.region}\u0000${k.period}\u0000${k.vintage}`;
}

/** File order: sheet by sheet as in the workbook, then row, then column. */
function sortErrors(errors: ImportError[], sheets: RawSheet[]): ImportError[] {
  const sheetIndex = new Map(sheets.map((s, i) => [s.sheet, i]));
  return errors
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        (sheetIndex.get(a.e.sheet) ?? 0) - (sheetIndex.get(b.e.sheet) ?? 0) ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}
