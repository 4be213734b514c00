// The report's typography: GB/T 9704-2012《党政机关公文格式》 as named constants, each with its unit and clause.
// A 季报 is a 内部刊物, not a 公文, but follows the 公文 page, grid and fonts so it prints like one. One place:
// the DOCX renderer reads these and nothing else.

/** Millimetres → twips (1/20 pt; 1 in = 25.4 mm = 1440 twips). 37 mm → 2097.6 → 2098. */
export function mmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Points → twips. */
export const ptToTwips = (pt: number): number => Math.round(pt * 20);

/** Points → OOXML half-points (w:sz), e.g. 三号 16 pt → 32. */
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);

/** §5.2.1 幅面尺寸: A4, 210 mm × 297 mm. */
export const PAGE_MM = { width: 210, height: 297 } as const;

/**
 * §5.2.2 版心尺寸 156 mm × 225 mm; 天头（上白边）37 mm, 订口（左白边）28 mm, so the bottom is 297−37−225 = 35 mm
 * and the right 210−28−156 = 26 mm.
 */
export const TYPE_AREA_MM = { width: 156, height: 225 } as const;
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;

/** §5.2.4 行数和字数: 一般每面排22行，每行排28个字，并撑满版心. */
export const GRID = { linesPerPage: 22, charsPerLine: 28 } as const;

/** Chinese font sizes (字号) in points, as Word and WPS define them. */
export const ZIHAO_PT = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;

/**
 * The 公文 fonts, named (never embedded): a reader's Word/WPS has them, and LibreOffice maps them through
 * fontconfig (fontconfig/65-ding-gongwen.conf) to Noto CJK / AR PL UKai so the PDF has no tofu.
 */
export const FONTS = {
  /** §5.2.3: 如无特殊说明，公文格式各要素一般用3号仿宋体字. */
  fangsong: '仿宋_GB2312',
  /** §7.3.1 标题 and §7.2.4 发文机关标志: 小标宋体字. */
  xiaobiaosong: '方正小标宋简体',
  /** §7.3.3 正文 结构层次序数 第一层 "一、" 用黑体字. */
  heiti: '黑体',
  /** §7.3.3 第二层 "（一）" 用楷体字. */
  kaiti: '楷体_GB2312',
  /** §7.5 页码: 4号半角宋体阿拉伯数字. */
  songti: '宋体',
} as const;

export type GongwenFont = (typeof FONTS)[keyof typeof FONTS];

/** §5.2.3 正文: 3号仿宋 (16 pt). */
export const BODY = { font: FONTS.fangsong, sizePt: ZIHAO_PT.三号 } as const;

/**
 * Line spacing, exact, in points. §5.2.4's 22 lines fill the 225 mm 版心: 225 mm = 637.8 pt / 22 = 28.99 pt.
 * 29 pt exactly would make 22 lines 638 pt, 0.2 pt more than the 版心, and Word then sets 21; 28.95 pt
 * (579 twips, the templates' figure) fits 22. Configurable (renderer option lineSpacingPt).
 */
export const LINE_SPACING_PT = 28.95;

/**
 * No document grid (w:docGrid) is written: Word templates use linesAndChars with linePitch 579 and charSpace
 * −848, but LibreOffice spreads characters out on such a grid (its PDF then had 17 characters a line and
 * twice the pages). Exact line spacing and the character spacing below give 22 × 28 in Word, WPS and
 * LibreOffice alike.
 */
/**
 * 28 characters a line without a character grid (LibreOffice spreads text out on a docGrid with charSpace):
 * 28 × 16 pt = 448 pt > 442.2 pt, so each character is condensed by (448 − 442.2) / 28 = 0.207 pt → w:spacing
 * −5 twentieths (−0.25 pt; −4 would leave 442.4 pt, over by 0.2 pt).
 */
export const BODY_CHARACTER_SPACING_TWIPS = -5;

/** §7.3.3 结构层次序数 "一、""（一）""1.": 第一层黑体, 第二层楷体, 第三层仿宋 (bold, as is common practice). */
export const HEADING = {
  1: { font: FONTS.heiti, sizePt: ZIHAO_PT.三号, bold: false },
  2: { font: FONTS.kaiti, sizePt: ZIHAO_PT.三号, bold: false },
  3: { font: FONTS.fangsong, sizePt: ZIHAO_PT.三号, bold: true },
} as const;

/** §7.3.1 标题: 2号小标宋体字, centred (the lead headline under the 报头). */
export const TITLE = { font: FONTS.xiaobiaosong, sizePt: ZIHAO_PT.二号 } as const;

/**
 * 报头 of a 内部刊物: the name in 小标宋 (§7.2.4 发文机关标志: 推荐使用小标宋体字，颜色为红色). The standard sets no
 * size for a 简报's name; 小初 (36 pt) is what 统计简报 mastheads use. 期数 centred below in 仿宋 三号, then one
 * line with the editor (left) and the date (right), then the rule (§7.2.7 版头中的分隔线: 与版心等宽的红色分隔线).
 */
export const MASTHEAD = {
  titleFont: FONTS.xiaobiaosong,
  titleSizePt: ZIHAO_PT.小初,
  lineFont: FONTS.fangsong,
  lineSizePt: ZIHAO_PT.三号,
  /** §7.2.4/§7.2.7: red (the 红头 variant). Hex RGB as OOXML writes it. */
  red: 'E60012',
  black: '000000',
  /** Rule thickness in eighths of a point (w:bdr w:sz): 12 = 1.5 pt. */
  ruleEighthsPt: 12,
} as const;

/**
 * §7.5 页码: 一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数字左右各放一条一字线；一字线上距版心下边缘
 * 7 mm。单页码居右空一字，双页码居左空一字. The footer's distance from the page edge: 35 − 7 mm to the top of the
 * number line, less its 14 pt height (4.9 mm) → 23 mm to its bottom (w:footer).
 */
export const PAGE_NUMBER = {
  font: FONTS.songti,
  sizePt: ZIHAO_PT.四号,
  /** The dashes either side: "— 1 —" (U+2014 EM DASH, a 一字线). */
  dash: '—',
  footerFromEdgeMm: 23,
  /** 空一字: one character of the number's own size, in points. */
  indentPt: ZIHAO_PT.四号,
} as const;

/**
 * Tables: 仿宋 五号 (10.5 pt; GB/T 9704 sets no table size, statistical bulletins print tables in 五号), exact
 * 14 pt lines: 156 mm = 442 pt holds 42 characters, enough for the 9-column 附表's headers on two lines.
 */
export const TABLE = {
  font: FONTS.fangsong,
  sizePt: ZIHAO_PT.五号,
  lineSpacingPt: 14,
  headerFont: FONTS.heiti,
  captionFont: FONTS.heiti,
  captionSizePt: ZIHAO_PT.四号,
  /** Cell margins left/right, in mm. */
  cellPaddingMm: 1,
  /** Cell margins top/bottom, in mm: air between the 14 pt lines of adjacent rows. */
  cellPaddingVerticalMm: 0.5,
  borderEighthsPt: 4,
} as const;

/** 注 lines under a table and at the end: 仿宋 4号 (a size down from the body, as statistical bulletins do). */
export const NOTE = { font: FONTS.fangsong, sizePt: ZIHAO_PT.四号 } as const;

/** Charts: the width of the 版心, a 16:9-ish height, rendered at 3× for print (96 px/in × 3 ≈ 288 dpi). */
export const CHART = { widthMm: TYPE_AREA_MM.width, heightMm: 85, pngScale: 3 } as const;

/** First-line indent of body paragraphs: 2 characters of the body size (中文排版惯例 首行缩进两字). */
export const FIRST_LINE_INDENT_PT = 2 * BODY.sizePt;
