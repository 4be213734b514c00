// The monthly 督查通报 over the stored data (issue 11 §5): the supervision overview as of the month's last day
// (or today, for the month still running) and as of the previous month's last day for 位次变化, printed by
// core's supervisionBulletinDocument and rendered to DOCX like the 评比结果通报.
import {
  supervisionBulletinDocument,
  supervisionMonthBefore,
  supervisionMonthEnd,
  supervisionMonthParse,
  type Plan,
  type ReportDocument,
  type SupervisionOverview,
} from '@ding/core';
import { chinaDate } from '../china-time.ts';
import { reportDocx } from '../report/index.ts';
import { publishedStatus } from './screen.ts';
import { SUPERVISION_DEMO_NOTE } from './supervision-demo.ts';
import { SupervisionError, supervisionOverview } from './supervision.ts';
import type { Workspace } from './workspace.ts';

export interface SupervisionBulletin {
  month: string;
  /** The day the lights are computed for: the month's last day, or today while the month runs. */
  asOf: string;
  overview: SupervisionOverview;
  /** The overview as of the previous month's last day (its ranking gives 位次变化). */
  previous: SupervisionOverview;
  document: ReportDocument;
}

/**
 * The 督查通报 of `month` (YYYY-MM): refused for a month not begun. Indicator-linked items are judged on the
 * engine's rows of the current period in both overviews (the published figures are not kept "as of" a
 * day); the document's 注 says so.
 */
export async function supervisionBulletin(
  ws: Workspace,
  plan: Plan,
  month: string,
  options: { lang?: 'zh' | 'en'; today?: string } = {},
): Promise<SupervisionBulletin> {
  const today = options.today ?? chinaDate();
  try {
    supervisionMonthParse(month);
  } catch {
    throw new SupervisionError(422, 'validation', {
      zh: `月份「${month}」格式应为 YYYY-MM（如 2026-11）`,
      en: `month '${month}': expected YYYY-MM, e.g. 2026-11`,
    });
  }
  if (`${month}-01` > today)
    throw new SupervisionError(422, 'month_not_begun', {
      zh: `${month} 尚未开始，不能生成督查通报`,
      en: `${month} has not begun: there is no bulletin for it`,
    });
  const end = supervisionMonthEnd(month);
  const asOf = end < today ? end : today;
  const [overview, previous, status, events] = await Promise.all([
    supervisionOverview(ws, plan, today, { asOf }),
    supervisionOverview(ws, plan, today, { asOf: supervisionMonthEnd(supervisionMonthBefore(month)) }),
    publishedStatus(ws).catch(() => ({ synthetic: false })),
    ws.repos.supervision.events(),
  ]);
  // Synthetic: the demo's items (their 立项 says so) or the demo figures that judge the indicator-linked ones.
  const demoItems = [...events.values()].some((ev) =>
    ev.some((e) => e.kind === 'created' && e.note === SUPERVISION_DEMO_NOTE),
  );
  const document = supervisionBulletinDocument(
    {
      plan,
      month,
      overview,
      previousRanking: previous.ranking,
      synthetic: demoItems || status.synthetic,
    },
    { lang: options.lang ?? 'zh', date: today },
  );
  return { month, asOf, overview, previous, document };
}

/** The 督查通报 as DOCX (the 季报's renderer). */
export async function supervisionBulletinDocx(
  ws: Workspace,
  plan: Plan,
  month: string,
  options: { lang?: 'zh' | 'en'; today?: string } = {},
): Promise<Buffer> {
  return reportDocx((await supervisionBulletin(ws, plan, month, options)).document);
}

/** 2026年第11期科技创新督查通报.docx / supervision-bulletin-2026-11.docx. */
export function supervisionBulletinFileName(month: string, lang: 'zh' | 'en'): string {
  const { year, month: m } = supervisionMonthParse(month);
  return lang === 'zh' ? `${year}年第${m}期科技创新督查通报.docx` : `supervision-bulletin-${month}.docx`;
}
