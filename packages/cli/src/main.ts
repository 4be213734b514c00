// The `ding` command: init, plan, import, progress, export, serve, index, report, targets, cup, tasks.
import { Command, CommanderError } from 'commander';
import { UserError } from '@ding/server';
import { registerInitCommand } from './commands/init.ts';
import { registerPlanCommand } from './commands/plan.ts';
import { registerProgressCommand } from './commands/progress.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerIndexCommand } from './commands/index-command.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerTargetsCommand } from './commands/targets.ts';
import { registerCupCommand } from './commands/cup.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerTasksCommand } from './commands/tasks.ts';

// `ding … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command('ding')
  .description('科创鼎 Ding — science & technology innovation monitoring')
  .showHelpAfterError()
  .exitOverride();

registerInitCommand(program);
registerPlanCommand(program);
registerProgressCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerServeCommand(program);
registerIndexCommand(program);
registerReportCommand(program);
registerTargetsCommand(program);
registerCupCommand(program);
registerBackupCommands(program);
registerTasksCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof UserError) {
    console.error(`ding: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
