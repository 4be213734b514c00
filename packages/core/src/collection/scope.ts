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
 * Scope of writing (MISSION: "each submits the figures it owes … sees only its own scope for writing"):
 * a town reporter writes any reported indicator of its own town; a department reporter writes the
 * indicators it reports, for any region; an admin writes everything; a leader writes nothing.
 */
export function scopeAllowsWrite(actor: Actor, ind: Indicator, region: string): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'leader':
      return false;
    case 'town':
      return actor.region !== undefined && actor.region === region && indicatorIsReported(ind);
    case 'department':
      return (
        actor.department !== undefined &&
        indicatorReporter(ind) === actor.department &&
        indicatorIsReported(ind)
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
 * Who owes which indicator × region for a period: every town owes its summed indicators; the reporting
 * department owes the figures only compiled for the whole county. Annual indicators are owed in Q4 only.
 */
export function roundAssignments(plan: Plan, period: Period): Assignment[] {
  const { quarter } = periodParse(period);
  const due = (ind: Indicator) => ind.frequency === 'quarterly' || quarter === undefined || quarter === 4;
  const towns = regionChildrenOn(plan, plan.home as RegionCode, periodEndDate(period));
  const out: Assignment[] = [];
  for (const ind of plan.indicators) {
    if (!indicatorIsReported(ind) || !due(ind)) continue;
    if (ind.aggregation === 'sum') {
      for (const town of towns)
        out.push({ submitter: { kind: 'town', code: town }, indicator: ind.code, region: town, period });
    } else {
      const department = indicatorReporter(ind);
      if (department) {
        out.push({
          submitter: { kind: 'department', code: department },
          indicator: ind.code,
          region: plan.home as RegionCode,
          period,
        });
      }
    }
  }
  return out;
}
