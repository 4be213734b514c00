// The 科技创新杯 results as the page shows them: each peer group's table in rank order, 位次变化 as an
// arrow, a town's items under their dimensions, and which inputs open the engine's trace.
import type { CupItem, CupItemScore, CupResults, CupScheme, CupTownResult } from '@ding/core';

/** One peer group's towns in rank order (rank in group, then code, so ties are stable). */
export function cupGroupTowns(results: CupResults, group: string): CupTownResult[] {
  return results.towns
    .filter((t) => t.group === group)
    .sort((a, b) => a.rankInGroup - b.rankInGroup || a.region.localeCompare(b.region));
}

/**
 * 位次变化 as printed in a 通报: ↑2 (up two places), ↓1, 持平 (0), and 新 when the town was not ranked in
 * the group last year (core's rankChange = last year's rank − this year's).
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

export interface CupDimensionBreakdown {
  code: string;
  points: number;
  max: number;
  items: CupItemScore[];
}

/** A town's items grouped under the scheme's dimensions, in the scheme's order, with the subtotals core gave. */
export function cupTownBreakdown(town: CupTownResult, scheme: CupScheme): CupDimensionBreakdown[] {
  return scheme.dimensions.map((d) => {
    const sub = town.dimensions.find((x) => x.code === d.code);
    return {
      code: d.code,
      points: sub?.points ?? 0,
      max: sub?.max ?? d.points,
      items: town.items.filter((i) => i.dimension === d.code),
    };
  });
}

/** An item's inputs open the progress trace when they name an engine figure (indicator, region, period). */
export function cupItemTraceable(item: CupItemScore): boolean {
  return item.inputs.indicator !== undefined && item.inputs.value !== undefined;
}

/** The points the scheme offers: dimensions' total (the declared base) and the most bonus a town can get. */
export function cupSchemeTotals(scheme: CupScheme): { base: number; bonusMax: number; deductionMax: number } {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    base: sum(scheme.dimensions.map((d) => d.points)),
    bonusMax: sum(scheme.bonus.map((b) => b.cap)),
    deductionMax: sum(scheme.deductions.map((b) => b.cap)),
  };
}

/** An item's rule in words, as the scheme tab lists it (core's cup/scheme.ts rule kinds). */
export function cupRuleText(rule: CupItem['rule'], points: number, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  switch (rule.kind) {
    case 'target_completion':
      return zh
        ? `${points} × min(完成度, ${rule.cap}%) ÷ 100%`
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
