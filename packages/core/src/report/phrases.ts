// The quarterly report's sentence patterns as data, zh-CN and en-US: templates with {slots} that the
// narrative fills with text or traceable number parts. Patterns follow public 科技统计 季报 usage
// (issue 9): "1—9月，全市技术交易额完成58.36亿元，同比增长12.3%，完成年度目标的79.9%，超序时进度4.9个百分点，
// 居宁波各区县（市）第2位，比上季度提升1个位次。" — a fall is 下降, never 增长-; rate differences in 个百分点.
import type { InlinePart } from './document.ts';
import type { Lang } from './progress-table.ts';

export interface Phrases {
  /** Time lead of a sentence: 1—9月 / 全年, or for a stock 截至9月末 / 截至年末 (periodStock). */
  leadToDate: string;
  sentenceEnd: string;
  /** A difference of percentages: 个百分点. */
  points: string;
  clauseSep: string;
  listSep: string;
  valueFlow: string;
  valueStock: string;
  valueLevel: string;
  valueGrowth: string;
  yoyUp: string;
  yoyDown: string;
  yoyFlat: string;
  yoyUpPoints: string;
  yoyDownPoints: string;
  yoyUpLevel: string;
  yoyDownLevel: string;
  yoyFlatPoints: string;
  yoyComparable: string;
  yoyBoundaryNone: string;
  completion: string;
  aheadOfExpected: string;
  behindExpected: string;
  atExpected: string;
  aboveTargetRate: string;
  belowTargetRate: string;
  aboveCompared: string;
  belowCompared: string;
  notJudged: string;
  rank: string;
  rankTied: string;
  rankUp: string;
  rankDown: string;
  rankSame: string;
  previousQuarter: string;
  previousYearEnd: string;
  previousYear: string;
  issueLabel: string;
  issueUnnumbered: string;
  headline: string;
  title: string;
  editor: string;
  scopeWhole: string;
  scopeComplement: string;
  sections: {
    overview: string;
    indicators: string;
    towns: string;
    problems: string;
    appendix: string;
    nextSteps: string;
  };
  /** Ends in {rest}: the clauses below, when some core indicators are not judged, so the parts add up. */
  overviewSummary: string;
  overviewNotDue: string;
  overviewNoTarget: string;
  overviewNoSchedule: string;
  otherIndicators: string;
  townsTop: string;
  townsTopItem: string;
  townsNoTargets: string;
  townsBehind: string;
  townsAllOnTrack: string;
  townsRisers: string;
  townsFallers: string;
  townsRankItem: string;
  townsTableCaption: string;
  townColumn: string;
  rankColumn: string;
  problemBehind: string;
  /** Year-end: the shortfall is against the annual target itself. */
  problemShortOfTarget: string;
  problemDecline: string;
  problemTrend: string;
  /** The verb of a required yearly change: a rate grows (%), a share rises (points), a level increases. */
  rise: { growth: string; points: string; level: string };
  problemCumulative: string;
  problemsNone: string;
  ordinals: string[];
  nextStepsDraft: string;
  nextStepsNone: string;
  appendixCaption: string;
  /** The columns; the 位次 one has {set}, filled with appendixRankSet of the peer set ('' when none). */
  appendixColumns: string[];
  appendixRankSet: string;
  appendixNotes: string[];
  appendixScope: string;
  noteScope: string;
  noteSources: string;
  noteVintage: string;
  noteSynthetic: string;
  noteBoundary: string;
  chartCompletion: string;
  chartCompletionSeries: string;
  chartExpectedSeries: string;
  chartTowns: string;
  chartPath: string;
  chartPathActual: string;
  chartPathTarget: string;
  sheetTitle: string;
  sheetRegions: string;
  sheetTrace: string;
  periodQuarter: (q: number) => string;
  periodStock: (q: number | undefined) => string;
  /** The printed name of a unit ('家' → ' firms' in English), placed right after the number. */
  unit: (unit: string) => string;
}

const ZH_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const PHRASES: Record<Lang, Phrases> = {
  zh: {
    leadToDate: '{period}，',
    sentenceEnd: '。',
    points: '个百分点',
    clauseSep: '，',
    listSep: '、',
    valueFlow: '{scope}{name}完成{value}{unit}',
    valueStock: '{scope}{name}达{value}{unit}',
    valueLevel: '{scope}{name}为{value}{unit}',
    valueGrowth: '{scope}{name}为{value}%',
    yoyUp: '同比增长{x}%',
    yoyDown: '同比下降{x}%',
    yoyFlat: '与上年同期持平',
    yoyUpPoints: '比上年同期提高{x}个百分点',
    yoyDownPoints: '比上年同期下降{x}个百分点',
    yoyUpLevel: '比上年同期增加{x}{unit}',
    yoyDownLevel: '比上年同期减少{x}{unit}',
    yoyFlatPoints: '与上年同期持平',
    yoyComparable: '（按可比口径）',
    yoyBoundaryNone: '因行政区划调整口径不可比，不计算同比',
    completion: '完成年度目标的{x}%',
    aheadOfExpected: '超序时进度{x}个百分点',
    behindExpected: '低于序时进度{x}个百分点',
    atExpected: '与序时进度持平',
    aboveTargetRate: '高于年度目标{x}个百分点',
    belowTargetRate: '低于年度目标{x}个百分点',
    aboveCompared: '高于{compared}{x}个百分点',
    belowCompared: '低于{compared}{x}个百分点',
    notJudged: '年度指标，季度不评价',
    rank: '居{set}第{x}位',
    rankTied: '居{set}并列第{x}位',
    rankUp: '比{previous}提升{x}个位次',
    rankDown: '比{previous}下降{x}个位次',
    rankSame: '位次与{previous}持平',
    previousQuarter: '上季度',
    previousYearEnd: '上年末',
    previousYear: '上年',
    issueLabel: '{year}年第{n}期（总第{total}期）',
    issueUnnumbered: '{year}年{period}',
    headline: '{period}{home}科技创新主要指标运行情况',
    title: '{home}科技创新统计季报',
    editor: '{tabulator}编',
    scopeWhole: '全市（含{part}）',
    scopeComplement: '{name}（不含{part}）',
    sections: {
      overview: '总体情况',
      indicators: '分项指标',
      towns: '镇（街道）情况',
      problems: '存在问题',
      appendix: '附表',
      nextSteps: '下步工作',
    },
    otherIndicators: '其他指标',
    overviewSummary:
      '{period}，{scope}{total}项核心指标中，{met}项已完成年度目标，{onTrack}项达到序时进度，{behind}项未达序时进度{rest}。',
    overviewNotDue: '，{n}项为年度指标，本期不评价',
    overviewNoTarget: '，{n}项无年度目标',
    overviewNoSchedule: '，{n}项暂无序时进度，本期不评价',
    townsTop: '{name}居前三位的是：{list}。',
    townsTopItem: '{town}（{value}{unit}）',
    townsNoTargets: '各镇（街道）年度目标尚未分解下达，本期暂不评价镇（街道）序时进度。',
    townsBehind: '{name}未达序时进度的镇（街道）有{n}个：{list}。',
    townsAllOnTrack: '有目标的镇（街道）各项指标均达到序时进度。',
    townsRisers: '{name}位次比{previous}提升较多的有：{list}。',
    townsFallers: '{name}位次比{previous}下降较多的有：{list}。',
    townsRankItem: '{town}（{x}位）',
    townsTableCaption: '表{n} {period}各镇（街道）主要指标及位次',
    townColumn: '镇（街道）',
    rankColumn: '位次',
    problemShortOfTarget:
      '{ordinal}是{scope}{name}未完成年度目标，完成年度目标的{completion}%，差{gap}个百分点。',
    problemBehind:
      '{ordinal}是{scope}{name}未达序时进度，完成年度目标的{completion}%，低于序时进度{gap}个百分点。',
    problemDecline: '{ordinal}是{scope}{name}同比下降{x}%。',
    problemTrend:
      '{ordinal}是按近年趋势，{scope}{name}{year}年预计为{projection}{unit}，低于终期目标{target}{unit}，今后需年均{rise}{growth}{growthUnit}。',
    rise: { growth: '增长', points: '提高', level: '增加' },
    problemCumulative:
      '{ordinal}是{scope}{name}累计完成{done}{unit}，为{from}—{to}年累计目标{target}{unit}的{share}%，按当前进度难以如期完成。',
    problemsNone: '本期主要指标运行总体平稳，未发现明显问题。',
    ordinals: ZH_ORDINALS,
    nextStepsDraft:
      '针对{list}等指标进度滞后的情况，建议牵头单位分析原因、细化措施，加快推进，确保完成年度目标。',
    nextStepsNone: '继续保持各项指标平稳推进，确保完成年度目标。',
    appendixCaption: '附表 {period}{home}科技创新主要指标完成情况',
    appendixColumns: [
      '指标',
      '单位',
      '本期值',
      '同比%',
      '年度目标',
      '完成率%',
      '序时进度差（百分点）',
      '{set}位次',
      '位次变化',
    ],
    appendixRankSet: '{name}',
    appendixNotes: [
      '同比：比率、增速类指标为比上年同期增减的百分点，其余为增长率（%）。',
      '序时进度差 = 完成率 − 序时进度应完成的比例；增速类指标为实际值与目标值之差。位次变化：正数为提升。',
    ],
    appendixScope: '本表为{scope}数据。',
    noteScope:
      '口径：“全市（含{part}）”指{home}全域；“{complement}（不含{part}）”为全市扣除{part}（{members}）。',
    noteSources: '数据来源：{list}。',
    noteVintage:
      '数据性质：本期使用统计快报数据{flash}项、年报数据{annual}项、修订数据{revised}项；快报数据以年报为准。',
    noteSynthetic: '本期数据含合成演示数据（非真实统计数据），仅供演示，不得引用。',
    noteBoundary: '{list}因行政区划调整，同比按可比口径计算或不计算。',
    chartCompletion: '图{n} {period}核心指标完成率与序时进度',
    chartCompletionSeries: '完成率',
    chartExpectedSeries: '序时进度',
    chartTowns: '图{n} {period}各镇（街道）{name}',
    chartPath: '图{n} {name}实际值与目标路径',
    chartPathActual: '实际值',
    chartPathTarget: '年度目标',
    sheetTitle: '{name}（{period}）',
    sheetRegions: '分区域情况',
    sheetTrace:
      '计算说明：本期值按“{valueRule}”得出，年度目标为“{target}”，序时进度为“{expected}”；共使用{n}条观测数据。',
    periodQuarter: (q) => (q === 4 ? '全年' : `1—${q * 3}月`),
    periodStock: (q) => (q === undefined || q === 4 ? '截至年末' : `截至${q * 3}月末`),
    unit: (u) => u,
  },
  en: {
    leadToDate: '{period}, ',
    sentenceEnd: '.',
    points: ' points',
    clauseSep: ', ',
    listSep: ', ',
    valueFlow: '{name} in {scope} reached {value}{unit}',
    valueStock: '{name} in {scope} stood at {value}{unit}',
    valueLevel: '{name} in {scope} was {value}{unit}',
    valueGrowth: '{name} in {scope} was {value}%',
    yoyUp: 'up {x}% year on year',
    yoyDown: 'down {x}% year on year',
    yoyFlat: 'flat year on year',
    yoyUpPoints: 'up {x} percentage points year on year',
    yoyDownPoints: 'down {x} percentage points year on year',
    yoyUpLevel: 'up {x}{unit} year on year',
    yoyDownLevel: 'down {x}{unit} year on year',
    yoyFlatPoints: 'flat year on year',
    yoyComparable: ' (comparable boundaries)',
    yoyBoundaryNone: 'no year-on-year change: boundaries changed',
    completion: '{x}% of the annual target',
    aheadOfExpected: '{x} points ahead of schedule',
    behindExpected: '{x} points behind schedule',
    atExpected: 'on schedule',
    aboveTargetRate: '{x} points above the annual target',
    belowTargetRate: '{x} points below the annual target',
    aboveCompared: '{x} points above {compared}',
    belowCompared: '{x} points below {compared}',
    notJudged: 'an annual indicator, not assessed quarterly',
    rank: 'ranking {x} among {set}',
    rankTied: 'tied {x} among {set}',
    rankUp: 'up {x} places on {previous}',
    rankDown: 'down {x} places on {previous}',
    rankSame: 'the same place as {previous}',
    previousQuarter: 'the previous quarter',
    previousYearEnd: 'last year-end',
    previousYear: 'last year',
    issueLabel: '{year} No. {n} (No. {total} overall)',
    issueUnnumbered: '{period} {year}',
    headline: 'Science and technology innovation indicators of {home}: {period}',
    title: '{home} Science and Technology Innovation Statistics Quarterly',
    editor: 'Edited by {tabulator}',
    scopeWhole: '{home} as a whole (incl. {part})',
    scopeComplement: '{name}',
    sections: {
      overview: 'Overview',
      indicators: 'Indicators',
      towns: 'Towns and subdistricts',
      problems: 'Problems',
      appendix: 'Appendix',
      nextSteps: 'Next steps',
    },
    otherIndicators: 'Other indicators',
    overviewSummary:
      '{period}, of {total} core indicators of {scope}, {met} have met the annual target, {onTrack} are on schedule and {behind} are behind schedule{rest}.',
    overviewNotDue: '; {n} are annual, not assessed this period',
    overviewNoTarget: '; {n} have no annual target',
    overviewNoSchedule: '; {n} have no schedule to be assessed against this period',
    townsTop: 'Top three in {name}: {list}.',
    townsTopItem: '{town} ({value}{unit})',
    townsNoTargets:
      'Town targets have not been allocated yet: towns are not assessed against schedule this quarter.',
    townsBehind: '{n} towns are behind schedule in {name}: {list}.',
    townsAllOnTrack: 'Every town with a target is on schedule.',
    townsRisers: 'Rising most in {name} on {previous}: {list}.',
    townsFallers: 'Falling most in {name} on {previous}: {list}.',
    townsRankItem: '{town} ({x} places)',
    townsTableCaption: 'Table {n} Main indicators and ranks of the towns, {period}',
    townColumn: 'Town',
    rankColumn: 'Rank',
    problemShortOfTarget:
      '{ordinal}, {name} in {scope} fell short of the annual target: {completion}% of it, {gap} points short.',
    problemBehind:
      '{ordinal}, {name} in {scope} is behind schedule: {completion}% of the annual target, {gap} points behind.',
    problemDecline: '{ordinal}, {name} in {scope} fell {x}% year on year.',
    problemTrend:
      '{ordinal}, on recent trends {name} in {scope} would reach {projection}{unit} in {year}, below the final target of {target}{unit}; it needs to {rise} by {growth}{growthUnit} a year from now on.',
    rise: { growth: 'grow', points: 'rise', level: 'increase' },
    problemCumulative:
      '{ordinal}, {name} in {scope} totals {done}{unit}, {share}% of the {from}–{to} target of {target}{unit}: at this pace it will fall short.',
    problemsNone: 'The main indicators are broadly on course; no marked problem this period.',
    ordinals: ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'],
    nextStepsDraft:
      'For {list}, which are behind schedule, the lead units should analyse the causes, refine their measures and speed up to meet the annual targets.',
    nextStepsNone: 'Keep every indicator on course to meet the annual targets.',
    appendixCaption: 'Appendix Main science and technology indicators of {home}, {period}',
    appendixColumns: [
      'Indicator',
      'Unit',
      'Value',
      'YoY %',
      'Annual target',
      'Completion %',
      'Vs schedule (points)',
      'Rank{set}',
      'Rank change',
    ],
    appendixRankSet: ' among {name}',
    appendixNotes: [
      'YoY: percentage points for ratios and growth rates, growth in % otherwise.',
      'Vs schedule = completion − the share due by now; for growth rates the value minus the target. Rank change: positive is up.',
    ],
    appendixScope: 'Figures of {scope}.',
    noteScope:
      'Scope: "the whole city (incl. {part})" is all of {home}; "{complement} (excl. {part})" is the city without {part} ({members}).',
    noteSources: 'Sources: {list}.',
    noteVintage:
      'Vintage: {flash} flash-report figures, {annual} annual-report figures and {revised} revised figures; flash figures are superseded by annual ones.',
    noteSynthetic:
      'This issue contains synthetic demo data (not real statistics): for demonstration only, do not quote.',
    noteBoundary: '{list}: boundaries changed, so YoY is on comparable boundaries or not computed.',
    chartCompletion: 'Figure {n} Completion and schedule of the core indicators, {period}',
    chartCompletionSeries: 'Completion',
    chartExpectedSeries: 'Due by now',
    chartTowns: 'Figure {n} {name} by town, {period}',
    chartPath: 'Figure {n} {name}: actual and target path',
    chartPathActual: 'Actual',
    chartPathTarget: 'Annual target',
    sheetTitle: '{name} ({period})',
    sheetRegions: 'By area',
    sheetTrace:
      'How it is computed: the value is "{valueRule}", the annual target is "{target}", the schedule is "{expected}"; {n} observations are used.',
    periodQuarter: (q) =>
      q === 4 ? 'In the full year' : `In January–${['March', 'June', 'September'][q - 1]}`,
    periodStock: (q) =>
      q === undefined || q === 4 ? 'At year-end' : `At the end of ${['March', 'June', 'September'][q - 1]}`,
    unit: (u) => (u === '%' ? '%' : ` ${EN_UNITS[u] ?? u}`),
  },
};

/** English forms of the plan's units (the plan carries zh units; issue 13 will move these into it). */
const EN_UNITS: Record<string, string> = {
  家: 'firms',
  件: 'items',
  项: 'projects',
  个: 'units',
  人: 'people',
  亿元: '100 mn yuan',
  万元: '10,000 yuan',
  '人年/万人': 'FTE per 10,000',
  '件/万人': 'per 10,000 people',
  '家/千家': 'per 1,000 firms',
  '个/千个': 'per 1,000',
};

/**
 * The 期数 as the 报头 prints it — 2025年第3期（总第12期） / 2025 No. 3 (No. 12 overall) — the one wording
 * of the narrative's masthead, the web's report list and the CLI.
 */
export function reportIssueLabel(issue: { year: number; number: number; total: number }, lang: Lang): string {
  return phraseText(PHRASES[lang].issueLabel, { year: issue.year, n: issue.number, total: issue.total });
}

/**
 * Fill a template's {slots}: a string slot is printed as text, a part (a traceable number) as itself,
 * a list of parts (an enumeration of towns with their figures) in order.
 * A slot missing from `slots` is an error — a sentence never prints "{x}".
 */
export function phraseFill(
  template: string,
  slots: Record<string, string | InlinePart | readonly InlinePart[]>,
): InlinePart[] {
  const out: InlinePart[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.kind === 'text' && !last.bold) out[out.length - 1] = { kind: 'text', text: last.text + text };
    else out.push({ kind: 'text', text });
  };
  let at = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    pushText(template.slice(at, m.index));
    const slot = slots[m[1]!];
    if (slot === undefined) throw new Error(`phrase '${template}': no value for {${m[1]}}`);
    for (const part of typeof slot === 'string' ? [slot] : 'kind' in slot ? [slot] : slot) {
      if (typeof part === 'string') pushText(part);
      else if (part.kind === 'text' && !part.bold) pushText(part.text);
      else out.push(part);
    }
    at = m.index + m[0].length;
  }
  pushText(template.slice(at));
  return out;
}

/** Plain text of a template with string slots only (titles, captions). */
export function phraseText(template: string, slots: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`phrase '${template}': no value for {${k}}`);
    return String(v);
  });
}
