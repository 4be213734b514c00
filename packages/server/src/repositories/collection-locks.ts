// PeriodLockRepository: locked periods (no submission, commit or publication without an admin and a reason).
import type { Kysely, Selectable } from 'kysely';
import type { Database, PeriodLocksTable } from '../db/schema.ts';
import type { Clock } from './support.ts';

export interface PeriodLock {
  period: string;
  locked: boolean;
  changedBy: string;
  changedAt: string;
  reason: string;
}

function lockFromRow(row: Selectable<PeriodLocksTable>): PeriodLock {
  return {
    period: row.period,
    locked: Number(row.locked) === 1,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    reason: row.reason,
  };
}

export class PeriodLockRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(period: string): Promise<PeriodLock | undefined> {
    const row = await this.db
      .selectFrom('period_locks')
      .selectAll()
      .where('period', '=', period)
      .executeTakeFirst();
    return row && lockFromRow(row);
  }

  /** Lock or unlock; the last change (who, when, why) is kept on the row, every change in the audit log. */
  async set(period: string, locked: boolean, by: string, reason: string): Promise<PeriodLock> {
    const row = {
      period,
      locked: locked ? (1 as const) : (0 as const),
      changed_by: by,
      changed_at: this.clock(),
      reason,
    };
    await this.db
      .insertInto('period_locks')
      .values(row)
      .onConflict((oc) =>
        oc.column('period').doUpdateSet({
          locked: row.locked,
          changed_by: row.changed_by,
          changed_at: row.changed_at,
          reason: row.reason,
        }),
      )
      .execute();
    return lockFromRow(row);
  }

  /** Which of these periods are locked now. */
  async lockedAmong(periods: readonly string[]): Promise<Set<string>> {
    if (periods.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('period_locks')
      .select('period')
      .where('period', 'in', [...new Set(periods)])
      .where('locked', '=', 1)
      .execute();
    return new Set(rows.map((r) => r.period));
  }

  /** Every period ever locked, with its current state. */
  async list(): Promise<PeriodLock[]> {
    const rows = await this.db.selectFrom('period_locks').selectAll().orderBy('period').execute();
    return rows.map(lockFromRow);
  }
}
