// How the progress table is laid out: which regions a region choice means, status colours, merged cells.
import {
  periodEndDate,
  regionChildrenOn,
  type Period,
  type Plan,
  type ProgressRow,
  type RegionCode,
  type Status,
} from '@ding/core';

/** 'parts' = 全市 + 市级 + 前湾 (the 分解表's three columns); 'towns' = every town; else one region code. */
export type RegionChoice = 'parts' | 'towns' | (string & {});

/** The home county and the groups that partition it (全市, then 市级 = 全市 − 前湾, then 前湾). */
export function regionParts(plan: Plan): RegionCode[] {
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === plan.home);
  return [
    plan.home,
    ...(complement ? [complement.code, ...complement.complementOf!.minus] : []),
  ] as RegionCode[];
}

/** Towns (镇街) of the home county that exist at the end of the period (陆中湾 only from 2024-11). */
export function regionTowns(plan: Plan, period: Period): RegionCode[] {
  return regionChildrenOn(plan, plan.home as RegionCode, periodEndDate(period));
}

export function regionChoiceRegions(plan: Plan, period: Period, choice: RegionChoice): RegionCode[] {
  if (choice === 'parts') return regionParts(plan);
  if (choice === 'towns') return regionTowns(plan, period);
  return [choice as RegionCode];
}

export type TagColor = 'success' | 'warning' | 'error' | 'default';

/** met / on track green, watch amber, behind red; no target, no data and not yet due stay grey. */
export function statusColor(status: Status): TagColor {
  switch (status) {
    case 'met':
    case 'on_track':
      return 'success';
    case 'watch':
      return 'warning';
    case 'behind':
      return 'error';
    case 'no_target':
    case 'no_data':
    case 'not_due':
      return 'default';
  }
}

/** Row spans that merge consecutive equal keys: ['a','a','b'] → [2, 0, 1]. */
export function rowSpans(keys: readonly string[]): number[] {
  const spans = keys.map(() => 0);
  for (let i = 0; i < keys.length;) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    spans[i] = j - i;
    i = j;
  }
  return spans;
}

/** Rows of core indicators only (the 7 of the 核心指标分解表), when asked. */
export function progressRowsShown(
  plan: Plan,
  rows: readonly ProgressRow[],
  coreOnly: boolean,
): ProgressRow[] {
  if (!coreOnly) return [...rows];
  const core = new Set(plan.indicators.filter((i) => i.core).map((i) => i.code));
  return rows.filter((r) => core.has(r.indicator));
}

/** True when any shown figure rests on synthetic demo data (the UI must say so). */
export function progressHasSynthetic(rows: readonly ProgressRow[]): boolean {
  return rows.some((r) => r.value?.synthetic === true);
}
