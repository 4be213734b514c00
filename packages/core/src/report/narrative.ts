// The quarterly report's narrative engine: a published snapshot's progress rows → a ReportDocument of
// headings, sentences, tables and charts. Every printed number is a NumberPart naming its engine row and
// field, rounded as published (roundHalfAway), so a sentence traces like a screen card (issue 9 item 1).
import { roundHalfAway, roundedDifference } from '../engine/rounding.ts';
import type { ProgressRow } from '../engine/progress.ts';
import { periodOf, periodParse, type Period } from '../period.ts';
import type { Indicator, Plan } from '../plan/schema.ts';
import { regionChildrenOn, regionMembersOn, regionName } from '../regions.ts';
import { periodEndDate } from '../period.ts';
import type { RegionCode } from '../types.ts';
import {
  numberPart,
  textPart,
  type ChartSpec,
  type InlinePart,
  type NumberField,
  type ReportBlock,
  type ReportDocument,
  type ReportTableCell,
} from './document.ts';
import { trendChartSpec } from './chart-option.ts';
import { PHRASES, phraseFill, phraseText, reportIssueLabel, type Phrases } from './phrases.ts';
import { progressTabulator, TARGET_RULE_LABELS, VALUE_RULE_LABELS, type Lang } from './progress-table.ts';

export type ReportSection = 'overview' | 'indicators' | 'towns' | 'problems' | 'appendix';
export const REPORT_SECTIONS: readonly ReportSection[] = [
  'overview',
  'indicators',
  'towns',
  'problems',
  'appendix',
];

export type ReportMode =
  | { kind: 'full' }
  /** The one-page sheet of one indicator: value, target path chart, areas, towns, how it is computed. */
  | { kind: 'indicator'; indicator: string }
  /** A user-compiled report: chosen sections, limited to chosen indicators and towns. */
  | { kind: 'custom'; sections: ReportSection[]; indicators?: string[]; towns?: string[] };

export interface NarrativeInput {
  plan: Plan;
  period: Period;
  /** The engine's rows of `period` (progressCompute over the snapshot's observations). */
  rows: ProgressRow[];
  /** Rows of the period before (previous quarter; for Q1 and years the previous year-end) for 位次变化. */
  previousRows?: ProgressRow[];
  /** Year-end rows of earlier years (baseline … this year) for the target path charts. */
  yearRows?: ProgressRow[];
  snapshotId?: string;
  lang: Lang;
  mode: ReportMode;
  /**
   * 期数 of a full 季报: this year's issue number and the running total (总第N期). Sheets and custom
   * reports are not numbered issues: their masthead line names the period instead.
   */
  issue?: { number: number; total: number };
  /** Date of issue, YYYY-MM-DD. */
  date: string;
  redHeader?: boolean;
  /** How many observations of each vintage the snapshot holds (the 注's 快报/年报 line). */
  vintages?: { flash: number; annual: number; revised: number };
  /** Rewritten paragraphs by editableId (存在问题, 下步工作), plain text; a line break starts a paragraph. */
  edits?: Record<string, string>;
}

/**
 * A request the narrative cannot build, naming what is wrong (an unknown indicator, nothing published).
 * `subject` is the unknown indicator's or town's code as the request gave it, so a caller can word its own
 * message without parsing this one.
 */
export class NarrativeError extends Error {
  override readonly name = 'NarrativeError';
  constructor(
    readonly code: 'unknown_indicator' | 'unknown_region' | 'no_data',
    message: string,
    readonly subject?: string,
  ) {
    super(message);
  }
}

interface Ctx {
  input: NarrativeInput;
  p: Phrases;
  lang: Lang;
  plan: Plan;
  home: RegionCode;
  indicators: Map<string, Indicator>;
  row: (indicator: string, region: string) => ProgressRow | undefined;
  previous: (indicator: string, region: string) => ProgressRow | undefined;
  quarter: number | undefined;
  year: number;
  figure: number;
  table: number;
  /** Indicators already given a sentence (总体情况), so 分项指标 does not repeat them. */
  stated: Set<string>;
}

const key = (i: string, r: string) => `${i}\u0000${r}`;

export function reportBuild(input: NarrativeInput): ReportDocument {
  const { plan, lang } = input;
  const byKey = new Map(input.rows.map((r) => [key(r.indicator, r.region), r]));
  const prevByKey = new Map((input.previousRows ?? []).map((r) => [key(r.indicator, r.region), r]));
  const { year, quarter } = periodParse(input.period);
  const ctx: Ctx = {
    input,
    p: PHRASES[lang],
    lang,
    plan,
    home: plan.home as RegionCode,
    indicators: new Map(plan.indicators.map((i) => [i.code, i])),
    row: (i, r) => byKey.get(key(i, r)),
    previous: (i, r) => prevByKey.get(key(i, r)),
    quarter,
    year,
    figure: 0,
    table: 0,
    stated: new Set(),
  };
  if (!input.rows.some((r) => r.value)) {
    throw new NarrativeError('no_data', `nothing published for ${input.period}: no report can be written`);
  }
  const mode = input.mode;
  const wanted =
    mode.kind === 'indicator' ? [mode.indicator] : mode.kind === 'custom' ? mode.indicators : undefined;
  for (const code of wanted ?? []) {
    if (!ctx.indicators.has(code))
      throw new NarrativeError('unknown_indicator', `the plan has no indicator '${code}'`, code);
  }
  if (mode.kind === 'custom') {
    const known = new Set(plan.regions.map((r) => r.code));
    const unknown = mode.towns?.find((t) => !known.has(t));
    if (unknown) throw new NarrativeError('unknown_region', `the plan has no town '${unknown}'`, unknown);
  }

  const blocks: ReportBlock[] =
    mode.kind === 'indicator'
      ? indicatorSheet(ctx, ctx.indicators.get(mode.indicator)!)
      : fullReport(ctx, mode);
  const used = blocks.flatMap(blockRows(ctx));
  const synthetic = used.some((r) => r.value?.synthetic);
  const homeName = regionName(plan, ctx.home, lang);
  return {
    meta: {
      title: phraseText(ctx.p.title, { home: homeName }),
      issueLabel:
        mode.kind === 'full' && input.issue
          ? reportIssueLabel({ year, ...input.issue }, lang)
          : phraseText(ctx.p.issueUnnumbered, { year, period: periodPhrase(ctx) }),
      headline:
        mode.kind === 'indicator'
          ? phraseText(ctx.p.sheetTitle, {
              name: ctx.indicators.get(mode.indicator)!.name[lang],
              period: `${year}${lang === 'zh' ? '年' : ' '}${periodPhrase(ctx)}`,
            })
          : phraseText(ctx.p.headline, {
              // one line of 二号 holds 20 characters: a quarter's months say enough, the year is in the 报头
              period:
                ctx.quarter !== undefined && ctx.quarter < 4
                  ? periodPhrase(ctx)
                  : `${year}${ctx.lang === 'zh' ? '年' : ''}`,
              home: homeScopeShort(ctx),
            }),
      editor: phraseText(ctx.p.editor, { tabulator: progressTabulator(plan)[lang] }),
      date: input.date,
      ...(input.redHeader ? { redHeader: true } : {}),
      lang,
      synthetic,
      notes: endNotes(ctx, used, synthetic),
      ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
    },
    blocks,
  };
}

// ---- numbers ------------------------------------------------------------------------------------------

function num(ctx: Ctx, row: ProgressRow, field: NumberField, value: number, decimals: number, abs = true) {
  const shown = roundHalfAway(abs ? Math.abs(value) : value, decimals);
  return numberPart(shown.toFixed(decimals), value, source(ctx, row, field));
}

/**
 * A difference as published: it prints `printed` (the difference of the printed figures, roundedDifference)
 * and keeps the exact `value` for the trace — so "完成75.1%，超序时进度0.1个百分点" adds up against a printed
 * 75.0, where the rounded exact gap (0.01) would print 0.0 (docs/ARCHITECTURE.md, published figures).
 */
function gapNum(
  ctx: Ctx,
  row: ProgressRow,
  field: NumberField,
  gap: { value: number; printed: number },
  decimals: number,
  abs = true,
) {
  const shown = abs ? Math.abs(gap.printed) : gap.printed;
  return numberPart(shown.toFixed(decimals), gap.value, source(ctx, row, field));
}

/** A rate minus another (its target, the rate it must exceed): exact, and as the printed figures differ. */
const rateGap = (a: number, b: number, decimals: number) => ({
  value: a - b,
  printed: roundedDifference(a, b, decimals),
});

/** Percent YoY to 0.1; point changes to the indicator's decimals (as the progress table prints them). */
const yoyDecimals = (row: ProgressRow, ind: Indicator) => (row.yoy?.kind === 'pp' ? ind.decimals : 1);

function periodPhrase(ctx: Ctx): string {
  return ctx.p.periodQuarter(ctx.quarter ?? 4);
}

/** 全市（含前湾）, 市级（不含前湾）, 前湾, or a town's name: every sentence says which territory it is about. */
function scopeOf(ctx: Ctx, region: string): string {
  const { plan, lang, p } = ctx;
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === ctx.home);
  const part = complement
    ? complement.complementOf!.minus.map((m) => regionName(plan, m as RegionCode, lang))
    : [];
  if (region === ctx.home) {
    return part.length
      ? phraseText(p.scopeWhole, { part: part.join(p.listSep), home: regionName(plan, ctx.home, lang) })
      : regionName(plan, ctx.home, lang);
  }
  if (complement && region === complement.code) {
    return phraseText(p.scopeComplement, { name: complement.name[lang], part: part.join(p.listSep) });
  }
  return regionName(plan, region as RegionCode, lang);
}

/** The headline's short form: 全市 in Chinese (the 报头 names the county), the county's name in English. */
function homeScopeShort(ctx: Ctx): string {
  return ctx.lang === 'zh' ? '全市' : regionName(ctx.plan, ctx.home, 'en');
}

// ---- the sentence about one row --------------------------------------------------------------------------

/**
 * One sentence: time lead, scope and value, then YoY, completion, 序时进度, rank and rank change, each
 * present only when the row has it. Pattern of issue 9: "1—9月，全市技术交易额完成58.36亿元，同比增长12.3%，
 * 完成年度目标的79.9%，超序时进度4.9个百分点，居宁波各区县（市）第2位，比上季度提升1个位次。"
 */
function rowSentence(ctx: Ctx, row: ProgressRow): InlinePart[] {
  const ind = ctx.indicators.get(row.indicator)!;
  const { p } = ctx;
  if (!row.value) return [];
  const unit = p.unit(ind.unit);
  const lead = ind.measure === 'stock' ? p.periodStock(ctx.quarter) : periodPhrase(ctx);
  const valueTemplate =
    ind.measure === 'flow'
      ? p.valueFlow
      : ind.measure === 'stock'
        ? p.valueStock
        : ind.measure === 'growth'
          ? p.valueGrowth
          : p.valueLevel;
  const value = num(ctx, row, 'value', row.value.value, ind.decimals, false);
  const clauses: InlinePart[][] = [
    phraseFill(valueTemplate, {
      scope: scopeOf(ctx, row.region),
      name: nameInSentence(ind, ctx.lang),
      value,
      unit: ind.measure === 'growth' ? '' : unit,
    }),
  ];
  const yoy = yoyClause(ctx, row, ind);
  if (yoy) clauses.push(yoy);
  clauses.push(...judgementClauses(ctx, row, ind));
  const rank = rankClauses(ctx, row);
  clauses.push(...rank);
  const parts = phraseFill(p.leadToDate, { period: lead });
  clauses.forEach((c, i) => {
    if (i > 0) parts.push(textPart(p.clauseSep));
    parts.push(...c);
  });
  parts.push(textPart(p.sentenceEnd));
  return mergeText(parts);
}

/** An indicator's name inside an English sentence starts lower-case ("valid high-tech enterprises"), acronyms kept. */
function nameInSentence(ind: Indicator, lang: Lang): string {
  const name = ind.name[lang];
  if (lang === 'zh' || !/^[A-Z][a-z]/.test(name)) return name;
  return name[0]!.toLowerCase() + name.slice(1);
}

function yoyClause(ctx: Ctx, row: ProgressRow, ind: Indicator): InlinePart[] | undefined {
  const { p } = ctx;
  if (ind.measure === 'growth') return undefined; // a rate's sentence compares it with its target instead
  if (!row.yoy) return row.yoyNote && !row.yoyNote.adjusted ? [textPart(p.yoyBoundaryNone)] : undefined;
  const d = yoyDecimals(row, ind);
  const x = num(ctx, row, 'yoy', row.yoy.change, d);
  const shown = roundHalfAway(row.yoy.change, d);
  const points = row.yoy.kind === 'pp';
  const level = points && ind.unit !== '%';
  const template =
    shown === 0
      ? points
        ? p.yoyFlatPoints
        : p.yoyFlat
      : shown > 0
        ? level
          ? p.yoyUpLevel
          : points
            ? p.yoyUpPoints
            : p.yoyUp
        : level
          ? p.yoyDownLevel
          : points
            ? p.yoyDownPoints
            : p.yoyDown;
  const parts = phraseFill(template, { x, unit: p.unit(ind.unit) });
  if (row.yoyNote?.adjusted) parts.push(textPart(p.yoyComparable));
  return parts;
}

/** Completion and 序时进度 — or, for rates, the gap to the target rate or to the compared indicator. */
function judgementClauses(ctx: Ctx, row: ProgressRow, ind: Indicator): InlinePart[][] {
  const { p } = ctx;
  if (row.status === 'not_due') return [[textPart(p.notJudged)]];
  if (!row.target || !row.value) return [];
  if (ind.measure === 'growth') {
    if (row.target.rule === 'relative') {
      const t = ctx.plan.targets.find(
        (x) => x.type === 'relative_growth' && x.indicator === row.indicator && x.region === row.region,
      );
      const comparedCode = t?.type === 'relative_growth' ? t.exceeds : undefined;
      const compared = comparedCode ? ctx.row(comparedCode, row.region) : undefined;
      if (compared?.value && comparedCode) {
        const gap = rateGap(row.value.value, compared.value.value, ind.decimals);
        const x = gapNum(ctx, row, 'gapToCompared', gap, ind.decimals);
        const name = nameInSentence(ctx.indicators.get(comparedCode)!, ctx.lang);
        if (gap.printed !== 0)
          return [phraseFill(gap.printed > 0 ? p.aboveCompared : p.belowCompared, { compared: name, x })];
        return [];
      }
    }
    const gap = rateGap(row.value.value, row.target.value, ind.decimals);
    if (gap.printed === 0) return [];
    const x = gapNum(ctx, row, 'gapToTarget', gap, ind.decimals);
    return [phraseFill(gap.printed > 0 ? p.aboveTargetRate : p.belowTargetRate, { x })];
  }
  const out: InlinePart[][] = [];
  if (row.completion !== undefined) {
    out.push(phraseFill(p.completion, { x: num(ctx, row, 'completion', row.completion, 1, false) }));
  }
  // at year-end the schedule is the whole target: the completion says it all
  const gap = ctx.quarter !== undefined && ctx.quarter < 4 ? scheduleGap(row) : undefined;
  if (gap !== undefined) {
    // decided and printed on the same figure: a printed 0.0 is 与序时进度持平, never 超序时进度0.0
    out.push(
      gap.printed === 0
        ? [textPart(p.atExpected)]
        : phraseFill(gap.printed > 0 ? p.aheadOfExpected : p.behindExpected, {
            x: gapNum(ctx, row, 'gapToExpected', gap, 1),
          }),
    );
  }
  return out;
}

/**
 * 序时进度差 in percentage points: completion − the share of the annual target due by now. `printed` is
 * the difference of the two printed figures (each to 0.1), so "完成79.9%，超序时进度4.9个百分点" adds up
 * against a printed 75.0 — the value the number part keeps is the exact one.
 */
function scheduleGap(row: ProgressRow): { value: number; printed: number } | undefined {
  if (row.completion === undefined || !row.expected || row.target?.comparator === '<=') return undefined;
  return {
    value: row.completion - row.expected.shareOfTarget,
    printed: roundedDifference(row.completion, row.expected.shareOfTarget, 1),
  };
}

/** "居宁波各区县（市）第2位" / "并列第2位", then the change since the previous period. */
function rankClauses(ctx: Ctx, row: ProgressRow): InlinePart[][] {
  const { p, plan } = ctx;
  if (!row.rank) return [];
  const set = plan.peerSets.find((s) => s.code === row.rank!.peerSet);
  const tied = ctx.input.rows.some(
    (r) =>
      r.indicator === row.indicator &&
      r.region !== row.region &&
      r.rank?.peerSet === row.rank!.peerSet &&
      r.rank.rank === row.rank!.rank,
  );
  const x = num(ctx, row, 'rank', row.rank.rank, 0);
  const out = [phraseFill(tied ? p.rankTied : p.rank, { set: set?.name[ctx.lang] ?? row.rank.peerSet, x })];
  const change = rankChange(ctx, row);
  if (change !== undefined) {
    const previous = previousLabel(ctx);
    const y = num(ctx, row, 'rankChange', change, 0);
    out.push(
      change === 0
        ? phraseFill(p.rankSame, { previous })
        : phraseFill(change > 0 ? p.rankUp : p.rankDown, { x: y, previous }),
    );
  }
  return out;
}

/** Places gained since the previous period (+ up, − down), in the same peer set; undefined without one. */
function rankChange(ctx: Ctx, row: ProgressRow): number | undefined {
  const before = ctx.previous(row.indicator, row.region)?.rank;
  if (!row.rank || !before || before.peerSet !== row.rank.peerSet) return undefined;
  return before.rank - row.rank.rank;
}

function previousLabel(ctx: Ctx): string {
  if (ctx.quarter === undefined) return ctx.p.previousYear;
  return ctx.quarter === 1 ? ctx.p.previousYearEnd : ctx.p.previousQuarter;
}

function mergeText(parts: InlinePart[]): InlinePart[] {
  const out: InlinePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.kind === 'text' && !part.bold && last?.kind === 'text' && !last.bold) {
      out[out.length - 1] = textPart(last.text + part.text);
    } else if (part.kind !== 'text' || part.text) out.push(part);
  }
  return out;
}

// ---- the full report ---------------------------------------------------------------------------------------

const SECTION_NUMBERS = ['一、', '二、', '三、', '四、', '五、', '六、', '七、'];
const SECTION_NUMBERS_EN = ['1. ', '2. ', '3. ', '4. ', '5. ', '6. ', '7. '];
const SUB_NUMBERS = [
  '（一）',
  '（二）',
  '（三）',
  '（四）',
  '（五）',
  '（六）',
  '（七）',
  '（八）',
  '（九）',
  '（十）',
];

function fullReport(ctx: Ctx, mode: Extract<ReportMode, { kind: 'full' | 'custom' }>): ReportBlock[] {
  const sections =
    mode.kind === 'full' ? REPORT_SECTIONS : REPORT_SECTIONS.filter((s) => mode.sections.includes(s));
  const only = mode.kind === 'custom' && mode.indicators ? new Set(mode.indicators) : undefined;
  const towns = mode.kind === 'custom' ? mode.towns : undefined;
  const reportable = ctx.plan.indicators.filter((i) => !i.component && (!only || only.has(i.code)));
  const blocks: ReportBlock[] = [];
  let n = 0;
  const heading = (s: ReportSection | 'nextSteps') => {
    const numbers = ctx.lang === 'zh' ? SECTION_NUMBERS : SECTION_NUMBERS_EN;
    blocks.push({ kind: 'heading', level: 1, number: numbers[n++]!, text: ctx.p.sections[s] });
  };
  for (const s of sections) {
    const body = sectionBlocks(ctx, s, reportable, towns);
    if (body.length === 0) continue;
    if (s === 'appendix') blocks.push({ kind: 'pageBreak' });
    heading(s);
    blocks.push(...body);
    if (s === 'problems') {
      heading('nextSteps');
      blocks.push(...nextSteps(ctx, reportable));
    }
  }
  return blocks;
}

function sectionBlocks(ctx: Ctx, s: ReportSection, inds: Indicator[], towns?: string[]): ReportBlock[] {
  switch (s) {
    case 'overview':
      return overview(ctx, inds);
    case 'indicators':
      return byAction(ctx, inds);
    case 'towns':
      return townSection(ctx, inds, towns);
    case 'problems':
      return problems(ctx, inds);
    case 'appendix':
      return [appendix(ctx, inds)];
  }
}

const para = (parts: InlinePart[], editableId?: string): ReportBlock => ({
  kind: 'paragraph',
  parts,
  ...(editableId ? { editableId } : {}),
});

/** 一、总体情况: how the core indicators stand, a sentence for each of up to five of them, the chart. */
function overview(ctx: Ctx, inds: Indicator[]): ReportBlock[] {
  const core = inds.filter((i) => i.core);
  const rows = core.map((i) => ctx.row(i.code, ctx.home)).filter((r): r is ProgressRow => !!r?.value);
  if (rows.length === 0) return [];
  const count = (pred: (r: ProgressRow) => boolean) => countPart(ctx, '*core', rows.filter(pred).length);
  // the parts add up to the total: indicators not judged this period — annual ones before year-end, those
  // without a target, those with a target but no 序时进度 to judge by (engine status no_target) — get a
  // clause each when there are any
  const unjudged = (r: ProgressRow) => r.status === 'no_target' || r.status === 'no_data';
  const rest: InlinePart[] = (
    [
      [ctx.p.overviewNotDue, (r) => r.status === 'not_due'],
      [ctx.p.overviewNoTarget, (r) => unjudged(r) && !r.target],
      [ctx.p.overviewNoSchedule, (r) => unjudged(r) && !!r.target],
    ] as const satisfies readonly (readonly [string, (r: ProgressRow) => boolean])[]
  ).flatMap(([template, pred]) => {
    const n = rows.filter(pred).length;
    return n ? phraseFill(template, { n: countPart(ctx, '*core', n) }) : [];
  });
  const summary = phraseFill(ctx.p.overviewSummary, {
    period: periodPhrase(ctx),
    scope: scopeOf(ctx, ctx.home),
    total: count(() => true),
    met: count((r) => r.status === 'met'),
    onTrack: count((r) => r.status === 'on_track'),
    behind: count((r) => r.status === 'watch' || r.status === 'behind'),
    rest,
  });
  const blocks: ReportBlock[] = [para(summary)];
  for (const r of rows.slice(0, 5)) {
    blocks.push(para(rowSentence(ctx, r)));
    ctx.stated.add(r.indicator); // 分项指标 does not repeat it
  }
  const chart = completionChart(ctx, rows);
  if (chart) blocks.push(chart);
  return blocks;
}

function completionChart(ctx: Ctx, rows: ProgressRow[]): ReportBlock | undefined {
  const judged = rows.filter((r) => r.completion !== undefined && r.expected && r.status !== 'not_due');
  if (judged.length === 0) return undefined;
  const period = periodPhrase(ctx);
  const chart: ChartSpec = {
    kind: 'bar',
    title: '',
    categories: judged.map((r) => ctx.indicators.get(r.indicator)!.name[ctx.lang]),
    series: [
      {
        name: ctx.p.chartCompletionSeries,
        unit: '%',
        data: judged.map((r) => roundHalfAway(r.completion!, 1)),
        sources: judged.map((r) => source(ctx, r, 'completion')),
      },
      {
        name: ctx.p.chartExpectedSeries,
        unit: '%',
        data: judged.map((r) => roundHalfAway(r.expected!.shareOfTarget, 1)),
        sources: judged.map((r) => source(ctx, r, 'expectedShare')),
      },
    ],
    decimals: 1,
  };
  return { kind: 'chart', chart, caption: phraseText(ctx.p.chartCompletion, { n: ++ctx.figure, period }) };
}

/** A count over rows ("3项未达序时进度"): its source names the indicator ('*core' for the core set) and the county. */
function countPart(ctx: Ctx, indicator: string, n: number) {
  return numberPart(
    String(n),
    n,
    source(ctx, { indicator, region: ctx.home, period: ctx.input.period }, 'count'),
  );
}

function source(ctx: Ctx, r: { indicator: string; region: string; period: string }, field: NumberField) {
  return {
    indicator: r.indicator,
    region: r.region,
    period: r.period,
    field,
    ...(ctx.input.snapshotId ? { snapshotId: ctx.input.snapshotId } : {}),
  };
}

/** 二、分项指标: one subsection per action of the plan (研发投入, 企业主体 …), a sentence per indicator. */
function byAction(ctx: Ctx, inds: Indicator[]): ReportBlock[] {
  const allowed = new Set(inds.map((i) => i.code));
  const seen = new Set<string>(ctx.stated);
  const blocks: ReportBlock[] = [];
  let sub = 0;
  for (const action of ctx.plan.actions) {
    const codes = action.tasks.flatMap((t) => t.indicators).filter((c) => allowed.has(c) && !seen.has(c));
    const sentences = [...new Set(codes)]
      .map((c) => ctx.row(c, ctx.home))
      .filter((r): r is ProgressRow => !!r?.value)
      .map((r) => (seen.add(r.indicator), rowSentence(ctx, r)));
    if (sentences.length === 0) continue;
    blocks.push({
      kind: 'heading',
      level: 2,
      number: ctx.lang === 'zh' ? SUB_NUMBERS[sub]! : `(${sub + 1}) `,
      text: action.name[ctx.lang],
    });
    sub++;
    for (const s of sentences) blocks.push(para(s));
  }
  // indicators no action names (or a plan without actions) still get their sentences, last
  const rest = inds
    .filter((i) => !seen.has(i.code))
    .map((i) => ctx.row(i.code, ctx.home))
    .filter((r): r is ProgressRow => !!r?.value);
  if (rest.length && ctx.plan.actions.length) {
    blocks.push({
      kind: 'heading',
      level: 2,
      number: ctx.lang === 'zh' ? SUB_NUMBERS[sub]! : `(${sub + 1}) `,
      text: ctx.p.otherIndicators,
    });
  }
  for (const r of rest) blocks.push(para(rowSentence(ctx, r)));
  return blocks;
}

/** The towns of the home county valid on the period's end date, optionally limited to a chosen few. */
function townsOf(ctx: Ctx, only?: string[]): RegionCode[] {
  const all = regionChildrenOn(ctx.plan, ctx.home, periodEndDate(ctx.input.period));
  return only ? all.filter((t) => only.includes(t)) : all;
}

/** How many places the towns' top list covers (the townsTop phrase says 前三位). */
const TOWNS_TOP = 3;

/** 三、镇（街道）情况: the ranking table, top three, the towns behind schedule, the largest rank moves. */
function townSection(ctx: Ctx, inds: Indicator[], only?: string[]): ReportBlock[] {
  const towns = townsOf(ctx, only);
  const withTowns = inds.filter((i) => i.core && towns.some((t) => ctx.row(i.code, t)?.value)).slice(0, 4);
  if (withTowns.length === 0) return [];
  const { p, lang } = ctx;
  const blocks: ReportBlock[] = [];
  const townName = (t: string) => regionName(ctx.plan, t as RegionCode, lang);
  for (const ind of withTowns) {
    // 居前三位 is the engine's ranking (figures as printed, ties sharing a place, so it agrees with the
    // town table); where the engine withholds ranks (too few towns reported, rankNote) there is no list.
    const top = towns
      .map((t) => ctx.row(ind.code, t))
      .filter((r): r is ProgressRow => !!r?.value && !!r.rank && r.rank.rank <= TOWNS_TOP)
      .sort((a, b) => a.rank!.rank - b.rank!.rank);
    if (top.length) {
      const list: InlinePart[] = [];
      top.forEach((r, i) => {
        if (i > 0) list.push(textPart(p.listSep));
        list.push(
          ...phraseFill(p.townsTopItem, {
            town: townName(r.region),
            value: num(ctx, r, 'value', r.value!.value, ind.decimals, false),
            unit: ind.measure === 'growth' ? '%' : p.unit(ind.unit),
          }),
        );
      });
      blocks.push(para(mergeText(phraseFill(p.townsTop, { name: ind.name[lang], list }))));
    }
    const moves = towns
      .map((t) => ctx.row(ind.code, t))
      .filter((r): r is ProgressRow => !!r)
      .map((r) => ({ r, change: rankChange(ctx, r) }))
      .filter(
        // a move of one place is noise in a list of 20; 位次变化较大 starts at two
        (m): m is { r: ProgressRow; change: number } => m.change !== undefined && Math.abs(m.change) >= 2,
      );
    for (const [template, sign] of [
      [p.townsRisers, 1],
      [p.townsFallers, -1],
    ] as const) {
      const picked = moves
        .filter((m) => Math.sign(m.change) === sign)
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
        .slice(0, 3);
      if (picked.length === 0) continue;
      const items: InlinePart[] = [];
      picked.forEach((m, i) => {
        if (i > 0) items.push(textPart(p.listSep));
        items.push(
          ...phraseFill(p.townsRankItem, {
            town: townName(m.r.region),
            x: num(ctx, m.r, 'rankChange', m.change, 0),
          }),
        );
      });
      blocks.push(
        para(
          mergeText(
            phraseFill(template, { name: ind.name[lang], previous: previousLabel(ctx), list: items }),
          ),
        ),
      );
    }
  }
  blocks.push(...townsBehind(ctx, withTowns, towns));
  blocks.push(townTable(ctx, withTowns, towns));
  const first = withTowns[0]!;
  const values = towns.map((t) => ctx.row(first.code, t));
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'bar',
      title: '',
      categories: towns.map(townName),
      series: [
        {
          name: first.name[lang],
          unit: first.unit,
          data: values.map((r) => (r?.value ? roundHalfAway(r.value.value, first.decimals) : null)),
          sources: values.map((r) => (r?.value ? source(ctx, r, 'value') : null)),
        },
      ],
      decimals: first.decimals,
    },
    caption: phraseText(p.chartTowns, { n: ++ctx.figure, period: periodPhrase(ctx), name: first.name[lang] }),
  });
  return blocks;
}

function townsBehind(ctx: Ctx, inds: Indicator[], towns: RegionCode[]): ReportBlock[] {
  const { p, lang } = ctx;
  const withTarget = towns.some((t) => inds.some((i) => ctx.row(i.code, t)?.target));
  if (!withTarget) return [para([textPart(p.townsNoTargets)])];
  const out: ReportBlock[] = [];
  for (const ind of inds) {
    const behind = towns
      .map((t) => ctx.row(ind.code, t))
      .filter((r): r is ProgressRow => r?.status === 'behind' || r?.status === 'watch');
    if (behind.length === 0) continue;
    const n = countPart(ctx, ind.code, behind.length);
    const list = behind.map((r) => regionName(ctx.plan, r.region as RegionCode, lang)).join(p.listSep);
    out.push(para(phraseFill(p.townsBehind, { name: ind.name[lang], n, list })));
  }
  return out.length ? out : [para([textPart(p.townsAllOnTrack)])];
}

function townTable(ctx: Ctx, inds: Indicator[], towns: RegionCode[]): ReportBlock {
  const { p, lang } = ctx;
  const dash: ReportTableCell = textPart('—');
  const rows = towns.map((t): ReportTableCell[] => [
    textPart(regionName(ctx.plan, t, lang)),
    ...inds.flatMap((ind): ReportTableCell[] => {
      const r = ctx.row(ind.code, t);
      return [
        r?.value ? num(ctx, r, 'value', r.value.value, ind.decimals, false) : dash,
        r?.rank ? num(ctx, r, 'rank', r.rank.rank, 0) : dash,
      ];
    }),
  ]);
  return {
    kind: 'table',
    caption: phraseText(p.townsTableCaption, { n: ++ctx.table, period: periodPhrase(ctx) }),
    columns: [
      { label: p.townColumn, width: { chars: 6 }, align: 'left' },
      ...inds.flatMap((ind) => [
        { label: ind.unit, width: { chars: 4 }, align: 'right' as const },
        { label: p.rankColumn, width: { chars: 3 }, align: 'right' as const },
      ]),
    ],
    headerRows: [
      [{ text: p.townColumn }, ...inds.map((ind) => ({ text: ind.name[lang], colSpan: 2 }))],
      [
        { text: '' },
        ...inds.flatMap((ind) => [
          { text: ind.measure === 'growth' ? '%' : ind.unit },
          { text: p.rankColumn },
        ]),
      ],
    ],
    rows,
    notes: inds.flatMap((i) => {
      const note = towns.map((t) => ctx.row(i.code, t)?.rankNote).find(Boolean);
      return note ? [`${i.name[lang]}${lang === 'zh' ? '：' : ': '}${note.explanation[lang]}`] : [];
    }),
  };
}

/** 五、存在问题: drafted from laggards, declines and trends short of the final target; editable. */
function problems(ctx: Ctx, inds: Indicator[]): ReportBlock[] {
  const { p, lang } = ctx;
  const items: InlinePart[][] = [];
  const ordinal = () => p.ordinals[items.length] ?? String(items.length + 1);
  const rows = inds.map((i) => ctx.row(i.code, ctx.home)).filter((r): r is ProgressRow => !!r?.value);
  const core = (r: ProgressRow) => ctx.indicators.get(r.indicator)!.core;
  // core indicators first: they are the plan's headline commitments
  const ordered = [...rows.filter(core), ...rows.filter((r) => !core(r))];
  for (const r of ordered) {
    const ind = ctx.indicators.get(r.indicator)!;
    const gap = scheduleGap(r);
    if ((r.status === 'behind' || r.status === 'watch') && gap && gap.printed < 0) {
      const yearEnd = ctx.quarter === undefined || ctx.quarter === 4;
      items.push(
        phraseFill(yearEnd ? p.problemShortOfTarget : p.problemBehind, {
          ordinal: ordinal(),
          scope: scopeOf(ctx, r.region),
          name: ind.name[lang],
          completion: num(ctx, r, 'completion', r.completion!, 1, false),
          gap: gapNum(ctx, r, 'gapToExpected', gap, 1),
        }),
      );
    }
  }
  for (const r of ordered) {
    const ind = ctx.indicators.get(r.indicator)!;
    if (r.yoy?.kind === 'percent' && roundHalfAway(r.yoy.change, 1) < 0) {
      items.push(
        phraseFill(p.problemDecline, {
          ordinal: ordinal(),
          scope: scopeOf(ctx, r.region),
          name: ind.name[lang],
          x: num(ctx, r, 'yoy', r.yoy.change, 1),
        }),
      );
    }
  }
  for (const r of ordered.filter(core)) {
    const ind = ctx.indicators.get(r.indicator)!;
    const final = r.target?.finalValue;
    if (
      r.projection &&
      !r.projection.willMeet &&
      final !== undefined &&
      r.requiredGrowth &&
      !r.requiredGrowth.met
    ) {
      const g = r.requiredGrowth;
      items.push(
        phraseFill(p.problemTrend, {
          ordinal: ordinal(),
          scope: scopeOf(ctx, r.region),
          name: ind.name[lang],
          year: String(r.projection.year),
          projection: num(ctx, r, 'projection', r.projection.value, ind.decimals, false),
          unit: p.unit(ind.unit),
          target: num(ctx, r, 'finalTarget', final, ind.decimals, false),
          // a rate grows (增长 %), a share rises (提高 个百分点), a level increases (增加 件/万人)
          rise: p.rise[g.kind === 'percent' ? 'growth' : ind.unit === '%' ? 'points' : 'level'],
          growth: num(ctx, r, 'requiredGrowth', g.value, g.kind === 'pp' ? 2 : 1, false),
          growthUnit: g.kind === 'percent' ? '%' : ind.unit === '%' ? p.points : p.unit(ind.unit),
        }),
      );
    }
  }
  for (const r of ordered) {
    const ind = ctx.indicators.get(r.indicator)!;
    const c = r.cumulative;
    if (c && c.willMeet === false) {
      items.push(
        phraseFill(p.problemCumulative, {
          ordinal: ordinal(),
          scope: scopeOf(ctx, r.region),
          name: ind.name[lang],
          done: num(ctx, r, 'cumulativeDone', c.done, ind.decimals, false),
          unit: p.unit(ind.unit),
          from: String(c.from),
          to: String(c.to),
          target: num(ctx, r, 'cumulativeTarget', c.target, ind.decimals, false),
          share: num(ctx, r, 'cumulativeShare', c.share, 1, false),
        }),
      );
    }
  }
  if (items.length === 0) return editable(ctx, 'problems.1', [textPart(p.problemsNone)]);
  return items.flatMap((parts, i) => editable(ctx, `problems.${i + 1}`, mergeText(parts)));
}

/**
 * An editable paragraph: the user's text when they rewrote it (plain text, no longer traced). An edit of
 * several lines is several paragraphs (a DOCX paragraph is one w:p; a line break inside one w:t is lost),
 * each with the same editableId; blank lines are dropped.
 */
function editable(ctx: Ctx, id: string, drafted: InlinePart[]): ReportBlock[] {
  const edit = ctx.input.edits?.[id];
  if (edit === undefined) return [para(drafted, id)];
  const lines = edit
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.length ? lines : ['']).map((line) => para([textPart(line)], id));
}

function nextSteps(ctx: Ctx, inds: Indicator[]): ReportBlock[] {
  const { p, lang } = ctx;
  const behind = inds.filter((i) => {
    const r = ctx.row(i.code, ctx.home);
    return r?.status === 'behind' || r?.status === 'watch';
  });
  const names = behind.slice(0, 4).map((i) => (lang === 'zh' ? i.name.zh : i.name.en));
  const text = names.length ? phraseText(p.nextStepsDraft, { list: names.join(p.listSep) }) : p.nextStepsNone;
  return editable(ctx, 'nextSteps', [textPart(text)]);
}

/** 附表: 指标 | 单位 | 本期值 | 同比% | 年度目标 | 完成率% | 序时进度差（百分点）| {peer set}位次 | 位次变化. */
function appendix(ctx: Ctx, inds: Indicator[]): ReportBlock {
  const { p, lang } = ctx;
  const dash: ReportTableCell = textPart('—');
  const rows: ReportTableCell[][] = [];
  const homeRows: ProgressRow[] = [];
  for (const ind of inds) {
    const r = ctx.row(ind.code, ctx.home);
    if (!r?.value) continue;
    homeRows.push(r);
    const gap = scheduleGap(r);
    const change = rankChange(ctx, r);
    const growthGap =
      ind.measure === 'growth' && r.target && r.status !== 'not_due'
        ? gapNum(
            ctx,
            r,
            'gapToTarget',
            rateGap(r.value.value, r.target.value, ind.decimals),
            ind.decimals,
            false,
          )
        : undefined;
    rows.push([
      textPart(ind.name[lang]),
      textPart(ind.unit),
      num(ctx, r, 'value', r.value.value, ind.decimals, false),
      r.yoy ? num(ctx, r, 'yoy', r.yoy.change, yoyDecimals(r, ind), false) : dash,
      r.target && r.status !== 'not_due' ? num(ctx, r, 'target', r.target.value, ind.decimals, false) : dash,
      r.completion !== undefined && r.status !== 'not_due' && ind.measure !== 'growth'
        ? num(ctx, r, 'completion', r.completion, 1, false)
        : dash,
      gap && r.status !== 'not_due' ? gapNum(ctx, r, 'gapToExpected', gap, 1, false) : (growthGap ?? dash),
      r.rank ? num(ctx, r, 'rank', r.rank.rank, 0) : dash,
      change !== undefined ? num(ctx, r, 'rankChange', change, 0, false) : dash,
    ]);
  }
  const widths = [12, 4, 5, 4, 5, 4, 5, 3, 3];
  // the 位次 column names the peer set the county is ranked in (宁波各区县（市）位次), the plan's own
  const peerSets = new Set(homeRows.flatMap((r) => (r.rank ? [r.rank.peerSet] : [])));
  const set = peerSets.size === 1 ? ctx.plan.peerSets.find((s) => peerSets.has(s.code)) : undefined;
  const peerSetName = set ? phraseText(p.appendixRankSet, { name: set.name[lang] }) : '';
  return {
    kind: 'table',
    caption: phraseText(p.appendixCaption, {
      period: `${ctx.year}${lang === 'zh' ? '年' : ' '}${periodPhrase(ctx)}`,
      home: homeScopeShort(ctx),
    }),
    columns: p.appendixColumns.map((label, i) => ({
      label: phraseText(label, { set: peerSetName }),
      width: { chars: widths[i]! },
      align: i < 2 ? ('left' as const) : ('right' as const),
    })),
    rows,
    notes: [...p.appendixNotes, phraseText(p.appendixScope, { scope: scopeOf(ctx, ctx.home) })],
    repeatHeader: true,
  };
}

// ---- the one-page indicator sheet -----------------------------------------------------------------------

function indicatorSheet(ctx: Ctx, ind: Indicator): ReportBlock[] {
  const { p, lang, plan } = ctx;
  const home = ctx.row(ind.code, ctx.home);
  const blocks: ReportBlock[] = [];
  if (home?.value) blocks.push(para(rowSentence(ctx, home)));
  const groups = plan.regionGroups.map((g) => g.code).filter((g) => ctx.row(ind.code, g)?.value);
  if (groups.length) {
    blocks.push({
      kind: 'heading',
      level: 2,
      number: lang === 'zh' ? '（一）' : '(1) ',
      text: p.sheetRegions,
    });
    for (const g of groups) blocks.push(para(rowSentence(ctx, ctx.row(ind.code, g)!)));
  }
  const path = targetPathChart(ctx, ind);
  if (path) blocks.push(path);
  const towns = townsOf(ctx);
  if (towns.some((t) => ctx.row(ind.code, t)?.value)) blocks.push(townTable(ctx, [ind], towns));
  if (home?.value) {
    const trace = phraseText(p.sheetTrace, {
      valueRule: VALUE_RULE_LABELS[home.value.rule][lang],
      target: home.target
        ? `${TARGET_RULE_LABELS[home.target.rule][lang]}：${home.target.explanation[lang]}`
        : '—',
      expected: home.expected?.explanation[lang] ?? '—',
      n: home.value.observationIds.length,
    });
    blocks.push({ kind: 'note', lines: [trace] });
  }
  return blocks;
}

/** Actuals against the target path, plan years to this one — the screens' trend chart (trendChartSpec). */
function targetPathChart(ctx: Ctx, ind: Indicator): ReportBlock | undefined {
  const years: number[] = [];
  for (let y = ctx.plan.baselineYear; y <= ctx.plan.targetYear; y++) years.push(y);
  const yearRow = (y: number) =>
    y === ctx.year && ctx.quarter === undefined
      ? ctx.row(ind.code, ctx.home)
      : ctx.input.yearRows?.find(
          (r) => r.indicator === ind.code && r.region === ctx.home && r.period === periodOf(y),
        );
  const rows = years.map((y) => (y <= ctx.year ? yearRow(y) : undefined));
  if (rows.filter((r) => r?.value).length < 2) return undefined;
  const round = (x: number | undefined) => (x === undefined ? null : roundHalfAway(x, ind.decimals));
  const chart = trendChartSpec({
    points: years.map((year, i) => ({
      year,
      actual: round(rows[i]?.value?.value),
      target: round(rows[i]?.target?.value),
    })),
    unit: ind.unit,
    decimals: ind.decimals,
    labels: { actual: ctx.p.chartPathActual, target: ctx.p.chartPathTarget },
    sources: {
      actual: rows.map((r) => (r?.value ? source(ctx, r, 'value') : null)),
      target: rows.map((r) => (r?.target ? source(ctx, r, 'target') : null)),
    },
  });
  return {
    kind: 'chart',
    chart,
    caption: phraseText(ctx.p.chartPath, { n: ++ctx.figure, name: ind.name[ctx.lang] }),
  };
}

// ---- the 注 -----------------------------------------------------------------------------------------------

/** The engine rows a block prints numbers of (for the synthetic flag and the sources note). */
function blockRows(ctx: Ctx) {
  return (b: ReportBlock): ProgressRow[] => {
    const keys: { indicator: string; region: string }[] = [];
    if (b.kind === 'paragraph')
      for (const part of b.parts) if (part.kind === 'number') keys.push(part.source);
    if (b.kind === 'table')
      for (const row of b.rows) for (const c of row) if (c.kind === 'number') keys.push(c.source);
    if (b.kind === 'chart')
      for (const s of b.chart.series) for (const src of s.sources ?? []) if (src) keys.push(src);
    return keys.map((k) => ctx.row(k.indicator, k.region)).filter((r): r is ProgressRow => !!r);
  };
}

function endNotes(ctx: Ctx, used: ProgressRow[], synthetic: boolean): string[] {
  const { p, plan, lang } = ctx;
  const notes: string[] = [];
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === ctx.home);
  if (complement) {
    const minus = complement.complementOf!.minus;
    const part = minus.map((m) => regionName(plan, m as RegionCode, lang)).join(p.listSep);
    const members = minus
      .flatMap((m) => regionMembersOn(plan, m as RegionCode, periodEndDate(ctx.input.period)))
      .map((m) => regionName(plan, m, lang))
      .join(p.listSep);
    notes.push(
      phraseText(p.noteScope, {
        part,
        home: regionName(plan, ctx.home, lang),
        complement: complement.name[lang],
        members,
      }),
    );
  }
  const departments = new Map(plan.departments.map((d) => [d.code, d.name[lang]]));
  const sources = new Set<string>();
  for (const r of used) {
    const ind = ctx.indicators.get(r.indicator)!;
    const dep = ind.sourceDepartment ?? ind.leadUnits[0];
    if (dep && departments.has(dep)) sources.add(departments.get(dep)!);
  }
  if (sources.size) notes.push(phraseText(p.noteSources, { list: [...sources].join(p.listSep) }));
  if (ctx.input.vintages) notes.push(phraseText(p.noteVintage, ctx.input.vintages));
  const boundary = [
    ...new Set(used.filter((r) => r.yoyNote).map((r) => regionName(plan, r.region as RegionCode, lang))),
  ];
  if (boundary.length) notes.push(phraseText(p.noteBoundary, { list: boundary.join(p.listSep) }));
  if (synthetic) notes.push(p.noteSynthetic);
  return notes;
}

/**
 * The engine's value behind a printed number: what `field` of `row` is. A report's numbers are checked
 * against this (tests) and a reader's trace starts from it. Undefined for fields that are not one row's
 * (counts over rows, gaps to another indicator) or that the row does not have.
 */
export function reportNumberValue(
  row: ProgressRow,
  field: NumberField,
  previous?: ProgressRow,
): number | undefined {
  switch (field) {
    case 'value':
      return row.value?.value;
    case 'lastYear':
      return row.yoy?.lastYear;
    case 'yoy':
      return row.yoy?.change;
    case 'target':
      return row.target?.value;
    case 'completion':
      return row.completion;
    case 'expected':
      return row.expected?.value;
    case 'expectedShare':
      return row.expected?.shareOfTarget;
    case 'finalTarget':
      return row.target?.finalValue;
    case 'gapToExpected':
      return scheduleGap(row)?.value;
    case 'gapToTarget':
      return row.gapToTarget;
    case 'rank':
      return row.rank?.rank;
    case 'rankOf':
      return row.rank?.of;
    case 'rankChange':
      return previous?.rank && row.rank ? previous.rank.rank - row.rank.rank : undefined;
    case 'projection':
      return row.projection?.value;
    case 'requiredGrowth':
      return row.requiredGrowth?.value;
    case 'cumulativeDone':
      return row.cumulative?.done;
    case 'cumulativeTarget':
      return row.cumulative?.target;
    case 'cumulativeShare':
      return row.cumulative?.share;
    case 'count':
    case 'gapToCompared':
      return undefined;
  }
}
