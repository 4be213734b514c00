// The big screens' data (数字大屏): one payload per screen, built on the server from published figures
// by pure functions (screen.ts), rendered by packages/web/src/screen. Every number carries its trace key.
import type { Status } from '../engine/progress-rules.ts';
import type { RankNote } from '../engine/progress.ts';
import type { TargetRule } from '../engine/targets.ts';
import type { LocalizedName } from '../types.ts';
import type { ScreenSupervision } from './supervision.ts';

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
  // Additions (screen.ts). Optional so that payloads and fixtures written before them stay valid.
  /** True when the value (or any input of it) is synthetic demo data. */
  synthetic?: boolean;
  /** How the annual target was set: 'explicit' (written in the plan) or an estimated path ('implied_*' …). */
  targetRule?: TargetRule | null;
  /** The plan's final-year target (2026) and its year. */
  finalTarget?: { value: number; year: number } | null;
  /**
   * Rank within the region's peer set (towns among towns), from the engine row; null when fewer than 2 have
   * values. `peerSetName` (an addition): the peer set's name from the plan.
   */
  rank?: { rank: number; of: number; peerSet: string; peerSetName?: LocalizedName } | null;
  /**
   * When the card has no value for the period (an annual indicator before its figure is due, or no data):
   * the latest year-end figure not after the period, with its own trace key.
   */
  latest?: { period: string; value: number; trace: TraceKey } | null;
}

/** Year-end actuals against the target path of one region (2022 → 2026). */
export interface ScreenTrend {
  indicator: string;
  region: string;
  regionName: LocalizedName;
  /**
   * One point per plan year (startYear … targetYear). `actual` is the year-end value, null for a year that
   * has not ended by the screen's period; `target` is the annual target (null where the plan sets none).
   */
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
  /** Addition: ranked towns for this metric (the `of` of the rank). */
  of?: number;
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
  // Additions (screen.ts).
  decimals?: number;
  /** The reference region's trace key when averageRule is 'reference_region'. */
  averageTrace?: TraceKey | null;
  /** The reference region's name (宁波市) when averageRule is 'reference_region'. */
  averageName?: LocalizedName | null;
  /** Why `rank` is null (too few peers published, peers annual only): the engine row's note, as the table shows it. */
  rankNote?: RankNote | null;
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
  // Additions (screen.ts).
  /** value − 序时进度, in the indicator's unit. */
  gapToExpected?: number | null;
  /** The severity the list is sorted by: (value − 序时进度) / |序时进度| in % (negative = behind); null when 序时进度 is 0. */
  gapRelative?: number | null;
  target?: number | null;
  unit?: string;
  decimals?: number;
}

/** Enough to ask the server why a region scored and ranked as it did: GET /api/index/explain?region&period&set. */
export interface IndexTraceKey {
  region: string;
  period: string;
  /** The peer set the index was computed over (the towns: cixi-towns). */
  set: string;
}

export interface ScreenIndexRow {
  region: string;
  name: LocalizedName;
  score: number;
  rank: number;
  change: number | null;
  // Additions (screen.ts).
  /** Where the score and rank are explained (contributions, method); absent when the peer set is unknown. */
  trace?: IndexTraceKey;
}

/** A peer set the screen names: its code and name, and its reference region (the average) if it has one. */
export interface ScreenPeerSetName {
  code: string;
  name: LocalizedName;
  reference: { region: string; name: LocalizedName } | null;
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
  // Additions (screen.ts).
  /** Why a part is empty (no index for the period, no peer data …), in plain words. */
  warnings?: string[];
  /** The home county (全市) — on a town screen, the county the town belongs to (its title). */
  home?: { region: string; name: LocalizedName };
  /** City screen: the peer set of `peers` (宁波各区县（市）) with its reference region (宁波市); null without one. */
  peerSet?: ScreenPeerSetName | null;
  /**
   * The period `index` is of when it is not the screen's: too few towns have published the screen's period
   * (the plan's coverage.minShare, issue 8 item 11), so the last complete period is shown, with the reason.
   */
  indexPeriod?: { period: string; reason: LocalizedName };
  /** City screen: the 重点任务推进 panel (督查督办 counts by light, the most urgent red and yellow items). */
  supervision?: ScreenSupervision;
}
