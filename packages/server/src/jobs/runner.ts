// Background jobs run in this process (report generation, issue 9 §7), behind an interface that a
// PostgreSQL queue (server mode: several instances claiming rows with SKIP LOCKED) can implement later.
// The rows live in the `jobs` table either way, so status, progress and errors survive a restart.
import { randomUUID } from 'node:crypto';
import type { Job, Repositories } from '../repositories/index.ts';

export interface JobContext {
  id: string;
  /**
   * Report progress: 0–100 and what is being done. Synchronous on purpose: it is stored in the
   * background, so calling it inside a database transaction never waits for that transaction.
   */
  progress(percent: number, stage?: string): void;
}

/** Does the work; what it returns is stored as the job's result (JSON). Throwing fails the job. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>;

export interface EnqueueOptions {
  /** At most one queued or running job per key (e.g. `report:<report id>`): a second enqueue returns the first. */
  singletonKey?: string;
  createdBy?: string;
}

export interface JobQueue {
  /** The job's id (an existing job's when its singleton key is taken). */
  enqueue(kind: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  status(id: string): Promise<Job | undefined>;
  /** Resolves with the job once it succeeded or failed. */
  wait(id: string): Promise<Job>;
  /** Stop taking jobs and wait for those running. */
  close(): Promise<void>;
}

export interface InProcessRunnerOptions {
  /** Jobs run at once (default 1: generation is CPU-bound and the machine is shared). */
  concurrency?: number;
  /** Least time between two stored progress updates of one job (default 250 ms); the last is always stored. */
  progressIntervalMs?: number;
  /** How often this runner renews the lease of its running jobs and looks for interrupted ones (default 10 s). */
  heartbeatMs?: number;
  /**
   * A running job whose lease was not renewed for this long is taken for interrupted: its runner stopped
   * (default 60 s, six missed heartbeats). A live runner's jobs — another process's too — are left alone.
   */
  leaseMs?: number;
  /**
   * Called with the jobs found interrupted (already failed), so what they were doing can be undone
   * (a report left `generating` is failed: reportJobInterrupted).
   */
  onInterrupted?: (jobs: Job[]) => Promise<void>;
}

/** The error of a job whose runner stopped. */
export const JOB_INTERRUPTED = 'interrupted: the process running it stopped';

/** Thrown by enqueue for a kind no handler was registered for. */
export class JobKindError extends Error {
  constructor(kind: string) {
    super(`no handler for job kind '${kind}'`);
    this.name = 'JobKindError';
  }
}

const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message || e.name : typeof e === 'string' ? e : JSON.stringify(e);

/**
 * The in-process runner. On creation and then every `heartbeatMs`, jobs a stopped runner left running
 * (lease expired) are marked failed (JOB_INTERRUPTED) and handed to `onInterrupted`; jobs still queued
 * are run. Its own running jobs' leases are renewed on the same beat.
 */
export function jobRunnerCreate(
  repos: Repositories,
  handlers: Record<string, JobHandler>,
  options: InProcessRunnerOptions = {},
): JobQueue & { ready: Promise<void> } {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const interval = options.progressIntervalMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const owner = randomUUID();
  const running = new Map<string, Promise<void>>();
  const waiters = new Map<string, ((job: Job) => void)[]>();
  let closed = false;
  let draining: Promise<void> | undefined;

  const finished = async (id: string) => {
    const job = await repos.jobs.get(id);
    if (!job) return;
    for (const w of waiters.get(id) ?? []) w(job);
    waiters.delete(id);
  };

  async function run(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) {
      await repos.jobs.fail(job.id, `no handler for job kind '${job.kind}'`);
      return;
    }
    if (!(await repos.jobs.claim(job.id, owner))) return;
    // Progress is written in order, one at a time, at most every `interval` ms; never awaited by the job.
    let writes: Promise<void> = Promise.resolve();
    let last = 0;
    let pending: { percent: number; stage: string | undefined } | undefined;
    const flush = () => {
      const p = pending;
      pending = undefined;
      if (p)
        writes = writes.then(() => repos.jobs.setProgress(job.id, p.percent, p.stage)).catch(() => undefined);
    };
    const ctx: JobContext = {
      id: job.id,
      progress(percent, stage) {
        pending = { percent: Math.max(0, Math.min(100, Math.round(percent))), stage };
        const now = Date.now();
        if (now - last >= interval) {
          last = now;
          flush();
        }
      },
    };
    try {
      const result = await handler(job.payload, ctx);
      flush();
      await writes;
      await repos.jobs.succeed(job.id, result);
    } catch (e) {
      pending = undefined;
      await writes;
      await repos.jobs.fail(job.id, messageOf(e));
    }
  }

  async function drain(): Promise<void> {
    while (!closed && running.size < concurrency) {
      const next = (await repos.jobs.queued(concurrency)).find((j) => !running.has(j.id));
      if (!next) return;
      const done = run(next)
        .catch(() => undefined)
        .then(async () => {
          running.delete(next.id);
          await finished(next.id);
          schedule();
        });
      running.set(next.id, done);
    }
  }

  function schedule(): void {
    if (closed) return;
    if (draining) {
      // A drain is under way: run another after it, so a job queued meanwhile is not missed.
      void draining.then(() => schedule());
      return;
    }
    draining = drain().finally(() => (draining = undefined));
  }

  async function sweep(): Promise<void> {
    const interrupted = await repos.jobs.failInterrupted(JOB_INTERRUPTED, leaseMs, owner);
    if (interrupted.length > 0) await options.onInterrupted?.(interrupted);
  }

  let beating: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    // One beat at a time; a failed beat (database busy) is retried on the next.
    beating = beating
      .then(async () => {
        if (running.size > 0) await repos.jobs.renewLeases(owner);
        await sweep();
      })
      .catch(() => undefined);
  }, heartbeatMs);
  heartbeat.unref();

  const ready = (async () => {
    await sweep();
    schedule();
  })();

  return {
    ready,
    async enqueue(kind, payload, opts = {}) {
      if (!handlers[kind]) throw new JobKindError(kind);
      await ready;
      const { job } = await repos.jobs.enqueue({
        kind,
        payload,
        createdBy: opts.createdBy ?? 'system',
        ...(opts.singletonKey !== undefined ? { singletonKey: opts.singletonKey } : {}),
      });
      schedule();
      return job.id;
    },
    status: (id) => repos.jobs.get(id),
    async wait(id) {
      const job = await repos.jobs.get(id);
      if (!job) throw new Error(`no job with id ${id}`);
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      return new Promise<Job>((resolve) => {
        waiters.set(id, [...(waiters.get(id) ?? []), resolve]);
        // It may have finished between the read above and now.
        void repos.jobs.get(id).then((j) => {
          if (j && (j.status === 'succeeded' || j.status === 'failed')) void finished(id);
        });
      });
    },
    async close() {
      closed = true;
      await draining;
      await Promise.all(running.values());
      clearInterval(heartbeat);
      await beating;
    },
  };
}
