// The repository suite on SQLite (a temporary file per test).
import { describeRepositories } from './repositories.suite.ts';
import { openSqliteTestDatabase } from './support/databases.ts';

describeRepositories('sqlite', openSqliteTestDatabase);
