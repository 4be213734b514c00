// The collection suite on PostgreSQL, a fresh schema per test. Skipped with a message when PostgreSQL is
// unreachable — except in CI, where an unreachable PostgreSQL fails the run (as storage.postgres.test.ts).
import { describe, it } from 'vitest';
import { describeRoundManagement } from './collection.rounds.suite.ts';
import { describeCollection } from './collection.suite.ts';
import { TEST_POSTGRES_URL, openPostgresTestDatabase, probePostgres } from './support/databases.ts';

const probe = await probePostgres();
if (probe.ok) {
  describeCollection('postgres', openPostgresTestDatabase);
  describeRoundManagement('postgres', openPostgresTestDatabase);
} else if (process.env.CI) {
  describe('collection on postgres', () => {
    it('needs PostgreSQL in CI (DING_TEST_DATABASE_URL)', () => {
      throw new Error(`${probe.reason}; CI requires it (start PostgreSQL or set DING_TEST_DATABASE_URL)`);
    });
  });
} else {
  const message = `${probe.reason} — PostgreSQL collection tests SKIPPED (set DING_TEST_DATABASE_URL; in CI this fails)`;
  console.warn(`[ding] ${message}`);
  describe.skip(`collection on postgres: ${message}`, () => {
    it(`runs against ${TEST_POSTGRES_URL}`, () => undefined);
  });
}
