// The progress engine: per indicator × region × period, the value, target, completion, 序时进度, gap,
// YoY, rank, status and 2026 projection — each with the observation ids and the rule it used.
import type { Indicator, Plan, ProgressRule, Target } from '../plan/schema.ts';
import type { Observation } from '../observation.ts';
import {
  periodEndDate,
  periodMonthsElapsed,
  periodParse,
  periodSameLastYear,
  type Period,
} from '../period.ts';
import { regionName, regionsOn, type TerritoryChange } from '../regions.ts';
import { assertNever, type IndicatorCode, type LocalizedName, type RegionCode } from '../types.ts';
import { observationStoreBuild } from './observation-store.ts';
import {
  completionPercent,
  expectedFlowLinear,
  expectedFlowSeasonal,
  expectedStock,
  linearTrend,
  progressRuleDefault,
  rankWithTies,
  requiredAnnualGrowth,
  statusBand,
  yoyChange,
  type Status,
  type YoyKind,
} from './progress-rules.ts';
import { roundHalfAway } from './rounding.ts';
import { targetFinal, targetResolve, type ResolvedTarget } from './targets.ts';
import { valueResolverCreate, type ResolvedValue, type ValueResolver } from './values.ts';

export interface ExpectedToDate {
  value: number;
  /** The rule actually applied (flow_seasonal falls back to flow_linear without last year's pattern). */
  rule: ProgressRule;
  /** Share of the annual target expected by now, in % (e.g. 75 at Q3 for a linear flow). */
  shareOfTarget: number;
  /** The rule applied, in words (zh and en), with the figures it used. */
  explanation: LocalizedName;
}

export interface Projection {
  /** Trend value in the plan's final year (OLS line through recent year-end values). */
  value: number;
  year: number;
  method: 'linear_trend';
  /** Points the trend was fitted on (t = year, or year − 1 + months/12 for the current quarter). */
  points: { t: number; v: number }[];
  willMeet: boolean;
}

export interface RequiredGrowth {
  /** Annual growth (%) or annual increase (pp) needed from now to reach the final target; 0 when met. */
  value: number;
  kind: YoyKind;
  from: number;
  years: number;
  /** The final target is already reached: print 已达到, never a negative "所需年均增长". */
  met: boolean;
}

/** Why a YoY is re-based or withheld: the region's territory changed between the two periods (口径调整). */
export interface YoyNote {
  reason: 'boundary_change';
  change: TerritoryChange;
  /** True when the YoY was computed on a comparable base (the prior-year figure of today's territory). */
  adjusted: boolean;
  explanation: LocalizedName;
}

/** Why a row has no rank (never a meaningless "1/1"). */
export interface RankNote {
  /** peers_annual_only: a quarter, and the peers publish this indicator only annually; partial_coverage: too few peers have published. */
  reason: 'peers_annual_only' | 'partial_coverage';
  peerSet: string;
  /** Peers with a value for the period, of those that exist on its end date. */
  published: number;
  of: number;
  explanation: LocalizedName;
}

/**
 * Progress of a target summed over several years (累计40项, 累计10家): what is done by the period
 * (complete years plus this year to date — never a later figure), what remains, and where the current
 * pace leads by the target's last year.
 */
export interface CumulativeProgress {
  target: number;
  from: number;
  to: number;
  done: number;
  /** done / target × 100. */
  share: number;
  remaining: number;
  /** remaining ÷ the years left (this year's rest counted as its share of 12 months; all of it when this year has no figure yet). */
  requiredPerYear?: number;
  /** done + average annual flow of the complete years (or this year's pace) × years left. */
  projectedTotal?: number;
  willMeet?: boolean;
  observationIds: string[];
}

export interface ProgressRow {
  indicator: IndicatorCode;
  region: RegionCode;
  period: Period;
  unit: string;
  value?: ResolvedValue;
  target?: ResolvedTarget;
  /** 完成率 (%): value vs the annual target. */
  completion?: number;
  expected?: ExpectedToDate;
  /** value − 序时进度 (in the indicator's unit). */
  gapToExpected?: number;
  /** value − annual target (in the indicator's unit). */
  gapToTarget?: number;
  yoy?: { lastYear: number; change: number; kind: YoyKind };
  /** Present when the territory changed since last year: the YoY above is re-based, or withheld. */
  yoyNote?: YoyNote;
  /** Competition rank ("1224") on the values as published (rounded to the indicator's decimals). */
  rank?: { rank: number; of: number; peerSet: string };
  /** Why there is no rank, when the region belongs to a peer set. */
  rankNote?: RankNote;
  status: Status;
  projection?: Projection;
  requiredGrowth?: RequiredGrowth;
  cumulative?: CumulativeProgress;
}

export interface ProgressOptions {
  regions?: RegionCode[];
  indicators?: IndicatorCode[];
  /** Include component indicators (GDP, population …) that carry no target. Default false. */
  includeComponents?: boolean;
}

/** YoY and required growth are in pp for rates and levels, in % for counts and amounts. */
export function indicatorChangeKind(ind: Indicator): YoyKind {
  return ind.measure === 'stock' || ind.measure === 'flow' ? 'percent' : 'pp';
}

/** Regions reported by default: every region and group that exists on the period's end date. */
function defaultRegions(plan: Plan, period: Period): RegionCode[] {
  const date = periodEndDate(period);
  const codes = new Set([
    ...regionsOn(plan, date).map((r) => r.code),
    ...plan.regionGroups.map((g) => g.code),
  ]);
  return [...codes] as RegionCode[];
}

export function progressCompute(
  plan: Plan,
  observations: Iterable<Observation>,
  period: Period,
  options: ProgressOptions = {},
): ProgressRow[] {
  const values = valueResolverCreate(plan, observationStoreBuild(observations));
  const indicators = plan.indicators.filter(
    (i) =>
      (options.includeComponents || !i.component) &&
      (!options.indicators || options.indicators.includes(i.code as IndicatorCode)),
  );
  const regions = options.regions ?? defaultRegions(plan, period);
  const ranks = peerRanks(plan, values, indicators, period);
  return indicators.flatMap((ind) =>
    regions.map((region) =>
      progressRow(plan, values, ind, region, period, ranks.get(`${ind.code}\u0000${region}`) ?? {}),
    ),
  );
}

function progressRow(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  ranked: Pick<ProgressRow, 'rank' | 'rankNote'>,
): ProgressRow {
  const year = periodParse(period).year;
  const kind = indicatorChangeKind(ind);
  const value = values.value(ind.code, region, period);
  const target = targetResolve(plan, values, ind.code, region, period, year);
  const notDue = notDueYet(ind, period);
  const row: ProgressRow = {
    indicator: ind.code as IndicatorCode,
    region,
    period,
    unit: ind.unit,
    value,
    target,
    status: notDue ? 'not_due' : value ? 'no_target' : 'no_data',
    ...ranked,
  };
  const lastYear = values.priorYear(ind.code, region, period);
  if (value && lastYear.value !== undefined) {
    const change = yoyChange(value.value, lastYear.value, kind);
    if (change !== undefined) row.yoy = { lastYear: lastYear.value, change, kind };
  }
  if (lastYear.boundary) row.yoyNote = yoyNoteOf(plan, region, lastYear.boundary);
  // A 年报 indicator in Q1–Q3 is not judged, even when its value can be computed (issue 8 item 7).
  if (target && !notDue) {
    row.expected = expectedToDate(plan, values, ind, region, period, target);
    if (value) {
      // A growth rate against another growth rate has a gap, not a completion ratio.
      if (target.rule !== 'relative')
        row.completion = completionPercent(value.value, target.value, target.comparator);
      row.gapToTarget = value.value - target.value;
      if (row.expected) {
        row.gapToExpected = value.value - row.expected.value;
        row.status = statusBand(
          value.value,
          row.expected.value,
          target.value,
          target.comparator,
          plan.statusBands,
          ind.measure === 'growth',
          // growth targets are judged on the year: not 已完成 before Q4 (issue 8 item 7)
          !(ind.measure === 'growth' && isBeforeYearEnd(period)),
        );
      }
    }
  }
  const cumulativeTarget = plan.targets.find(
    (t): t is Extract<Target, { type: 'cumulative' }> =>
      t.type === 'cumulative' &&
      t.indicator === ind.code &&
      t.region === region &&
      t.from <= year &&
      year <= t.to,
  );
  if (cumulativeTarget) {
    const cumulative = cumulativeProgress(values, ind, region, period, cumulativeTarget);
    if (cumulative) row.cumulative = cumulative;
  } else if (ind.measure !== 'growth') {
    const final = targetFinal(plan, values, ind.code, region);
    if (final) Object.assign(row, projectToFinal(plan, values, ind, region, period, final));
  }
  return row;
}

/** Q1–Q3: the year is not complete (Q4 and the year are the same moment). */
function isBeforeYearEnd(period: Period): boolean {
  const { quarter } = periodParse(period);
  return quarter !== undefined && quarter < 4;
}

/**
 * An annual indicator has no figure before year-end: Q1–Q3 are 'not due', not 'no data' — and not
 * judged even when quarterly components give it a value, unless the plan declares that value meaningful.
 */
function notDueYet(ind: Indicator, period: Period): boolean {
  return ind.frequency === 'annual' && !ind.quarterlyMeaningful && isBeforeYearEnd(period);
}

function yoyNoteOf(
  plan: Plan,
  region: RegionCode,
  boundary: { change: TerritoryChange; adjusted: boolean },
): YoyNote {
  const names = (codes: RegionCode[], lang: 'zh' | 'en') =>
    codes.map((c) => regionName(plan, c, lang)).join(lang === 'zh' ? '、' : ', ');
  const { removed, added } = boundary.change;
  const zhParts = [
    removed.length ? `析出${names(removed, 'zh')}` : '',
    added.length ? `并入${names(added, 'zh')}` : '',
  ].filter(Boolean);
  const enParts = [
    removed.length ? `without ${names(removed, 'en')}` : '',
    added.length ? `with ${names(added, 'en')}` : '',
  ].filter(Boolean);
  const who = { zh: regionName(plan, region, 'zh'), en: regionName(plan, region, 'en') };
  return {
    reason: 'boundary_change',
    change: boundary.change,
    adjusted: boundary.adjusted,
    explanation: boundary.adjusted
      ? {
          zh: `口径调整：${who.zh}${zhParts.join('，')}，同比按可比口径（上年同期同一辖域）计算`,
          en: `boundary change: ${who.en} ${enParts.join(', ')}; YoY on a comparable base (last year's figure of today's territory)`,
        }
      : {
          zh: `口径调整：${who.zh}${zhParts.join('，')}，上年同期无可比口径数据，不计算同比`,
          en: `boundary change: ${who.en} ${enParts.join(', ')}; no comparable base for last year, so no YoY`,
        },
  };
}

/**
 * Cumulative target progress at `period`: the complete years from..year−1 (their year-end flows) plus
 * this year to date. Projection at the average pace of the complete years (the last three at most), or
 * this year's pace when none is complete: done + pace × years left, this year's rest counted as
 * (12 − months)/12 — or as a whole year when it has no year-to-date figure (an annual-only flow in
 * Q1–Q3), since then nothing of it is in `done`. Rule source: the seed's 累计 targets (三(四)1 累计40项,
 * 三(五)2 累计10家).
 */
function cumulativeProgress(
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  t: Extract<Target, { type: 'cumulative' }>,
): CumulativeProgress | undefined {
  const { year } = periodParse(period);
  const months = periodMonthsElapsed(period);
  const completeYears: number[] = [];
  const ids: string[] = [];
  for (let y = t.from; y < year; y++) {
    const v = values.yearEnd(ind.code, region, y);
    if (!v) return undefined; // a missing year would understate what is done
    completeYears.push(v.value);
    ids.push(...v.observationIds);
  }
  // An annual-only flow has no year-to-date figure in Q1–Q3: what is done is the complete years.
  const current = values.value(ind.code, region, period);
  if (!current && (!isBeforeYearEnd(period) || completeYears.length === 0)) return undefined;
  if (current) ids.push(...current.observationIds);
  const done = completeYears.reduce((a, b) => a + b, 0) + (current?.value ?? 0);
  // Without a year-to-date figure this year is in neither `done` nor behind us: all of it is left.
  const yearsLeft = t.to - year + (current ? (12 - months) / 12 : 1);
  const recent = completeYears.slice(-3);
  const pace = recent.length
    ? recent.reduce((a, b) => a + b, 0) / recent.length
    : (current!.value * 12) / months;
  const remaining = Math.max(0, t.value - done);
  const projectedTotal = done + pace * yearsLeft;
  return {
    target: t.value,
    from: t.from,
    to: t.to,
    done,
    share: (done / t.value) * 100,
    remaining,
    ...(yearsLeft > 0 ? { requiredPerYear: remaining / yearsLeft } : {}),
    projectedTotal,
    willMeet: projectedTotal >= t.value,
    observationIds: ids,
  };
}

function expectedToDate(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  target: ResolvedTarget,
): ExpectedToDate | undefined {
  const { year } = periodParse(period);
  const months = periodMonthsElapsed(period);
  const rule = ind.progressRule ?? progressRuleDefault(ind);
  const share = (v: number) => (target.value === 0 ? 100 : (v / target.value) * 100);
  const linear = (why?: LocalizedName): ExpectedToDate => {
    const v = expectedFlowLinear(target.value, months);
    return {
      value: v,
      rule: 'flow_linear',
      shareOfTarget: share(v),
      explanation: {
        zh: `${why?.zh ?? ''}本年目标 × ${months}/12（按月均衡推进）`,
        en: `${why?.en ?? ''}target × ${months}/12`,
      },
    };
  };
  switch (rule) {
    case 'stock_interpolation': {
      const last = values.yearEnd(ind.code, region, year - 1);
      if (!last) return undefined;
      const v = expectedStock(last.value, target.value, months);
      return {
        value: v,
        rule,
        shareOfTarget: share(v),
        explanation: {
          zh: `按上年末实际值 ${round(last.value)} 向本年目标线性推进（已过 ${months}/12 个月）`,
          en: `${year - 1} year-end ${round(last.value)} + (target − it) × ${months}/12`,
        },
      };
    }
    case 'flow_linear':
      return linear();
    case 'flow_seasonal': {
      if (months === 12) return linear();
      const lastToDate = values.value(ind.code, region, periodSameLastYear(period));
      const lastTotal = values.yearEnd(ind.code, region, year - 1);
      if (!lastToDate || !lastTotal || lastTotal.value <= 0)
        return linear({
          zh: '上年同期数据不全，无法按季节规律推算，改为：',
          en: 'no seasonal pattern last year: ',
        });
      const v = expectedFlowSeasonal(target.value, lastToDate.value, lastTotal.value);
      return {
        value: v,
        rule,
        shareOfTarget: share(v),
        explanation: {
          zh: `按上年同期进度占全年比重（${round(lastToDate.value)}/${round(lastTotal.value)}）折算本年目标`,
          en: `target × ${year - 1} share by this quarter (${round(lastToDate.value)} / ${round(lastTotal.value)})`,
        },
      };
    }
    case 'level_constant':
      return {
        value: target.value,
        rule,
        shareOfTarget: 100,
        explanation: {
          zh: '水平类目标全年适用，序时进度即年度目标值',
          en: 'the target level applies all year',
        },
      };
    default:
      return assertNever(rule, 'progress rule');
  }
}

/**
 * Trend projection to the final year and the growth now required. Stocks, ratios and indices use
 * the last three year-ends plus the current quarter; flows use complete years' totals only
 * (a year-to-date flow is not comparable with annual totals).
 */
function projectToFinal(
  plan: Plan,
  values: ValueResolver,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  final: ResolvedTarget,
): Pick<ProgressRow, 'projection' | 'requiredGrowth'> {
  const { year } = periodParse(period);
  // Q4 is the year (issue 8 item 1): its year-to-date figure is the year's, so 2025Q4 and 2025 project alike.
  const beforeYearEnd = isBeforeYearEnd(period);
  const lastCompleteYear = beforeYearEnd ? year - 1 : year;
  const points: { t: number; v: number }[] = [];
  for (let y = lastCompleteYear - 2; y <= lastCompleteYear; y++) {
    const v = values.yearEnd(ind.code, region, y);
    if (v) points.push({ t: y, v: v.value });
  }
  if (beforeYearEnd && ind.measure !== 'flow') {
    const current = values.value(ind.code, region, period);
    if (current) points.push({ t: year - 1 + periodMonthsElapsed(period) / 12, v: current.value });
  }
  const out: Pick<ProgressRow, 'projection' | 'requiredGrowth'> = {};
  const finalYear = final.finalYear ?? plan.targetYear;
  const finalValue = final.finalValue ?? final.value;
  const trend = linearTrend(points);
  if (trend) {
    // A share or coverage cannot pass its declared bounds (覆盖率 ≤ 100%): the trend line is clamped.
    const projected = clamp(trend.intercept + trend.slope * finalYear, ind.range?.min, ind.range?.max);
    out.projection = {
      value: projected,
      year: finalYear,
      method: 'linear_trend',
      points,
      willMeet: final.comparator === '>=' ? projected >= finalValue : projected <= finalValue,
    };
  }
  const latest = points[points.length - 1];
  if (latest) {
    const years = finalYear - latest.t;
    const kind = indicatorChangeKind(ind);
    const sign = final.comparator === '>=' ? 1 : -1;
    if (years > 0 && sign * (latest.v - finalValue) >= 0) {
      out.requiredGrowth = { value: 0, kind, from: latest.v, years, met: true };
    } else {
      const required = requiredAnnualGrowth(latest.v, finalValue, years, kind);
      if (required !== undefined)
        out.requiredGrowth = { value: required, kind, from: latest.v, years, met: false };
    }
  }
  return out;
}

function clamp(x: number, min: number | undefined, max: number | undefined): number {
  return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, x));
}

/**
 * Rank of every region within the first peer set that contains it, for each indicator — on the
 * figures as published (rounded to the indicator's decimals, so 58.519999… and 58.52 tie), and only
 * when at least `plan.coverage.minShare` of the set's members existing on the period's end date have a
 * value (and at least two do); otherwise each member gets a RankNote saying why (issue 8 items 2, 5, 11).
 */
function peerRanks(
  plan: Plan,
  values: ValueResolver,
  indicators: Indicator[],
  period: Period,
): Map<string, Pick<ProgressRow, 'rank' | 'rankNote'>> {
  const date = periodEndDate(period);
  const existing = new Set([
    ...regionsOn(plan, date).map((r) => r.code),
    ...plan.regionGroups.map((g) => g.code),
  ]);
  const out = new Map<string, Pick<ProgressRow, 'rank' | 'rankNote'>>();
  for (const ind of indicators) {
    for (const set of plan.peerSets) {
      const members = set.members.filter((m) => existing.has(m)) as RegionCode[];
      const key = (m: RegionCode) => `${ind.code}\u0000${m}`;
      // Every member already ranked (or noted) in an earlier set: nothing of this set is shown.
      const pending = members.filter((m) => !out.has(key(m)));
      if (pending.length === 0) continue;
      const scored = new Map<string, number>();
      for (const m of members) {
        const v = values.value(ind.code, m, period);
        if (v) scored.set(m, roundHalfAway(v.value, ind.decimals));
      }
      const enough = scored.size >= 2 && scored.size >= plan.coverage.minShare * members.length;
      const ranks = enough ? rankWithTies(scored, ind.polarity) : undefined;
      const note = ranks ? undefined : rankNoteOf(values, ind, period, set, members, scored);
      for (const m of pending) {
        const k = key(m);
        const rank = ranks?.get(m);
        if (rank !== undefined) out.set(k, { rank: { rank, of: scored.size, peerSet: set.code } });
        else if (note) out.set(k, { rankNote: note });
      }
    }
  }
  return out;
}

function rankNoteOf(
  values: ValueResolver,
  ind: Indicator,
  period: Period,
  set: Plan['peerSets'][number],
  members: RegionCode[],
  scored: ReadonlyMap<string, number>,
): RankNote {
  const { year } = periodParse(period);
  const published = scored.size;
  // The missing peers publish only year-end figures when last year's (or this year's) annual exists.
  const missing = members.filter((m) => !scored.has(m));
  const annualOnly =
    isBeforeYearEnd(period) &&
    missing.length > 0 &&
    missing.every((m) => values.yearEnd(ind.code, m, year - 1) || values.yearEnd(ind.code, m, year));
  const of = members.length;
  return annualOnly
    ? {
        reason: 'peers_annual_only',
        peerSet: set.code,
        published,
        of,
        explanation: {
          zh: `${set.name.zh}该指标仅有年度数据，季度不排名`,
          en: `${set.name.en} publish this indicator annually only: no quarterly rank`,
        },
      }
    : {
        reason: 'partial_coverage',
        peerSet: set.code,
        published,
        of,
        explanation: {
          zh: `${set.name.zh}已发布 ${published}/${of}，数据不全，暂不排名`,
          en: `${published} of ${of} ${set.name.en} published: no rank until enough have`,
        },
      };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
