// Names for codes, from the plan: indicators, regions and groups, departments, submitters ('town:330282004').
import type { Indicator, Plan } from '@ding/core';

export type Lang = 'zh' | 'en';

export interface PlanLabels {
  indicator: (code: string) => Indicator | undefined;
  indicatorName: (code: string) => string;
  regionName: (code: string) => string;
  departmentName: (code: string) => string;
  submitterName: (key: string) => string;
}

/** Lookups built once per plan and language; an unknown code shows as itself rather than vanishing. */
export function planLabels(plan: Plan, lang: Lang): PlanLabels {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const regions = new Map<string, string>();
  for (const r of plan.regions) if (!regions.has(r.code)) regions.set(r.code, r.name[lang]);
  for (const g of plan.regionGroups) regions.set(g.code, g.name[lang]);
  const departments = new Map(plan.departments.map((d) => [d.code, d.name[lang]]));
  const regionName = (code: string) => regions.get(code) ?? code;
  const departmentName = (code: string) => departments.get(code) ?? code;
  return {
    indicator: (code) => indicators.get(code),
    indicatorName: (code) => indicators.get(code)?.name[lang] ?? code,
    regionName,
    departmentName,
    submitterName: (key) => {
      const [kind, code] = key.split(':', 2);
      if (code === undefined) return key;
      return kind === 'town' ? regionName(code) : kind === 'department' ? departmentName(code) : key;
    },
  };
}
