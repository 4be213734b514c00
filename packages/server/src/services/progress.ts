// The progress table's defaults over the stored data: the current period (core's currentPeriodResolve over
// the published observations in force, cached with the screens' snapshot) — what GET /api/progress, the
// server-rendered page and GET /api/periods/current answer when no period is asked for.
import {
  CURRENT_PERIOD_MIN_CORE_SHARE,
  type CurrentPeriod,
  type LocalizedName,
  type Period,
} from '@ding/core';
import { publishedStatus } from './screen.ts';
import type { Workspace } from './workspace.ts';

export interface CurrentPeriodStatus extends CurrentPeriod {
  /** True when any published observation in force is synthetic demo data (the "含合成演示数据" badge). */
  synthetic: boolean;
  /** The rule, in words. */
  rule: LocalizedName;
}

const share = `${CURRENT_PERIOD_MIN_CORE_SHARE * 100}%`;

/** The rule as the API documents it. */
export const CURRENT_PERIOD_RULE: LocalizedName = {
  zh: `当前期：核心指标中至少 ${share} 的应报指标已有全市数值（直接报送，或全部镇街数值汇总）的最新一期；其后已有部分数据的季度为“填报中”。年度指标仅在第四季度和全年应报。`,
  en: `The current period is the latest in which at least ${share} of the core indicators due have a value for the county (reported, or summed from every town's figure); a later quarter with some figures is being collected. Annual indicators are due at Q4 and in the year only.`,
};

/** The current period of the published data, the quarter being collected, and the synthetic flag. */
export async function progressCurrentPeriod(ws: Workspace): Promise<CurrentPeriodStatus> {
  const { current, synthetic } = await publishedStatus(ws);
  return { ...current, synthetic, rule: CURRENT_PERIOD_RULE };
}

/** The period a progress request without one is answered for; undefined when nothing is published. */
export async function progressDefaultPeriod(ws: Workspace): Promise<Period | undefined> {
  return (await publishedStatus(ws)).current.period;
}
