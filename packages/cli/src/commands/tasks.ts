// `ding tasks`: 督查督办 (issue 11) from the command line — `list` (the default) prints every item with its light
// and the rule behind it, then the units ranked by on-time reporting (`--json`: the overview as the API gives
// it); `bulletin` writes the monthly 督查通报 as DOCX; `remind [--dry-run]` runs (or previews) today's digests.
import type { Command } from 'commander';
import {
  SUPERVISION_LIGHT_NAMES,
  supervisionItemsTable,
  supervisionRankingTable,
  supervisionUnitIsKnown,
  type SupervisionLight,
} from '@ding/core';
import {
  SupervisionError,
  UserError,
  chinaDate,
  itemsOfUnit,
  supervisionBulletin,
  reportDocx,
  supervisionOverview,
  supervisionRemindersRun,
  reminderChannels,
  workspacePlan,
} from '@ding/server';
import { fileWriteAtomic } from '../csv-files.ts';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

interface ListOptions {
  db?: string;
  json?: boolean;
  unit?: string;
  light?: string;
  lang: string;
}

interface BulletinOptions {
  db?: string;
  month: string;
  out: string;
  lang: string;
}

const LIGHTS = Object.keys(SUPERVISION_LIGHT_NAMES) as SupervisionLight[];
const langOf = (s: string): 'zh' | 'en' => (s === 'en' ? 'en' : 'zh');

export function registerTasksCommand(program: Command): void {
  // No options on the group itself: `ding tasks --json` goes to `list`, the default.
  const tasks = program
    .command('tasks')
    .description('督查督办: the supervised items with their lights, the unit ranking, the monthly 督查通报');

  addDatabaseOption(tasks.command('list', { isDefault: true }))
    .description('every item: code, light, state, title, 牵头单位, deadline, days left, the first reason')
    .option('--json', 'print the overview as JSON (items with lights and reasons, ranking, counts)')
    .option('--unit <code>', 'items a unit leads or cooperates on (a department code or a town region code)')
    .option('--light <light>', `only items of one light: ${LIGHTS.join('|')}`)
    .option('--lang <lang>', 'zh or en', 'zh')
    .action(async (opts: ListOptions) => tasksListRun(opts));

  addDatabaseOption(tasks.command('bulletin'))
    .description(
      'the monthly 督查通报 as DOCX: the overview as of the month’s last day, 位次变化 against the month before',
    )
    .requiredOption('--month <month>', 'the month reported, YYYY-MM, e.g. 2026-11')
    .requiredOption('--out <file>', 'the .docx file to write')
    .option('--lang <lang>', 'zh or en', 'zh')
    .action(async (opts: BulletinOptions) => tasksBulletinRun(opts));

  addDatabaseOption(tasks.command('remind'))
    .description(
      "today's reminder digests, one per person; sent through the configured channels (in-app; DING_SMTP_URL, DING_WEBHOOK_URL), once per person and day",
    )
    .option('--dry-run', 'print who would be told what; send nothing, change nothing')
    .option('--json', 'print the run as JSON')
    .action(async (opts: RemindOptions) => tasksRemindRun(opts));
}

interface RemindOptions {
  db?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function tasksRemindRun(opts: RemindOptions): Promise<void> {
  await withWorkspace(opts, async (ws) => {
    const plan = await workspacePlan(ws);
    const result = await supervisionRemindersRun(ws, plan, {
      today: chinaDate(),
      dryRun: opts.dryRun ?? false,
      channels: reminderChannels(ws, { notificationChannels: undefined }),
      ...(process.env.DING_APP_URL ? { appUrl: process.env.DING_APP_URL } : {}),
    });
    if (opts.json) return printJson(result);
    for (const d of result.digests)
      process.stdout.write(
        `── ${d.displayName} (${d.username}) → ${d.channels.join(', ') || '(no channel reaches)'}\n${d.subject}\n${d.text}\n\n`,
      );
    const what = opts.dryRun ? 'dry run: nothing sent' : summaryText(result);
    process.stderr.write(`${result.date}: ${result.digests.length} digests; ${what}\n`);
  });
}

function summaryText(r: { dispatch?: DispatchCounts; retried?: DispatchCounts }): string {
  const d = r.dispatch;
  const retried = r.retried && r.retried.sent > 0 ? `, ${r.retried.sent} earlier failures sent` : '';
  return d ? `sent ${d.sent}, already sent ${d.skipped}, failed ${d.failed}, dead ${d.dead}${retried}` : '';
}

interface DispatchCounts {
  sent: number;
  skipped: number;
  failed: number;
  dead: number;
}

export async function tasksListRun(opts: ListOptions): Promise<void> {
  if (opts.light !== undefined && !LIGHTS.includes(opts.light as SupervisionLight))
    throw new UserError(`--light '${opts.light}': expected one of ${LIGHTS.join(', ')}`);
  const lang = langOf(opts.lang);
  await withWorkspace(opts, async (ws) => {
    const plan = await workspacePlan(ws);
    if (opts.unit !== undefined && !supervisionUnitIsKnown(plan, opts.unit))
      throw new UserError(`--unit '${opts.unit}': not a department or region of the plan`);
    const overview = await supervisionOverview(ws, plan, chinaDate());
    let items = opts.unit ? itemsOfUnit(overview.items, opts.unit) : overview.items;
    if (opts.light) items = items.filter((v) => v.light.light === opts.light);
    if (opts.json) return printJson({ ...overview, items });
    const list = supervisionItemsTable(plan, items, lang);
    printTable(list.headers, list.rows);
    const ranking = supervisionRankingTable(plan, overview.ranking, lang);
    process.stdout.write(lang === 'zh' ? '\n单位按时反馈排名\n' : '\nUnits ranked by on-time reporting\n');
    printTable(ranking.headers, ranking.rows);
  });
}

export async function tasksBulletinRun(opts: BulletinOptions): Promise<void> {
  if (!opts.out.toLowerCase().endsWith('.docx'))
    throw new UserError(`--out '${opts.out}': expected a .docx file`);
  const lang = langOf(opts.lang);
  await withWorkspace(opts, async (ws) => {
    const plan = await workspacePlan(ws);
    let bulletin;
    try {
      bulletin = await supervisionBulletin(ws, plan, opts.month, { lang, today: chinaDate() });
    } catch (e) {
      if (e instanceof SupervisionError) throw new UserError(`--month: ${e.text[lang]}`);
      throw e;
    }
    fileWriteAtomic(opts.out, await reportDocx(bulletin.document));
    process.stderr.write(`${bulletin.overview.counts.total} items as of ${bulletin.asOf} → ${opts.out}\n`);
  });
}
