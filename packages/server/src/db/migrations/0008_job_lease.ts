// Job leases (fix of the runner's start-up sweep): a running job names the runner that claimed it and when
// that runner last said it was alive, so a runner starting (the CLI's `ding report` beside `ding serve`)
// fails only jobs whose runner stopped — not another live process's job. Portable DDL; never edit this
// file once it has landed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The runner instance (a random id per jobRunnerCreate) that claimed the job.
  await db.schema.alterTable('jobs').addColumn('owner', 'text').execute();
  // ISO-8601 UTC: renewed by the owner every few seconds while the job runs; a lease older than the
  // runner's lease time means the owner stopped.
  await db.schema.alterTable('jobs').addColumn('heartbeat_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('heartbeat_at').execute();
  await db.schema.alterTable('jobs').dropColumn('owner').execute();
}
