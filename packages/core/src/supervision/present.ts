// 督查督办 as people read it: the items and the unit ranking as rows of printed cells, shared by `ding tasks`,
// the 督查通报 (bulletin.ts) and any other table, so a rate or a 位次变化 prints the same everywhere. Pure.
import { roundHalfAway } from '../engine/rounding.ts';
import type { Plan } from '../plan/schema.ts';
import type { Lang } from '../report/progress-table.ts';
import { supervisionUnitName } from './model.ts';
import type { UnitTimeliness } from './ranking.ts';
import { SUPERVISION_LIGHT_NAMES, SUPERVISION_STATE_NAMES } from './rules.ts';
import type { SupervisionItemView, SupervisionOverview } from './view.ts';

/** 按时率 as printed: one decimal, half away from zero, with '%'; '—' while nothing was due. */
export function supervisionRateText(rate: number | undefined): string {
  return rate === undefined ? '—' : `${roundHalfAway(rate, 1).toFixed(1)}%`;
}

/**
 * 位次变化 against the previous month: ↑2 (up two places), ↓1, 持平, 新增 (no rank last month: the unit had
 * nothing due, or no items); '—' without a rank now.
 */
export function supervisionRankChangeText(
  rank: number | undefined,
  previous: number | undefined,
  lang: Lang,
): string {
  if (rank === undefined) return '—';
  if (previous === undefined) return lang === 'zh' ? '新增' : 'new';
  const change = previous - rank;
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return lang === 'zh' ? '持平' : 'same';
}

/** A unit's name in the language asked (the overview's `name` is the zh one). */
const unitNames = (plan: Plan, units: readonly string[], lang: Lang) =>
  units.map((u) => supervisionUnitName(plan, u, lang)).join(lang === 'zh' ? '、' : ', ');

export interface PrintedTable {
  headers: string[];
  rows: string[][];
}

/** The first reason of an item's light: the rule that decided its colour. */
export const supervisionFirstReason = (v: SupervisionItemView, lang: Lang): string =>
  v.light.reasons[0]?.[lang] ?? '';

/** The items as a table: code, light, state, title, 牵头单位, deadline, days left, the first reason. */
export function supervisionItemsTable(
  plan: Plan,
  items: readonly SupervisionItemView[],
  lang: Lang,
): PrintedTable {
  const zh = lang === 'zh';
  return {
    headers: zh
      ? ['编号', '灯色', '状态', '事项', '牵头单位', '办结时限', '剩余天数', '原因']
      : ['Code', 'Light', 'State', 'Item', 'Lead units', 'Deadline', 'Days left', 'Reason'],
    rows: items.map((v) => [
      v.item.code,
      SUPERVISION_LIGHT_NAMES[v.light.light][lang],
      SUPERVISION_STATE_NAMES[v.light.state][lang],
      v.item.title[lang] || v.item.title.zh,
      unitNames(plan, v.item.leadUnits, lang),
      v.light.deadline,
      v.light.light === 'done' ? '—' : String(v.light.daysLeft),
      supervisionFirstReason(v, lang),
    ]),
  };
}

/**
 * The unit ranking as a table: 位次, unit, 应报, 按时, 逾期 (reported late), 未报, 按时率, and — when the
 * previous ranking is given — 位次变化.
 */
export function supervisionRankingTable(
  plan: Plan,
  ranking: SupervisionOverview['ranking'],
  lang: Lang,
  previous?: readonly Pick<UnitTimeliness, 'unit' | 'rank'>[],
): PrintedTable {
  const zh = lang === 'zh';
  const before = previous && new Map(previous.map((r) => [r.unit, r.rank]));
  return {
    headers: [
      ...(zh
        ? ['位次', '单位', '应报', '按时', '逾期', '未报', '按时率']
        : ['Rank', 'Unit', 'Due', 'On time', 'Late', 'Missing', 'On-time rate']),
      ...(before ? [zh ? '位次变化' : 'Change'] : []),
    ],
    rows: ranking.map((r) => [
      r.rank === undefined ? '—' : String(r.rank),
      supervisionUnitName(plan, r.unit, lang),
      String(r.reportsDue),
      String(r.onTime),
      String(r.late),
      String(r.missing),
      supervisionRateText(r.onTimeRate),
      ...(before ? [supervisionRankChangeText(r.rank, before.get(r.unit), lang)] : []),
    ]),
  };
}
