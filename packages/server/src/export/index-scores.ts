// The 科技创新指数 scores as people read them (issue 13 §8: one presenter for `ding index scores`, the web
// page and the report): rows by rank with change, drivers and rank interval; the export table (CSV/XLSX);
// the JSON without the typed-array stages.
import type {
  Plan,
  PlanIndexChangeRegion,
  PlanIndexContributionPart,
  PlanIndexRankInterval,
  PlanIndexScore,
} from '@ding/core';
import type { WorkspaceIndexResult } from '../services/index-scores.ts';
import type { ExportColumn, ExportTable } from './table.ts';

/** One row of the scores table: a region's score, its change, what drives it, its rank interval. */
export interface IndexScoreRow {
  score: PlanIndexScore;
  change?: PlanIndexChangeRegion;
  isNew: boolean;
  /** The indicator with the largest contribution to the score. */
  top?: PlanIndexContributionPart;
  /** The indicator whose contribution is furthest above the peers' mean: what puts the region ahead. */
  lead?: PlanIndexContributionPart;
  interval?: PlanIndexRankInterval;
}

/** Rows ordered by rank (regions without an index last). */
export function indexScoreRows(r: WorkspaceIndexResult): IndexScoreRow[] {
  const changes = new Map(r.change?.regions.map((c) => [c.region, c] as const));
  const isNew = new Set(r.change?.newRegions);
  const contributions = new Map(r.contributions.map((c) => [c.region, c] as const));
  const intervals = new Map(r.uncertainty?.regions.map((u) => [u.region, u] as const));
  const maxBy = (parts: PlanIndexContributionPart[], key: 'contribution' | 'aboveMean') =>
    parts.reduce<PlanIndexContributionPart | undefined>(
      (best, p) => (p.effectiveWeight > 0 && (best === undefined || p[key] > best[key]) ? p : best),
      undefined,
    );
  return [...r.scores]
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    .map((score) => {
      const parts = contributions.get(score.region)?.parts ?? [];
      return {
        score,
        change: changes.get(score.region),
        isNew: isNew.has(score.region),
        top: maxBy(parts, 'contribution'),
        lead: maxBy(parts, 'aboveMean'),
        interval: intervals.get(score.region),
      };
    });
}

/** A name that is localized or a plain string (an aggregate's name in the spec). */
export const indexNameIn = (name: string | { zh: string; en: string }, lang: 'zh' | 'en') =>
  typeof name === 'string' ? name : name[lang];

/** The scores as an export table (CSV/XLSX): rank, region, every aggregate, change, drivers, interval. */
export function indexScoresTable(plan: Plan, r: WorkspaceIndexResult): ExportTable<IndexScoreRow> {
  const indicatorName = new Map(plan.indicators.map((i) => [i.code, i.name] as const));
  const indicator = (p: PlanIndexContributionPart | undefined) =>
    p === undefined ? undefined : (indicatorName.get(p.indicator) ?? { zh: p.indicator, en: p.indicator });
  // The index, then the separate sub-indices (规模, 水平), then the dimensions.
  const order = { index: 0, subIndex: 1, dimension: 2 } as const;
  const aggregates = [...r.aggregates].sort((a, b) => order[a.role] - order[b.role]);
  const text = (zh: string, en: string) => ({ zh, en });
  const prev = r.change?.previousPeriod;
  const columns: ExportColumn<IndexScoreRow>[] = [
    { key: 'rank', header: text('排名', 'Rank'), value: (x) => x.score.rank },
    { key: 'region', header: text('区域代码', 'Code'), type: 'text', value: (x) => x.score.region },
    { key: 'name', header: text('区域', 'Region'), type: 'text', value: (x) => x.score.name.zh },
    ...aggregates.map((a): ExportColumn<IndexScoreRow> => ({
      key: a.code,
      header: text(indexNameIn(a.name, 'zh'), indexNameIn(a.name, 'en')),
      decimals: 2,
      value: (x) => (a.role === 'index' ? x.score.index : x.score.subIndices[a.code]?.score),
    })),
  ];
  if (prev !== undefined) {
    columns.push(
      {
        key: 'previous',
        header: text(`上期指数（${prev}）`, `Index ${prev}`),
        decimals: 2,
        value: (x) => x.change?.previousIndex,
      },
      { key: 'change', header: text('指数变化', 'Change'), decimals: 2, value: (x) => x.change?.change },
      {
        key: 'rankChange',
        header: text('名次变化（正为上升）', 'Rank change (+ = up)'),
        value: (x) => (x.isNew ? '新设' : x.change?.rankChange),
      },
    );
  }
  columns.push(
    {
      key: 'top',
      header: text('贡献最大指标', 'Top contributing indicator'),
      type: 'text',
      value: (x) => indicator(x.top)?.zh,
    },
    {
      key: 'topContribution',
      header: text('其贡献', 'Its contribution'),
      decimals: 2,
      value: (x) => x.top?.contribution,
    },
    {
      key: 'lead',
      header: text('领先均值最多指标', 'Largest lead over the peer mean'),
      type: 'text',
      value: (x) => indicator(x.lead)?.zh,
    },
    {
      key: 'leadAboveMean',
      header: text('领先均值', 'Lead over the mean'),
      decimals: 2,
      value: (x) => x.lead?.aboveMean,
    },
  );
  if (r.uncertainty !== undefined) {
    columns.push(
      {
        key: 'medianRank',
        header: text('中位排名', 'Median rank'),
        decimals: 1,
        value: (x) => x.interval?.medianRank,
      },
      {
        key: 'q05Rank',
        header: text('排名5%分位', 'Rank 5th pct'),
        decimals: 1,
        value: (x) => x.interval?.q05Rank,
      },
      {
        key: 'q95Rank',
        header: text('排名95%分位', 'Rank 95th pct'),
        decimals: 1,
        value: (x) => x.interval?.q95Rank,
      },
    );
  }
  return { name: text('科技创新指数', 'STI index'), columns, rows: indexScoreRows(r) };
}

/** The result as JSON: everything but the typed-array stages, plus the weights and the pipeline log. */
export function indexScoresJson(r: WorkspaceIndexResult): unknown {
  const { result, ...rest } = r;
  return { ...rest, weights: result.weights, log: result.log };
}
