// The API suite on PostgreSQL (a fresh schema per test). Skipped with a message when PostgreSQL is
// unreachable — except in CI, where an unreachable PostgreSQL fails the run.
import { describe, it } from 'vitest';
import { describeHttpApi } from './http-api.suite.ts';
import { TEST_POSTGRES_URL, probePostgres } from './support/databases.ts';
import { openPostgresWorkspace } from './support/http-client.ts';

const probe = await probePostgres();
if (probe.ok) {
  describeHttpApi('postgres', openPostgresWorkspace);
} else if (process.env.CI) {
  describe('HTTP API on postgres', () => {
    it('needs PostgreSQL in CI (DING_TEST_DATABASE_URL)', () => {
      throw new Error(`${probe.reason}; CI requires it (start PostgreSQL or set DING_TEST_DATABASE_URL)`);
    });
  });
} else {
  const message = `${probe.reason} — PostgreSQL API tests SKIPPED (set DING_TEST_DATABASE_URL; in CI this fails)`;
  console.warn(`[ding] ${message}`);
  describe.skip(`HTTP API on postgres: ${message}`, () => {
    it(`runs against ${TEST_POSTGRES_URL}`, () => undefined);
  });
}
