// Reporting rate (报送率) and on-time rate (按时率) per submitter of a round, each judged on its own due date. Pure.
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
  /**
   * onTime / total, 0–1: a figure not yet in is not on time. null before the unit's due date has
   * passed — a rate of 0% then would call a unit late that still has time (issue 12 §4).
   */
  onTimeRate: number | null;
  /** The unit's due date in force: the round's, or its own later one (单位例外). */
  dueDate: string;
  /** The due date has passed (the on-time rate is final). */
  due: boolean;
  /** Figures still owed (pending or returned) after the due date: the overdue list. */
  overdue: number;
}

/** Today in Cixi (China Standard Time) at the instant `iso`: 'YYYY-MM-DD'. */
export function collectionToday(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

const IN: ReadonlySet<AssignmentStatus> = new Set(['submitted', 'approved', 'published']);
const APPROVED: ReadonlySet<AssignmentStatus> = new Set(['approved', 'published']);

const OWED: ReadonlySet<AssignmentStatus> = new Set(['pending', 'returned']);

/**
 * One line per submitter, in the order submitters first appear in `assignments`. `dueDate` is the
 * round's, or each submitter's own (单位例外); `now` (ISO) decides whether a due date has passed —
 * omitted, every due date has.
 */
export function collectionRates(
  assignments: readonly RateInput[],
  dueDate: string | ((submitter: string) => string),
  nameOf: (submitter: string) => string,
  now?: string,
): SubmitterRate[] {
  const dueOf = typeof dueDate === 'string' ? () => dueDate : dueDate;
  const bySubmitter = new Map<string, SubmitterRate>();
  const deadlines = new Map<string, string>();
  for (const a of assignments) {
    let r = bySubmitter.get(a.submitter);
    if (!r) {
      const due = dueOf(a.submitter);
      deadlines.set(a.submitter, dueDeadline(due));
      r = {
        submitter: a.submitter,
        name: nameOf(a.submitter),
        total: 0,
        submitted: 0,
        approved: 0,
        onTime: 0,
        rate: 0,
        onTimeRate: null,
        dueDate: due,
        due: now === undefined || now > dueDeadline(due),
        overdue: 0,
      };
      bySubmitter.set(a.submitter, r);
    }
    const deadline = deadlines.get(a.submitter)!;
    r.total++;
    if (IN.has(a.status)) {
      r.submitted++;
      if (a.submittedAt !== undefined && a.submittedAt <= deadline) r.onTime++;
    }
    if (APPROVED.has(a.status)) r.approved++;
    if (r.due && OWED.has(a.status)) r.overdue++;
  }
  return [...bySubmitter.values()].map((r) => ({
    ...r,
    rate: r.total ? r.submitted / r.total : 0,
    onTimeRate: r.due ? (r.total ? r.onTime / r.total : 0) : null,
  }));
}
