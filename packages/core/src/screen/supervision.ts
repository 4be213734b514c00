// The city screen's 重点任务推进 panel (issue 11): the supervised items counted by light and the most urgent
// red and yellow ones, from the 督查督办 overview (its order: red first, nearest deadline first). Pure.
import type { Plan } from '../plan/schema.ts';
import { supervisionUnitName } from '../supervision/model.ts';
import type { SupervisionLight } from '../supervision/rules.ts';
import type { SupervisionOverview } from '../supervision/view.ts';
import type { LocalizedName } from '../types.ts';

export interface ScreenSupervisionItem {
  code: string;
  title: LocalizedName;
  /** 牵头单位, in both languages (the overview's names are zh only). */
  leads: LocalizedName[];
  light: 'red' | 'yellow';
  /** Days to the deadline in force (negative: overdue). */
  daysLeft: number;
}

export interface ScreenSupervision {
  /** China's day the lights are for. */
  today: string;
  total: number;
  counts: Record<SupervisionLight, number>;
  /** The first red and yellow items of the overview, at most `top`. */
  top: ScreenSupervisionItem[];
  /** Red and yellow items not in `top`. */
  more: number;
}

/** Default number of items the panel lists: what fits its rows on a 1920×1080 wall. */
export const SCREEN_SUPERVISION_TOP = 5;

export function screenSupervisionBuild(
  plan: Plan,
  overview: SupervisionOverview,
  top = SCREEN_SUPERVISION_TOP,
): ScreenSupervision {
  const lagging = overview.items.filter((v) => v.light.light === 'red' || v.light.light === 'yellow');
  return {
    today: overview.today,
    total: overview.counts.total,
    counts: { ...overview.counts.byLight },
    top: lagging.slice(0, top).map((v) => ({
      code: v.item.code,
      title: v.item.title,
      leads: v.item.leadUnits.map((u) => ({
        zh: supervisionUnitName(plan, u, 'zh'),
        en: supervisionUnitName(plan, u, 'en'),
      })),
      light: v.light.light as 'red' | 'yellow',
      daysLeft: v.light.daysLeft,
    })),
    more: Math.max(0, lagging.length - top),
  };
}
