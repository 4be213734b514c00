// 科技创新杯 scoring (seed 四(四); issue 10 §6): every town's points per item with its formula and inputs,
// dimension subtotals, evidence-backed bonus/deductions (capped), total, ranks, 位次变化, awards and what-if.
// Pure: the engine's rows, index scores and approved evidence come in; nothing is read or written.
import type { ProgressRow } from '../engine/progress.ts';
import { rankWithTies } from '../engine/progress-rules.ts';
import { roundHalfAway } from '../engine/rounding.ts';
import { periodEndDate, periodOf } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import type { LocalizedName, RegionCode } from '../types.ts';
import { regionOn } from '../regions.ts';
import type { CupAdjustment, CupGroup, CupItem, CupScheme } from './scheme.ts';

/**
 * Points are kept to 2 decimals per item (as a 评分表 is filled in), rounded as published figures are
 * (四舍五入 half away from zero, engine/rounding.ts: 10.075 → 10.08); subtotals and totals add the rounded items.
 */
const points2 = (x: number): number => roundHalfAway(x, 2);

/** An approved evidence entry (佐证材料) for a bonus or deduction item. */
export interface CupEvidence {
  id: number;
  region: string;
  item: string;
  quantity: number;
  note: string;
  file?: string | null;
}

/**
 * An evidence entry as entered and listed (GET /api/cup/evidence, the server's CupEvidenceSchema): pending
 * until an admin approves or rejects it; only approved entries score.
 */
export interface CupEvidenceEntry extends CupEvidence {
  year: number;
  file: string | null;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface CupIndexScores {
  /** The period the index is of (normally the year). */
  period: string;
  scores: { region: string; index: number | null }[];
}

export interface CupScoreInput {
  scheme: CupScheme;
  plan: Plan;
  year: number;
  /** progressCompute rows for the period `${year}` covering the towns (YoY needs the year before too). */
  rows: readonly ProgressRow[];
  index?: CupIndexScores;
  /** Approved evidence of the year only. */
  evidence: readonly CupEvidence[];
  /** Last year's results, for 位次变化. */
  previous?: CupResults;
}

/** What an item's points were computed from: enough to open the trace (indicator, region, period). */
export interface CupItemInputs {
  indicator?: string;
  region: string;
  period: string;
  value?: number;
  target?: number;
  completion?: number;
  growth?: number;
  /** percent for counts and amounts, pp (个百分点) for ratios: the engine's YoY kind. */
  growthKind?: 'percent' | 'pp';
  rank?: number;
  of?: number;
  index?: number;
  observationIds: string[];
}

/**
 * Why an item earned 0 for want of data. partial_coverage: a rank item withheld because fewer than the plan's
 * coverage.minShare of the group (and fewer than two members) have a value — the first to report is not 1st of 1.
 */
export type CupMissing = 'no_value' | 'no_target' | 'no_growth' | 'no_index' | 'partial_coverage';

export interface CupItemScore {
  item: string;
  name: LocalizedName;
  dimension: string;
  rule: CupItem['rule']['kind'];
  points: number;
  max: number;
  formula: LocalizedName;
  inputs: CupItemInputs;
  /** Why the item earned 0 for want of data. */
  missing?: CupMissing;
  /** For partial_coverage: how many of the group have a value, of how many. */
  coverage?: { published: number; of: number };
}

export interface CupAdjustmentScore {
  item: string;
  name: LocalizedName;
  side: 'bonus' | 'deduction';
  /** Positive for a bonus, negative for a deduction; after the cap. */
  points: number;
  /** Before the cap: quantity × perUnit. */
  uncapped: number;
  cap: number;
  capped: boolean;
  formula: LocalizedName;
  evidence: number[];
}

export interface CupWhatIf {
  item: string;
  indicator: string;
  /** The annual target to reach. */
  target: number;
  value: number;
  gain: number;
}

export interface CupTownResult {
  region: string;
  name: LocalizedName;
  group: string;
  items: CupItemScore[];
  dimensions: { code: string; name: LocalizedName; points: number; max: number }[];
  base: number;
  bonus: number;
  deduction: number;
  total: number;
  rankInGroup: number;
  groupSize: number;
  rankOverall: number;
  /** Last year's ranks, when the town was evaluated then in the same group. */
  lastYear?: { total: number; rankInGroup: number; rankOverall: number };
  /** 位次变化 in the group: last year's rank − this year's (+2 = up two places). */
  rankChange?: number;
  adjustments: CupAdjustmentScore[];
  awards: LocalizedName[];
  whatIf: CupWhatIf[];
}

export interface CupResults {
  year: number;
  schemeId: string;
  status: CupScheme['status'];
  towns: CupTownResult[];
  awards: { group: string; name: LocalizedName; kind: 'top' | 'advanced'; regions: string[] }[];
  warnings: string[];
  /** True when any figure scored is synthetic demo data (the export then says so, as the progress table does). */
  synthetic: boolean;
}

/**
 * 位次变化 as printed in a 通报 (the web page and `ding cup` alike): ↑2 (up two places), ↓1, 持平 (0), and 新
 * when the town was not ranked in the group last year (rankChange = last year's rank − this year's).
 */
export function cupRankChangeText(
  change: number | undefined,
  lang: 'zh' | 'en',
): { text: string; tone: 'up' | 'down' | 'same' | 'new' } {
  if (change === undefined) return { text: lang === 'zh' ? '新' : 'new', tone: 'new' };
  if (change > 0) return { text: `↑${change}`, tone: 'up' };
  if (change < 0) return { text: `↓${-change}`, tone: 'down' };
  return { text: lang === 'zh' ? '持平' : '=', tone: 'same' };
}

/** A figure in a formula as the progress table prints it: rounded half away from zero, then fixed decimals. */
const fmt = (x: number, d = 2) => roundHalfAway(x, d).toFixed(d);
const text = (zh: string, en: string): LocalizedName => ({ zh, en });

/** Towns evaluated: the scheme's peer set members valid on the year's end date, each in the group of its kind. */
function townsOf(s: CupScheme, plan: Plan, year: number, warnings: string[]) {
  const date = periodEndDate(periodOf(year));
  const set = plan.peerSets.find((p) => p.code === s.peerSet);
  const towns: { region: string; name: LocalizedName; group: CupGroup }[] = [];
  for (const m of set?.members ?? []) {
    const r = regionOn(plan, m as RegionCode, date);
    if (!r) continue;
    const group = s.groups.find((g) => (g.kinds as string[]).includes(r.kind));
    if (!group) {
      warnings.push(`${m} (${r.kind}) is in no group of the scheme and is not evaluated`);
      continue;
    }
    towns.push({ region: m, name: r.name, group });
  }
  return towns;
}

function scoreItem(
  it: CupItem,
  dimension: string,
  town: string,
  peers: readonly string[],
  ctx: { plan: Plan; period: string; rows: Map<string, ProgressRow>; index: Map<string, number> },
): CupItemScore {
  const base = { item: it.code, name: it.name, dimension, rule: it.rule.kind, max: it.points };
  const row = it.indicator ? ctx.rows.get(`${it.indicator}\u0000${town}`) : undefined;
  const ind = it.indicator ? ctx.plan.indicators.find((i) => i.code === it.indicator) : undefined;
  /** The indicator's published decimals, for its value in a formula. */
  const dec = ind?.decimals ?? 2;
  const inputs: CupItemInputs = {
    ...(it.indicator ? { indicator: it.indicator } : {}),
    region: town,
    period: ctx.period,
    observationIds: [...(row?.value?.observationIds ?? []), ...(row?.target?.observationIds ?? [])],
  };
  if (row?.value) inputs.value = row.value.value;
  const zero = (missing: CupMissing, zh: string, en: string): CupItemScore => ({
    ...base,
    points: 0,
    formula: text(zh, en),
    inputs,
    missing,
  });
  const p = it.points;
  const rule = it.rule;
  switch (rule.kind) {
    case 'target_completion': {
      if (!row?.value) return zero('no_value', '无数值，得 0 分', 'no value: 0 points');
      if (!row.target || row.completion === undefined)
        return zero('no_target', '无目标，得 0 分', 'no target: 0 points');
      inputs.target = row.target.value;
      inputs.completion = row.completion;
      const pts = points2((p * Math.min(row.completion, rule.cap)) / 100);
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          `${p} × min(完成率 ${fmt(row.completion, 1)}%, ${rule.cap}%) ÷ 100 = ${fmt(pts)}`,
          `${p} × min(completion ${fmt(row.completion, 1)}%, ${rule.cap}%) / 100 = ${fmt(pts)}`,
        ),
      };
    }
    case 'growth': {
      if (!row?.yoy)
        return zero('no_growth', '无上年可比数，得 0 分', 'no comparable last-year figure: 0 points');
      const g = row.yoy.change;
      inputs.growth = g;
      inputs.growthKind = row.yoy.kind;
      const share = Math.min(Math.max((g - rule.low) / (rule.high - rule.low), 0), 1);
      const pts = points2(p * share);
      const u = row.yoy.kind === 'pp' ? '个百分点' : '%';
      const ue = row.yoy.kind === 'pp' ? ' pp' : '%';
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          `${p} × 夹在[0,1]内((增长 ${fmt(g, 1)}${u} − ${rule.low}) ÷ (${rule.high} − ${rule.low})) = ${fmt(pts)}`,
          `${p} × clamp((growth ${fmt(g, 1)}${ue} − ${rule.low}) / (${rule.high} − ${rule.low}), 0, 1) = ${fmt(pts)}`,
        ),
      };
    }
    case 'rank': {
      if (!row?.value) return zero('no_value', '无数值，得 0 分', 'no value: 0 points');
      // As the engine ranks (progress.ts peerRanks): on the figures as published, rounded to the indicator's
      // decimals (58.519999… ties 58.52), ties sharing a rank ("1224"), and only when plan.coverage.minShare
      // of the group (and at least two members) have a value — a lone group member is ranked 1st of 1.
      const published = new Map<string, number>();
      for (const r of peers) {
        const v = ctx.rows.get(`${it.indicator}\u0000${r}`)?.value?.value;
        if (v !== undefined) published.set(r, roundHalfAway(v, dec));
      }
      const n = published.size;
      const enough = peers.length === 1 || (n >= 2 && n >= ctx.plan.coverage.minShare * peers.length);
      if (!enough) {
        return {
          ...zero(
            'partial_coverage',
            `组内已有数值 ${n}/${peers.length}，数据不全，暂不排名，得 0 分`,
            `${n} of ${peers.length} in the group have a value: no rank until enough have, 0 points`,
          ),
          coverage: { published: n, of: peers.length },
        };
      }
      const rank = rankWithTies(published, ind?.polarity ?? 'positive').get(town)!;
      inputs.rank = rank;
      inputs.of = n;
      const pts = points2(n <= 1 ? p : (p * (n - rank)) / (n - 1));
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          n <= 1 ? `组内仅一家，得满分 ${p}` : `${p} × (${n} − 第${rank}名) ÷ (${n} − 1) = ${fmt(pts)}`,
          n <= 1
            ? `alone in the group: full ${p}`
            : `${p} × (${n} − rank ${rank}) / (${n} − 1) = ${fmt(pts)}`,
        ),
      };
    }
    case 'index_score': {
      const score = ctx.index.get(town);
      if (score === undefined) return zero('no_index', '无科技创新指数，得 0 分', 'no index score: 0 points');
      inputs.index = score;
      const pts = points2(p * Math.min(Math.max(score, 0) / rule.fullAt, 1));
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          `${p} × min(指数 ${fmt(score, 1)} ÷ ${rule.fullAt}, 1) = ${fmt(pts)}`,
          `${p} × min(index ${fmt(score, 1)} / ${rule.fullAt}, 1) = ${fmt(pts)}`,
        ),
      };
    }
    case 'yes_no': {
      if (!row?.value) return zero('no_value', '无数值，得 0 分', 'no value: 0 points');
      const yes = row.value.value >= rule.atLeast;
      const pts = yes ? p : 0;
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          `${fmt(row.value.value, dec)} ${yes ? '≥' : '<'} ${rule.atLeast}：${yes ? '是' : '否'}，得 ${pts}`,
          `${fmt(row.value.value, dec)} ${yes ? '≥' : '<'} ${rule.atLeast}: ${yes ? 'yes' : 'no'}, ${pts} points`,
        ),
      };
    }
    case 'per_unit': {
      if (!row?.value) return zero('no_value', '无数值，得 0 分', 'no value: 0 points');
      const pts = points2(Math.min(Math.max(row.value.value, 0) * rule.perUnit, p));
      return {
        ...base,
        points: pts,
        inputs,
        formula: text(
          `min(${fmt(row.value.value, dec)} × ${rule.perUnit}, 上限 ${p}) = ${fmt(pts)}`,
          `min(${fmt(row.value.value, dec)} × ${rule.perUnit}, cap ${p}) = ${fmt(pts)}`,
        ),
      };
    }
    default: {
      const never: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

function scoreAdjustment(
  a: CupAdjustment,
  side: 'bonus' | 'deduction',
  entries: readonly CupEvidence[],
): CupAdjustmentScore | undefined {
  if (entries.length === 0) return undefined;
  const quantity = entries.reduce((s, e) => s + e.quantity, 0);
  const uncapped = points2(quantity * a.perUnit);
  const capped = uncapped > a.cap;
  const magnitude = Math.min(uncapped, a.cap);
  const sign = side === 'bonus' ? 1 : -1;
  return {
    item: a.code,
    name: a.name,
    side,
    points: sign * magnitude,
    uncapped,
    cap: a.cap,
    capped,
    evidence: entries.map((e) => e.id),
    formula: text(
      `${side === 'bonus' ? '加分' : '扣分'} min(${quantity} × ${a.perUnit}, 上限 ${a.cap}) = ${fmt(magnitude)}${capped ? '（封顶）' : ''}`,
      `${side === 'bonus' ? 'bonus' : 'deduction'} min(${quantity} × ${a.perUnit}, cap ${a.cap}) = ${fmt(magnitude)}${capped ? ' (capped)' : ''}`,
    ),
  };
}

/** The year's results for every town of the scheme's peer set. */
export function cupScore(input: CupScoreInput): CupResults {
  const { scheme: s, plan, year } = input;
  const warnings: string[] = [];
  const period = String(year);
  const rows = new Map<string, ProgressRow>();
  for (const r of input.rows) if (r.period === period) rows.set(`${r.indicator}\u0000${r.region}`, r);
  const index = new Map<string, number>();
  for (const sc of input.index?.scores ?? []) if (sc.index !== null) index.set(sc.region, sc.index);
  const towns = townsOf(s, plan, year, warnings);
  // Approved under an earlier scheme: an item this scheme no longer has does not score, and says so.
  const adjustable = new Set([...s.bonus, ...s.deductions].map((x) => x.code));
  for (const e of input.evidence) {
    if (!adjustable.has(e.item)) {
      warnings.push(
        `evidence ${e.id} (${e.region}, ${e.item}) names no bonus/deduction item of the scheme and does not score`,
      );
    }
  }
  const ctx = { plan, period, rows, index };

  const scored = towns.map((t) => {
    const peers = towns.filter((x) => x.group.code === t.group.code).map((x) => x.region);
    const items = s.dimensions.flatMap((d) =>
      d.items.map((it) => scoreItem(it, d.code, t.region, peers, ctx)),
    );
    const dimensions = s.dimensions.map((d) => ({
      code: d.code,
      name: d.name,
      max: d.points,
      points: points2(items.filter((i) => i.dimension === d.code).reduce((x, i) => x + i.points, 0)),
    }));
    const mine = input.evidence.filter((e) => e.region === t.region);
    const adjustments = [
      ...s.bonus.map((a) =>
        scoreAdjustment(
          a,
          'bonus',
          mine.filter((e) => e.item === a.code),
        ),
      ),
      ...s.deductions.map((a) =>
        scoreAdjustment(
          a,
          'deduction',
          mine.filter((e) => e.item === a.code),
        ),
      ),
    ].filter((a): a is CupAdjustmentScore => a !== undefined);
    const base = points2(dimensions.reduce((x, d) => x + d.points, 0));
    const bonus = points2(adjustments.filter((a) => a.side === 'bonus').reduce((x, a) => x + a.points, 0));
    const deduction = points2(
      adjustments.filter((a) => a.side === 'deduction').reduce((x, a) => x + a.points, 0),
    );
    const whatIf: CupWhatIf[] = [];
    for (const d of s.dimensions) {
      for (const it of d.items) {
        if (it.rule.kind !== 'target_completion') continue;
        const sc = items.find((i) => i.item === it.code)!;
        const { completion, target, value } = sc.inputs;
        if (completion === undefined || target === undefined || value === undefined || completion >= 100)
          continue;
        const gain = points2((it.points * Math.min(100, it.rule.cap)) / 100 - sc.points);
        if (gain > 0) whatIf.push({ item: it.code, indicator: it.indicator!, target, value, gain });
      }
    }
    return {
      region: t.region,
      name: t.name,
      group: t.group.code,
      items,
      dimensions,
      base,
      bonus,
      deduction,
      total: points2(base + bonus + deduction),
      adjustments,
      whatIf,
    };
  });

  // Totals are already 2-decimal points: ranked as they are printed, ties sharing the better rank.
  const overall = rankWithTies(new Map(scored.map((t) => [t.region, t.total])), 'positive');
  const inGroup = new Map<string, Map<string, number>>();
  for (const g of s.groups) {
    const members = scored.filter((x) => x.group === g.code).map((x) => [x.region, x.total] as const);
    inGroup.set(g.code, rankWithTies(new Map(members), 'positive'));
  }
  const results: CupTownResult[] = scored.map((t) => {
    const groupRanks = inGroup.get(t.group)!;
    const rankInGroup = groupRanks.get(t.region)!;
    const rankOverall = overall.get(t.region)!;
    const last = input.previous?.towns.find((x) => x.region === t.region && x.group === t.group);
    return {
      ...t,
      rankInGroup,
      groupSize: groupRanks.size,
      rankOverall,
      ...(last
        ? {
            lastYear: { total: last.total, rankInGroup: last.rankInGroup, rankOverall: last.rankOverall },
            rankChange: last.rankInGroup - rankInGroup,
          }
        : {}),
      awards: [],
    };
  });

  const awards: CupResults['awards'] = [];
  for (const g of s.groups) {
    const winners = results
      .filter((t) => t.group === g.code && t.rankInGroup <= g.top)
      .sort((a, b) => a.rankInGroup - b.rankInGroup);
    if (g.top > 0 && winners.length > 0) {
      const name = text(`${g.name.zh}${g.top}强`, `${g.name.en}: top ${g.top}`);
      awards.push({ group: g.code, name, kind: 'top', regions: winners.map((w) => w.region) });
      for (const w of winners) w.awards.push(name);
    }
  }
  const advanced = results
    .filter((t) => t.total >= s.awards.advancedMinTotal)
    .sort((a, b) => b.total - a.total);
  if (advanced.length > 0) {
    const name = text('科技创新工作先进单位', 'Advanced unit in S&T innovation');
    awards.push({ group: '*', name, kind: 'advanced', regions: advanced.map((w) => w.region) });
    for (const w of advanced) w.awards.push(name);
  }
  results.sort((a, b) => a.rankOverall - b.rankOverall || a.region.localeCompare(b.region));
  const synthetic = input.rows.some((r) => r.period === period && r.value?.synthetic === true);
  return { year, schemeId: s.id, status: s.status, towns: results, awards, warnings, synthetic };
}
