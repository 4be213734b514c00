// The big screens' data (数字大屏): one payload per screen, built on the server from published figures
// by pure functions (screen.ts), rendered by packages/web/src/screen. Every number carries its trace key.
import type { Status } from '../engine/progress-rules.ts';
import type { LocalizedName } from '../types.ts';

/** Enough to ask the server how a number was computed: GET /api/trace?indicator&region&period. */
export interface TraceKey {
  indicator: string;
  region: string;
  period: string;
}

export interface ScreenCard {
  indicator: string;
  name: LocalizedName;
  unit: string;
  decimals: number;
  region: string;
  value: number | null;
  /** Annual target of the period's year. */
  target: number | null;
  /** 完成率 %. */
  completion: number | null;
  /** 序时进度 value and the share of the annual target it represents (%). */
  expected: number | null;
  expectedShare: number | null;
  yoy: { change: number; kind: 'percent' | 'pp' } | null;
  status: Status;
  trace: TraceKey;
}

/** Year-end actuals against the target path of one region (2022 → 2026). */
export interface ScreenTrend {
  indicator: string;
  region: string;
  regionName: LocalizedName;
  points: { year: number; actual: number | null; target: number | null }[];
}

export interface ScreenTile {
  region: string;
  name: LocalizedName;
  col: number;
  row: number;
  /** Value of the selected metric (an indicator, or 'index'). */
  value: number | null;
  rank: number | null;
}

export interface ScreenRankingRow {
  region: string;
  name: LocalizedName;
  value: number | null;
  rank: number | null;
  of: number;
  trace: TraceKey | null;
}

/** Cixi among the Ningbo peers: 规模 indicators against "top 3", 水平 indicators against the Ningbo average. */
export interface ScreenPeerRow {
  indicator: string;
  name: LocalizedName;
  unit: string;
  category: 'scale' | 'level';
  value: number | null;
  rank: number | null;
  of: number;
  /** scale: goal is rank ≤ 3; level: goal is value ≥ the Ningbo average (reference region or mean of peers). */
  goal: 'top3' | 'above_average';
  average: number | null;
  averageRule: 'reference_region' | 'mean_of_peers' | null;
  met: boolean | null;
  period: string;
  trace: TraceKey;
}

export interface ScreenAlert {
  indicator: string;
  name: LocalizedName;
  region: string;
  regionName: LocalizedName;
  status: Status;
  value: number | null;
  expected: number | null;
  /** Growth now required to reach the final-year target: % a year, or pp a year for rates. */
  requiredGrowth: { value: number; kind: 'percent' | 'pp'; years: number } | null;
  trace: TraceKey;
}

export interface ScreenIndexRow {
  region: string;
  name: LocalizedName;
  score: number;
  rank: number;
  change: number | null;
}

export interface ScreenPayload {
  kind: 'city' | 'town';
  /** The screen's region: the home county, or one town. */
  region: string;
  regionName: LocalizedName;
  period: string;
  /** ISO time of the latest publish that the payload includes. */
  publishedAt: string | null;
  /** True when any figure on the screen is synthetic demo data (the badge). */
  synthetic: boolean;
  cards: ScreenCard[];
  trends: ScreenTrend[];
  /** Metrics the tile map can be coloured by: the indicators shown plus 'index'. */
  mapMetrics: { key: string; name: LocalizedName }[];
  tiles: Record<string, ScreenTile[]>;
  ranking: Record<string, ScreenRankingRow[]>;
  peers: ScreenPeerRow[];
  alerts: ScreenAlert[];
  index: ScreenIndexRow[];
}
