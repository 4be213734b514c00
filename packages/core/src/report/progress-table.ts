// The progress table as people read it: one flat record per row, labelled columns in zh-CN or en-US,
// numbers rounded to each indicator's decimals. Shared by the CLI, the exports and the web pages.
// Every column holds one kind of thing, so that a spreadsheet opens it as it is: numbers are numbers
// (a rank and its peer count are two columns, never "3/10", which Excel reads as 10 March), the unit of
// a change is its own column, and the engine's rule codes are written out in words.
import type { Plan } from '../plan/schema.ts';
import type { ProgressRule } from '../plan/schema.ts';
import type { ProgressRow } from '../engine/progress.ts';
import type { Status, YoyKind } from '../engine/progress-rules.ts';
import type { TargetRule } from '../engine/targets.ts';
import type { ValueRule } from '../engine/values.ts';
import { roundHalfAway, roundedDifference } from '../engine/rounding.ts';
import { periodParse, type Period } from '../period.ts';
import { regionName } from '../regions.ts';
import type { LocalizedName, RegionCode } from '../types.ts';

export type Lang = 'zh' | 'en';

export const STATUS_LABELS: Record<Status, Record<Lang, string>> = {
  met: { zh: '已完成', en: 'met' },
  on_track: { zh: '正常', en: 'on track' },
  watch: { zh: '关注', en: 'watch' },
  behind: { zh: '滞后', en: 'behind' },
  no_target: { zh: '无目标', en: 'no target' },
  no_data: { zh: '无数据', en: 'no data' },
  not_due: { zh: '未到报送期', en: 'not yet due' },
};

/** How a value was obtained (engine/values.ts), in the words of the ARCHITECTURE's "Rules of the numbers". */
export const VALUE_RULE_LABELS: Record<ValueRule, Record<Lang, string>> = {
  reported: { zh: '直接报送', en: 'reported' },
  sum_of_members: { zh: '下级汇总', en: 'sum of members' },
  ratio_of_sums: { zh: '分子分母分别汇总后计算', en: 'ratio of summed parts' },
  growth_of_sums: { zh: '汇总后计算增速', en: 'growth of summed values' },
};

/** Where a year's target comes from (engine/targets.ts); 估算 marks a path the plan did not write. */
export const TARGET_RULE_LABELS: Record<TargetRule, Record<Lang, string>> = {
  explicit: { zh: '方案明确', en: 'written in the plan' },
  implied_linear: { zh: '估算：线性推进', en: 'estimated: linear path' },
  annual_flow: { zh: '年度新增目标', en: 'annual increment' },
  cumulative_remaining: { zh: '累计目标剩余量均摊', en: 'remainder of the cumulative target' },
  implied_geometric: { zh: '估算：按倍增等比推进', en: 'estimated: constant growth to the multiple' },
  implied_compound: { zh: '估算：按年均增速推进', en: 'estimated: average annual growth' },
  relative: { zh: '相对目标（高于对比指标）', en: 'relative to another indicator' },
};

/** The 序时进度 rule applied (engine/progress-rules.ts; ARCHITECTURE "Rules of the numbers"). */
export const EXPECTED_RULE_LABELS: Record<ProgressRule, Record<Lang, string>> = {
  stock_interpolation: {
    zh: '序时：上年末至本年目标按月推进',
    en: 'to date: last year-end to target by month',
  },
  flow_linear: { zh: '序时：按月均衡', en: 'to date: target × months ÷ 12' },
  flow_seasonal: { zh: '序时：按上年同期比重', en: "to date: last year's seasonal share" },
  level_constant: { zh: '序时：全年同目标', en: 'to date: the target level all year' },
};

export interface TableColumn {
  key: keyof ProgressRecord;
  label: Record<Lang, string>;
  /** True for number columns (right-aligned, rounded to the indicator's decimals); absent for text. */
  numeric?: boolean;
  /** Decimals the column's number is rounded to in this record (number formats in XLSX). */
  decimals?: (r: ProgressRecord) => number;
}

export interface ProgressRecord {
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  /** The indicator's decimals in the plan: value, targets, 序时进度, gap and pp changes are rounded to them. */
  decimals: number;
  value: number | null;
  unit: string;
  target: number | null;
  completion: number | null;
  expected: number | null;
  gapToExpected: number | null;
  /** Change on the same period last year, a signed number in `yoyUnit`. */
  yoy: number | null;
  /** '%' for counts and amounts, 个百分点/pp for percentages, else the indicator's unit; '' without a YoY. */
  yoyUnit: string;
  rank: number | null;
  /** How many regions were ranked (the rank is out of this many). */
  rankOf: number | null;
  /** The peer set ranked in, by name. */
  peerSet: string;
  status: string;
  projection2026: number | null;
  target2026: number | null;
  /** Annual growth needed to reach the final target, a number in `requiredGrowthUnit`. */
  requiredGrowth: number | null;
  requiredGrowthUnit: string;
  /** A cumulative target (累计40项): done so far, the target, done ÷ target in %, what remains, where the pace leads. */
  cumulativeDone: number | null;
  cumulativeTarget: number | null;
  cumulativeShare: number | null;
  cumulativeRemaining: number | null;
  cumulativeProjected: number | null;
  provenance: string;
  /** The rules in words (VALUE_RULE_LABELS, TARGET_RULE_LABELS, EXPECTED_RULE_LABELS). */
  valueRule: string;
  targetRule: string;
  expectedRule: string;
  /** All three rules in one line, for a tooltip. */
  rules: string;
  /** 已达到/met when the final target is already reached (then `requiredGrowth` is empty); else ''. */
  requiredGrowthMet: string;
  /** Why a figure is missing or qualified, in words (e.g. the final target is already met). */
  notes: string;
}

const own = (r: ProgressRecord) => r.decimals;
/** A change in % is shown to 0.1; in percentage points or another unit to the indicator's decimals. */
const changeDecimals = (unit: string, r: ProgressRecord) => (unit === '%' ? 1 : r.decimals);
/** Required growth: 0.1 for %, 0.01 for pp (as the 分解表 states growth paths). */
const requiredDecimals = (r: ProgressRecord) => (r.requiredGrowthUnit === '%' ? 1 : 2);

/** The data columns: the CSV and XLSX exports write exactly these, in this order. */
export const PROGRESS_COLUMNS: TableColumn[] = [
  { key: 'indicatorName', label: { zh: '指标', en: 'Indicator' } },
  { key: 'regionName', label: { zh: '地区', en: 'Region' } },
  { key: 'period', label: { zh: '期别', en: 'Period' } },
  { key: 'value', label: { zh: '数值', en: 'Value' }, numeric: true, decimals: own },
  { key: 'unit', label: { zh: '单位', en: 'Unit' } },
  { key: 'target', label: { zh: '年度目标', en: 'Annual target' }, numeric: true, decimals: own },
  { key: 'completion', label: { zh: '完成率%', en: 'Completion %' }, numeric: true, decimals: () => 1 },
  { key: 'expected', label: { zh: '序时进度', en: 'Expected to date' }, numeric: true, decimals: own },
  {
    key: 'gapToExpected',
    label: { zh: '较序时差距', en: 'Gap to expected' },
    numeric: true,
    decimals: own,
  },
  {
    key: 'yoy',
    label: { zh: '同比', en: 'YoY' },
    numeric: true,
    decimals: (r) => changeDecimals(r.yoyUnit, r),
  },
  { key: 'yoyUnit', label: { zh: '同比单位', en: 'YoY unit' } },
  { key: 'rank', label: { zh: '排名', en: 'Rank' }, numeric: true, decimals: () => 0 },
  { key: 'rankOf', label: { zh: '参与排名数', en: 'Ranked of' }, numeric: true, decimals: () => 0 },
  { key: 'peerSet', label: { zh: '排名范围', en: 'Ranked among' } },
  { key: 'status', label: { zh: '状态', en: 'Status' } },
  {
    key: 'projection2026',
    label: { zh: '趋势预计(终期)', en: 'Trend (final year)' },
    numeric: true,
    decimals: own,
  },
  { key: 'target2026', label: { zh: '终期目标', en: 'Final target' }, numeric: true, decimals: own },
  {
    key: 'requiredGrowth',
    label: { zh: '所需年均增长', en: 'Required annual growth' },
    numeric: true,
    decimals: requiredDecimals,
  },
  { key: 'requiredGrowthUnit', label: { zh: '所需增长单位', en: 'Growth unit' } },
  { key: 'cumulativeDone', label: { zh: '累计完成', en: 'Cumulative done' }, numeric: true, decimals: own },
  {
    key: 'cumulativeTarget',
    label: { zh: '累计目标', en: 'Cumulative target' },
    numeric: true,
    decimals: own,
  },
  {
    key: 'cumulativeShare',
    label: { zh: '累计完成率%', en: 'Cumulative %' },
    numeric: true,
    decimals: () => 1,
  },
  {
    key: 'cumulativeRemaining',
    label: { zh: '累计剩余', en: 'Cumulative remaining' },
    numeric: true,
    decimals: own,
  },
  {
    key: 'cumulativeProjected',
    label: { zh: '累计预计(终期)', en: 'Cumulative projected' },
    numeric: true,
    decimals: own,
  },
  { key: 'provenance', label: { zh: '数据性质', en: 'Data' } },
  { key: 'valueRule', label: { zh: '数值来源', en: 'Value rule' } },
  { key: 'targetRule', label: { zh: '目标来源', en: 'Target rule' } },
  { key: 'expectedRule', label: { zh: '序时进度规则', en: 'Expected-to-date rule' } },
  { key: 'notes', label: { zh: '说明', en: 'Notes' } },
];

export interface ProgressTextColumn {
  key: string;
  label: Record<Lang, string>;
  numeric?: boolean;
  /** The cell as a person reads it on a screen or in a terminal. */
  text: (r: ProgressRecord) => string | number | null;
}

const column = (key: keyof ProgressRecord): TableColumn => PROGRESS_COLUMNS.find((c) => c.key === key)!;
const shown = (key: keyof ProgressRecord): ProgressTextColumn => {
  const c = column(key);
  return { key, label: c.label, ...(c.numeric ? { numeric: true } : {}), text: (r) => r[key] };
};

/**
 * The progress table for reading (the terminal's `ding progress`, the server's fallback page): a rank as
 * "3/10", a change with its unit ("+12.3%"). Never written to a file: files take PROGRESS_COLUMNS.
 */
export const PROGRESS_TEXT_COLUMNS: ProgressTextColumn[] = [
  shown('indicatorName'),
  shown('regionName'),
  shown('value'),
  shown('unit'),
  shown('target'),
  shown('completion'),
  shown('expected'),
  shown('gapToExpected'),
  { key: 'yoy', label: column('yoy').label, numeric: true, text: (r) => progressYoyText(r) },
  { key: 'rank', label: column('rank').label, text: (r) => progressRankText(r) },
  shown('status'),
  shown('projection2026'),
  shown('target2026'),
  {
    key: 'requiredGrowth',
    label: column('requiredGrowth').label,
    numeric: true,
    text: (r) => progressRequiredGrowthText(r),
  },
  {
    key: 'cumulative',
    label: { zh: '累计进度', en: 'Cumulative' },
    text: (r) => progressCumulativeText(r),
  },
  shown('provenance'),
  shown('notes'),
];

const signed = (x: number, decimals: number) => `${x >= 0 ? '+' : ''}${x.toFixed(decimals)}`;
/** '%' and 个百分点 follow the number; pp and other units after a space (+0.17 pp, +3.2 人年/万人). */
const withUnit = (n: string, unit: string) =>
  unit === '%' || unit === '个百分点' ? `${n}${unit}` : `${n} ${unit}`;

/** "+12.3%", "-0.40个百分点", "+0.17 pp"; '' without a YoY. */
export function progressYoyText(r: ProgressRecord): string {
  return r.yoy === null ? '' : withUnit(signed(r.yoy, changeDecimals(r.yoyUnit, r)), r.yoyUnit);
}

/** "3/10"; '' without a rank. For reading only: in a file the rank and its peer count are two numbers. */
export function progressRankText(r: ProgressRecord): string {
  return r.rank === null || r.rankOf === null ? '' : `${r.rank}/${r.rankOf}`;
}

/** "9.1%", "0.25个百分点"; 已达到/met when the final target is already reached; '' when there is none. */
export function progressRequiredGrowthText(r: ProgressRecord): string {
  if (r.requiredGrowthMet) return r.requiredGrowthMet;
  return r.requiredGrowth === null
    ? ''
    : withUnit(r.requiredGrowth.toFixed(requiredDecimals(r)), r.requiredGrowthUnit);
}

/** "24/40 (60.0%)"; '' without a cumulative target. */
export function progressCumulativeText(r: ProgressRecord): string {
  if (r.cumulativeDone === null || r.cumulativeTarget === null) return '';
  const d = r.decimals;
  const share = r.cumulativeShare === null ? '' : ` (${r.cumulativeShare.toFixed(1)}%)`;
  return `${r.cumulativeDone.toFixed(d)}/${r.cumulativeTarget.toFixed(d)}${share}`;
}

const roundTo = (x: number | undefined, decimals: number): number | null =>
  x === undefined || !Number.isFinite(x) ? null : roundHalfAway(x, decimals);

/** The unit of a change: % for growth of counts and amounts; percentage points of a %; else the level's unit. */
function changeUnit(kind: YoyKind, unit: string, lang: Lang): string {
  if (kind === 'percent') return '%';
  if (unit === '%') return lang === 'zh' ? '个百分点' : 'pp';
  return unit;
}

export function progressRecords(plan: Plan, rows: ProgressRow[], lang: Lang = 'zh'): ProgressRecord[] {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const peerSets = new Map(plan.peerSets.map((p) => [p.code, p.name[lang]]));
  return rows.map((row) => {
    const ind = indicators.get(row.indicator)!;
    const d = ind.decimals;
    const yoyUnit = row.yoy ? changeUnit(row.yoy.kind, ind.unit, lang) : '';
    const required = row.requiredGrowth;
    const requiredGrowthUnit = required ? changeUnit(required.kind, ind.unit, lang) : '';
    const valueRule = row.value ? VALUE_RULE_LABELS[row.value.rule][lang] : '';
    const targetRule = row.target ? TARGET_RULE_LABELS[row.target.rule][lang] : '';
    const expectedRule = row.expected ? EXPECTED_RULE_LABELS[row.expected.rule][lang] : '';
    const met = required?.met === true;
    const cumulative = row.cumulative;
    // Notes in words, in the order a reader asks: why the YoY is re-based or missing, why there is no
    // rank, that the final target is reached, whether the cumulative pace reaches the target.
    const notes = [
      row.yoyNote?.explanation[lang],
      row.rank ? undefined : row.rankNote?.explanation[lang],
      met ? NOTE_LABELS.finalMet[lang] : undefined,
      cumulative?.willMeet === undefined
        ? undefined
        : NOTE_LABELS[cumulative.willMeet ? 'cumulativeOnPace' : 'cumulativeShort'][lang],
    ].filter((n): n is string => !!n);
    return {
      indicator: row.indicator,
      indicatorName: ind.name[lang],
      region: row.region,
      regionName: regionName(plan, row.region, lang),
      period: row.period,
      decimals: d,
      value: roundTo(row.value?.value, d),
      unit: row.unit,
      target: roundTo(row.target?.value, d),
      completion: roundTo(row.completion, 1),
      expected: roundTo(row.expected?.value, d),
      // The printed gap is the difference of the printed figures (907 − 1012 = −105, not −104).
      gapToExpected:
        row.value && row.expected ? roundedDifference(row.value.value, row.expected.value, d) : null,
      yoy: row.yoy ? roundTo(row.yoy.change, yoyUnit === '%' ? 1 : d) : null,
      yoyUnit,
      rank: row.rank?.rank ?? null,
      rankOf: row.rank?.of ?? null,
      peerSet: row.rank ? (peerSets.get(row.rank.peerSet) ?? row.rank.peerSet) : '',
      status: STATUS_LABELS[row.status][lang],
      projection2026: roundTo(row.projection?.value, d),
      target2026: roundTo(row.target?.finalValue, d),
      requiredGrowth: required && !met ? roundTo(required.value, required.kind === 'pp' ? 2 : 1) : null,
      requiredGrowthUnit: met ? '' : requiredGrowthUnit,
      requiredGrowthMet: met ? NOTE_LABELS.met[lang] : '',
      cumulativeDone: roundTo(cumulative?.done, d),
      cumulativeTarget: roundTo(cumulative?.target, d),
      cumulativeShare: roundTo(cumulative?.share, 1),
      cumulativeRemaining: roundTo(cumulative?.remaining, d),
      cumulativeProjected: roundTo(cumulative?.projectedTotal, d),
      provenance: row.value ? PROVENANCE_LABELS[row.value.synthetic ? 'synthetic' : 'real'][lang] : '',
      valueRule,
      targetRule,
      expectedRule,
      rules: [valueRule, targetRule, expectedRule].filter(Boolean).join(' · '),
      notes: notes.join(lang === 'zh' ? '；' : '; '),
    };
  });
}

const NOTE_LABELS = {
  met: { zh: '已达到', en: 'met' },
  finalMet: { zh: '已达到终期目标', en: 'final target already met' },
  cumulativeOnPace: { zh: '按当前进度可完成累计目标', en: 'on pace for the cumulative target' },
  cumulativeShort: { zh: '按当前进度难以完成累计目标', en: 'behind pace for the cumulative target' },
} as const;

const PROVENANCE_LABELS = {
  real: { zh: '真实', en: 'real' },
  synthetic: { zh: '合成', en: 'synthetic' },
} as const;

/** What a printed progress table says above its header: title, period, scope, who made it. */
export interface ProgressTableCaption {
  title: LocalizedName;
  /** '2025年1-9月（2025Q3）': year-to-date, as statistics of a quarter are published. */
  period: LocalizedName;
  /** The regions covered: '全市（含前湾）、市级（不含前湾）、前湾'. */
  scope: LocalizedName;
  /** 制表单位: the plan's home department (its first), named with the home county (慈溪市科技局). */
  tabulator: LocalizedName;
  /** True when any value shown is synthetic demo data (then the table says 含合成演示数据). */
  synthetic: boolean;
}

const MONTH_EN = ['', 'Mar', 'Jun', 'Sep', 'Dec'];

/** '2025年1-9月（2025Q3）' / 'Jan–Sep 2025 (2025Q3)'; '2025年（全年）' / '2025 (full year)'. */
export function progressPeriodLabel(period: Period): LocalizedName {
  const { year, quarter } = periodParse(period);
  if (quarter === undefined) return { zh: `${year}年（全年）`, en: `${year} (full year)` };
  return {
    zh: `${year}年1-${quarter * 3}月（${period}）`,
    en: `Jan–${MONTH_EN[quarter]} ${year} (${period})`,
  };
}

/**
 * The regions a table covers, in words. The home county is 全市（含<zones>）and its complement group
 * 市级（不含<zones>）, so a reader never takes one for the other (the 分解表 lists both); other groups and
 * regions by name, and many towns as a count.
 */
export function progressScope(plan: Plan, regions: readonly string[]): LocalizedName {
  const present = new Set(regions);
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === plan.home);
  const zones = (complement?.complementOf?.minus ?? []).map((z) => ({
    zh: regionName(plan, z as RegionCode, 'zh'),
    en: regionName(plan, z as RegionCode, 'en'),
  }));
  const zonesIn = (lang: Lang) => zones.map((z) => z[lang]).join(lang === 'zh' ? '、' : ', ');
  const parts: LocalizedName[] = [];
  if (present.has(plan.home)) {
    const home = regionName(plan, plan.home as RegionCode, 'en');
    parts.push(
      zones.length
        ? { zh: `全市（含${zonesIn('zh')}）`, en: `${home} incl. ${zonesIn('en')}` }
        : { zh: '全市', en: home },
    );
  }
  if (complement && present.has(complement.code)) {
    const en = complement.name.en;
    parts.push({
      zh: `${complement.name.zh}（不含${zonesIn('zh')}）`,
      en: /\bexcl/i.test(en) ? en : `${en} excl. ${zonesIn('en')}`,
    });
  }
  for (const g of plan.regionGroups)
    if (g !== complement && present.has(g.code)) parts.push({ zh: g.name.zh, en: g.name.en });
  const towns = plan.regions.filter((r) => r.parent === plan.home && present.has(r.code));
  if (towns.length > 3) parts.push({ zh: `${towns.length}个镇（街道）`, en: `${towns.length} towns` });
  else for (const t of towns) parts.push({ zh: t.name.zh, en: t.name.en });
  const grouped = new Set([plan.home, ...plan.regionGroups.map((g) => g.code), ...towns.map((t) => t.code)]);
  const others = plan.regions.filter((r) => !grouped.has(r.code) && present.has(r.code));
  if (others.length > 3)
    parts.push({ zh: `其他${others.length}个地区`, en: `${others.length} other regions` });
  else for (const o of others) parts.push({ zh: o.name.zh, en: o.name.en });
  return {
    zh: parts.map((p) => p.zh).join('、'),
    en: parts.map((p) => p.en).join('; '),
  };
}

/**
 * The 制表单位: the plan's first department, which by the plan file's convention is the one that owns
 * the plan (市科技局 for the 科技创新鼎). A department named '市…' is prefixed with the home county's
 * name without its own '市' (慈溪 + 市科技局 → 慈溪市科技局), as a table leaves the county.
 */
export function progressTabulator(plan: Plan): LocalizedName {
  const dept = plan.departments[0]!;
  const home = plan.regions.find((r) => r.code === plan.home);
  if (!home) return dept.name;
  const zh = dept.name.zh.startsWith('市')
    ? `${home.name.zh.replace(/市$/, '')}${dept.name.zh}`
    : dept.name.zh;
  const en = dept.name.en.startsWith(home.name.en) ? dept.name.en : `${home.name.en} ${dept.name.en}`;
  return { zh, en };
}

export function progressTableCaption(
  plan: Plan,
  rows: readonly ProgressRow[],
  period: Period,
): ProgressTableCaption {
  return {
    title: { zh: `${plan.name.zh} 指标进度表`, en: `${plan.name.en}: indicator progress` },
    period: progressPeriodLabel(period),
    scope: progressScope(plan, [...new Set(rows.map((r) => r.region))]),
    tabulator: progressTabulator(plan),
    synthetic: rows.some((r) => r.value?.synthetic === true),
  };
}
