// The units ranked by timeliness (issue 11 §5: results feed 通报, rankings of units and 考核): each lead unit's
// progress reports due so far, how many came by their due date, and its overdue items. Pure.
import { rankWithTies } from '../engine/progress-rules.ts';
import type { ProgressReport, SupervisionEvent, SupervisionItem } from './model.ts';
import { reportsDue, type LightResult } from './rules.ts';

export interface UnitTimeliness {
  unit: string;
  /** Items the unit leads (主办). */
  items: number;
  reportsDue: number;
  onTime: number;
  late: number;
  missing: number;
  /** 按时反馈率 (%): on time ÷ due; absent while nothing was due. */
  onTimeRate?: number;
  overdueItems: number;
  redItems: number;
  /** Competition rank by on-time rate ("1224"), absent without a rate. */
  rank?: number;
}

export interface TimelinessInput {
  item: SupervisionItem;
  events: readonly SupervisionEvent[];
  reports: readonly ProgressReport[];
  light: LightResult;
}

/**
 * One row per lead unit (an item led jointly counts for each of its lead units: they answer for it together);
 * the rate is on time ÷ due, ranked highest first, ties sharing a rank; overdue items break no ties (they are
 * shown beside it, so a reader sees both).
 */
export function unitTimeliness(
  inputs: readonly TimelinessInput[],
  today: string,
  reportDueDay?: number,
): UnitTimeliness[] {
  const rows = new Map<string, UnitTimeliness>();
  const rowOf = (unit: string) => {
    let r = rows.get(unit);
    if (!r) {
      r = { unit, items: 0, reportsDue: 0, onTime: 0, late: 0, missing: 0, overdueItems: 0, redItems: 0 };
      rows.set(unit, r);
    }
    return r;
  };
  for (const { item, events, reports, light } of inputs) {
    const due = reportsDue(item, events, reports, today, reportDueDay);
    for (const lead of item.leadUnits) {
      const r = rowOf(lead);
      r.items += 1;
      if (light.light !== 'done' && light.daysLeft < 0) r.overdueItems += 1;
      if (light.light === 'red') r.redItems += 1;
      for (const p of due) {
        r.reportsDue += 1;
        if (!p.report) r.missing += 1;
        else if (p.onTime) r.onTime += 1;
        else r.late += 1;
      }
    }
  }
  const list = [...rows.values()];
  for (const r of list) if (r.reportsDue > 0) r.onTimeRate = (100 * r.onTime) / r.reportsDue;
  const ranks = rankWithTies(
    new Map(list.filter((r) => r.onTimeRate !== undefined).map((r) => [r.unit, r.onTimeRate as number])),
    'positive',
  );
  for (const r of list) {
    const rank = ranks.get(r.unit);
    if (rank !== undefined) r.rank = rank;
  }
  return list.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      a.overdueItems - b.overdueItems ||
      a.unit.localeCompare(b.unit),
  );
}
