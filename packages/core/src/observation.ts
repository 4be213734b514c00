// An observation is one reported figure: indicator × region × period, with its vintage and provenance.
import type { Period } from './period.ts';
import type { IndicatorCode, RegionCode } from './types.ts';

/** 快报 (flash, quarterly statistics bulletin), 年报 (annual final), or a later revision. */
export type Vintage = 'flash' | 'annual' | 'revised';
/** Honest numbers: a real figure carries its citation; a synthetic one says so. */
export type Provenance = 'real' | 'synthetic';

export interface Observation {
  id: string;
  indicator: IndicatorCode;
  region: RegionCode;
  period: Period;
  value: number;
  vintage: Vintage;
  provenance: Provenance;
  /** Where a real figure was published (e.g. '慈溪市2022年国民经济和社会发展统计公报'). */
  citation?: string;
}
