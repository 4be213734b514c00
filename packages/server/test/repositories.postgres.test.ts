// The repository suite on PostgreSQL (a fresh schema per test). Skipped with a message when PostgreSQL
// is unreachable — except in CI, where an unreachable PostgreSQL fails the run.
import { describe, it } from 'vitest';
import { describeRepositories } from './repositories.suite.ts';
import { openPostgresTestDatabase, probePostgres } from './support/databases.ts';

const probe = await probePostgres();
if (probe.ok) {
  describeRepositories('postgres', openPostgresTestDatabase);
} else if (process.env.CI) {
  describe('repositories on postgres', () => {
    it('needs PostgreSQL in CI (set DING_TEST_DATABASE_URL)', () => {
      throw new Error(probe.reason);
    });
  });
} else {
  console.warn(`[ding] PostgreSQL repository tests SKIPPED: ${probe.reason}. Set DING_TEST_DATABASE_URL.`);
  describe.skip(`repositories on postgres — SKIPPED: ${probe.reason}`, () => {
    it('needs PostgreSQL (set DING_TEST_DATABASE_URL)', () => undefined);
  });
}
