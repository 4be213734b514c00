// The 科技创新杯 results as the page shows them: each peer group's table in rank order, 位次变化 as an
// arrow (core's cupRankChangeText), a town's items under their dimensions, and which inputs open the engine's trace.
import {
  cupAdjustmentFind,
  roundHalfAway,
  type CupEvidence,
  type CupItem,
  type CupItemScore,
  type CupResults,
  type CupScheme,
  type CupTownResult,
  type LocalizedName,
} from '@ding/core';

/** One peer group's towns in rank order (rank in group, then code, so ties are stable). */
export function cupGroupTowns(results: CupResults, group: string): CupTownResult[] {
  return results.towns
    .filter((t) => t.group === group)
    .sort((a, b) => a.rankInGroup - b.rankInGroup || a.region.localeCompare(b.region));
}

export interface CupDimensionBreakdown {
  code: string;
  name: LocalizedName;
  points: number;
  max: number;
  items: CupItemScore[];
}

/** A town's items grouped under its dimensions (core gives them in the scheme's order, with name, subtotal, max). */
export function cupTownBreakdown(town: CupTownResult): CupDimensionBreakdown[] {
  return town.dimensions.map((d) => ({
    code: d.code,
    name: d.name,
    points: d.points,
    max: d.max,
    items: town.items.filter((i) => i.dimension === d.code),
  }));
}

/** Points as the page prints them: 2 decimals, as core keeps them per item. */
export function cupPointsText(x: number): string {
  return x.toFixed(2);
}

/** A growth input as the item's formula prints it: 1 decimal and its unit (% or 个百分点/pp). */
export function cupGrowthText(growth: number, kind: 'percent' | 'pp' | undefined, lang: 'zh' | 'en'): string {
  const unit = kind === 'pp' ? (lang === 'zh' ? '个百分点' : ' pp') : '%';
  return `${roundHalfAway(growth, 1).toFixed(1)}${unit}`;
}

/** A rank input: 3/14, or the rank alone when the group size is not given. */
export function cupRankText(rank: number, of: number | undefined): string {
  return of === undefined ? String(rank) : `${rank}/${of}`;
}

/** An item's inputs open the progress trace when they name an engine figure (indicator, region, period). */
export function cupItemTraceable(item: CupItemScore): boolean {
  return item.inputs.indicator !== undefined && item.inputs.value !== undefined;
}

/** The most a town can gain or lose by evidence: the bonus items' caps and the deduction items' caps added. */
export function cupSchemeTotals(scheme: CupScheme): { bonusMax: number; deductionMax: number } {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    bonusMax: sum(scheme.bonus.map((b) => b.cap)),
    deductionMax: sum(scheme.deductions.map((b) => b.cap)),
  };
}

/**
 * What an evidence entry is for: its item's side and name, and its points before the item's cap (quantity ×
 * points per unit, as core's scoreAdjustment adds them; negative for a deduction). Undefined when the scheme
 * no longer has the item, so the entry does not score.
 */
export function cupEvidenceItem(
  scheme: CupScheme,
  entry: Pick<CupEvidence, 'item' | 'quantity'>,
): { side: 'bonus' | 'deduction'; name: LocalizedName; points: number } | undefined {
  const found = cupAdjustmentFind(scheme, entry.item);
  if (!found) return undefined;
  const magnitude = roundHalfAway(entry.quantity * found.adjustment.perUnit, 2);
  return {
    side: found.side,
    name: found.adjustment.name,
    points: found.side === 'bonus' ? magnitude : -magnitude,
  };
}

/** An item's rule in words, as the scheme tab lists it (core's cup/scheme.ts rule kinds). */
export function cupRuleText(rule: CupItem['rule'], points: number, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (rule.kind) {
    case 'target_completion':
      return zh
        ? `${points} × min(完成率, ${rule.cap}%) ÷ 100%`
        : `${points} × min(completion, ${rule.cap}%) ÷ 100%`;
    case 'growth':
      return zh
        ? `增长 ≤ ${rule.low} 得 0 分，≥ ${rule.high} 得 ${points} 分，其间线性`
        : `growth ≤ ${rule.low}: 0, ≥ ${rule.high}: ${points}, linear between`;
    case 'rank':
      return zh ? `组内第 1 名 ${points} 分，末名 0 分，线性递减` : `1st in group ${points}, last 0, linear`;
    case 'index_score':
      return zh
        ? `${points} × min(指数得分 ÷ ${rule.fullAt}, 1)`
        : `${points} × min(index score ÷ ${rule.fullAt}, 1)`;
    case 'yes_no':
      return zh
        ? `达到 ${rule.atLeast} 得 ${points} 分，否则 0 分`
        : `${points} if ≥ ${rule.atLeast}, else 0`;
    case 'per_unit':
      return zh
        ? `每个 ${rule.perUnit} 分，最多 ${points} 分`
        : `${rule.perUnit} per unit, at most ${points}`;
  }
}
