// The report's document model: what the narrative engine builds from a snapshot and the DOCX/PDF renderer
// (packages/server/src/report) prints. Pure data, no layout units except a table's column widths; every
// printed number is a NumberPart that names the engine row it came from, so a sentence traces like a card.
import type { TraceKey } from '../screen/types.ts';
import type { Lang } from './progress-table.ts';

/** Which field of the engine's row (ProgressRow) a printed number is. */
export type NumberField =
  /** the period's value (本期累计), in the indicator's unit */
  | 'value'
  /** the same period last year */
  | 'lastYear'
  /** 同比: % for counts and amounts, pp for rates (ProgressRow.yoy.kind) */
  | 'yoy'
  /** the annual target */
  | 'target'
  /** 完成率 % */
  | 'completion'
  /** 序时进度 value */
  | 'expected'
  /** value − 序时进度; completion − expected share when printed in 个百分点 */
  | 'gapToExpected'
  /** value − annual target */
  | 'gapToTarget'
  /** 位次 within the peer set (居第N位) */
  | 'rank'
  /** 位次变化 vs the previous quarter (+ = up) */
  | 'rankChange'
  /** the size of the peer set (N个镇（街道）中) */
  | 'rankOf'
  /** 2026 projection */
  | 'projection'
  /** growth required per year to reach the final target */
  | 'requiredGrowth'
  /** a count over rows (e.g. 3个镇（街道）未达序时进度); region names the parent region */
  | 'count'
  /** a growth rate minus the growth it must exceed (relative targets: 低于工业投资增速2.8个百分点) */
  | 'gapToCompared'
  /** a cumulative target (累计40项): what is done, the target, done / target % (ProgressRow.cumulative) */
  | 'cumulativeDone'
  | 'cumulativeTarget'
  | 'cumulativeShare'
  /** the share of the annual target due by now, % (ProgressRow.expected.shareOfTarget) */
  | 'expectedShare'
  /** the final-year target (ProgressRow.target.finalValue, e.g. 2026's) */
  | 'finalTarget';

/** Where a printed number comes from: the engine row (GET /api/trace?indicator&region&period) and its field. */
export interface NumberSource extends TraceKey {
  field: NumberField;
  /** The published snapshot the row was computed from; absent in drafts built from live data. */
  snapshotId?: string;
}

/** Plain text, printed as given. */
export interface TextPart {
  kind: 'text';
  text: string;
  /** Bold run (e.g. a lead-in phrase); default false. */
  bold?: boolean;
}

/** A number as printed ("58.36", "12.3", "2") with the value it was rounded from and its source. */
export interface NumberPart {
  kind: 'number';
  /** Exactly the characters printed, already rounded to the plan's decimals and without the unit. */
  text: string;
  /** The unrounded value from the engine row (a rank or count is an integer). */
  value: number;
  source: NumberSource;
}

/** A piece of a paragraph or a table cell. */
export type InlinePart = TextPart | NumberPart;

/** 一、 (level 1, 黑体), （一） (level 2, 楷体), 1. (level 3, 仿宋 bold) — GB/T 9704-2012 §7.3.3. */
export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  /** The numbering as printed, part of the model so the text reads the same everywhere: '一、', '（一）', '1.'. */
  number: string;
  text: string;
}

/** A body paragraph (仿宋 三号, first line indented two characters). */
export interface ParagraphBlock {
  kind: 'paragraph';
  parts: InlinePart[];
  /**
   * Set on paragraphs a user may rewrite before finalising (存在问题, 下步工作): a stable id the edit is stored
   * under. Absent: the paragraph is generated and not editable.
   */
  editableId?: string;
}

/** A table column. Every cell of the column gets this width (WPS ignores table-level widths). */
export interface ReportTableColumn {
  /** The column's label in the (last) header row. */
  label: string;
  /** In characters of the table's font (the renderer converts), or in millimetres. */
  width: { chars: number } | { mm: number };
  /** Alignment of the body cells; header cells are centred. Numbers are usually 'right'. */
  align: 'left' | 'center' | 'right';
}

/** A header cell spanning `colSpan` columns (default 1). */
export interface ReportTableHeaderCell {
  text: string;
  colSpan?: number;
}

/** A body cell: text or a number part (a number cell is traceable like a sentence's number). */
export type ReportTableCell = InlinePart;

export interface ReportTableBlock {
  kind: 'table';
  /** Printed above the table (e.g. '附表 2025年1—9月科技创新主要指标完成情况'). */
  caption: string;
  columns: ReportTableColumn[];
  /**
   * Header rows above the body, top to bottom; each row's spans add up to columns.length. Absent: one
   * header row of the columns' labels.
   */
  headerRows?: ReportTableHeaderCell[][];
  /** Body rows; each has exactly columns.length cells. */
  rows: ReportTableCell[][];
  /** Lines printed under the table, without the '注：' label (the renderer adds it). */
  notes: string[];
  /** Repeat the header rows at the top of every page the table spans; default true. */
  repeatHeader?: boolean;
}

/** One data series of a chart. `data[i]` belongs to `categories[i]`; null is a gap (no figure). */
export interface ChartSeries {
  name: string;
  data: (number | null)[];
  /** Unit of the values ('亿元', '%', '家'); series with another unit than the first go on a second axis. */
  unit: string;
  /** Where each value came from (same length as data), when it is an engine row's number. */
  sources?: (NumberSource | null)[];
  /** 'target': a dashed path through the plan's targets; 'area': a line filled below (the actuals of a trend). */
  style?: 'target' | 'area';
}

/**
 * A chart as data, shared by the screens and the report: core's chartSpecOption turns it into an ECharts
 * option; the report renders that to SVG/PNG on the server.
 */
export interface ChartSpec {
  /** bar: all series as bars; line: all as lines; barLine: the first series bars, the others lines. */
  kind: 'bar' | 'line' | 'barLine';
  title: string;
  /** x-axis labels (towns, years, quarters). */
  categories: string[];
  series: ChartSeries[];
  /** A horizontal reference line (e.g. 序时进度 75%, or the annual target), in the first series' unit. */
  targetLine?: { name: string; value: number };
  /** Decimals of the value labels printed on the chart; default 1. */
  decimals?: number;
}

export interface ChartBlock {
  kind: 'chart';
  chart: ChartSpec;
  /** Printed under the chart (e.g. '图1 各镇（街道）规上工业R&D经费占营业收入比重'); optional. */
  caption?: string;
}

/** Start the next block on a new page. */
export interface PageBreakBlock {
  kind: 'pageBreak';
}

/** 注 lines inside the body (e.g. under a section), without the '注：' label (the renderer adds it). */
export interface NoteBlock {
  kind: 'note';
  lines: string[];
}

export type ReportBlock =
  HeadingBlock | ParagraphBlock | ReportTableBlock | ChartBlock | PageBreakBlock | NoteBlock;

/** The 报头 and what the end notes need. */
export interface ReportMeta {
  /** Printed as given in the 报头, e.g. '慈溪市科技创新统计季报' (the 《》 are for prose, not the masthead). */
  title: string;
  /** '2025年第3期（总第12期）' */
  issueLabel: string;
  /**
   * The lead article's title, printed under the 报头 in 二号小标宋 (e.g. '2025年1—9月全市科技创新主要指标运行情况');
   * optional.
   */
  headline?: string;
  /** '慈溪市科学技术局编' */
  editor: string;
  /** Date of issue, ISO 'YYYY-MM-DD'; printed by reportDateText in the document's language. */
  date: string;
  /** 红头 variant: title and rule in red (GB/T 9704-2012 §7.2). Default false (black, 内部刊物). */
  redHeader?: boolean;
  lang: Lang;
  /** True when any figure in the document is synthetic demo data; the renderer marks the 报头 and 注. */
  synthetic: boolean;
  /** 注 lines printed at the end (口径, 数据来源, 快报/年报 vintage, synthetic figures), without '注：'. */
  notes: string[];
  /** The published snapshot the whole document was built from. */
  snapshotId?: string;
}

export interface ReportDocument {
  meta: ReportMeta;
  blocks: ReportBlock[];
}

// ---- helpers ------------------------------------------------------------------------------------------

export const textPart = (text: string, bold = false): TextPart =>
  bold ? { kind: 'text', text, bold } : { kind: 'text', text };

export const numberPart = (text: string, value: number, source: NumberSource): NumberPart => ({
  kind: 'number',
  text,
  value,
  source,
});

/** The characters of a paragraph or cell as printed. */
export function inlineText(parts: readonly InlinePart[]): string {
  return parts.map((p) => p.text).join('');
}

/** '2025-10-20' → '2025年10月20日' (zh) or '20 October 2025' (en). */
export function reportDateText(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`report date '${date}': expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'zh') return `${y}年${mo}月${d}日`;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${d} ${months[mo - 1]} ${y}`;
}

/** A printed number and where it sits, e.g. path 'blocks[4].parts[3]' or 'blocks[9].rows[2][5]'. */
export interface LocatedNumber {
  path: string;
  part: NumberPart;
}

/** Every number part of the document in reading order (tests check each against the engine's row). */
export function documentNumbers(doc: ReportDocument): LocatedNumber[] {
  const out: LocatedNumber[] = [];
  doc.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'paragraph':
        b.parts.forEach((p, j) => {
          if (p.kind === 'number') out.push({ path: `blocks[${i}].parts[${j}]`, part: p });
        });
        break;
      case 'table':
        b.rows.forEach((row, r) =>
          row.forEach((c, j) => {
            if (c.kind === 'number') out.push({ path: `blocks[${i}].rows[${r}][${j}]`, part: c });
          }),
        );
        break;
      case 'heading':
      case 'chart':
      case 'pageBreak':
      case 'note':
        break;
    }
  });
  return out;
}

/**
 * Structural problems a renderer cannot print around, each naming its place: a row with the wrong number
 * of cells, header spans that do not add up, a chart series whose length differs from its categories.
 * Empty when the document is well formed.
 */
export function documentProblems(doc: ReportDocument): string[] {
  const problems: string[] = [];
  if (!doc.meta.title.trim()) problems.push('meta.title: empty');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.meta.date))
    problems.push(`meta.date: '${doc.meta.date}' is not YYYY-MM-DD`);
  doc.blocks.forEach((b, i) => {
    const at = `blocks[${i}] (${b.kind})`;
    switch (b.kind) {
      case 'table': {
        const n = b.columns.length;
        if (n === 0) problems.push(`${at}: no columns`);
        b.columns.forEach((c, j) => {
          const w = 'chars' in c.width ? c.width.chars : c.width.mm;
          if (!(w > 0)) problems.push(`${at}.columns[${j}] '${c.label}': width must be > 0`);
        });
        (b.headerRows ?? []).forEach((row, r) => {
          const span = row.reduce((s, c) => s + (c.colSpan ?? 1), 0);
          if (span !== n) problems.push(`${at}.headerRows[${r}]: spans ${span} columns, table has ${n}`);
        });
        b.rows.forEach((row, r) => {
          if (row.length !== n)
            problems.push(`${at}.rows[${r}]: ${row.length} cells, table has ${n} columns`);
        });
        break;
      }
      case 'chart':
        if (b.chart.series.length === 0) problems.push(`${at}: no series`);
        b.chart.series.forEach((s, j) => {
          if (s.data.length !== b.chart.categories.length)
            problems.push(
              `${at}.series[${j}] '${s.name}': ${s.data.length} values for ${b.chart.categories.length} categories`,
            );
          if (s.sources && s.sources.length !== s.data.length)
            problems.push(
              `${at}.series[${j}] '${s.name}': ${s.sources.length} sources for ${s.data.length} values`,
            );
        });
        break;
      case 'heading':
        if (!b.text.trim()) problems.push(`${at}: empty heading`);
        break;
      case 'paragraph':
      case 'pageBreak':
      case 'note':
        break;
    }
  });
  return problems;
}
