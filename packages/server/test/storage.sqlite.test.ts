// The storage suites (repositories, import) on SQLite (a temporary file per test).
import { describeImport } from './import.suite.ts';
import { describeRepositories } from './repositories.suite.ts';
import { openSqliteTestDatabase } from './support/databases.ts';

describeRepositories('sqlite', openSqliteTestDatabase);
describeImport('sqlite', openSqliteTestDatabase);
