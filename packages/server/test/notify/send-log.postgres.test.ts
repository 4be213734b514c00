// The send-log suite on PostgreSQL, a fresh schema per test. Skipped with a message when PostgreSQL is
// unreachable — except in CI, where an unreachable PostgreSQL fails the run (as storage.postgres.test.ts).
import { describe, it } from 'vitest';
import { TEST_POSTGRES_URL, probePostgres } from '../support/databases.ts';
import { describeSendLog } from './send-log.suite.ts';
import { openPostgresSendLog } from './support.ts';

const probe = await probePostgres();
if (probe.ok) {
  describeSendLog('postgres', openPostgresSendLog);
} else if (process.env.CI) {
  describe('notification send log on postgres', () => {
    it('needs PostgreSQL in CI (DING_TEST_DATABASE_URL)', () => {
      throw new Error(`${probe.reason}; CI requires it (start PostgreSQL or set DING_TEST_DATABASE_URL)`);
    });
  });
} else {
  const message = `${probe.reason} — PostgreSQL send-log tests SKIPPED (set DING_TEST_DATABASE_URL; in CI this fails)`;
  console.warn(`[ding] ${message}`);
  describe.skip(`notification send log on postgres: ${message}`, () => {
    it(`runs against ${TEST_POSTGRES_URL}`, () => undefined);
  });
}
