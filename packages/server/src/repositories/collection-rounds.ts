// RoundRepository: collection rounds (填报任务) and their assignments — who owes which indicator × region.
import { randomUUID } from 'node:crypto';
import type { Period } from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type {
  AssignmentStatus,
  Database,
  RoundAssignmentsTable,
  RoundDueExceptionsTable,
  RoundRemindersTable,
  RoundsTable,
} from '../db/schema.ts';
import { chunks } from './observations.ts';
import type { Clock } from './support.ts';

/** What a round is: open, closed (reopenable), or cancelled (opened by mistake; final). */
export type RoundStatus = RoundsTable['status'] | 'cancelled';
export type { AssignmentStatus };

/** A unit's own later due date in a round. */
export interface DueException {
  submitter: string;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  reason: string;
  setAt: string;
  setBy: string;
}

/** One unit a 催报 went to, with its text and the in-app notice that carried it. */
export interface ReminderRecipient {
  submitter: string;
  name: string;
  /** Figures still owed when it was sent. */
  owing: number;
  /** The unit's due date in force then. */
  dueDate: string;
  message: { zh: string; en: string };
  noticeId?: string;
}

/** A unit a 催报 could not reach: no active account reports for it (无可用账号). */
export interface ReminderSkipped {
  submitter: string;
  name: string;
  owing: number;
  dueDate: string;
  reason: 'no_account';
}

/** A confirmed 催报, for the round's history. */
export interface RoundReminder {
  id: string;
  roundId: string;
  sentAt: string;
  sentBy: string;
  recipients: ReminderRecipient[];
  skipped: ReminderSkipped[];
}

export interface Round {
  id: string;
  period: Period;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  status: RoundStatus;
  openedAt: string;
  openedBy: string;
  /** Set when cancelled. */
  cancelledAt?: string;
  cancelledBy?: string;
  cancelReason?: string;
}

export interface NewAssignment {
  submitter: string;
  indicator: string;
  region: string;
  /** The figure's period. */
  period: string;
}

export interface RoundAssignment extends NewAssignment {
  roundId: string;
  status: AssignmentStatus;
  /** First submission. */
  submittedAt?: string;
  comment?: string;
}

/** indicator × region: an assignment's identity within its round. */
export interface FigureCell {
  indicator: string;
  region: string;
}

/** Rows per INSERT: 7 columns × 500 is far below both backends' bound-parameter limits. */
const INSERT_CHUNK = 500;

function roundFromRow(row: Selectable<RoundsTable>): Round {
  const r: Round = {
    id: row.id,
    period: row.period as Period,
    dueDate: row.due_date,
    status: row.cancelled_at !== null ? 'cancelled' : row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
  };
  if (row.cancelled_at !== null) r.cancelledAt = row.cancelled_at;
  if (row.cancelled_by !== null) r.cancelledBy = row.cancelled_by;
  if (row.cancel_reason !== null) r.cancelReason = row.cancel_reason;
  return r;
}

function exceptionFromRow(row: Selectable<RoundDueExceptionsTable>): DueException {
  return {
    submitter: row.submitter,
    dueDate: row.due_date,
    reason: row.reason,
    setAt: row.set_at,
    setBy: row.set_by,
  };
}

function reminderFromRow(row: Selectable<RoundRemindersTable>): RoundReminder {
  return {
    id: row.id,
    roundId: row.round_id,
    sentAt: row.sent_at,
    sentBy: row.sent_by,
    recipients: JSON.parse(row.recipients) as ReminderRecipient[],
    skipped: JSON.parse(row.skipped) as ReminderSkipped[],
  };
}

function assignmentFromRow(row: Selectable<RoundAssignmentsTable>): RoundAssignment {
  const a: RoundAssignment = {
    roundId: row.round_id,
    submitter: row.submitter,
    indicator: row.indicator,
    region: row.region,
    period: row.period,
    status: row.status,
  };
  if (row.submitted_at !== null) a.submittedAt = row.submitted_at;
  if (row.comment !== null) a.comment = row.comment;
  return a;
}

export class RoundRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** A new open round with its assignments (call inside a transaction: both or neither). */
  async create(
    round: { period: Period; dueDate: string; openedBy: string },
    assignments: readonly NewAssignment[],
  ): Promise<Round> {
    const row = {
      id: randomUUID(),
      period: round.period,
      due_date: round.dueDate,
      status: 'open' as const,
      opened_at: this.clock(),
      opened_by: round.openedBy,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
    };
    await this.db.insertInto('rounds').values(row).execute();
    for (const part of chunks(assignments, INSERT_CHUNK)) {
      await this.db
        .insertInto('round_assignments')
        .values(
          part.map((a) => ({
            round_id: row.id,
            submitter: a.submitter,
            indicator: a.indicator,
            region: a.region,
            period: a.period,
            status: 'pending' as const,
            submitted_at: null,
            comment: null,
          })),
        )
        .execute();
    }
    return roundFromRow(row);
  }

  async get(id: string): Promise<Round | undefined> {
    const row = await this.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && roundFromRow(row);
  }

  async byPeriod(period: string): Promise<Round | undefined> {
    const row = await this.db
      .selectFrom('rounds')
      .selectAll()
      .where('period', '=', period)
      .executeTakeFirst();
    return row && roundFromRow(row);
  }

  /** Newest period first. */
  async list(): Promise<Round[]> {
    const rows = await this.db
      .selectFrom('rounds')
      .selectAll()
      .orderBy('period', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(roundFromRow);
  }

  /** The time these repositories stamp rows with (tests pin it): rules about "today" follow it too. */
  now(): string {
    return this.clock();
  }

  async update(
    id: string,
    change: { dueDate?: string; status?: RoundsTable['status'] },
  ): Promise<Round | undefined> {
    const set: { due_date?: string; status?: RoundsTable['status'] } = {};
    if (change.dueDate !== undefined) set.due_date = change.dueDate;
    if (change.status !== undefined) set.status = change.status;
    if (Object.keys(set).length) await this.db.updateTable('rounds').set(set).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Cancel a round (closed, with who, when and why); only a round not cancelled yet: false if it was. */
  async cancel(id: string, by: string, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable('rounds')
      .set({ status: 'closed', cancelled_at: this.clock(), cancelled_by: by, cancel_reason: reason })
      .where('id', '=', id)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) === 1n;
  }

  /** The units with their own due date in a round, by submitter. */
  async exceptions(roundId: string): Promise<DueException[]> {
    const rows = await this.db
      .selectFrom('round_due_exceptions')
      .selectAll()
      .where('round_id', '=', roundId)
      .orderBy('submitter')
      .execute();
    return rows.map(exceptionFromRow);
  }

  /** Set (or replace) a unit's own due date in a round. */
  async exceptionSet(
    roundId: string,
    e: { submitter: string; dueDate: string; reason: string; setBy: string },
  ): Promise<DueException> {
    const row = {
      round_id: roundId,
      submitter: e.submitter,
      due_date: e.dueDate,
      reason: e.reason,
      set_at: this.clock(),
      set_by: e.setBy,
    };
    await this.db
      .deleteFrom('round_due_exceptions')
      .where('round_id', '=', roundId)
      .where('submitter', '=', e.submitter)
      .execute();
    await this.db.insertInto('round_due_exceptions').values(row).execute();
    return exceptionFromRow(row);
  }

  /** Drop a unit's own due date: false when it had none. */
  async exceptionClear(roundId: string, submitter: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('round_due_exceptions')
      .where('round_id', '=', roundId)
      .where('submitter', '=', submitter)
      .executeTakeFirst();
    return BigInt(result.numDeletedRows) === 1n;
  }

  /** Record a confirmed 催报. */
  async reminderAdd(
    roundId: string,
    r: { sentBy: string; recipients: ReminderRecipient[]; skipped: ReminderSkipped[] },
  ): Promise<RoundReminder> {
    const row = {
      id: randomUUID(),
      round_id: roundId,
      sent_at: this.clock(),
      sent_by: r.sentBy,
      recipients: JSON.stringify(r.recipients),
      skipped: JSON.stringify(r.skipped),
    };
    await this.db.insertInto('round_reminders').values(row).execute();
    return reminderFromRow(row);
  }

  /** A round's 催报 history, newest first. */
  async reminders(roundId: string): Promise<RoundReminder[]> {
    const rows = await this.db
      .selectFrom('round_reminders')
      .selectAll()
      .where('round_id', '=', roundId)
      .orderBy('sent_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(reminderFromRow);
  }

  /** A round's assignments, optionally of one submitter; ordered by submitter, indicator, region. */
  async assignments(roundId: string, options: { submitter?: string } = {}): Promise<RoundAssignment[]> {
    let q = this.db.selectFrom('round_assignments').selectAll().where('round_id', '=', roundId);
    if (options.submitter !== undefined) q = q.where('submitter', '=', options.submitter);
    const rows = await q.orderBy('submitter').orderBy('indicator').orderBy('region').execute();
    return rows.map(assignmentFromRow);
  }

  /**
   * Move assignments to a status. 'submitted' keeps the first submission time (on-time rate) and clears
   * the reviewer's comment; 'returned' stores the comment.
   */
  async setStatus(
    roundId: string,
    cells: readonly FigureCell[],
    status: AssignmentStatus,
    options: { comment?: string } = {},
  ): Promise<void> {
    const now = this.clock();
    for (const cell of cells) {
      let q = this.db
        .updateTable('round_assignments')
        .set({ status })
        .where('round_id', '=', roundId)
        .where('indicator', '=', cell.indicator)
        .where('region', '=', cell.region);
      if (status === 'submitted')
        q = q.set((eb) => ({ submitted_at: eb.fn.coalesce('submitted_at', eb.val(now)), comment: null }));
      if (status === 'returned') q = q.set({ comment: options.comment ?? null });
      await q.execute();
    }
  }
}
