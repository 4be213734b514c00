// 本镇（街道）年度目标 on a town reporter's 我的任务 page: of the town's progress rows, the indicators
// that have a target for the town this year — the annual target from the year's row, the figures of the
// current period (本期值, 完成率, 序时进度, status) from that period's row — behind schedule first.
import { statusUrgency, type Period, type Plan, type ProgressRow, type Status } from '@ding/core';

export interface TownTargetLine {
  indicator: string;
  unit: string;
  /** The indicator's decimals in the plan (target, value and 序时进度 are printed with them). */
  decimals: number;
  /** The annual target of the year, and how it compares (≥ for most; ≤ for a ceiling). */
  target: number;
  comparator: '>=' | '<=';
  /** Where the target comes from, as the plan states it (e.g. 目标分解（按基期占比）). */
  source: string;
  /** The period the figures below are of (the current period). */
  period: Period;
  value: number | null;
  /** 完成率 (%). */
  completion: number | null;
  /** 序时进度, in the indicator's unit. */
  expected: number | null;
  status: Status;
}

/**
 * One line per indicator of the plan with an annual target for `region`: the target from `yearRows`
 * (GET /progress for the year), the figures from `periodRows` (the current quarter; omit it when the
 * current period is the year itself). Indicators the plan does not know are left out (they cannot be
 * labelled). Sorted behind first, then watch, then the rest, each in plan order.
 */
export function townTargetLines(
  plan: Pick<Plan, 'indicators'>,
  region: string,
  yearRows: readonly ProgressRow[],
  periodRows?: readonly ProgressRow[],
): TownTargetLine[] {
  const ofRegion = (rows: readonly ProgressRow[]) =>
    new Map(rows.filter((r) => r.region === region).map((r) => [r.indicator as string, r]));
  const year = ofRegion(yearRows);
  const current = periodRows ? ofRegion(periodRows) : year;
  const lines: { order: number; line: TownTargetLine }[] = [];
  plan.indicators.forEach((ind, order) => {
    const now = current.get(ind.code);
    const target = year.get(ind.code)?.target ?? now?.target;
    if (!target || !now) return;
    lines.push({
      order,
      line: {
        indicator: ind.code,
        unit: ind.unit,
        decimals: ind.decimals,
        target: target.value,
        comparator: target.comparator,
        source: target.source,
        period: now.period,
        value: now.value?.value ?? null,
        completion: now.completion ?? null,
        expected: now.expected?.value ?? null,
        status: now.status,
      },
    });
  });
  return lines
    .sort((a, b) => statusUrgency(a.line.status) - statusUrgency(b.line.status) || a.order - b.order)
    .map((x) => x.line);
}
