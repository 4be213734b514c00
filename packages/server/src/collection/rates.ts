// Reporting rate (报送率) and on-time rate (及时率) per submitter of a round. Pure.
import type { AssignmentStatus } from '../repositories/index.ts';

/**
 * Cixi reports on China Standard Time (UTC+8, no daylight saving): a due date means the end of that day
 * there, whatever time zone the server runs in.
 */
export const COLLECTION_UTC_OFFSET = '+08:00';

/** The last instant a figure counts as on time: 23:59:59.999 on the due date, China Standard Time (ISO UTC). */
export function dueDeadline(dueDate: string): string {
  return new Date(`${dueDate}T23:59:59.999${COLLECTION_UTC_OFFSET}`).toISOString();
}

export interface RateInput {
  submitter: string;
  status: AssignmentStatus;
  /** First submission. */
  submittedAt?: string;
}

export interface SubmitterRate {
  submitter: string;
  name: string;
  /** Figures owed. */
  total: number;
  /** Figures submitted and not sent back: submitted, approved or published (a returned one is owed again). */
  submitted: number;
  /** Approved or published. */
  approved: number;
  /** Of `submitted`, those first submitted by the end of the due date. */
  onTime: number;
  /** submitted / total, 0–1. */
  rate: number;
  /** onTime / total, 0–1: a figure not yet in is not on time. */
  onTimeRate: number;
}

const IN: ReadonlySet<AssignmentStatus> = new Set(['submitted', 'approved', 'published']);
const APPROVED: ReadonlySet<AssignmentStatus> = new Set(['approved', 'published']);

/** One line per submitter, in the order submitters first appear in `assignments`. */
export function collectionRates(
  assignments: readonly RateInput[],
  dueDate: string,
  nameOf: (submitter: string) => string,
): SubmitterRate[] {
  const deadline = dueDeadline(dueDate);
  const bySubmitter = new Map<string, SubmitterRate>();
  for (const a of assignments) {
    let r = bySubmitter.get(a.submitter);
    if (!r) {
      r = {
        submitter: a.submitter,
        name: nameOf(a.submitter),
        total: 0,
        submitted: 0,
        approved: 0,
        onTime: 0,
        rate: 0,
        onTimeRate: 0,
      };
      bySubmitter.set(a.submitter, r);
    }
    r.total++;
    if (IN.has(a.status)) {
      r.submitted++;
      if (a.submittedAt !== undefined && a.submittedAt <= deadline) r.onTime++;
    }
    if (APPROVED.has(a.status)) r.approved++;
  }
  return [...bySubmitter.values()].map((r) => ({
    ...r,
    rate: r.total ? r.submitted / r.total : 0,
    onTimeRate: r.total ? r.onTime / r.total : 0,
  }));
}
