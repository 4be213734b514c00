// The snapshot, report archive and job runner suites on SQLite (a temporary file per test).
import { describeSnapshots } from './snapshots.suite.ts';
import { openSqliteTestDatabase } from './support/databases.ts';

describeSnapshots('sqlite', openSqliteTestDatabase);
