// Who may write which figure, and who owes which figure in a collection round (填报任务).
// Server code calls these on every write; the client's claims are never trusted.
import type { Indicator, Plan } from '../plan/schema.ts';
import { periodEndDate, periodParse, type Period } from '../period.ts';
import { regionChildrenOn } from '../regions.ts';
import type { RegionCode } from '../types.ts';

/** admin = 市科技局 statistics staff; department/town = reporters; leader = read-only. */
export type Role = 'admin' | 'department' | 'town' | 'leader';

export interface Actor {
  role: Role;
  /** The department a department reporter belongs to (plan department code). */
  department?: string;
  /** The town a town reporter belongs to (region code). */
  region?: string;
}

/** A submitter: a department or a town; the unit a collection round assigns figures to. */
export type Submitter = { kind: 'department'; code: string } | { kind: 'town'; code: string };

export function submitterKey(s: Submitter): string {
  return `${s.kind}:${s.code}`;
}

/** Figures that are reported, not computed: stocks and flows, and levels the plan cannot aggregate. */
export function indicatorIsReported(ind: Indicator): boolean {
  return ind.aggregation === 'sum' || ind.aggregation === 'none';
}

/** The department that reports an indicator: its statistics source, else its first lead unit. */
export function indicatorReporter(ind: Indicator): string | undefined {
  return ind.sourceDepartment ?? ind.leadUnits[0];
}

/**
 * The one unit that supplies a reported indicator's figures (plan `townFiguresBy`):
 * - 'towns': a summed indicator each town reports for itself (the default);
 * - 'department': the reporting department (indicatorReporter) reports it — every town's figure of a
 *   summed indicator marked `townFiguresBy: department`, or the county figure of one that is not summed.
 * Undefined for computed indicators (ratios, growth rates) and for a county-only figure with no department.
 */
export function indicatorSupplier(ind: Indicator): 'towns' | 'department' | undefined {
  if (!indicatorIsReported(ind)) return undefined;
  if (ind.aggregation === 'sum' && ind.townFiguresBy !== 'department') return 'towns';
  return indicatorReporter(ind) !== undefined ? 'department' : undefined;
}

/**
 * Scope of writing (MISSION: "each submits the figures it owes … sees only its own scope for writing"),
 * the same rule as roundAssignments so that every figure has exactly one submitter: a town reporter
 * writes the indicators the towns supply, for its own town only; a department reporter writes the
 * indicators it supplies (indicatorSupplier 'department' with it as the reporter), for any region; an
 * admin writes everything; a leader writes nothing.
 */
export function scopeAllowsWrite(actor: Actor, ind: Indicator, region: string): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'leader':
      return false;
    case 'town':
      return actor.region !== undefined && actor.region === region && indicatorSupplier(ind) === 'towns';
    case 'department':
      return (
        actor.department !== undefined &&
        indicatorSupplier(ind) === 'department' &&
        indicatorReporter(ind) === actor.department
      );
  }
}

export interface Assignment {
  submitter: Submitter;
  indicator: string;
  region: RegionCode;
  period: Period;
}

/**
 * Who owes which indicator × region for a period, one submitter per figure (indicatorSupplier): a summed
 * indicator supplied by the towns is owed by every town valid at the period's end for itself; one supplied
 * by a department is owed by that department for each of those towns; an indicator that is not summed is
 * owed by its department for the county alone. Annual indicators are owed in Q4 (and the year) only.
 */
export function roundAssignments(plan: Plan, period: Period): Assignment[] {
  const { quarter } = periodParse(period);
  const due = (ind: Indicator) => ind.frequency === 'quarterly' || quarter === undefined || quarter === 4;
  const towns = regionChildrenOn(plan, plan.home as RegionCode, periodEndDate(period));
  const out: Assignment[] = [];
  for (const ind of plan.indicators) {
    const supplier = indicatorSupplier(ind);
    if (!supplier || !due(ind)) continue;
    const department = indicatorReporter(ind)!;
    if (ind.aggregation === 'sum') {
      for (const town of towns)
        out.push({
          submitter:
            supplier === 'towns' ? { kind: 'town', code: town } : { kind: 'department', code: department },
          indicator: ind.code,
          region: town,
          period,
        });
    } else {
      out.push({
        submitter: { kind: 'department', code: department },
        indicator: ind.code,
        region: plan.home as RegionCode,
        period,
      });
    }
  }
  return out;
}

/**
 * The departments that owe a figure in some round of the plan (any quarter or the year), in the plan's
 * department order: the units that need a reporter account.
 */
export function planOwingDepartments(plan: Plan): string[] {
  const owing = new Set<string>();
  for (const ind of plan.indicators)
    if (indicatorSupplier(ind) === 'department') owing.add(indicatorReporter(ind)!);
  return plan.departments.map((d) => d.code).filter((c) => owing.has(c));
}
