// The report document model → a .docx (the `docx` package), typeset by gongwen.ts (GB/T 9704-2012). Written
// for Word and WPS as they are: fonts on every run for every script, a width on every cell, header rows that
// repeat, no fields but PAGE (WPS shows a TOC field empty), odd/even footers for the 页码 positions.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Tab,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import {
  documentProblems,
  reportDateText,
  type ChartBlock,
  type HeadingBlock,
  type InlinePart,
  type ReportDocument,
  type ReportMeta,
  type ReportTableBlock,
  type ReportTableColumn,
  type ReportTableHeaderCell,
} from '@ding/core';
import { chartRender, type RenderedChart } from './charts.ts';
import {
  BODY,
  BODY_CHARACTER_SPACING_TWIPS,
  CHART,
  FIRST_LINE_INDENT_PT,
  HEADING,
  LINE_SPACING_PT,
  MARGINS_MM,
  MASTHEAD,
  NOTE,
  PAGE_MM,
  PAGE_NUMBER,
  TABLE,
  TITLE,
  TYPE_AREA_MM,
  mmToTwips,
  ptToHalfPoints,
  ptToTwips,
  type GongwenFont,
} from './gongwen.ts';

export interface DocxOptions {
  /** Exact line spacing of the body, in points (default gongwen LINE_SPACING_PT, 28.95). */
  lineSpacingPt?: number;
  /** Embed charts as SVG with a PNG fallback (default) or as PNG only. */
  chartImages?: 'svg+png' | 'png';
}

interface RunStyle {
  font: GongwenFont;
  sizePt: number;
  bold?: boolean;
  color?: string;
  /** false for text smaller than the body: the 28-character grid would space it out to 15.8 pt a character. */
  snapToGrid?: boolean;
}

/** The same font in every slot (ascii, hAnsi, eastAsia, cs), so digits and Latin letters stay in 仿宋 too. */
function fontSlots(font: GongwenFont) {
  return { ascii: font, hAnsi: font, eastAsia: font, cs: font, hint: 'eastAsia' };
}

function run(text: string, s: RunStyle): TextRun {
  return new TextRun({
    text,
    font: fontSlots(s.font),
    size: ptToHalfPoints(s.sizePt),
    sizeComplexScript: ptToHalfPoints(s.sizePt),
    ...(s.bold ? { bold: true } : {}),
    ...(s.color ? { color: s.color } : {}),
    ...(s.snapToGrid === false ? { snapToGrid: false } : { characterSpacing: BODY_CHARACTER_SPACING_TWIPS }),
  });
}

function inlineRuns(parts: readonly InlinePart[], s: RunStyle): TextRun[] {
  return parts.map((p) => run(p.text, p.kind === 'text' && p.bold ? { ...s, bold: true } : s));
}

const exact = (pt: number) => ({ line: ptToTwips(pt), lineRule: LineRuleType.EXACT });

const LABELS = {
  zh: { note: '注：', synthetic: '本期含合成演示数据，仅供演示，不作为正式统计数据使用。' },
  en: { note: 'Notes: ', synthetic: 'This issue contains synthetic demo data; not official statistics.' },
} as const;

// ---- 报头 -----------------------------------------------------------------------------------------------

function masthead(meta: ReportMeta, lineSpacingPt: number): Paragraph[] {
  const color = meta.redHeader ? MASTHEAD.red : MASTHEAD.black;
  const line: RunStyle = { font: MASTHEAD.lineFont, sizePt: MASTHEAD.lineSizePt };
  const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: MASTHEAD.ruleEighthsPt, color, space: 6 };
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact(MASTHEAD.titleSizePt * 1.5), after: ptToTwips(6) },
      children: [
        run(meta.title, {
          font: MASTHEAD.titleFont,
          sizePt: MASTHEAD.titleSizePt,
          color,
          snapToGrid: false,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(lineSpacingPt),
      children: [run(meta.issueLabel, line)],
    }),
    // The editor at the left margin and the date at the right one, over the rule (§7.2.7: 与版心等宽).
    new Paragraph({
      spacing: { ...exact(lineSpacingPt), after: ptToTwips(12) },
      tabStops: [{ type: TabStopType.RIGHT, position: mmToTwips(TYPE_AREA_MM.width) }],
      border: { bottom: rule },
      children: [
        run(meta.editor, line),
        new TextRun({ children: [new Tab()], font: fontSlots(line.font), size: ptToHalfPoints(line.sizePt) }),
        run(reportDateText(meta.date, meta.lang), line),
      ],
    }),
  ];
  if (meta.synthetic) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(NOTE.sizePt * 1.5),
        children: [run(LABELS[meta.lang].synthetic, { ...NOTE, snapToGrid: false })],
      }),
    );
  }
  if (meta.headline) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...exact(TITLE.sizePt * 1.5), before: ptToTwips(12), after: ptToTwips(12) },
        children: [run(meta.headline, { ...TITLE })],
      }),
    );
  }
  return out;
}

// ---- body ----------------------------------------------------------------------------------------------

function heading(b: HeadingBlock, lineSpacingPt: number): Paragraph {
  return new Paragraph({
    keepNext: true,
    keepLines: true,
    spacing: exact(lineSpacingPt),
    indent: { firstLine: ptToTwips(FIRST_LINE_INDENT_PT) },
    children: [run(`${b.number}${b.text}`, HEADING[b.level])],
  });
}

function bodyParagraph(parts: readonly InlinePart[], lineSpacingPt: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: exact(lineSpacingPt),
    indent: { firstLine: ptToTwips(FIRST_LINE_INDENT_PT) },
    children: inlineRuns(parts, BODY),
  });
}

function noteParagraphs(lines: readonly string[], lang: ReportMeta['lang']): Paragraph[] {
  const s: RunStyle = { ...NOTE, snapToGrid: false };
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: exact(NOTE.sizePt * 1.5),
        // Hanging indent so continuation lines align after '注：'.
        indent: { left: ptToTwips(NOTE.sizePt * 3), hanging: i === 0 ? ptToTwips(NOTE.sizePt * 3) : 0 },
        children: [run(i === 0 ? `${LABELS[lang].note}${line}` : line, s)],
      }),
  );
}

/** A column's width in twips: characters of the table font plus the cell padding, or millimetres. */
function columnTwips(c: ReportTableColumn): number {
  return 'chars' in c.width
    ? ptToTwips(c.width.chars * TABLE.sizePt) + 2 * mmToTwips(TABLE.cellPaddingMm)
    : mmToTwips(c.width.mm);
}

/** Column widths in twips; scaled down proportionally when they add up to more than the 版心 width. */
export function tableColumnWidths(columns: readonly ReportTableColumn[]): number[] {
  const raw = columns.map(columnTwips);
  const total = raw.reduce((a, b) => a + b, 0);
  const max = mmToTwips(TYPE_AREA_MM.width);
  if (total <= max) return raw;
  const scaled = raw.map((w) => Math.floor((w * max) / total));
  return scaled;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(children: TextRun[], widthTwips: number, align: keyof typeof ALIGN, columnSpan = 1): TableCell {
  const pad = mmToTwips(TABLE.cellPaddingMm);
  const vpad = mmToTwips(TABLE.cellPaddingVerticalMm);
  return new TableCell({
    // WPS lays a table out from its cells' widths, not from w:tblGrid: every cell carries its own.
    width: { size: widthTwips, type: WidthType.DXA },
    ...(columnSpan > 1 ? { columnSpan } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: pad, right: pad, top: vpad, bottom: vpad },
    children: [new Paragraph({ alignment: ALIGN[align], spacing: exact(TABLE.lineSpacingPt), children })],
  });
}

function table(b: ReportTableBlock, lang: ReportMeta['lang']): (Paragraph | Table)[] {
  const widths = tableColumnWidths(b.columns);
  const total = widths.reduce((a, c) => a + c, 0);
  const body: RunStyle = { font: TABLE.font, sizePt: TABLE.sizePt, snapToGrid: false };
  const head: RunStyle = { font: TABLE.headerFont, sizePt: TABLE.sizePt, snapToGrid: false };
  const headerRows: ReportTableHeaderCell[][] = b.headerRows ?? [b.columns.map((c) => ({ text: c.label }))];
  const repeat = b.repeatHeader ?? true;
  const rows: TableRow[] = headerRows.map((hr) => {
    let col = 0;
    return new TableRow({
      tableHeader: repeat,
      cantSplit: true,
      children: hr.map((h) => {
        const span = h.colSpan ?? 1;
        const w = widths.slice(col, col + span).reduce((a, c) => a + c, 0);
        col += span;
        return cell([run(h.text, head)], w, 'center', span);
      }),
    });
  });
  for (const r of b.rows) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: r.map((c, j) => cell(inlineRuns([c], body), widths[j]!, b.columns[j]!.align)),
      }),
    );
  }
  const line = { style: BorderStyle.SINGLE, size: TABLE.borderEighthsPt, color: '000000' };
  const out: (Paragraph | Table)[] = [];
  if (b.caption) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { ...exact(TABLE.captionSizePt * 1.6), before: ptToTwips(6) },
        children: [
          run(b.caption, { font: TABLE.captionFont, sizePt: TABLE.captionSizePt, snapToGrid: false }),
        ],
      }),
    );
  }
  out.push(
    new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: {
        top: line,
        bottom: line,
        left: line,
        right: line,
        insideHorizontal: line,
        insideVertical: line,
      },
      rows,
    }),
  );
  if (b.notes.length > 0) out.push(...noteParagraphs(b.notes, lang));
  return out;
}

function chart(b: ChartBlock, r: RenderedChart, options: Required<DocxOptions>): Paragraph[] {
  const transformation = { width: r.widthPx, height: r.heightPx };
  const image =
    options.chartImages === 'svg+png'
      ? new ImageRun({
          type: 'svg',
          data: Buffer.from(r.svg, 'utf8'),
          fallback: { type: 'png', data: r.png },
          transformation,
          altText: { name: b.chart.title, description: b.chart.title, title: b.chart.title },
        })
      : new ImageRun({
          type: 'png',
          data: r.png,
          transformation,
          altText: { name: b.chart.title, description: b.chart.title, title: b.chart.title },
        });
  // Single (auto) spacing: the body's exact line height would clip the picture to one line.
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: !!b.caption,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: ptToTwips(6) },
      children: [image],
    }),
  ];
  if (b.caption) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(TABLE.captionSizePt * 1.6),
        children: [
          run(b.caption, { font: TABLE.captionFont, sizePt: TABLE.captionSizePt, snapToGrid: false }),
        ],
      }),
    );
  }
  return out;
}

const CHART_SIZE = { widthMm: CHART.widthMm, heightMm: CHART.heightMm, scale: CHART.pngScale };

// ---- 页码 ------------------------------------------------------------------------------------------------

/** "— N —" in 宋体 4号, odd pages right and even pages left, one character in (§7.5). */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const s = {
    font: fontSlots(PAGE_NUMBER.font),
    size: ptToHalfPoints(PAGE_NUMBER.sizePt),
    snapToGrid: false,
  };
  const children: ParagraphChild[] = [
    new TextRun({ ...s, children: [`${PAGE_NUMBER.dash} `, PageNumber.CURRENT, ` ${PAGE_NUMBER.dash}`] }),
  ];
  const indent = ptToTwips(PAGE_NUMBER.indentPt);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: indent } : { left: indent },
        children,
      }),
    ],
  });
}

// ---- the document --------------------------------------------------------------------------------------

/** The .docx of a report document. Refuses a malformed document, naming every problem's block. */
export async function reportDocx(doc: ReportDocument, options: DocxOptions = {}): Promise<Buffer> {
  const problems = documentProblems(doc);
  if (problems.length > 0) {
    throw new Error(`report document is malformed: ${problems.join('; ')}`);
  }
  const opts: Required<DocxOptions> = {
    lineSpacingPt: options.lineSpacingPt ?? LINE_SPACING_PT,
    chartImages: options.chartImages ?? 'svg+png',
  };
  // Charts first, all at once (resvg runs them on the thread pool), then the document in order.
  const charts = new Map<ChartBlock, RenderedChart>();
  await Promise.all(
    doc.blocks.map(async (b) => {
      if (b.kind === 'chart') charts.set(b, await chartRender(b.chart, CHART_SIZE));
    }),
  );
  const children: (Paragraph | Table)[] = [...masthead(doc.meta, opts.lineSpacingPt)];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(heading(b, opts.lineSpacingPt));
        break;
      case 'paragraph':
        children.push(bodyParagraph(b.parts, opts.lineSpacingPt));
        break;
      case 'table':
        children.push(...table(b, doc.meta.lang));
        break;
      case 'chart':
        children.push(...chart(b, charts.get(b)!, opts));
        break;
      case 'pageBreak':
        children.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'note':
        children.push(...noteParagraphs(b.lines, doc.meta.lang));
        break;
    }
  }
  if (doc.meta.notes.length > 0) {
    children.push(new Paragraph({ spacing: exact(opts.lineSpacingPt), children: [] }));
    children.push(...noteParagraphs(doc.meta.notes, doc.meta.lang));
  }

  const document = new Document({
    creator: doc.meta.editor,
    title: doc.meta.title,
    description: doc.meta.issueLabel,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontSlots(BODY.font), size: ptToHalfPoints(BODY.sizePt) },
          paragraph: { spacing: exact(opts.lineSpacingPt) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mmToTwips(PAGE_MM.width), height: mmToTwips(PAGE_MM.height) },
            margin: {
              top: mmToTwips(MARGINS_MM.top),
              bottom: mmToTwips(MARGINS_MM.bottom),
              left: mmToTwips(MARGINS_MM.left),
              right: mmToTwips(MARGINS_MM.right),
              header: mmToTwips(15),
              footer: mmToTwips(PAGE_NUMBER.footerFromEdgeMm),
              gutter: 0,
            },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
