// `ding progress --period 2025Q3`: the engine's progress table for a period, printed, as JSON, or
// written to CSV/XLSX (`--out progress.xlsx`) in the same columns as the web's downloads.
import type { Command } from 'commander';
import {
  exportFormatOf,
  progressExportTable,
  workspacePlan,
  workspaceProgress,
  writeTable,
  UserError,
} from '@ding/server';
import {
  PROGRESS_TEXT_COLUMNS,
  periodIsValid,
  progressRecords,
  type Period,
  type RegionCode,
} from '@ding/core';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

export function registerProgressCommand(program: Command): void {
  addDatabaseOption(program.command('progress'))
    .description(
      'progress of every indicator: value, target, completion, 序时进度, YoY, rank, status, projection',
    )
    .requiredOption('--period <period>', 'quarter or year, e.g. 2025Q3 or 2024')
    .option('--region <code...>', 'region or group codes (default: every region and group)')
    .option('--core', 'only the 7 core indicators of the 分解表')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--json', 'print the engine rows as JSON, with their inputs and rules')
    .option('--out <file>', 'write the table to a .csv (UTF-8 with BOM) or print-ready .xlsx file')
    .action(
      async (opts: {
        db?: string;
        period: string;
        region?: string[];
        core?: boolean;
        lang: string;
        json?: boolean;
        out?: string;
      }) => {
        if (!periodIsValid(opts.period))
          throw new UserError(`--period '${opts.period}': expected YYYY or YYYYQn, e.g. 2025Q3`);
        if (opts.out !== undefined) {
          try {
            exportFormatOf(opts.out);
          } catch (e) {
            throw new UserError(`--out: ${(e as Error).message}`);
          }
        }
        const lang = opts.lang === 'en' ? 'en' : 'zh';
        await withWorkspace(opts, async (ws) => {
          const plan = await workspacePlan(ws);
          const regions = opts.region?.map((r) =>
            r === '全市' ? (plan.home as RegionCode) : resolveRegion(plan.regions, plan.regionGroups, r),
          );
          const rows = await workspaceProgress(ws, plan, opts.period as never, {
            ...(regions ? { regions } : {}),
            ...(opts.core
              ? { indicators: plan.indicators.filter((i) => i.core).map((i) => i.code as never) }
              : {}),
          });
          if (opts.out !== undefined) {
            await writeTable(
              progressExportTable(plan, rows, { lang, period: opts.period as Period }),
              opts.out,
              {
                lang,
              },
            );
            process.stderr.write(`${rows.length} rows → ${opts.out}\n`);
          }
          if (opts.json) return printJson(rows);
          if (opts.out !== undefined) return;
          const records = progressRecords(plan, rows, lang);
          printTable(
            PROGRESS_TEXT_COLUMNS.map((c) => c.label[lang]),
            records.map((r) => PROGRESS_TEXT_COLUMNS.map((c) => c.text(r))),
          );
        });
      },
    );
}

/** A region may be given by code or by its Chinese or English name ('全市' is the home county, above). */
function resolveRegion(
  regions: { code: string; name: { zh: string; en: string } }[],
  groups: { code: string; name: { zh: string; en: string } }[],
  given: string,
): RegionCode {
  const all = [...regions, ...groups];
  const found = all.find((r) => r.code === given || r.name.zh === given || r.name.en === given);
  if (!found) throw new UserError(`--region '${given}': no such region or group in the plan`);
  return found.code as RegionCode;
}
