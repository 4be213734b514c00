// The monthly 督查通报 (issue 11 §5: results feed 通报): the overview of a month's last day as a document of
// the report pipeline (ReportDocument → DOCX), typeset like the 评比结果通报 (cup/notice.ts). Every figure is the
// overview's — its counts, its lights and their first reason, its unit ranking — printed, never recomputed;
// the only arithmetic is the two shares of 一、总体情况 and the 位次变化 against the previous month's ranking.
import { roundHalfAway } from '../engine/rounding.ts';
import type { Plan } from '../plan/schema.ts';
import {
  inlineText,
  reportDateText,
  textPart,
  type ReportBlock,
  type ReportDocument,
  type ReportTableColumn,
} from '../report/document.ts';
import { progressTabulator, type Lang } from '../report/progress-table.ts';
import { LIGHT_RULES_DEFAULT, supervisionUnitName } from './model.ts';
import { engineQuarterLabel, type SupervisionLight } from './rules.ts';
import { supervisionFirstReason, supervisionRankingTable } from './present.ts';
import type { UnitTimeliness } from './ranking.ts';
import type { SupervisionItemView, SupervisionOverview } from './view.ts';

export interface SupervisionBulletinInput {
  plan: Plan;
  /** The month reported, YYYY-MM: the 期数 is its number (2026-11 → 2026年第11期). */
  month: string;
  /** The overview as of the month's last day (its `today`), or of today for the month still running. */
  overview: SupervisionOverview;
  /** The previous month's ranking (as of its last day), for 位次变化; absent, every ranked unit is 新增. */
  previousRanking?: readonly Pick<UnitTimeliness, 'unit' | 'rank'>[];
  /** True when any item is synthetic demo data. */
  synthetic: boolean;
}

export interface SupervisionBulletinOptions {
  lang: Lang;
  /** Date of issue, YYYY-MM-DD (China's day). */
  date: string;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const mainNumber = (i: number, lang: Lang) => (lang === 'zh' ? `${ORDINALS[i] ?? i + 1}、` : `${i + 1}. `);
const subNumber = (i: number, lang: Lang) => (lang === 'zh' ? `（${ORDINALS[i] ?? i + 1}）` : `(${i + 1})`);

/**
 * The shares of open items on and behind 序时进度 (%), one decimal: the first rounded half away from zero,
 * the second 100 minus the first as printed, so the two printed shares add up to 100.0 (6.25 + 93.75 would
 * otherwise print 6.3 + 93.8). Undefined with no open item.
 */
export function supervisionScheduleShares(
  onSchedule: number,
  behindSchedule: number,
): { on: number; behind: number } | undefined {
  const open = onSchedule + behindSchedule;
  if (open === 0) return undefined;
  const on = roundHalfAway((100 * onSchedule) / open, 1);
  return { on, behind: roundHalfAway(100 - on, 1) };
}

/** '2026-11' → { year: 2026, month: 11 }; throws on anything else. */
export function supervisionMonthParse(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month '${month}': expected YYYY-MM, e.g. 2026-11`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** The month's last day and the previous month, e.g. '2026-11' → '2026-11-30', '2026-10'. */
export function supervisionMonthEnd(month: string): string {
  const { year, month: m } = supervisionMonthParse(month);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

export function supervisionMonthBefore(month: string): string {
  const { year, month: m } = supervisionMonthParse(month);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The lead units of `items`, each once, in the items' order. */
function leadUnitsOf(items: readonly SupervisionItemView[]): string[] {
  return [...new Set(items.flatMap((v) => v.item.leadUnits))];
}

/**
 * The 督查通报 of one month: 报头 《{home}科技创新督查通报》 {year}年第{month}期; a lead paragraph; 一、总体情况
 * (items, 达到/未达到序时进度 of the open items with their shares, counts by light, overdue); 二、滞后事项 (every red
 * and yellow item: code, title, 牵头单位, the first reason of its light); 三、单位按时反馈排名 (the ranking table
 * with 位次变化); 四、下步要求 (fixed sentences naming the laggard units); 注 on what the lights were judged on.
 */
export function supervisionBulletinDocument(
  input: SupervisionBulletinInput,
  options: SupervisionBulletinOptions,
): ReportDocument {
  const { plan, overview } = input;
  const { lang } = options;
  const zh = lang === 'zh';
  const { year, month } = supervisionMonthParse(input.month);
  const home = plan.regions.find((r) => r.code === plan.home)?.name ?? plan.name;
  const asOf = reportDateText(overview.today, lang);
  const c = overview.counts;
  // The overview's lights use core's default rules (supervisionLight without `rules`).
  const L = LIGHT_RULES_DEFAULT;
  const open = c.onSchedule + c.behindSchedule;
  const units = (codes: readonly string[]) =>
    codes.map((u) => supervisionUnitName(plan, u, lang)).join(zh ? '、' : ', ');
  const blocks: ReportBlock[] = [];
  const paragraph = (text: string): ReportBlock => ({ kind: 'paragraph', parts: [textPart(text)] });
  let section = 0;
  const heading = (zhText: string, enText: string) =>
    blocks.push({
      kind: 'heading',
      level: 1,
      number: mainNumber(section++, lang),
      text: zh ? zhText : enText,
    });

  blocks.push(
    paragraph(
      zh
        ? `为推动《${plan.name.zh}》各项重点任务落地见效，对纳入督查督办的事项实行全过程跟踪、按灯色分级督办。现将截至${asOf}的督查督办情况通报如下：`
        : `To see the tasks of "${plan.name.en}" carried out, every supervised item is tracked through its lifecycle and graded by light. Here is the state of supervision as of ${asOf}.`,
    ),
  );

  // 一、总体情况 — the overview's counts as they are.
  heading('总体情况', 'Overview');
  const shares = supervisionScheduleShares(c.onSchedule, c.behindSchedule);
  const b = c.byLight;
  blocks.push(
    paragraph(
      zh
        ? `纳入督查督办事项共${c.total}项，其中已办结${b.done}项、在办${open}项。` +
            (shares
              ? `在办事项中，达到序时进度${c.onSchedule}项、占${shares.on.toFixed(1)}%，未达到序时进度${c.behindSchedule}项、占${shares.behind.toFixed(1)}%。`
              : '目前无在办事项。') +
            `按督办灯色分，红灯${b.red}项、黄灯${b.yellow}项、蓝灯${b.blue}项、绿灯${b.green}项、已办结${b.done}项；` +
            (c.overdue > 0 ? `超过办结时限仍未办结${c.overdue}项。` : '无超过办结时限未办结事项。')
        : `${c.total} items are supervised: ${b.done} completed, ${open} open.` +
            (shares
              ? ` Of the open items, ${c.onSchedule} are on 序时进度 (${shares.on.toFixed(1)}%) and ${c.behindSchedule} behind it (${shares.behind.toFixed(1)}%).`
              : ' No item is open.') +
            ` By light: ${b.red} red, ${b.yellow} yellow, ${b.blue} blue, ${b.green} green, ${b.done} completed;` +
            (c.overdue > 0
              ? ` ${c.overdue} past their deadline and not completed.`
              : ' none is past its deadline.'),
    ),
  );

  // 二、滞后事项 — every red and yellow item, in the overview's order (most severe, nearest deadline first).
  heading('滞后事项', 'Items behind');
  const lagging = (light: SupervisionLight) => overview.items.filter((v) => v.light.light === light);
  const red = lagging('red');
  const yellow = lagging('yellow');
  if (red.length + yellow.length === 0)
    blocks.push(paragraph(zh ? '本期无红灯、黄灯事项。' : 'No item is red or yellow.'));
  const groups: Array<[SupervisionItemView[], string, string]> = [
    [red, '红灯事项', 'Red'],
    [yellow, '黄灯事项', 'Yellow'],
  ];
  let sub = 0;
  for (const [items, zhName, enName] of groups) {
    if (items.length === 0) continue;
    blocks.push({
      kind: 'heading',
      level: 2,
      number: subNumber(sub++, lang),
      text: zh ? `${zhName}（${items.length}项）` : `${enName} (${items.length})`,
    });
    items.forEach((v, i) => {
      const reason = supervisionFirstReason(v, lang);
      blocks.push({
        kind: 'paragraph',
        parts: [
          textPart(`${i + 1}. ${v.item.code} ${v.item.title[lang] || v.item.title.zh}`, true),
          textPart(
            zh
              ? `（牵头单位：${units(v.item.leadUnits)}）：${reason}。`
              : ` (lead: ${units(v.item.leadUnits)}): ${reason}.`,
          ),
        ],
      });
    });
  }

  // 三、单位按时反馈排名 — the overview's ranking, with 位次变化 against the previous month.
  heading('单位按时反馈排名', 'Units ranked by on-time reporting');
  const table = supervisionRankingTable(plan, overview.ranking, lang, input.previousRanking ?? []);
  const widths = [3, 12, 3, 3, 3, 3, 4, 4];
  const columns: ReportTableColumn[] = table.headers.map((label, i) => ({
    label,
    width: { chars: widths[i] ?? 4 },
    align: i === 1 ? 'left' : i === 0 || i === 7 ? 'center' : 'right',
  }));
  blocks.push({
    kind: 'table',
    caption: zh
      ? `表1 ${year}年${month}月各单位进展按时反馈情况`
      : `Table 1 On-time reporting by unit, ${input.month}`,
    columns,
    rows: table.rows.map((r) => r.map((cell) => textPart(cell))),
    notes: [
      zh
        ? `应报为截至本期末已到报送期限的进展反馈次数；按时为在报送期限（次月${L.reportDueDay}日）前报送的次数，逾期为期限后补报的次数，未报为尚未报送的次数；按时率＝按时÷应报；位次变化与上月末相比，上月无位次的为“新增”。`
        : `Due: progress reports whose due date (day ${L.reportDueDay} of the next month) has passed; on time: made by it; late: made after it; missing: not made. Rate = on time ÷ due; the change is against the end of the previous month ("new": no rank then).`,
    ],
  });

  // 四、下步要求 — fixed sentences; the units named are the overview's.
  heading('下步要求', 'Next steps');
  const requirements: string[] = [];
  const laggards = leadUnitsOf([...red, ...yellow]);
  requirements.push(
    laggards.length > 0
      ? zh
        ? `红灯、黄灯事项的牵头单位（${units(laggards)}）要认真分析滞后原因，逐项制定整改措施，明确完成时限，确保尽快赶上序时进度。`
        : `The lead units of the red and yellow items (${units(laggards)}) are to find out why they are behind, set out remedies with dates for each item and catch up with 序时进度.`
      : zh
        ? '各牵头单位要对照目标任务和序时进度，持续抓好落实，确保各项任务按期完成。'
        : 'Every lead unit is to keep its items on 序时进度 and complete them on time.',
  );
  const overdue = leadUnitsOf(overview.items.filter((v) => v.light.light !== 'done' && v.light.daysLeft < 0));
  if (overdue.length > 0)
    requirements.push(
      zh
        ? `已超过办结时限的事项，${units(overdue)}要立即办理并报送办结材料；确需延期的，须在办结时限前提出申请，未经批准的按原时限督办。`
        : `${units(overdue)} are to complete their overdue items at once and report it; an extension must be asked for before the deadline, otherwise the original deadline stands.`,
    );
  const unreported = overview.ranking.filter((r) => r.missing > 0 || r.late > 0).map((r) => r.unit);
  requirements.push(
    unreported.length > 0
      ? zh
        ? `${units(unreported)}存在未报或逾期反馈情况，要严格落实进展按期反馈制度，于报送期次月${L.reportDueDay}日前报送进展情况及佐证材料。`
        : `${units(unreported)} have missing or late reports: progress and its evidence are due by day ${L.reportDueDay} of the month after each period.`
      : zh
        ? `各单位要继续严格落实进展按期反馈制度，于报送期次月${L.reportDueDay}日前报送进展情况及佐证材料。`
        : `Every unit is to keep reporting progress and its evidence by day ${L.reportDueDay} of the month after each period.`,
  );
  requirements.forEach((r, i) => blocks.push(paragraph(`${i + 1}. ${r}`)));

  const periodNote = overview.period
    ? zh
      ? `关联指标的事项按系统当前期（${engineQuarterLabel(overview.period).zh}）已发布数据计算序时进度，不是${asOf}的历史数据。`
      : `Items linked to indicators are judged on the published figures of the current period (${engineQuarterLabel(overview.period).en}), not on those of ${asOf}.`
    : zh
      ? '尚无已发布的指标数据，关联指标的事项按节点和报送的完成进度计算。'
      : 'No figures are published yet: items linked to indicators are judged on their milestones and reports.';
  const notes = [
    zh
      ? `灯色、进展反馈和排名按截至${asOf}的办理记录计算；红灯为逾期或落后序时进度${L.redLagPoints}个百分点以上，黄灯为落后${L.yellowLagPoints}—${L.redLagPoints}个百分点、反馈被退办或未按时反馈，蓝灯为距办结时限${L.blueWithinDays}天以内。`
      : `Lights, reports and the ranking are computed from the records up to ${asOf}: red is overdue or more than ${L.redLagPoints} points behind 序时进度; yellow ${L.yellowLagPoints}–${L.redLagPoints} points behind, a returned or a missing report; blue within ${L.blueWithinDays} days of the deadline.`,
    periodNote,
    zh
      ? '各事项的灯色原因和办理过程见科创鼎系统“督查督办”页面。'
      : "Each item's reasons and timeline are on the Supervision page of Ding.",
    ...(input.synthetic
      ? [
          zh
            ? '含合成演示数据：演示用模拟数据，不得作为督办记录引用。'
            : 'Contains synthetic demo data: simulated records that must not be quoted.',
        ]
      : []),
  ];

  return {
    meta: {
      title: zh ? `${home.zh}科技创新督查通报` : `${home.en} S&T Innovation Supervision Bulletin`,
      issueLabel: zh ? `${year}年第${month}期` : `${year}, No. ${month}`,
      headline: zh
        ? `${year}年${month}月科技创新重点任务督查督办情况`
        : `Supervision of the key S&T innovation tasks, ${input.month}`,
      editor: progressTabulator(plan)[lang],
      date: options.date,
      lang,
      synthetic: input.synthetic,
      notes,
    },
    blocks,
  };
}

/** The plain text of a bulletin's paragraphs, in order (tests and previews). */
export function supervisionBulletinParagraphs(doc: ReportDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : []));
}
