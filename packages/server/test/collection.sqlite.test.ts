// The collection suite (repositories, the round through the HTTP API) on SQLite, a temporary file per test.
import { describeRoundManagement } from './collection.rounds.suite.ts';
import { describeCollection } from './collection.suite.ts';
import { openSqliteTestDatabase } from './support/databases.ts';

describeCollection('sqlite', openSqliteTestDatabase);
describeRoundManagement('sqlite', openSqliteTestDatabase);
