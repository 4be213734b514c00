// `ding init`: create or migrate the database, load the plan, load the demo data and demo accounts (idempotent).
import type { Command } from 'commander';
import { DEMO_PASSWORD, workspaceInit } from '@ding/server';
import { printJson, progressBar } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

export function registerInitCommand(program: Command): void {
  addDatabaseOption(program.command('init'))
    .description(
      'create/migrate the database, load the plan, the demo data and the demo accounts (idempotent)',
    )
    .option('--plan <file>', 'plan file (YAML or JSON); default plans/cixi/plan.yaml')
    .option('--no-demo', 'do not load the synthetic demo data nor create the demo accounts')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db?: string; plan?: string; demo: boolean; json?: boolean }) => {
      await withWorkspace(opts, async (ws) => {
        const bar = progressBar('demo data', !opts.json);
        const report = await workspaceInit(ws, {
          planPath: opts.plan,
          demo: opts.demo,
          onProgress: bar.update,
        });
        bar.stop();
        if (opts.json) return printJson({ database: ws.db.location, ...report });
        console.log(`database: ${ws.db.location}`);
        console.log(
          `migrations: ${report.migrations.applied.length ? `applied ${report.migrations.applied.join(', ')}` : 'up to date'}`,
        );
        console.log(
          `plan: ${report.plan.id} v${report.plan.version}${report.plan.created ? ' (loaded)' : ' (unchanged)'}${report.plan.inForce === report.plan.version ? '' : `; v${report.plan.inForce} in force (edited since)`}`,
        );
        if (report.demo) {
          console.log(
            report.demo.alreadyPresent
              ? 'demo data: the database already has observations; left as is'
              : `demo data: ${report.demo.inserted} observations loaded (synthetic except the cited real figures)`,
          );
          if (report.demo.townTargetsVersion)
            console.log(
              `demo town targets: split by base-year share into plan v${report.demo.townTargetsVersion} (synthetic, for the town screens and the 科技创新杯)`,
            );
        }
        if (report.accounts) {
          console.log(
            report.accounts.alreadyPresent
              ? 'demo accounts: the database already has accounts; left as is'
              : `demo accounts: ${report.accounts.created.length} created (admin, leader, kjj, tjj, town-<code>), password ${DEMO_PASSWORD} — see README`,
          );
        }
      });
    });
}
