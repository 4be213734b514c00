// The 分解到镇街 preview as the table shows it: the server's proposal, or the admin's manual values
// checked the same way before they are sent (sum = group target; a ratio's implied group value meets it).
import type { AllocationChecks, AllocationProposal, AllocationRow } from '../api/types.ts';

/** One town's manual entry: missing, negative or (counts) fractional values are named before approve. */
export type ManualCellProblem = 'missing' | 'negative' | 'not_integer';

export interface AllocationView {
  rows: AllocationRow[];
  /** Σ proposed (value indicators) — what the towns add up to. */
  sum: number;
  /** The group value the rows imply: their sum, or a ratio's Σ pᵢ·denᵢ / Σ denᵢ. */
  implied: number;
  checks: AllocationChecks;
  /** Town code → what is wrong with its manual value. */
  problems: Record<string, ManualCellProblem>;
}

const EPS = 1e-9;

/** A tolerance of half a unit of the last shown place, so 12.30 entered as 12.3 is equal. */
const closeTo = (a: number, b: number, decimals: number) => Math.abs(a - b) < 0.5 * 10 ** -decimals + EPS;

/**
 * The proposal with the admin's manual values in place of the proposed ones (issue 10 §1, 手工录入).
 * Shares are of the new total; the checks are those of core's allocation: for a summed indicator the
 * towns must add up to the allocated total exactly (to the indicator's decimals); for a ratio the group's
 * ratio of sums Σ(pᵢ·denᵢ)/Σdenᵢ (the towns' denominators as weights) must meet the group target.
 * `integer`: a count (家/个/项) takes whole non-negative units only.
 */
export function allocationManualView(
  proposal: AllocationProposal,
  manual: Readonly<Record<string, number | null | undefined>>,
  decimals: number,
  integer: boolean,
): AllocationView {
  const problems: Record<string, ManualCellProblem> = {};
  const rows = proposal.rows.map((r) => {
    const v = manual[r.region];
    if (v === null || v === undefined || !Number.isFinite(v)) problems[r.region] = 'missing';
    else if (v < 0) problems[r.region] = 'negative';
    else if (integer && !Number.isInteger(v)) problems[r.region] = 'not_integer';
    return { ...r, proposed: typeof v === 'number' && Number.isFinite(v) ? v : 0 };
  });
  if (proposal.allocates === 'numerator') {
    const dens = rows.map((r) => r.denominator ?? 0);
    const denSum = dens.reduce((a, b) => a + b, 0);
    const parts = rows.map((r, i) => r.proposed * dens[i]!);
    const partSum = parts.reduce((a, b) => a + b, 0);
    const implied = denSum > 0 ? partSum / denSum : 0;
    const target = proposal.groupTarget;
    const ok =
      Object.keys(problems).length === 0 &&
      (proposal.comparator === '>=' ? implied >= target - EPS : implied <= target + EPS);
    return {
      rows: rows.map((r, i) => ({ ...r, share: partSum > 0 ? parts[i]! / partSum : 0 })),
      sum: rows.reduce((a, r) => a + r.proposed, 0),
      implied,
      checks: { ratio: { ok, target, implied, comparator: proposal.comparator } },
      problems,
    };
  }
  const sum = rows.reduce((a, r) => a + r.proposed, 0);
  const expected = proposal.allocatedTotal;
  const ok = Object.keys(problems).length === 0 && closeTo(sum, expected, decimals);
  return {
    rows: rows.map((r) => ({ ...r, share: sum > 0 ? r.proposed / sum : 0 })),
    sum,
    implied: sum,
    checks: { sum: { ok, expected, actual: sum } },
    problems,
  };
}

/** The server's proposal as a view (its own checks; no manual problems). */
export function allocationProposalView(proposal: AllocationProposal): AllocationView {
  return {
    rows: proposal.rows,
    sum: proposal.rows.reduce((a, r) => a + r.proposed, 0),
    implied: proposal.implied,
    checks: proposal.checks,
    problems: {},
  };
}

/** The starting values of the manual cells: the current proposal's, so the admin edits from a valid split. */
export function allocationManualSeed(proposal: AllocationProposal): Record<string, number> {
  return Object.fromEntries(proposal.rows.map((r) => [r.region, r.proposed]));
}

/** True when a check failed: the table shows it in red and 批准下达 stays disabled. */
export function allocationChecksFail(checks: AllocationChecks): boolean {
  return checks.sum?.ok === false || checks.ratio?.ok === false;
}
