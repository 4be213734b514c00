// A plan's 科技创新指数 on its stored data: the index spec's indicators read for one period and one peer
// set (the towns, or the Ningbo districts) through the value resolver — so 全市 figures and ratios follow
// the plan's aggregation rules and every value keeps its observation ids — then scored, ranked and
// explained (each indicator's contribution to a score and to its change since the previous period).
import type { Observation } from '../observation.ts';
import {
  periodCompare,
  periodEndDate,
  periodOf,
  periodParse,
  periodPrevious,
  type Period,
} from '../period.ts';
import type { Indicator, Plan } from '../plan/schema.ts';
import { regionOn } from '../regions.ts';
import { observationStoreBuild, type ObservationStore } from '../engine/observation-store.ts';
import { valueResolverCreate, type ValueResolver, type ValueRule } from '../engine/values.ts';
import { progressPeriodLabel } from '../report/progress-table.ts';
import type { LocalizedName, RegionCode, Result } from '../types.ts';
import { indexContributionChange, indexContributions } from './contributions.ts';
import type { IndexInput } from './dataset.ts';
import { frameworkCompile, type CompiledFramework, type IndexError } from './framework.ts';
import { indexCompute, type IndexResult } from './pipeline.ts';
import { uncertaintySpecSchema, type IndexSpec, type UncertaintySpecInput } from './spec.ts';
import { statsRank } from './stats.ts';
import { uncertaintyRun, type UncertaintyFactor } from './uncertainty.ts';

export interface PlanIndexOptions {
  period: Period;
  /** Code of one of the plan's peer sets, e.g. 'cixi-towns' or 'ningbo'. */
  peerSet: string;
  /** Decompose each region's change of score since this period (see planIndexPreviousPeriod). */
  previousPeriod?: Period;
  /**
   * When the change cannot be computed (the previous period precedes the data), return the scores
   * without it and say why in the warnings, instead of failing. Default false.
   */
  previousOptional?: boolean;
}

/** Which period's figure an indicator is read at, for the period asked. */
export interface PlanIndexSource {
  indicator: string;
  frequency: Indicator['frequency'];
  period: Period;
}

export interface PlanIndexPeriodRule {
  period: Period;
  kind: 'year' | 'quarter';
  sources: PlanIndexSource[];
  /** The rule in words, for the record and the screen. */
  note: string;
}

/** One input of the index: an indicator's value for a region, with what it was computed from. */
export interface PlanIndexCell {
  region: RegionCode;
  indicator: string;
  /** The period whose figure was used (see the period rule). */
  period: Period;
  value: number | null;
  rule?: ValueRule;
  /** Every observation behind the value (可溯). */
  observationIds: string[];
  synthetic: boolean;
}

export interface PlanIndexAggregate {
  code: string;
  name: LocalizedName | string;
  /** `index`: the first root (the overall index); `subIndex`: another root (规模, 水平); else `dimension`. */
  role: 'index' | 'dimension' | 'subIndex';
  level: number;
}

export interface PlanIndexScore {
  region: RegionCode;
  name: LocalizedName;
  /** Null when the index could not be computed for the region (too few inputs under the missing rule). */
  index: number | null;
  /** 1 = best; ties share the better rank (1, 2, 2, 4); null without an index. */
  rank: number | null;
  /** Every other aggregate (dimensions, 规模, 水平): its score and rank among the peer set. */
  subIndices: Record<string, { score: number | null; rank: number | null }>;
}

export interface PlanIndexContributionPart {
  indicator: string;
  raw: number | null;
  normalised: number | null;
  /** Share of the index this indicator carries for the region (sums to 1 over indicators). */
  effectiveWeight: number;
  /** effectiveWeight × normalised; the parts add up to the index. */
  contribution: number;
  /**
   * contribution − the mean contribution of this indicator over the scored regions; the parts add up to
   * index − mean index: what puts the region ahead of (or behind) the average of its peers.
   */
  aboveMean: number;
  observationIds: string[];
}

export interface PlanIndexContributions {
  region: RegionCode;
  /** The aggregate explained (the index). */
  target: string;
  score: number | null;
  parts: PlanIndexContributionPart[];
}

export interface PlanIndexChangeRegion {
  region: RegionCode;
  previousIndex: number | null;
  index: number | null;
  change: number | null;
  previousRank: number | null;
  rank: number | null;
  /** previousRank − rank: positive = moved up. */
  rankChange: number | null;
  /** Contribution of each indicator to the change; the changes add up to `change`. */
  parts: { indicator: string; previous: number; current: number; change: number }[];
}

export interface PlanIndexChange {
  previousPeriod: Period;
  /** Units of the previous period's index (membership on that period's end date). */
  previousUnits: RegionCode[];
  regions: PlanIndexChangeRegion[];
  /** Regions scored now that were not in the previous period's set (e.g. a new subdistrict). */
  newRegions: RegionCode[];
}

/** An indicator that fewer than two regions of the peer set report with different values. */
export interface PlanIndexLeftOut {
  indicator: string;
  regionsWithValue: number;
  note: string;
}

/** An indicator × region without a usable value, and what the spec's rules did about it. */
export interface PlanIndexMissing {
  region: RegionCode;
  indicator: string;
  /** `noValue`: nothing reported or computable; `notNormalisable`: the normalisation gave no value. */
  reason: 'noValue' | 'notNormalisable';
  treatment: 'imputed' | 'dropped';
  imputedValue?: number;
  /** Aggregates it feeds that were still computed, their other inputs' weights rescaled (renormalise). */
  renormalised: string[];
  /** Aggregates it feeds that are missing for the region (below minShare, or the propagate rule). */
  aggregatesMissing: string[];
  note: string;
}

/**
 * How many members of the peer set have published the period's own figures (the indicators read at the
 * period itself, not an earlier year-end): the index is computed only when published / of ≥ minShare (the
 * plan's coverage.minShare, issue 8 item 11), so the first town to publish is not #1 of "1/2".
 */
export interface PlanIndexCoverage {
  period: Period;
  /** Members with a value for at least one indicator read at the period (all of them when none is). */
  published: number;
  /** Members valid on the period's end date. */
  of: number;
  minShare: number;
  met: boolean;
}

/** The period asked for had too few members published: the index shown is of `period` (the last complete one). */
export interface PlanIndexFallback {
  asked: Period;
  askedCoverage: PlanIndexCoverage;
  /** Why another period is shown, in words. */
  reason: LocalizedName;
}

export interface PlanIndexResult {
  /** The period the index is of: the one asked for, or the last complete one before it (see `fallback`). */
  period: Period;
  peerSet: string;
  /** Peer set members valid on the period's end date, in the set's order. */
  units: RegionCode[];
  periodRule: PlanIndexPeriodRule;
  aggregates: PlanIndexAggregate[];
  /** Every input value, region-major (units × spec indicators). */
  cells: PlanIndexCell[];
  /** Indicators the peer set cannot be compared on in this period, left out of the framework. */
  leftOut: PlanIndexLeftOut[];
  /** The engine's staged result (raw → … → aggregated, weights, log). */
  result: IndexResult;
  /** In the order of `units`. */
  scores: PlanIndexScore[];
  /** Per region, per indicator; empty (with a warning) when the aggregation is not additive. */
  contributions: PlanIndexContributions[];
  change?: PlanIndexChange;
  missing: PlanIndexMissing[];
  /** True when any input value is synthetic demo data. */
  synthetic: boolean;
  warnings: string[];
  /** How far `period` is published. */
  coverage: PlanIndexCoverage;
  /** Present when the period asked for had too few members published and `period` is an earlier one. */
  fallback?: PlanIndexFallback;
}

/**
 * The period a change is measured from: the previous year for a year; for a quarter the same quarter a
 * year earlier (同比), because quarterly flows are year-to-date — Q3 against Q2 would compare nine
 * months of a flow with six.
 */
export function planIndexPreviousPeriod(period: Period): Period {
  const { year, quarter } = periodParse(period);
  return periodOf(year - 1, quarter);
}

/**
 * Where each indicator is read for `period`. A year: the year's figure (年报, else the Q4 快报). A
 * quarter: a quarterly indicator's own figure (year-to-date for flows, quarter-end for stocks); an
 * annual indicator's latest year-end figure — the previous year's, or this year's at Q4 — the same year
 * for every region, so that no region is compared on an older figure than another.
 */
export function planIndexPeriodRule(
  plan: Plan,
  indicators: readonly string[],
  period: Period,
): PlanIndexPeriodRule {
  const { year, quarter } = periodParse(period);
  const byCode = new Map(plan.indicators.map((i) => [i.code, i] as const));
  const annualAt = quarter === undefined || quarter === 4 ? periodOf(year) : periodOf(year - 1);
  const sources = indicators.map((code) => {
    const frequency = byCode.get(code)?.frequency ?? 'annual';
    const at = quarter === undefined ? periodOf(year) : frequency === 'annual' ? annualAt : period;
    return { indicator: code, frequency, period: at };
  });
  const note =
    quarter === undefined
      ? `${year}: every indicator's year figure (年报, else the Q4 快报); growth rates against ${year - 1}`
      : `${period}: quarterly indicators at ${period} (flows year-to-date, stocks at the quarter's end, growth ` +
        `year-to-date against ${periodOf(year - 1, quarter)}); annual indicators at their latest year-end, ` +
        `${annualAt}, for every region alike`;
  return { period, kind: quarter === undefined ? 'year' : 'quarter', sources, note };
}

/** The peer set's members that exist on the period's end date (e.g. 陆中湾 only from 2024-11-01). */
export function planIndexUnits(
  plan: Plan,
  peerSet: string,
  period: Period,
): Result<RegionCode[], IndexError> {
  const set = plan.peerSets.find((s) => s.code === peerSet);
  if (set === undefined) {
    return {
      ok: false,
      errors: [
        {
          code: peerSet,
          message: `no peer set ${peerSet} in the plan (${plan.peerSets.map((s) => s.code).join(', ')})`,
        },
      ],
    };
  }
  const date = periodEndDate(period);
  const groups = new Set(plan.regionGroups.map((g) => g.code));
  const units = set.members.filter(
    (m) => groups.has(m) || regionOn(plan, m as RegionCode, date) !== undefined,
  ) as RegionCode[];
  if (units.length < 2) {
    return {
      ok: false,
      errors: [
        { code: peerSet, message: `peer set ${peerSet} has ${units.length} members on ${date}; need 2` },
      ],
    };
  }
  return { ok: true, value: units };
}

interface Prepared {
  spec: IndexSpec;
  framework: CompiledFramework;
  indicators: string[];
  /** One resolver for every period read (its memo serves the fallback walk and the change alike). */
  values: ValueResolver;
}

function prepare(
  plan: Plan,
  spec: IndexSpec,
  observations: readonly Observation[] | ObservationStore,
): Result<Prepared, IndexError> {
  if (spec.framework === undefined)
    return { ok: false, errors: [{ path: 'framework', message: 'the index spec has no framework' }] };
  const compiled = frameworkCompile(spec.framework);
  if (!compiled.ok) return { ok: false, errors: compiled.errors.map(({ node: _node, ...e }) => e) };
  const framework = compiled.value;
  const indicators = framework.codes.slice(0, framework.nIndicators);
  const known = new Set(plan.indicators.map((i) => i.code));
  const unknown = indicators.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    return {
      ok: false,
      errors: unknown.map((c) => ({
        code: c,
        message: `indicator ${c} of the index spec is not in plan ${plan.id}`,
      })),
    };
  }
  const store = 'yearEnd' in observations ? observations : observationStoreBuild(observations);
  return { ok: true, value: { spec, framework, indicators, values: valueResolverCreate(plan, store) } };
}

interface Cells {
  units: RegionCode[];
  periodRule: PlanIndexPeriodRule;
  columns: Record<string, Float64Array>;
  cells: PlanIndexCell[];
  coverage: PlanIndexCoverage;
}

interface Inputs extends Omit<Cells, 'columns'> {
  input: IndexInput;
  /** The spec's framework without the indicators the peer set cannot be compared on. */
  framework: CompiledFramework;
  leftOut: PlanIndexLeftOut[];
}

function cellsRead(plan: Plan, p: Prepared, period: Period, peerSet: string): Result<Cells, IndexError> {
  const units = planIndexUnits(plan, peerSet, period);
  if (!units.ok) return units;
  const periodRule = planIndexPeriodRule(plan, p.indicators, period);
  const values = p.values;
  const n = units.value.length;
  const columns: Record<string, Float64Array> = {};
  const cells: PlanIndexCell[] = new Array<PlanIndexCell>(n * p.indicators.length);
  periodRule.sources.forEach((src, j) => {
    const col = new Float64Array(n);
    units.value.forEach((region, i) => {
      const v = values.value(src.indicator, region, src.period);
      col[i] = v === undefined ? NaN : v.value;
      cells[i * p.indicators.length + j] = {
        region,
        indicator: src.indicator,
        period: src.period,
        value: v === undefined ? null : v.value,
        ...(v === undefined ? {} : { rule: v.rule }),
        observationIds: v?.observationIds ?? [],
        synthetic: v?.synthetic ?? false,
      };
    });
    columns[src.indicator] = col;
  });
  const coverage = coverageOf(plan, periodRule, units.value, cells, p.indicators.length);
  return { ok: true, value: { units: units.value, periodRule, columns, cells, coverage } };
}

/**
 * The members that have published the period: a value for at least one indicator read at the period's own
 * end date (a quarter's quarterly indicators; at Q4 and in a year, every indicator). Annual indicators read
 * at an earlier year-end say nothing about who has reported this quarter; when only those are read, every
 * member counts as published.
 */
function coverageOf(
  plan: Plan,
  rule: PlanIndexPeriodRule,
  units: readonly RegionCode[],
  cells: readonly PlanIndexCell[],
  nIndicators: number,
): PlanIndexCoverage {
  const end = periodEndDate(rule.period);
  const own = rule.sources.flatMap((s, j) => (periodEndDate(s.period) === end ? [j] : []));
  const published =
    own.length === 0
      ? units.length
      : units.filter((_, i) => own.some((j) => cells[i * nIndicators + j]!.value !== null)).length;
  const minShare = plan.coverage.minShare;
  // A tolerance for shares like 0.9 × 20 = 18.000000000000004.
  const met = published >= minShare * units.length - 1e-9;
  return { period: rule.period, published, of: units.length, minShare, met };
}

/** The index inputs of `period`, from the cells already read for it (by periodChoose) when given. */
function inputsRead(
  plan: Plan,
  p: Prepared,
  period: Period,
  peerSet: string,
  cells?: Cells,
): Result<Inputs, IndexError> {
  const read: Result<Cells, IndexError> = cells
    ? { ok: true, value: cells }
    : cellsRead(plan, p, period, peerSet);
  if (!read.ok) return read;
  const { units, columns, ...rest } = read.value;
  const names = units.map((u) => regionNameOf(plan, u).zh);
  const compared = comparedFramework(p, columns, peerSet, period);
  if (!compared.ok) return compared;
  return {
    ok: true,
    value: { units, ...rest, input: { units, names, columns }, ...compared.value },
  };
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

function coverageShort(c: PlanIndexCoverage, peerSet: string): string {
  return `${c.published} of ${c.of} members of ${peerSet} have published ${c.period}, below coverage.minShare ${pct(c.minShare)}`;
}

/** The period to compute: the one asked for, or the latest earlier one with enough members published. */
interface PeriodChoice {
  period: Period;
  /** The cells read for `period`, passed on so that it is not read again. */
  cells: Cells;
  fallback?: PlanIndexFallback;
}

/**
 * The period the index of `period` is computed for (issue 8 item 11): `period` itself when at least the
 * plan's coverage.minShare of the peer set's members have published it; else the latest earlier period of
 * the same kind (quarter by quarter, or year by year, back to the plan's baseline year) that has enough —
 * the last complete period — with the reason. An error when no period back to the baseline has enough.
 */
function periodChoose(
  plan: Plan,
  p: Prepared,
  asked: Period,
  peerSet: string,
): Result<PeriodChoice, IndexError> {
  const first = cellsRead(plan, p, asked, peerSet);
  if (!first.ok) return first;
  const askedCoverage = first.value.coverage;
  if (askedCoverage.met) return { ok: true, value: { period: asked, cells: first.value } };
  // The screens print this reason: periods as people read them, the members as the peer set names them.
  const set = plan.peerSets.find((s) => s.code === peerSet);
  const members = set?.name ?? { zh: peerSet, en: peerSet };
  for (let at = periodPrevious(asked); periodParse(at).year >= plan.baselineYear; at = periodPrevious(at)) {
    const read = cellsRead(plan, p, at, peerSet);
    if (!read.ok || !read.value.coverage.met) continue;
    const a = askedCoverage;
    const share = pct(a.minShare);
    const [was, is] = [progressPeriodLabel(asked), progressPeriodLabel(at)];
    return {
      ok: true,
      value: {
        period: at,
        cells: read.value,
        fallback: {
          asked,
          askedCoverage: a,
          reason: {
            zh: `${was.zh}${members.zh}仅 ${a.published}/${a.of} 已发布（需 ${share}），指数沿用最近一个数据完整的期别 ${is.zh}`,
            en: `only ${a.published} of ${a.of} ${members.en} have published ${was.en}, ${share} needed: the index is of ${is.en}, the latest complete period`,
          },
        },
      },
    };
  }
  return {
    ok: false,
    errors: [
      {
        code: peerSet,
        message: `${coverageShort(askedCoverage, peerSet)}, and no earlier period back to ${plan.baselineYear} has enough`,
      },
    ],
  };
}

/**
 * A cross-sectional index can only rank regions on an indicator that at least two of them report with
 * different values. One the peer set cannot be compared on (e.g. reported for 慈溪 alone among the Ningbo
 * districts) is a property of the set, not a gap in one region's data, so it is taken out of the
 * framework — for every region alike — instead of going through the spec's missing-value rule; an
 * aggregate left without inputs goes too, and the remaining siblings share its weight.
 */
function comparedFramework(
  p: Prepared,
  columns: Record<string, Float64Array>,
  peerSet: string,
  period: Period,
): Result<{ framework: CompiledFramework; leftOut: PlanIndexLeftOut[] }, IndexError> {
  const leftOut: PlanIndexLeftOut[] = [];
  for (const code of p.indicators) {
    const col = columns[code]!;
    let present = 0;
    let first = NaN;
    let varies = false;
    for (const v of col) {
      if (Number.isNaN(v)) continue;
      if (present === 0) first = v;
      else if (v !== first) varies = true;
      present++;
    }
    if (!varies) {
      leftOut.push({
        indicator: code,
        regionsWithValue: present,
        note:
          present < 2
            ? `${present} region${present === 1 ? '' : 's'} of ${peerSet} report${present === 1 ? 's' : ''} it: nothing to compare`
            : `every region of ${peerSet} has the same value ${first}: nothing to compare`,
      });
    }
  }
  if (leftOut.length === 0) return { ok: true, value: { framework: p.framework, leftOut } };
  const dropped = new Set(leftOut.map((l) => l.indicator));
  const nodes = p.spec.framework!.nodes;
  const alive = new Set(nodes.filter((n) => !dropped.has(n.code)).map((n) => n.code));
  // An aggregate dies when every child has died; a living node's parents therefore all live.
  for (let changed = true; changed;) {
    changed = false;
    for (const n of nodes) {
      if (n.kind !== 'aggregate' || !alive.has(n.code)) continue;
      const hasChild = nodes.some(
        (c) =>
          alive.has(c.code) && (c.parent === n.code || (c.alsoIn ?? []).some((a) => a.parent === n.code)),
      );
      if (!hasChild) {
        alive.delete(n.code);
        changed = true;
      }
    }
  }
  const root = p.framework.codes[p.framework.roots[0]!]!;
  if (!alive.has(root)) {
    return {
      ok: false,
      errors: [
        {
          code: root,
          message: leftOut.every((l) => l.regionsWithValue === 0)
            ? `no values for ${root} in ${period}: no region of ${peerSet} has any of its indicators`
            : `no indicator of ${root} can be compared across ${peerSet} in ${period}: ${leftOut.map((l) => `${l.indicator} (${l.note})`).join('; ')}`,
        },
      ],
    };
  }
  // The file's weight rule was checked on the whole tree; within the remaining tree weights are relative.
  const compiled = frameworkCompile({
    weightRule: 'relative',
    nodes: nodes.filter((n) => alive.has(n.code)),
  });
  if (!compiled.ok) return { ok: false, errors: compiled.errors.map(({ node: _node, ...e }) => e) };
  return { ok: true, value: { framework: compiled.value, leftOut } };
}

function regionNameOf(plan: Plan, code: RegionCode): LocalizedName {
  const r = plan.regions.find((x) => x.code === code) ?? plan.regionGroups.find((g) => g.code === code);
  return r ? r.name : { zh: code, en: code };
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Compute the plan's index for one period and peer set (and the change since `previousPeriod`). */
export function planIndexCompute(
  plan: Plan,
  spec: IndexSpec,
  observations: readonly Observation[] | ObservationStore,
  options: PlanIndexOptions,
): Result<PlanIndexResult, IndexError> {
  const prepared = prepare(plan, spec, observations);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  const choice = periodChoose(plan, p, options.period, options.peerSet);
  if (!choice.ok) return choice;
  const { period, fallback, cells } = choice.value;
  const computed = computeOne(plan, p, period, options.peerSet, cells);
  if (!computed.ok) return computed;
  const current: typeof computed = fallback
    ? {
        ok: true,
        value: {
          ...computed.value,
          fallback,
          warnings: [...computed.value.warnings, fallback.reason.en],
        },
      }
    : computed;
  // A change asked for is measured, when another period is shown, from the one before it by the same rule.
  const previousPeriod =
    options.previousPeriod === undefined
      ? undefined
      : fallback
        ? planIndexPreviousPeriod(period)
        : options.previousPeriod;
  if (previousPeriod === undefined) return current;
  const failed = (errors: IndexError[]): Result<PlanIndexResult, IndexError> =>
    options.previousOptional
      ? {
          ok: true,
          value: {
            ...current.value,
            warnings: [...current.value.warnings, `no change since ${previousPeriod}: ${errors[0]!.message}`],
          },
        }
      : { ok: false, errors };
  if (periodCompare(previousPeriod, period) >= 0)
    return failed([{ message: `previous period ${previousPeriod} is not before ${period}` }]);
  const previous = computeOne(plan, p, previousPeriod, options.peerSet);
  if (!previous.ok)
    return failed(
      previous.errors.map((e) => ({ ...e, message: `previous period ${previousPeriod}: ${e.message}` })),
    );
  const change = changeOf(current.value, previous.value, previousPeriod);
  return {
    ok: true,
    value: {
      ...current.value,
      change: change.change,
      warnings: [...current.value.warnings, ...change.warnings],
    },
  };
}

function computeOne(
  plan: Plan,
  p: Prepared,
  period: Period,
  peerSet: string,
  read?: Cells,
): Result<PlanIndexResult, IndexError> {
  const inputs = inputsRead(plan, p, period, peerSet, read);
  if (!inputs.ok) return inputs;
  const { units, periodRule, input, cells, framework, leftOut, coverage } = inputs.value;
  if (!coverage.met)
    return { ok: false, errors: [{ code: peerSet, message: coverageShort(coverage, peerSet) }] };
  const computed = indexCompute(framework, p.spec.methods, input);
  if (!computed.ok) {
    return {
      ok: false,
      errors: computed.errors.map((e) => ({ ...e, message: `${period} ${peerSet}: ${e.message}` })),
    };
  }
  const result = computed.value;
  const fw = result.framework;
  const agg = result.stages.aggregated;
  const n = agg.units.length;
  const warnings = [...result.warnings];
  if (leftOut.length > 0) {
    warnings.push(
      `left out (cannot be compared across ${peerSet} in ${period}): ${leftOut.map((l) => l.indicator).join(', ')}`,
    );
  }
  if (result.screenedOut.length > 0) warnings.push(`screened out: ${result.screenedOut.join(', ')}`);

  const root = fw.roots[0]!;
  const aggregates: PlanIndexAggregate[] = [];
  for (let c = fw.nIndicators; c < fw.codes.length; c++) {
    const node = fw.nodes[c]!;
    const role = c === root ? 'index' : fw.roots.includes(c) ? 'subIndex' : 'dimension';
    aggregates.push({ code: node.code, name: node.name ?? node.code, role, level: fw.level[c]! });
  }
  // Index first, then dimensions (lowest level first), then the separate sub-indices.
  const roleOrder = { index: 0, dimension: 1, subIndex: 2 } as const;
  aggregates.sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.level - b.level);

  // Scores and ranks of every aggregate (ties share the better rank).
  const column = (c: number) => agg.values.subarray(c * n, (c + 1) * n);
  const ranks = new Map<number, Float64Array>();
  for (let c = fw.nIndicators; c < fw.codes.length; c++) ranks.set(c, statsRank(column(c), true));
  const row = new Map(agg.units.map((u, i) => [u, i] as const));
  const scores: PlanIndexScore[] = units.map((region) => {
    const i = row.get(region);
    const at = (c: number) => (i === undefined ? NaN : agg.values[c * n + i]!);
    const rankAt = (c: number) => (i === undefined ? NaN : ranks.get(c)![i]!);
    const subIndices: PlanIndexScore['subIndices'] = {};
    for (const a of aggregates) {
      if (a.role === 'index') continue;
      const c = fw.indexOf.get(a.code)!;
      subIndices[a.code] = { score: orNull(at(c)), rank: orNull(rankAt(c)) };
    }
    return {
      region,
      name: regionNameOf(plan, region),
      index: orNull(at(root)),
      rank: orNull(rankAt(root)),
      subIndices,
    };
  });

  const contributions = contributionsOf(result, units, cells, warnings);
  const missing = missingOf(result, units);
  const synthetic = cells.some((c) => c.value !== null && c.synthetic);
  return {
    ok: true,
    value: {
      period,
      peerSet,
      units,
      periodRule,
      aggregates,
      cells,
      leftOut,
      result,
      scores,
      contributions,
      missing,
      synthetic,
      warnings,
      coverage,
    },
  };
}

/** Contributions to the index for every unit, with each part's source observations and lead over the mean. */
function contributionsOf(
  result: IndexResult,
  units: readonly RegionCode[],
  cells: readonly PlanIndexCell[],
  warnings: string[],
): PlanIndexContributions[] {
  const fw = result.framework;
  const screened = new Set(result.stages.aggregated.units);
  const rawRow = new Map(result.stages.raw.units.map((u, i) => [u, i] as const));
  const nRaw = result.stages.raw.units.length;
  const idsOf = new Map(cells.map((c) => [`${c.region}\u0000${c.indicator}`, c.observationIds] as const));
  const out: PlanIndexContributions[] = [];
  for (const region of units) {
    if (!screened.has(region)) continue;
    const r = indexContributions(result, region);
    if (!r.ok) {
      warnings.push(`no contributions: ${r.errors[0]!.message}`);
      return [];
    }
    const i = rawRow.get(region)!;
    out.push({
      region,
      target: r.value.target,
      score: orNull(r.value.score),
      parts: r.value.parts.map((part, j) => ({
        indicator: part.code,
        raw: orNull(result.stages.raw.values[j * nRaw + i]!),
        normalised: orNull(part.value),
        effectiveWeight: part.effectiveWeight,
        contribution: part.contribution,
        aboveMean: 0,
        observationIds: idsOf.get(`${region}\u0000${part.code}`) ?? [],
      })),
    });
  }
  // Lead over the mean contribution of the scored regions: Σ_j lead = score − mean score.
  const scored = out.filter((c) => c.score !== null);
  for (let j = 0; j < fw.nIndicators; j++) {
    let mean = 0;
    for (const c of scored) mean += c.parts[j]!.contribution;
    mean /= scored.length || 1;
    for (const c of scored) c.parts[j]!.aboveMean = c.parts[j]!.contribution - mean;
  }
  return out;
}

function missingOf(result: IndexResult, units: readonly RegionCode[]): PlanIndexMissing[] {
  const fw = result.framework;
  const methods = result.methods;
  const agg = result.stages.aggregated;
  const n = agg.units.length;
  const row = new Map(agg.units.map((u, i) => [u, i] as const));
  const rawRow = new Map(result.stages.raw.units.map((u, i) => [u, i] as const));
  const nRaw = result.stages.raw.units.length;
  const nameOf = (c: number) => {
    const name = fw.nodes[c]!.name;
    return name === undefined ? fw.codes[c]! : typeof name === 'string' ? name : name.zh;
  };
  const out: PlanIndexMissing[] = [];
  for (const region of units) {
    const i = row.get(region);
    const ri = rawRow.get(region)!;
    if (i === undefined) continue; // screened out: reported in the warnings
    for (let j = 0; j < fw.nIndicators; j++) {
      const raw = result.stages.raw.values[j * nRaw + ri]!;
      const normalised = agg.values[j * n + i]!;
      const imputedValue = result.stages.imputed.values[j * nRaw + ri]!; // same rows as raw
      const wasImputed = Number.isNaN(raw) && !Number.isNaN(imputedValue);
      if (!Number.isNaN(normalised) && !wasImputed) continue;
      const reason = Number.isNaN(raw) ? 'noValue' : 'notNormalisable';
      const renormalised: string[] = [];
      const aggregatesMissing: string[] = [];
      if (Number.isNaN(normalised)) {
        for (const parent of fw.parents[j]!) {
          (Number.isNaN(agg.values[parent * n + i]!) ? aggregatesMissing : renormalised).push(
            fw.codes[parent]!,
          );
        }
      }
      const why =
        reason === 'noValue'
          ? 'no value reported or computable'
          : `its normalisation (${(methods.normalisation.byIndicator?.[fw.codes[j]!] ?? methods.normalisation.default).method}) gave no value`;
      let note: string;
      if (wasImputed && !Number.isNaN(normalised)) {
        note = `${why}; imputed (${methods.imputation.method}) as ${imputedValue}`;
      } else {
        const parts = [`${why}; left out`];
        const kept = renormalised.map((c) => nameOf(fw.indexOf.get(c)!));
        const lost = aggregatesMissing.map((c) => nameOf(fw.indexOf.get(c)!));
        if (kept.length > 0)
          parts.push(`the other inputs of ${kept.join('、')} carry its weight (rule renormalise)`);
        if (lost.length > 0) {
          parts.push(
            methods.missing.rule === 'propagate'
              ? `${lost.join('、')} missing for this region (rule propagate)`
              : `${lost.join('、')} missing for this region: fewer than ${methods.missing.minShare * 100}% of its inputs (minShare)`,
          );
        }
        note = parts.join('; ');
      }
      out.push({
        region,
        indicator: fw.codes[j]!,
        reason,
        treatment: wasImputed && !Number.isNaN(normalised) ? 'imputed' : 'dropped',
        ...(wasImputed ? { imputedValue } : {}),
        renormalised,
        aggregatesMissing,
        note,
      });
    }
  }
  return out;
}

function changeOf(
  current: PlanIndexResult,
  previous: PlanIndexResult,
  previousPeriod: Period,
): { change: PlanIndexChange; warnings: string[] } {
  const warnings: string[] = [];
  const leftNow = current.leftOut.map((l) => l.indicator).join(', ');
  const leftBefore = previous.leftOut.map((l) => l.indicator).join(', ');
  if (leftNow !== leftBefore) {
    // Contributions of an indicator in only one of the two frameworks count wholly as change.
    warnings.push(
      `${previousPeriod} was computed on other indicators: left out then ${leftBefore || 'none'}, now ${leftNow || 'none'}`,
    );
  }
  const prevScores = new Map(previous.scores.map((s) => [s.region, s] as const));
  const prevUnits = new Set(previous.result.stages.aggregated.units);
  const regions: PlanIndexChangeRegion[] = [];
  const newRegions: RegionCode[] = [];
  let additive = true;
  for (const s of current.scores) {
    const before = prevScores.get(s.region);
    if (before === undefined || !prevUnits.has(s.region)) {
      newRegions.push(s.region);
      continue;
    }
    let parts: PlanIndexChangeRegion['parts'] = [];
    if (additive && current.result.stages.aggregated.units.includes(s.region)) {
      const r = indexContributionChange(previous.result, current.result, s.region);
      if (r.ok) {
        parts = r.value.parts.map((x) => ({
          indicator: x.code,
          previous: x.previous,
          current: x.current,
          change: x.change,
        }));
        // An indicator only the previous framework had: its whole contribution is lost.
        const gone = new Set(previous.result.framework.codes.slice(0, previous.result.framework.nIndicators));
        for (const x of parts) gone.delete(x.indicator);
        if (gone.size > 0) {
          const before = indexContributions(previous.result, s.region);
          for (const x of before.ok ? before.value.parts : []) {
            if (gone.has(x.code))
              parts.push({
                indicator: x.code,
                previous: x.contribution,
                current: 0,
                change: -x.contribution,
              });
          }
        }
      } else {
        additive = false;
        warnings.push(`no contributions to the change: ${r.errors[0]!.message}`);
      }
    }
    const change = s.index !== null && before.index !== null ? s.index - before.index : null;
    regions.push({
      region: s.region,
      previousIndex: before.index,
      index: s.index,
      change,
      previousRank: before.rank,
      rank: s.rank,
      rankChange: s.rank !== null && before.rank !== null ? before.rank - s.rank : null,
      parts,
    });
  }
  return { change: { previousPeriod, previousUnits: previous.units, regions, newRegions }, warnings };
}

// ---------------------------------------------------------------------------------------------
// Uncertainty: the same inputs regenerated under the spec's Monte Carlo analysis.

export interface PlanIndexUncertaintyOptions {
  period: Period;
  peerSet: string;
  /** Runs and seed override the spec's `uncertainty` section (default there: weights ±25%). */
  runs?: number;
  seed?: number;
}

export interface PlanIndexRankInterval {
  region: RegionCode;
  nominalRank: number | null;
  medianRank: number | null;
  meanRank: number | null;
  /** 5th and 95th percentiles of the region's rank over the runs. */
  q05Rank: number | null;
  q95Rank: number | null;
}

export interface PlanIndexUncertainty {
  period: Period;
  peerSet: string;
  target: string;
  runs: number;
  seed: number;
  factors: UncertaintyFactor[];
  failedRuns: number;
  regions: PlanIndexRankInterval[];
  warnings: string[];
  seconds: number;
}

/** Median rank and 5–95% rank interval of each region under the spec's uncertainty analysis. */
export function planIndexUncertainty(
  plan: Plan,
  spec: IndexSpec,
  observations: readonly Observation[] | ObservationStore,
  options: PlanIndexUncertaintyOptions,
): Result<PlanIndexUncertainty, IndexError> {
  const prepared = prepare(plan, spec, observations);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  // The same period as the scores: the one asked for, or the last complete one before it.
  const choice = periodChoose(plan, p, options.period, options.peerSet);
  if (!choice.ok) return choice;
  const period = choice.value.period;
  const inputs = inputsRead(plan, p, period, options.peerSet, choice.value.cells);
  if (!inputs.ok) return inputs;
  const base: UncertaintySpecInput = { ...(spec.uncertainty ?? { weights: { noise: 0.25 } }) };
  if (options.runs !== undefined) base.runs = options.runs;
  if (options.seed !== undefined) base.seed = options.seed;
  base.sensitivity = false;
  const us = uncertaintySpecSchema.safeParse(base);
  if (!us.success) {
    return {
      ok: false,
      errors: us.error.issues.map((i) => ({ path: `uncertainty.${i.path.join('.')}`, message: i.message })),
    };
  }
  const r = uncertaintyRun(inputs.value.framework, spec.methods, inputs.value.input, us.data);
  if (!r.ok) return r;
  const u = r.value;
  const byUnit = new Map(u.rankStats.map((s) => [s.unit, s] as const));
  const regions = inputs.value.units.map((region) => {
    const s = byUnit.get(region);
    return {
      region,
      nominalRank: s ? orNull(s.nominalRank) : null,
      medianRank: s ? orNull(s.medianRank) : null,
      meanRank: s ? orNull(s.meanRank) : null,
      q05Rank: s ? orNull(s.q05Rank) : null,
      q95Rank: s ? orNull(s.q95Rank) : null,
    };
  });
  const warnings = [...u.warnings];
  if (choice.value.fallback) warnings.push(choice.value.fallback.reason.en);
  if (inputs.value.leftOut.length > 0) {
    warnings.push(
      `left out (cannot be compared across ${options.peerSet} in ${period}): ${inputs.value.leftOut.map((l) => l.indicator).join(', ')}`,
    );
  }
  if (u.failedRuns > 0)
    warnings.push(`${u.failedRuns} runs failed and were left out: ${u.failures.join('; ')}`);
  return {
    ok: true,
    value: {
      period,
      peerSet: options.peerSet,
      target: u.target,
      runs: us.data.runs,
      seed: us.data.seed,
      factors: u.factors,
      failedRuns: u.failedRuns,
      regions,
      warnings,
      seconds: u.seconds,
    },
  };
}
