// The send-log suite on SQLite (a temporary file, reopened for the restart and two-instance cases).
import { describeSendLog } from './send-log.suite.ts';
import { openSqliteSendLog } from './support.ts';

describeSendLog('sqlite', openSqliteSendLog);
