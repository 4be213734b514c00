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
