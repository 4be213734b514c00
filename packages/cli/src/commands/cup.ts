// `ding cup --year 2025`: the 科技创新杯 results (issue 10 §7) — each group's towns with total, dimension
// subtotals, ranks, 位次变化 and awards; `--json` for every item's formula and inputs; `--out` for XLSX/CSV,
// or the 评比结果通报 as DOCX.
import type { Command } from 'commander';
import { cupRankChangeText } from '@ding/core';
import {
  CupSchemeInvalidError,
  UserError,
  cupNoticeDocx,
  cupResultsTable,
  exportFormatOf,
  workspaceCup,
  workspacePlan,
  writeTable,
} from '@ding/server';
import { fileWriteAtomic } from '../csv-files.ts';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

interface CupOptions {
  db?: string;
  year: string;
  scheme?: string;
  lang: string;
  json?: boolean;
  out?: string;
}

export function registerCupCommand(program: Command): void {
  addDatabaseOption(program.command('cup'))
    .description('科技创新杯: every town’s points, ranks within its group and overall, 位次变化, awards')
    .requiredOption('--year <year>', 'the year evaluated, e.g. 2025')
    .option('--scheme <file>', 'the scoring scheme (default plans/cixi/cup-scheme.yaml)')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--json', 'print the results as JSON: every item with its formula and inputs')
    .option(
      '--out <file>',
      'write the results table to a .xlsx (or .csv) file, or the 评比结果通报 to a .docx file',
    )
    .action(async (opts: CupOptions) => cupCommandRun(opts));
}

export async function cupCommandRun(opts: CupOptions): Promise<void> {
  if (!/^\d{4}$/.test(opts.year)) throw new UserError(`--year '${opts.year}': expected YYYY, e.g. 2025`);
  const notice = opts.out?.toLowerCase().endsWith('.docx') ?? false;
  if (opts.out !== undefined && !notice) {
    try {
      exportFormatOf(opts.out);
    } catch (e) {
      throw new UserError(`--out: ${(e as Error).message}`);
    }
  }
  const lang = opts.lang === 'en' ? 'en' : 'zh';
  await withWorkspace(opts, async (ws) => {
    const plan = await workspacePlan(ws);
    let r;
    try {
      r = await workspaceCup(ws, plan, Number(opts.year), {
        lang,
        ...(opts.scheme ? { schemePath: opts.scheme } : {}),
      });
    } catch (e) {
      if (e instanceof CupSchemeInvalidError) throw new UserError(e.message);
      throw e;
    }
    if (opts.out !== undefined) {
      if (notice) fileWriteAtomic(opts.out, await cupNoticeDocx(plan, r, lang));
      else await writeTable(cupResultsTable(r, lang), opts.out, { lang });
      process.stderr.write(`${r.towns.length} towns → ${opts.out}\n`);
    }
    if (opts.json) return printJson(r);
    if (opts.out !== undefined) return;
    if (r.status === 'proposal') {
      process.stderr.write(
        lang === 'zh'
          ? '注意：评分方案为建议稿，尚待市科技局确定\n'
          : 'Note: the scheme is a proposal, not yet adopted by the bureau\n',
      );
    }
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    const group = (code: string) => r.scheme.groups.find((g) => g.code === code)?.name[lang] ?? code;
    const zh = lang === 'zh';
    printTable(
      [
        zh ? '总排名' : 'Rank',
        zh ? '镇（街道）' : 'Town',
        zh ? '组别' : 'Group',
        zh ? '组内' : 'In group',
        zh ? '位次变化' : 'Change',
        ...r.scheme.dimensions.map((d) => d.name[lang]),
        zh ? '加分' : 'Bonus',
        zh ? '扣分' : 'Deduct.',
        zh ? '总分' : 'Total',
        zh ? '奖项' : 'Awards',
      ],
      r.towns.map((t) => [
        t.rankOverall,
        t.name[lang],
        group(t.group),
        `${t.rankInGroup}/${t.groupSize}`,
        cupRankChangeText(t.rankChange, lang).text,
        ...t.dimensions.map((d) => d.points.toFixed(2)),
        t.bonus.toFixed(2),
        // 扣分 is the points taken off (3.00, not −3.00), as in the XLSX.
        Math.abs(t.deduction).toFixed(2),
        t.total.toFixed(2),
        t.awards.map((a) => a[lang]).join(zh ? '、' : '; '),
      ]),
    );
  });
}
