// The 分解到镇街 preview as the table shows it: the server's proposal, or the admin's manual values checked
// by core's allocationManualApply — the rule approval applies, so what the table shows is what approval decides.
import type { AllocationManualResult, AllocationProposal } from '../api/types.ts';

/** The server's proposal as the preview shows it (its own checks; no manual problems). */
export function allocationProposalView(proposal: AllocationProposal): AllocationManualResult {
  return { rows: proposal.rows, implied: proposal.implied, checks: proposal.checks, problems: {} };
}

/** The starting values of the manual cells: the current proposal's, so the admin edits from a valid split. */
export function allocationManualSeed(proposal: AllocationProposal): Record<string, number> {
  return Object.fromEntries(proposal.rows.map((r) => [r.region, r.proposed]));
}
