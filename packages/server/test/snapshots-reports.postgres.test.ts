// The snapshot, report archive and job runner suites on PostgreSQL, a fresh schema per test. Skipped
// with a message when PostgreSQL is unreachable — except in CI, where that fails the run.
import { describe, it } from 'vitest';
import { describeReports } from './reports.suite.ts';
import { describeSnapshots } from './snapshots.suite.ts';
import { TEST_POSTGRES_URL, openPostgresTestDatabase, probePostgres } from './support/databases.ts';

const probe = await probePostgres();
if (probe.ok) {
  describeSnapshots('postgres', openPostgresTestDatabase);
  describeReports('postgres', openPostgresTestDatabase);
} else if (process.env.CI) {
  describe('snapshots and reports on postgres', () => {
    it('needs PostgreSQL in CI (DING_TEST_DATABASE_URL)', () => {
      throw new Error(`${probe.reason}; CI requires it (start PostgreSQL or set DING_TEST_DATABASE_URL)`);
    });
  });
} else {
  const message = `${probe.reason} — PostgreSQL snapshot/report tests SKIPPED (set DING_TEST_DATABASE_URL; in CI this fails)`;
  console.warn(`[ding] ${message}`);
  describe.skip(`snapshots and reports on postgres: ${message}`, () => {
    it(`runs against ${TEST_POSTGRES_URL}`, () => undefined);
  });
}
