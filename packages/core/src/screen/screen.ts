// The big screens' payloads (数字大屏), built by pure functions from the engine's rows: every number on the
// wall is progressCompute's, rounded the way the progress table rounds it (progressRecords), with its trace key.
import type { PlanIndexChange, PlanIndexScore } from '../composite/plan-index.ts';
import type { Status } from '../engine/progress-rules.ts';
import { progressCompute, type ProgressRow } from '../engine/progress.ts';
import { roundHalfAway, roundedDifference } from '../engine/rounding.ts';
import type { Observation } from '../observation.ts';
import { periodEndDate, periodOf, periodParse, type Period } from '../period.ts';
import type { Indicator, PeerSet, Plan } from '../plan/schema.ts';
import { regionChildrenOn, regionOn } from '../regions.ts';
import type { IndicatorCode, IsoDate, LocalizedName, RegionCode } from '../types.ts';
import type {
  ScreenAlert,
  ScreenCard,
  ScreenIndexRow,
  ScreenPayload,
  ScreenPeerRow,
  ScreenPeerSetName,
  ScreenRankingRow,
  ScreenTile,
  ScreenTrend,
  TraceKey,
} from './types.ts';

/** The map metric that colours the towns by their 科技创新指数 score. */
export const SCREEN_INDEX_METRIC = 'index';

const INDEX_NAME: LocalizedName = { zh: '科技创新指数', en: 'S&T innovation index' };

/** The engine rows a screen is built from (screenRowsCompute makes them from observations). */
export interface ScreenRows {
  period: Period;
  /** Rows for `period`: the home region and its groups (every indicator), the towns and the peers (the cards'). */
  rows: readonly ProgressRow[];
  /** Rows at the year periods baselineYear … targetYear: year-end values and the annual targets. */
  yearRows: readonly ProgressRow[];
}

/** The towns' 科技创新指数 for the period (workspaceIndex over the towns' peer set). */
export interface ScreenIndexInput {
  name?: LocalizedName;
  scores: readonly PlanIndexScore[];
  change?: PlanIndexChange;
  synthetic: boolean;
  /** The peer set the scores were computed over: gives each index row its explain key. */
  peerSet?: string;
  /** The period the scores are of, when it is not the screen's (too few towns published it), and why. */
  fallback?: { period: Period; reason: LocalizedName };
}

export interface ScreenOptions {
  /** Indicators shown as cards, trends, map metrics and rankings. Default: the plan's core indicators. */
  cardIndicators?: readonly string[];
  index?: ScreenIndexInput | null;
  /** ISO time of the latest publish the data includes. */
  publishedAt?: string | null;
  /** The peer set the home region is compared in; default the first peer set that contains it. */
  peerSet?: string;
  /** Notes to pass on to the screen (e.g. why the index is missing). */
  warnings?: readonly string[];
}

/** The cards' indicators: the ones asked for, else the core indicators of the 分解表, in plan order. */
export function screenCardIndicators(plan: Plan, asked?: readonly string[]): Indicator[] {
  if (!asked) return plan.indicators.filter((i) => i.core && !i.component);
  const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
  return asked.map((code) => {
    const ind = byCode.get(code);
    if (!ind) throw new Error(`screen: the plan has no indicator '${code}'`);
    return ind;
  });
}

/** The peer set the home region is ranked in (Cixi among the Ningbo districts), if the plan has one. */
export function screenPeerSet(plan: Plan, code?: string): PeerSet | undefined {
  if (code !== undefined) return plan.peerSets.find((s) => s.code === code);
  return plan.peerSets.find((s) => s.members.includes(plan.home));
}

/** The towns of the home region on the period's end date (陆中湾 only from 2024-11), in plan order. */
export function screenTowns(plan: Plan, period: Period): RegionCode[] {
  return regionChildrenOn(plan, plan.home as RegionCode, periodEndDate(period));
}

/** The home region, then its groups as the 分解表 lists them: 全市, 市级 (the complement), then the zones (前湾). */
function targetRegions(plan: Plan): RegionCode[] {
  const groups = [...plan.regionGroups].sort(
    (a, b) => Number(b.complementOf !== undefined) - Number(a.complementOf !== undefined),
  );
  return [plan.home, ...groups.map((g) => g.code)] as RegionCode[];
}

/**
 * The engine rows a city or town screen needs, from the published observations: for the period, every
 * indicator of the home region and its groups (the alerts) and the cards' indicators of the towns and
 * the peers; for each year baselineYear … targetYear, the cards' indicators of all of them (trends, peers).
 */
export function screenRowsCompute(
  plan: Plan,
  observations: readonly Observation[],
  period: Period,
  options: { cardIndicators?: readonly string[]; peerSet?: string } = {},
): ScreenRows {
  const cards = screenCardIndicators(plan, options.cardIndicators).map((i) => i.code as IndicatorCode);
  const targets = targetRegions(plan);
  const set = screenPeerSet(plan, options.peerSet);
  const others = [
    ...new Set([
      ...screenTowns(plan, period),
      ...(set ? [...set.members, ...(set.reference ? [set.reference] : [])] : []),
    ]),
  ].filter((r) => !targets.includes(r as RegionCode)) as RegionCode[];
  const all = [...targets, ...others];
  const rows = [
    ...progressCompute(plan, observations, period, { regions: targets }),
    ...progressCompute(plan, observations, period, {
      regions: others,
      indicators: cards,
      includeComponents: true,
    }),
  ];
  // Cards may name a component indicator (no target); the home rows above leave components out.
  const homeComponents = cards.filter((c) => plan.indicators.find((i) => i.code === c)?.component);
  if (homeComponents.length)
    rows.push(
      ...progressCompute(plan, observations, period, {
        regions: targets,
        indicators: homeComponents,
        includeComponents: true,
      }),
    );
  const yearRows: ProgressRow[] = [];
  for (let year = plan.baselineYear; year <= plan.targetYear; year++) {
    yearRows.push(
      ...progressCompute(plan, observations, periodOf(year), {
        regions: all,
        indicators: cards,
        includeComponents: true,
      }),
    );
  }
  return { period, rows, yearRows };
}

/** The city screen (全市): cards, trends of 全市/市级/前湾, the towns' map and rankings, peers, alerts, index. */
export function screenCityBuild(plan: Plan, data: ScreenRows, options: ScreenOptions = {}): ScreenPayload {
  const home = plan.home as RegionCode;
  const regions = targetRegions(plan);
  return screenBuild(plan, data, options, {
    kind: 'city',
    region: home,
    trendRegions: regions,
    alertRegions: regions,
    withPeers: true,
  });
}

/** The town screen: the same for one town (valid on the period's end date), its rank among the towns on each card. */
export function screenTownBuild(
  plan: Plan,
  data: ScreenRows,
  town: RegionCode,
  options: ScreenOptions = {},
): ScreenPayload {
  if (!screenTowns(plan, data.period).includes(town))
    throw new Error(`screen: ${town} is not a town of ${plan.home} on ${periodEndDate(data.period)}`);
  return screenBuild(plan, data, options, {
    kind: 'town',
    region: town,
    trendRegions: [town],
    alertRegions: [town],
    withPeers: false,
  });
}

interface ScreenShape {
  kind: ScreenPayload['kind'];
  region: RegionCode;
  trendRegions: RegionCode[];
  alertRegions: RegionCode[];
  withPeers: boolean;
}

/** As published: 四舍五入 half away from zero (engine/rounding.ts), the same as the progress table. */
const roundTo = (x: number | undefined, decimals: number): number | null =>
  x === undefined || !Number.isFinite(x) ? null : roundHalfAway(x, decimals);

const key = (indicator: string, region: string, period: string) =>
  `${indicator}\u0000${region}\u0000${period}`;

/** Whether the year-end of `year` is known at `period`: an earlier year, or this year at Q4 / the year itself. */
function yearEnded(year: number, period: Period): boolean {
  const p = periodParse(period);
  return year < p.year || (year === p.year && (p.quarter === undefined || p.quarter === 4));
}

function screenBuild(
  plan: Plan,
  data: ScreenRows,
  options: ScreenOptions,
  shape: ScreenShape,
): ScreenPayload {
  const { period } = data;
  const date = periodEndDate(period);
  const cards = screenCardIndicators(plan, options.cardIndicators);
  const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
  const lookup = new Map<string, ProgressRow>();
  for (const r of [...data.rows, ...data.yearRows]) lookup.set(key(r.indicator, r.region, r.period), r);
  let synthetic = options.index?.synthetic ?? false;
  /** A row the screen shows a value of: its synthetic flag counts for the badge. */
  const use = (indicator: string, region: string, p: string): ProgressRow | undefined => {
    const row = lookup.get(key(indicator, region, p));
    if (row?.value?.synthetic) synthetic = true;
    return row;
  };
  const trace = (indicator: string, region: string, p: string): TraceKey => ({
    indicator,
    region,
    period: p,
  });
  const warnings = [...(options.warnings ?? [])];

  const cardList = cards.map((ind) =>
    cardOf(plan, ind, shape.region, period, use(ind.code, shape.region, period), (y) =>
      use(ind.code, shape.region, periodOf(y)),
    ),
  );

  const trends: ScreenTrend[] = cards.flatMap((ind) =>
    shape.trendRegions.map((region) => ({
      indicator: ind.code,
      region,
      regionName: nameOf(plan, region),
      points: yearsOf(plan).map((year) => {
        const row = yearEnded(year, period)
          ? use(ind.code, region, periodOf(year))
          : lookup.get(key(ind.code, region, periodOf(year)));
        return {
          year,
          actual: yearEnded(year, period) ? roundTo(row?.value?.value, ind.decimals) : null,
          target: roundTo(row?.target?.value, ind.decimals),
        };
      }),
    })),
  );

  const towns = screenTowns(plan, period);
  const mapMetrics: ScreenPayload['mapMetrics'] = cards.map((i) => ({ key: i.code, name: i.name }));
  const tiles: ScreenPayload['tiles'] = {};
  const ranking: ScreenPayload['ranking'] = {};
  for (const ind of cards) {
    const values = new Map<string, number>();
    const ranks = new Map<string, number>();
    for (const t of towns) {
      const row = use(ind.code, t, period);
      if (row?.value) values.set(t, row.value.value);
      // the engine's rank (published figures, coverage rule), so the wall and the table agree
      if (row?.rank) ranks.set(t, row.rank.rank);
    }
    const entries = towns.map((t) => ({
      region: t,
      value: roundTo(values.get(t), ind.decimals),
      rank: ranks.get(t) ?? null,
      trace: trace(ind.code, t, period) as TraceKey | null,
    }));
    tiles[ind.code] = tilesOf(plan, entries, date, values.size);
    ranking[ind.code] = rankingOf(plan, entries, values.size);
  }
  const index = indexRows(options.index, period);
  if (options.index && index.length) {
    mapMetrics.push({ key: SCREEN_INDEX_METRIC, name: options.index.name ?? INDEX_NAME });
    const scores = new Map(index.map((r) => [r.region, r]));
    const entries = towns.map((t) => ({
      region: t,
      value: scores.get(t)?.score ?? null,
      rank: scores.get(t)?.rank ?? null,
      trace: null,
    }));
    tiles[SCREEN_INDEX_METRIC] = tilesOf(plan, entries, date, index.length);
    ranking[SCREEN_INDEX_METRIC] = rankingOf(plan, entries, index.length);
  } else if (options.index === undefined) {
    warnings.push(`no 科技创新指数 for ${period}`);
  }

  const peers: ScreenPeerRow[] = [];
  let peerSet: ScreenPeerSetName | null = null;
  if (shape.withPeers) {
    const set = screenPeerSet(plan, options.peerSet);
    if (!set) warnings.push(`the plan has no peer set containing ${plan.home}`);
    else {
      peerSet = {
        code: set.code,
        name: set.name,
        reference:
          set.reference !== undefined ? { region: set.reference, name: nameOf(plan, set.reference) } : null,
      };
      for (const ind of cards) {
        if (ind.category === 'none') continue;
        peers.push(peerRow(plan, ind, set, period, lookup, use));
      }
    }
  }

  const alerts: ScreenAlert[] = data.rows
    .filter((r) => shape.alertRegions.includes(r.region) && (r.status === 'behind' || r.status === 'watch'))
    .map((r) => {
      use(r.indicator, r.region, r.period);
      return alertOf(plan, byCode.get(r.indicator)!, r);
    })
    .sort(alertOrder)
    .map(({ severity: _severity, ...alert }) => alert);

  return {
    kind: shape.kind,
    region: shape.region,
    regionName: nameOf(plan, shape.region),
    period,
    publishedAt: options.publishedAt ?? null,
    synthetic,
    cards: cardList,
    trends,
    mapMetrics,
    tiles,
    ranking,
    peers,
    alerts,
    index,
    ...(warnings.length ? { warnings } : {}),
    home: { region: plan.home, name: nameOf(plan, plan.home) },
    ...(shape.withPeers ? { peerSet } : {}),
    ...(options.index?.fallback
      ? { indexPeriod: { period: options.index.fallback.period, reason: options.index.fallback.reason } }
      : {}),
  };
}

function yearsOf(plan: Plan): number[] {
  const out: number[] = [];
  for (let y = plan.startYear; y <= plan.targetYear; y++) out.push(y);
  return out;
}

function peerSetNameOf(plan: Plan, code: string): LocalizedName {
  return plan.peerSets.find((s) => s.code === code)?.name ?? { zh: code, en: code };
}

function nameOf(plan: Plan, code: string): LocalizedName {
  const named = plan.regions.find((r) => r.code === code) ?? plan.regionGroups.find((g) => g.code === code);
  return named ? named.name : { zh: code, en: code };
}

function cardOf(
  plan: Plan,
  ind: Indicator,
  region: RegionCode,
  period: Period,
  row: ProgressRow | undefined,
  yearRow: (year: number) => ProgressRow | undefined,
): ScreenCard {
  const d = ind.decimals;
  const card: ScreenCard = {
    indicator: ind.code,
    name: ind.name,
    unit: ind.unit,
    decimals: d,
    region,
    value: roundTo(row?.value?.value, d),
    target: roundTo(row?.target?.value, d),
    completion: roundTo(row?.completion, 1),
    expected: roundTo(row?.expected?.value, d),
    expectedShare: roundTo(row?.expected?.shareOfTarget, 1),
    // YoY as the progress table prints it: pp to the indicator's decimals, percent to 0.1.
    yoy: row?.yoy
      ? { change: roundTo(row.yoy.change, row.yoy.kind === 'pp' ? d : 1)!, kind: row.yoy.kind }
      : null,
    status: row?.status ?? 'no_data',
    trace: { indicator: ind.code, region, period },
    synthetic: row?.value?.synthetic ?? false,
    targetRule: row?.target?.rule ?? null,
    finalTarget:
      row?.target?.finalValue !== undefined
        ? { value: roundTo(row.target.finalValue, d)!, year: row.target.finalYear ?? plan.targetYear }
        : null,
    rank:
      row?.rank && row.rank.of > 1
        ? { ...row.rank, peerSetName: peerSetNameOf(plan, row.rank.peerSet) }
        : null,
    latest: null,
  };
  if (!row?.value) {
    const { year } = periodParse(period);
    for (let y = year; y >= plan.baselineYear; y--) {
      if (!yearEnded(y, period)) continue;
      const v = yearRow(y)?.value;
      if (v) {
        card.latest = {
          period: periodOf(y),
          value: roundTo(v.value, d)!,
          trace: { indicator: ind.code, region, period: periodOf(y) },
        };
        break;
      }
    }
  }
  return card;
}

interface MetricEntry {
  region: RegionCode;
  value: number | null;
  rank: number | null;
  trace: TraceKey | null;
}

function tilesOf(plan: Plan, entries: MetricEntry[], date: IsoDate, of: number): ScreenTile[] {
  return entries.flatMap((e) => {
    const r = regionOn(plan, e.region, date);
    if (!r?.tile) return [];
    return [
      { region: e.region, name: r.name, col: r.tile.col, row: r.tile.row, value: e.value, rank: e.rank, of },
    ];
  });
}

/** Best first; ties share a rank and keep the plan's order; towns without a value last. */
function rankingOf(plan: Plan, entries: MetricEntry[], of: number): ScreenRankingRow[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.rank ?? Infinity) - (b.e.rank ?? Infinity) || a.i - b.i)
    .map(({ e }) => ({
      region: e.region,
      name: nameOf(plan, e.region),
      value: e.value,
      rank: e.rank,
      of,
      trace: e.trace,
    }));
}

function indexRows(index: ScreenIndexInput | null | undefined, screenPeriod: Period): ScreenIndexRow[] {
  if (!index) return [];
  // The explain key names the period the scores are of.
  const period = index.fallback?.period ?? screenPeriod;
  const change = new Map((index.change?.regions ?? []).map((r) => [r.region as string, r.change]));
  const set = index.peerSet;
  return index.scores
    .flatMap((s) =>
      s.index === null || s.rank === null
        ? []
        : [
            {
              region: s.region,
              name: s.name,
              score: roundTo(s.index, 2)!,
              rank: s.rank,
              change: roundTo(change.get(s.region) ?? undefined, 2),
              ...(set !== undefined ? { trace: { region: s.region, period, set } } : {}),
            },
          ],
    )
    .sort((a, b) => a.rank - b.rank);
}

/**
 * The home region among its peers (二、总体目标: 规模指标 top 3 in Ningbo, 水平指标 above the Ningbo average).
 * Peers report annually, so the comparison uses the latest period not after the screen's in which the home
 * region and at least one other peer have a figure: the period itself, else the latest ended year — the
 * latest of those the engine ranks the home region in, else the latest with the engine's rankNote (no rank).
 * The rank is the engine's (published figures, plan.coverage.minShare of the set), so the wall and the
 * progress table agree. The average is the reference region's own figure (宁波市, itself a ratio of sums)
 * when it has one for that period, else the unweighted mean of the members' figures.
 */
function peerRow(
  plan: Plan,
  ind: Indicator,
  set: PeerSet,
  period: Period,
  lookup: ReadonlyMap<string, ProgressRow>,
  use: (indicator: string, region: string, p: string) => ProgressRow | undefined,
): ScreenPeerRow {
  const home = plan.home;
  const d = ind.decimals;
  const goal = ind.category === 'scale' ? ('top3' as const) : ('above_average' as const);
  const { year, quarter } = periodParse(period);
  // Q4 stands for the year (the same year-end figures): compare it as the year the peers report.
  const candidates: Period[] = quarter === undefined || quarter === 4 ? [] : [period];
  for (let y = year; y >= plan.baselineYear; y--) if (yearEnded(y, period)) candidates.push(periodOf(y));
  const valueAt = (region: string, p: string) => lookup.get(key(ind.code, region, p))?.value?.value;
  const compared = candidates.flatMap((p) => {
    const date = periodEndDate(p);
    const members = set.members.filter((m) => m === home || regionOn(plan, m as RegionCode, date));
    const values = new Map<string, number>();
    for (const m of members) {
      const v = valueAt(m, p);
      // published figures (rounded), as the engine ranks them and the wall prints them
      if (v !== undefined) values.set(m, roundHalfAway(v, d));
    }
    if (!values.has(home) || values.size < 2) return [];
    const homeRow = lookup.get(key(ind.code, home, p));
    const rank = homeRow?.rank?.peerSet === set.code ? homeRow.rank : undefined;
    const rankNote = homeRow?.rankNote?.peerSet === set.code ? homeRow.rankNote : undefined;
    return [{ p, values, rank, rankNote }];
  });
  const chosen = compared.find((c) => c.rank) ?? compared[0];
  if (chosen) {
    const { p, values, rank, rankNote } = chosen;
    for (const m of values.keys()) use(ind.code, m, p);
    const value = values.get(home)!;
    let average: number | null = null;
    let averageRule: ScreenPeerRow['averageRule'] = null;
    let averageTrace: TraceKey | null = null;
    let averageName: LocalizedName | null = null;
    if (goal === 'above_average') {
      const reference = set.reference !== undefined ? use(ind.code, set.reference, p)?.value : undefined;
      if (reference && set.reference !== undefined) {
        average = reference.value;
        averageRule = 'reference_region';
        averageTrace = { indicator: ind.code, region: set.reference, period: p };
        averageName = nameOf(plan, set.reference);
      } else {
        average = [...values.values()].reduce((s, v) => s + v, 0) / values.size;
        averageRule = 'mean_of_peers';
      }
    }
    const printedAverage = average === null ? null : roundTo(average, d);
    const better = (a: number, b: number) => (ind.polarity === 'positive' ? a >= b : a <= b);
    return {
      indicator: ind.code,
      name: ind.name,
      unit: ind.unit,
      category: ind.category as 'scale' | 'level',
      value: roundTo(value, d),
      rank: rank?.rank ?? null,
      of: rank?.of ?? values.size,
      goal,
      average: printedAverage,
      averageRule,
      // Judged on the figures as printed (both rounded to the indicator's decimals, engine/rounding.ts),
      // so a shown 3.00 against a shown average 3.00 is met; top 3 only with the engine's rank.
      met:
        goal === 'top3'
          ? rank
            ? rank.rank <= 3
            : null
          : printedAverage === null
            ? null
            : better(value, printedAverage),
      period: p,
      trace: { indicator: ind.code, region: home, period: p },
      decimals: d,
      averageTrace,
      averageName,
      rankNote: rank ? null : (rankNote ?? null),
    };
  }
  return {
    indicator: ind.code,
    name: ind.name,
    unit: ind.unit,
    category: ind.category as 'scale' | 'level',
    value: null,
    rank: null,
    of: 0,
    goal,
    average: null,
    averageRule: null,
    met: null,
    period,
    trace: { indicator: ind.code, region: home, period },
    decimals: d,
    averageTrace: null,
    averageName: null,
    rankNote: null,
  };
}

/** (value − 序时进度) / |序时进度| in %, signed so that negative is behind for either comparator. */
function gapRelative(row: ProgressRow): number | null {
  if (!row.value || !row.expected || row.expected.value === 0) return null;
  const sign = row.target?.comparator === '<=' ? -1 : 1;
  return (sign * (row.value.value - row.expected.value) * 100) / Math.abs(row.expected.value);
}

function alertOf(plan: Plan, ind: Indicator, row: ProgressRow): ScreenAlert & { severity: number | null } {
  const d = ind.decimals;
  const rel = gapRelative(row);
  const rg = row.requiredGrowth?.met ? undefined : row.requiredGrowth;
  return {
    indicator: ind.code,
    name: ind.name,
    region: row.region,
    regionName: nameOf(plan, row.region),
    status: row.status,
    value: roundTo(row.value?.value, d),
    expected: roundTo(row.expected?.value, d),
    // As the progress table prints it: pp to 0.01, percent to 0.1.
    requiredGrowth: rg
      ? { value: roundTo(rg.value, rg.kind === 'pp' ? 2 : 1)!, kind: rg.kind, years: roundTo(rg.years, 2)! }
      : null,
    trace: { indicator: row.indicator, region: row.region, period: row.period },
    // printed value − printed 序时进度, so the three figures on the alert add up
    gapToExpected:
      row.value && row.expected ? roundedDifference(row.value.value, row.expected.value, d) : null,
    gapRelative: roundTo(rel ?? undefined, 1),
    target: roundTo(row.target?.value, d),
    unit: ind.unit,
    decimals: d,
    severity: rel,
  };
}

const STATUS_SEVERITY: Partial<Record<Status, number>> = { behind: 0, watch: 1 };

/** How urgent a status is, for ordering: behind (0) before watch (1) before the rest (2). */
export const statusUrgency = (status: Status): number => STATUS_SEVERITY[status] ?? 2;

/** Behind before watch; within each, the largest relative shortfall against 序时进度 first. */
function alertOrder(
  a: ScreenAlert & { severity: number | null },
  b: ScreenAlert & { severity: number | null },
) {
  return (
    statusUrgency(a.status) - statusUrgency(b.status) || (a.severity ?? Infinity) - (b.severity ?? Infinity)
  );
}
