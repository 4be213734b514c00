// Region membership over time: which towns make up a county or a group on a given date.
import type { Plan, Region } from './plan/schema.ts';
import type { IsoDate, RegionCode } from './types.ts';

function validOn(r: { validFrom?: string; validTo?: string }, date: IsoDate): boolean {
  return (r.validFrom === undefined || r.validFrom <= date) && (r.validTo === undefined || date <= r.validTo);
}

/** Region versions that exist on `date`. */
export function regionsOn(plan: Plan, date: IsoDate): Region[] {
  return plan.regions.filter((r) => validOn(r, date));
}

/** The version of region `code` valid on `date`, if any. */
export function regionOn(plan: Plan, code: RegionCode, date: IsoDate): Region | undefined {
  return plan.regions.find((r) => r.code === code && validOn(r, date));
}

export function regionIsGroup(plan: Plan, code: RegionCode): boolean {
  return plan.regionGroups.some((g) => g.code === code);
}

/** Display name of a region or group (zh by default). */
export function regionName(plan: Plan, code: RegionCode, lang: 'zh' | 'en' = 'zh'): string {
  const named = plan.regions.find((r) => r.code === code) ?? plan.regionGroups.find((g) => g.code === code);
  return named ? named.name[lang] : code;
}

/** Regions whose administrative parent is `code` on `date` (e.g. the towns of Cixi). */
export function regionChildrenOn(plan: Plan, code: RegionCode, date: IsoDate): RegionCode[] {
  return regionsOn(plan, date)
    .filter((r) => r.parent === code)
    .map((r) => r.code as RegionCode);
}

/**
 * The regions a region or group is made of on `date`: explicit members, a complement
 * (市级 = 全市 − 前湾), or administrative children. A leaf region has none.
 */
export function regionMembersOn(plan: Plan, code: RegionCode, date: IsoDate): RegionCode[] {
  const group = plan.regionGroups.find((g) => g.code === code);
  if (!group) return regionChildrenOn(plan, code, date);
  if (group.members) {
    return group.members
      .filter((m) => validOn(m, date) && regionOn(plan, m.region as RegionCode, date))
      .map((m) => m.region as RegionCode);
  }
  const { whole, minus } = group.complementOf!;
  const excluded = new Set(minus.flatMap((g) => regionMembersOn(plan, g as RegionCode, date)));
  return regionChildrenOn(plan, whole as RegionCode, date).filter((c) => !excluded.has(c));
}

/** Leaf regions (no members) below `code` on `date`, recursively; a leaf returns itself. */
export function regionLeavesOn(plan: Plan, code: RegionCode, date: IsoDate): RegionCode[] {
  const members = regionMembersOn(plan, code, date);
  return members.length === 0 ? [code] : members.flatMap((m) => regionLeavesOn(plan, m, date));
}

/**
 * The land a region or group covers on `date`, as the set of smallest pieces the plan knows: a leaf
 * region is itself plus every region later carved out of it that does not exist yet (庵东镇 before
 * 2024-11-01 = 庵东 + 陆中湾); a group or county is the union of its members'. Two dates with the same
 * set mean the same territory (前湾 = 庵东 + 崇寿 before and 庵东 + 崇寿 + 陆中湾 after the split).
 */
export function regionTerritoryOn(plan: Plan, code: RegionCode, date: IsoDate): Set<RegionCode> {
  const members = regionMembersOn(plan, code, date);
  if (members.length > 0) return new Set(members.flatMap((m) => [...regionTerritoryOn(plan, m, date)]));
  const pieces = new Set<RegionCode>([code]);
  for (const r of plan.regions) {
    if (r.splitFrom === code && r.validFrom !== undefined && date < r.validFrom) {
      for (const p of regionTerritoryOn(plan, r.code as RegionCode, date)) pieces.add(p);
    }
  }
  return pieces;
}

/** A change of a region's territory (口径调整) between two dates: the pieces it lost and gained. */
export interface TerritoryChange {
  removed: RegionCode[];
  added: RegionCode[];
}

/** How the territory of `code` on `to` differs from that on `from`; undefined when it is the same. */
export function regionTerritoryChange(
  plan: Plan,
  code: RegionCode,
  from: IsoDate,
  to: IsoDate,
): TerritoryChange | undefined {
  const before = regionTerritoryOn(plan, code, from);
  const after = regionTerritoryOn(plan, code, to);
  const removed = [...before].filter((p) => !after.has(p));
  const added = [...after].filter((p) => !before.has(p));
  return removed.length === 0 && added.length === 0 ? undefined : { removed, added };
}
