// The API suite on SQLite (a temporary file per test).
import { describeHttpApi } from './http-api.suite.ts';
import { openSqliteWorkspace } from './support/http-client.ts';

describeHttpApi('sqlite', openSqliteWorkspace);
