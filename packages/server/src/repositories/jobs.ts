// JobRepository: background jobs' rows — queued, claimed, progress, result or error. The in-process
// runner (jobs/runner.ts) uses it today; a PostgreSQL queue would claim with FOR UPDATE SKIP LOCKED.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, JobStatus, JobsTable } from '../db/schema.ts';
import type { Clock } from './support.ts';

export type { JobStatus } from '../db/schema.ts';

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  singletonKey?: string;
  status: JobStatus;
  /** 0–100. */
  progress: number;
  /** What it is doing now ('charts', 'docx' …). */
  stage?: string;
  error?: string;
  result?: unknown;
  createdAt: string;
  createdBy: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface NewJob {
  kind: string;
  payload: unknown;
  singletonKey?: string;
  createdBy: string;
}

/** Unique-key violations on either backend (the singleton index). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Queue a job. With a singleton key already held by a queued or running job, nothing is queued and
   * that job is returned (`created: false`): the database's partial unique index decides, so two
   * processes enqueueing at once still get one job.
   */
  async enqueue(job: NewJob): Promise<{ job: Job; created: boolean }> {
    const row: Selectable<JobsTable> = {
      id: randomUUID(),
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      singleton_key: job.singletonKey ?? null,
      status: 'queued',
      progress: 0,
      stage: null,
      error: null,
      result: null,
      created_at: this.clock(),
      created_by: job.createdBy,
      started_at: null,
      finished_at: null,
      owner: null,
      heartbeat_at: null,
    };
    try {
      await this.db.insertInto('jobs').values(row).execute();
      return { job: jobFromRow(row), created: true };
    } catch (e) {
      if (!job.singletonKey || !isUniqueViolation(e)) throw e;
      const active = await this.activeByKey(job.singletonKey);
      if (!active) throw e;
      return { job: active, created: false };
    }
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && jobFromRow(row);
  }

  async activeByKey(key: string): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('singleton_key', '=', key)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return row && jobFromRow(row);
  }

  /** Queued jobs, oldest first. */
  async queued(limit = 10): Promise<Job[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'queued')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(jobFromRow);
  }

  /**
   * queued → running under `owner` (a runner instance), its lease renewed now; false when someone else
   * claimed it first.
   */
  async claim(id: string, owner: string): Promise<boolean> {
    const now = this.clock();
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'running', started_at: now, owner, heartbeat_at: now })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return BigInt(r.numUpdatedRows) === 1n;
  }

  /** Renew the lease of `owner`'s running jobs (its heartbeat): they are not taken for interrupted. */
  async renewLeases(owner: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ heartbeat_at: this.clock() })
      .where('owner', '=', owner)
      .where('status', '=', 'running')
      .execute();
  }

  async setProgress(id: string, progress: number, stage: string | undefined): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ progress, stage: stage ?? null })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  async succeed(id: string, result: unknown): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({
        status: 'succeeded',
        progress: 100,
        result: result === undefined ? null : JSON.stringify(result),
        finished_at: this.clock(),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ status: 'failed', error: error || 'unknown error', finished_at: this.clock() })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }

  /**
   * Jobs left running by a runner that stopped: running, not `except`'s, and their lease not renewed for
   * `leaseMs` (or never: rows from before migration 0008). Failed with `reason`; returns them as failed.
   * A job a live runner holds — another process's, renewed every few seconds — is left alone.
   */
  async failInterrupted(reason: string, leaseMs: number, except: string): Promise<Job[]> {
    const cutoff = new Date(Date.parse(this.clock()) - leaseMs).toISOString();
    const stale = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) =>
        eb.and([
          eb.or([eb('owner', 'is', null), eb('owner', '<>', except)]),
          eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', cutoff)]),
        ]),
      )
      .execute();
    const failed: Job[] = [];
    for (const row of stale) {
      const finishedAt = this.clock();
      // Only if still stale: its owner may have renewed it since the read.
      const r = await this.db
        .updateTable('jobs')
        .set({ status: 'failed', error: reason, finished_at: finishedAt })
        .where('id', '=', row.id)
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', cutoff)]))
        .executeTakeFirst();
      if (BigInt(r.numUpdatedRows) === 1n)
        failed.push(jobFromRow({ ...row, status: 'failed', error: reason, finished_at: finishedAt }));
    }
    return failed;
  }
}

function jobFromRow(row: Selectable<JobsTable>): Job {
  const j: Job = {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status,
    progress: Number(row.progress),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.singleton_key !== null) j.singletonKey = row.singleton_key;
  if (row.stage !== null) j.stage = row.stage;
  if (row.error !== null) j.error = row.error;
  if (row.result !== null) j.result = JSON.parse(row.result) as unknown;
  if (row.started_at !== null) j.startedAt = row.started_at;
  if (row.finished_at !== null) j.finishedAt = row.finished_at;
  return j;
}
