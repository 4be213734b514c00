// RoundRepository: collection rounds (填报任务) and their assignments — who owes which indicator × region.
import { randomUUID } from 'node:crypto';
import type { Period } from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type { AssignmentStatus, Database, RoundAssignmentsTable, RoundsTable } from '../db/schema.ts';
import { chunks } from './observations.ts';
import type { Clock } from './support.ts';

export type RoundStatus = RoundsTable['status'];
export type { AssignmentStatus };

export interface Round {
  id: string;
  period: Period;
  /** 'YYYY-MM-DD' */
  dueDate: string;
  status: RoundStatus;
  openedAt: string;
  openedBy: string;
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
  return {
    id: row.id,
    period: row.period as Period,
    dueDate: row.due_date,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
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

  async update(id: string, change: { dueDate?: string; status?: RoundStatus }): Promise<Round | undefined> {
    const set: { due_date?: string; status?: RoundStatus } = {};
    if (change.dueDate !== undefined) set.due_date = change.dueDate;
    if (change.status !== undefined) set.status = change.status;
    if (Object.keys(set).length) await this.db.updateTable('rounds').set(set).where('id', '=', id).execute();
    return this.get(id);
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
