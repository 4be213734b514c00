// The migrations, in order. A static list (not a folder scan) so they run the same under tsx, vitest and bundlers.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_accounts_audit.ts';
import * as m0003 from './0003_collection.ts';
import * as m0004 from './0004_snapshots.ts';
import * as m0005 from './0005_reports.ts';
import * as m0006 from './0006_audit_no_replace.ts';
import * as m0007 from './0007_cup_evidence.ts';
import * as m0008 from './0008_job_lease.ts';
import * as m0009 from './0009_supervision.ts';
import * as m0010 from './0010_notification_sends.ts';
import * as m0011 from './0011_round_management.ts';
import * as m0012 from './0012_events.ts';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_accounts_audit': m0002,
  '0003_collection': m0003,
  '0004_snapshots': m0004,
  '0005_reports': m0005,
  '0006_audit_no_replace': m0006,
  '0007_cup_evidence': m0007,
  '0008_job_lease': m0008,
  '0009_supervision': m0009,
  '0010_notification_sends': m0010,
  '0011_round_management': m0011,
  '0012_events': m0012,
};
