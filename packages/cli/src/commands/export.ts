// `ding export --format csv|xlsx`: the current observations, in the import's own columns (re-importable).
import type { Command } from 'commander';
import { observationExportTable, workspacePlan, writeTable, UserError } from '@ding/server';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

export function registerExportCommand(program: Command): void {
  addDatabaseOption(program.command('export'))
    .description('export the current observations to CSV or XLSX (re-importable with ding import)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'output file (default ding-observations.<format>)')
    .option('--lang <lang>', 'header language: zh or en', 'zh')
    .action(async (opts: { db?: string; format: string; out?: string; lang: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx')
        throw new UserError(`--format '${opts.format}': csv or xlsx`);
      const out = opts.out ?? `ding-observations.${opts.format}`;
      const count = await withWorkspace(opts, async (ws) => {
        const plan = await workspacePlan(ws);
        const records = await ws.repos.observations.current();
        await writeTable(observationExportTable(records, plan), out, {
          format: opts.format as 'csv' | 'xlsx',
          lang: opts.lang === 'en' ? 'en' : 'zh',
        });
        return records.length;
      });
      console.log(`${count} observations → ${out}`);
    });
}
