// Why a region scored and ranked as it did in the 科技创新指数 (横向可比, 可溯): its score and rank among the
// peer set, each indicator's contribution (normalised value × effective weight, with the observations behind
// the raw figure and a trace key to follow), the change since the previous period decomposed by indicator —
// "why did we drop two places?" — and the method (period rule, normalisation, weights, aggregation, missing
// values) in words. Built from planIndexCompute's result by a pure function; the server adds nothing to it.
import type {
  PlanIndexChangeRegion,
  PlanIndexLeftOut,
  PlanIndexMissing,
  PlanIndexResult,
} from '../composite/plan-index.ts';
import type {
  AggregationMethodSpec,
  IndexMethods,
  NormalisationSpec,
  WeightingSpec,
} from '../composite/spec.ts';
import type { Plan } from '../plan/schema.ts';
import type { LocalizedName } from '../types.ts';
import { traceIndicatorName, traceRegionName } from './trace.ts';
import type { IndexTraceKey, TraceKey } from './types.ts';

export interface ScreenIndexExplainPart {
  indicator: string;
  name: LocalizedName;
  unit: string | null;
  /** The period whose figure was used (annual indicators at a quarter: the latest year-end). */
  period: string;
  raw: number | null;
  normalised: number | null;
  /** Share of the index this indicator carries for the region (the parts' weights add up to 1). */
  effectiveWeight: number;
  /** effectiveWeight × normalised: the parts add up to the score. */
  contribution: number;
  /** contribution − the peer set's mean contribution: the parts add up to score − mean score. */
  aboveMean: number;
  observationIds: string[];
  /** GET /api/trace for the raw figure; null when there is none. */
  trace: TraceKey | null;
  /** What the missing-value rule did when the region has no usable figure. */
  missing: { treatment: PlanIndexMissing['treatment']; note: string } | null;
}

export interface ScreenIndexRankMove {
  region: string;
  name: LocalizedName;
  previousRank: number | null;
  rank: number | null;
}

export interface ScreenIndexExplainChange {
  previousPeriod: string;
  previousScore: number | null;
  score: number | null;
  change: number | null;
  previousRank: number | null;
  rank: number | null;
  /** previousRank − rank: positive = moved up, −2 = dropped two places. */
  rankChange: number | null;
  /** Each indicator's part of the change of score (they add up to `change`), largest loss first. */
  parts: { indicator: string; name: LocalizedName; previous: number; current: number; change: number }[];
  /** Regions behind the region before and ahead of it now, and the reverse. */
  overtakenBy: ScreenIndexRankMove[];
  overtook: ScreenIndexRankMove[];
}

export interface ScreenIndexMethod {
  /** Which period's figure each indicator is read at, in words. */
  periodRule: string;
  normalisation: IndexMethods['normalisation'];
  weighting: IndexMethods['weighting'];
  aggregation: IndexMethods['aggregation'];
  missing: IndexMethods['missing'];
  /** The weights in force at each aggregate (rescaled to add up to 1 over its children). */
  weights: {
    aggregate: string;
    name: LocalizedName;
    method: string;
    children: { code: string; name: LocalizedName; weight: number }[];
  }[];
  /** The whole method in one sentence, zh and en. */
  text: LocalizedName;
}

export interface ScreenIndexExplain {
  key: IndexTraceKey;
  /** The index (the spec's name). */
  name: LocalizedName;
  region: string;
  regionName: LocalizedName;
  peerSet: { code: string; name: LocalizedName };
  /** Unrounded; null when the region could not be scored. */
  score: number | null;
  rank: number | null;
  /** Regions ranked. */
  of: number;
  /** The peer set's mean score (what `aboveMean` is measured from). */
  meanScore: number | null;
  parts: ScreenIndexExplainPart[];
  change: ScreenIndexExplainChange | null;
  method: ScreenIndexMethod;
  /** Indicators the peer set could not be compared on in this period, left out for every region. */
  leftOut: PlanIndexLeftOut[];
  synthetic: boolean;
  warnings: string[];
}

const INDEX_NAME: LocalizedName = { zh: '科技创新指数', en: 'S&T innovation index' };

const nameOf = (n: LocalizedName | string | undefined, code: string): LocalizedName =>
  n === undefined ? { zh: code, en: code } : typeof n === 'string' ? { zh: n, en: n } : n;

/** The explanation of `region`'s score; undefined when the region is not one of the index's units. */
export function screenIndexExplain(
  plan: Plan,
  result: PlanIndexResult,
  region: string,
  options: { name?: LocalizedName | string } = {},
): ScreenIndexExplain | undefined {
  if (!result.units.includes(region as never)) return undefined;
  const score = result.scores.find((s) => s.region === region);
  const set = plan.peerSets.find((s) => s.code === result.peerSet);
  const contributions = result.contributions.find((c) => c.region === region);
  const cells = new Map(result.cells.filter((c) => c.region === region).map((c) => [c.indicator, c]));
  const missing = new Map(result.missing.filter((m) => m.region === region).map((m) => [m.indicator, m]));
  const units = new Map(plan.indicators.map((i) => [i.code, i.unit]));
  const fw = result.result.framework;
  const indicators = fw.codes.slice(0, fw.nIndicators);
  const parts: ScreenIndexExplainPart[] = indicators.map((code, j) => {
    const cell = cells.get(code);
    const part = contributions?.parts[j];
    const m = missing.get(code);
    return {
      indicator: code,
      name: traceIndicatorName(plan, code),
      unit: units.get(code) ?? null,
      period: cell?.period ?? result.period,
      raw: cell?.value ?? null,
      normalised: part?.normalised ?? null,
      effectiveWeight: part?.effectiveWeight ?? 0,
      contribution: part?.contribution ?? 0,
      aboveMean: part?.aboveMean ?? 0,
      observationIds: cell?.observationIds ?? [],
      trace: cell && cell.value !== null ? { indicator: code, region, period: cell.period } : null,
      missing: m ? { treatment: m.treatment, note: m.note } : null,
    };
  });
  const scored = result.scores.filter((s) => s.index !== null);
  const meanScore = scored.length ? scored.reduce((sum, s) => sum + s.index!, 0) / scored.length : null;
  const moved = result.change?.regions.find((r) => r.region === region);
  return {
    key: { region, period: result.period, set: result.peerSet },
    name: options.name === undefined ? INDEX_NAME : nameOf(options.name, 'index'),
    region,
    regionName: traceRegionName(plan, region),
    peerSet: { code: result.peerSet, name: set?.name ?? { zh: result.peerSet, en: result.peerSet } },
    score: score?.index ?? null,
    rank: score?.rank ?? null,
    of: scored.length,
    meanScore,
    parts,
    change:
      moved && result.change
        ? changeOf(plan, moved, result.change.previousPeriod, result.change.regions)
        : null,
    method: methodOf(result),
    leftOut: result.leftOut,
    synthetic: result.synthetic,
    warnings: result.warnings,
  };
}

function changeOf(
  plan: Plan,
  r: PlanIndexChangeRegion,
  previousPeriod: string,
  all: readonly PlanIndexChangeRegion[],
): ScreenIndexExplainChange {
  const move = (o: PlanIndexChangeRegion): ScreenIndexRankMove => ({
    region: o.region,
    name: traceRegionName(plan, o.region),
    previousRank: o.previousRank,
    rank: o.rank,
  });
  const ranked = (o: PlanIndexChangeRegion) =>
    o.region !== r.region && o.rank !== null && o.previousRank !== null;
  const known = r.rank !== null && r.previousRank !== null;
  return {
    previousPeriod,
    previousScore: r.previousIndex,
    score: r.index,
    change: r.change,
    previousRank: r.previousRank,
    rank: r.rank,
    rankChange: r.rankChange,
    parts: r.parts
      .map((p) => ({ ...p, name: traceIndicatorName(plan, p.indicator) }))
      .sort((a, b) => a.change - b.change),
    overtakenBy: known
      ? all.filter((o) => ranked(o) && o.previousRank! > r.previousRank! && o.rank! < r.rank!).map(move)
      : [],
    overtook: known
      ? all.filter((o) => ranked(o) && o.previousRank! < r.previousRank! && o.rank! > r.rank!).map(move)
      : [],
  };
}

function methodOf(result: PlanIndexResult): ScreenIndexMethod {
  const r = result.result;
  const fw = r.framework;
  const names = new Map<string, LocalizedName>();
  fw.nodes.forEach((n) => names.set(n.code, nameOf(n.name, n.code)));
  for (const a of result.aggregates) names.set(a.code, nameOf(a.name, a.code));
  const weights = Object.entries(r.weights).map(([aggregate, w]) => ({
    aggregate,
    name: names.get(aggregate) ?? { zh: aggregate, en: aggregate },
    method: w.method,
    children: w.codes.map((code, k) => ({
      code,
      name: names.get(code) ?? { zh: code, en: code },
      weight: w.weights[k]!,
    })),
  }));
  const m = r.methods;
  const n = normalisationText(m.normalisation.default);
  const w = weightingText(m.weighting.default);
  const a = aggregationText(m.aggregation.default);
  const miss: LocalizedName =
    m.missing.rule === 'renormalise'
      ? {
          zh: `缺失指标不计入，同层其余指标按权重比例分摊其权重${m.missing.minShare > 0 ? `（可用权重不足 ${m.missing.minShare * 100}% 时该层不计算）` : ''}`,
          en: `a missing indicator is left out and its siblings share its weight${m.missing.minShare > 0 ? ` (no score below ${m.missing.minShare * 100}% of the weight available)` : ''}`,
        }
      : { zh: '任一输入缺失则该层得分缺失', en: 'any missing input makes the aggregate missing' };
  const some = (o: object | undefined) => o !== undefined && Object.keys(o).length > 0;
  const byIndicator = some(m.normalisation.byIndicator);
  const byOther = some(m.aggregation.byLevel) || some(m.aggregation.byParent);
  return {
    periodRule: result.periodRule.note,
    normalisation: m.normalisation,
    weighting: m.weighting,
    aggregation: m.aggregation,
    missing: m.missing,
    weights,
    text: {
      zh:
        `${n.zh}${byIndicator ? '（部分指标另有规定）' : ''}；${w.zh}；${a.zh}逐级汇总` +
        `${byOther ? '（部分层级另有规定）' : ''}；${miss.zh}。`,
      en:
        `${n.en}${byIndicator ? ' (some indicators otherwise)' : ''}; ${w.en}; aggregated level by level by ${a.en}` +
        `${byOther ? ' (some levels otherwise)' : ''}; ${miss.en}.`,
    },
  };
}

function normalisationText(s: NormalisationSpec): LocalizedName {
  switch (s.method) {
    case 'efficacy':
      return {
        zh: '以功效系数法无量纲化（d = 60 + 40 ×（x − 不允许值）÷（满意值 − 不允许值），默认取同组最小值、最大值）',
        en: 'normalised by the efficacy coefficient (60 + 40·(x − floor)/(excellent − floor), by default the peer minimum and maximum)',
      };
    case 'minmax':
      return {
        zh: `以极差标准化法无量纲化（映射到 ${s.range[0]}–${s.range[1]}）`,
        en: `normalised by min–max scaling to ${s.range[0]}–${s.range[1]}`,
      };
    case 'zscore':
      return { zh: '以 Z 分数标准化法无量纲化', en: 'normalised as z-scores' };
    case 'goalposts':
      return {
        zh: `以阈值法无量纲化（${s.lower}–${s.upper}，满分 ${s.scale}）`,
        en: `normalised by goalposts ${s.lower}–${s.upper} (scale ${s.scale})`,
      };
    case 'distanceToTarget':
      return { zh: '以目标距离法无量纲化', en: 'normalised as the distance to a target' };
    case 'ratioToBenchmark':
      return {
        zh: `以标杆值比值法无量纲化（上限 ${s.cap}）`,
        en: `normalised as a ratio to a benchmark (capped at ${s.cap})`,
      };
    case 'rank':
      return { zh: '以排序法无量纲化', en: 'normalised as ranks' };
    case 'percentileRank':
      return { zh: '以百分位排序法无量纲化', en: 'normalised as percentile ranks' };
    case 'vector':
      return { zh: '以向量归一化法无量纲化', en: 'normalised as unit vectors' };
    case 'none':
      return { zh: '不作无量纲化（用原值）', en: 'not normalised (raw values)' };
  }
}

function weightingText(s: WeightingSpec): LocalizedName {
  switch (s.method) {
    case 'given':
      return { zh: '权重按方案设定', en: 'weights as set in the scheme' };
    case 'equal':
      return { zh: '同层等权', en: 'equal weights' };
    case 'entropy':
      return { zh: '熵权法确定权重', en: 'entropy weights' };
    case 'ahp':
      return { zh: '层次分析法（AHP）确定权重', en: 'AHP weights' };
    case 'pca':
      return { zh: '主成分分析法确定权重', en: 'PCA weights' };
  }
}

function aggregationText(s: AggregationMethodSpec): LocalizedName {
  switch (s.method) {
    case 'arithmetic':
      return { zh: '加权算术平均', en: 'weighted arithmetic mean' };
    case 'geometric':
      return { zh: '加权几何平均', en: 'weighted geometric mean' };
    case 'harmonic':
      return { zh: '加权调和平均', en: 'weighted harmonic mean' };
    case 'mpi':
      return { zh: 'MPI 综合指数法', en: 'the Mazziotta–Pareto index' };
    case 'topsis':
      return { zh: 'TOPSIS 法', en: 'TOPSIS' };
  }
}
