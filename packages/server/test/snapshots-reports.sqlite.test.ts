// The snapshot, report archive and job runner suites on SQLite (a temporary file per test).
import { describeReports } from './reports.suite.ts';
import { describeSnapshots } from './snapshots.suite.ts';
import { openSqliteTestDatabase } from './support/databases.ts';

describeSnapshots('sqlite', openSqliteTestDatabase);
describeReports('sqlite', openSqliteTestDatabase);
