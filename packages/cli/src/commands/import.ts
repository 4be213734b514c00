// `ding import FILE.csv|xlsx`: long-format figures into the database, all or nothing, every error located.
import type { Command } from 'commander';
import { IMPORT_LIMITS, importObservations, workspacePlan, type ImportOutcome } from '@ding/server';
import { printJson, progressBar } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

export function registerImportCommand(program: Command): void {
  addDatabaseOption(program.command('import'))
    .description(
      'import figures in long format (indicator, region, period, value[, vintage, source, note]); all or nothing',
    )
    .argument('<file>', '.csv or .xlsx file')
    .option(
      '--citation <text>',
      'where these figures were published (default: each row’s source, else the file name)',
    )
    .option('--synthetic', 'mark the figures as synthetic (test or demo data) instead of real')
    .option('--override-lock', 'write into locked periods too (an admin correction; needs --reason)')
    .option('--reason <text>', 'why: recorded in the audit log (required with --override-lock)')
    .option('--lang <lang>', 'language of error messages: zh or en', 'zh')
    .option('--json', 'print the outcome (or the errors) as JSON')
    .action(
      async (
        file: string,
        opts: {
          db?: string;
          citation?: string;
          synthetic?: boolean;
          overrideLock?: boolean;
          reason?: string;
          lang: string;
          json?: boolean;
        },
      ) => {
        const lang = opts.lang === 'en' ? 'en' : 'zh';
        const reason = opts.reason?.trim();
        const refusal = reasonRefusal(reason, !!opts.overrideLock);
        if (refusal) {
          console.error(refusal[lang]);
          process.exitCode = 2;
          return;
        }
        const outcome = await withWorkspace(opts, async (ws) => {
          const plan = await workspacePlan(ws);
          const bar = progressBar('import', !opts.json);
          const result = await importObservations(ws.repos, plan, file, {
            createdBy: `ding import (${process.env.USER ?? 'cli'})`,
            provenance: opts.synthetic ? 'synthetic' : 'real',
            ...(opts.citation ? { citation: opts.citation } : {}),
            ...(reason ? { reason } : {}),
            ...(opts.overrideLock && reason ? { lockOverride: { reason } } : {}),
            onProgress: bar.update,
          });
          bar.stop();
          return result;
        });
        if (opts.json) printJson(outcome);
        else printOutcome(outcome, lang);
        if (!outcome.ok) process.exitCode = 1;
      },
    );
}

function printOutcome(outcome: ImportOutcome, lang: 'zh' | 'en'): void {
  if (outcome.ok) {
    console.log(
      lang === 'zh'
        ? `已导入 ${outcome.rows} 行：新增 ${outcome.created}，修订 ${outcome.revised}，未变 ${outcome.unchanged}（批次 ${outcome.batch.id}）`
        : `imported ${outcome.rows} rows: ${outcome.created} new, ${outcome.revised} revised, ${outcome.unchanged} unchanged (batch ${outcome.batch.id})`,
    );
    return;
  }
  if (outcome.locked) {
    for (const l of outcome.locked) console.error(l.message[lang]);
    console.error(
      lang === 'zh' ? '\n期别已锁定，未导入任何数据。' : '\nlocked periods; nothing was imported.',
    );
    return;
  }
  for (const e of outcome.errors) console.error(e.message[lang]);
  console.error(
    lang === 'zh'
      ? `\n${outcome.errors.length} 处错误，未导入任何数据。`
      : `\n${outcome.errors.length} errors; nothing was imported.`,
  );
}

/** The limit on notes and reasons, as an upload's and the grid's (issue 16 §5). */
const MAX_REASON = IMPORT_LIMITS.maxTextChars;

function reasonRefusal(
  reason: string | undefined,
  overrideLock: boolean,
): { zh: string; en: string } | undefined {
  if (overrideLock && !reason)
    return {
      zh: '--override-lock 需要 --reason "原因"：改动已锁定期别的原因会记入审计日志',
      en: '--override-lock needs --reason "…": why a locked period changes goes into the audit log',
    };
  if (reason && [...reason].length > MAX_REASON)
    return {
      zh: `--reason 共 ${[...reason].length} 字，超过 ${MAX_REASON} 字上限`,
      en: `--reason has ${[...reason].length} characters, more than the ${MAX_REASON} allowed`,
    };
  return undefined;
}
