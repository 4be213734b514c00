// The card's progress bar: completion of the annual target as the fill, 序时进度 (the share of the target
// expected by now) as a marker on it. A bar cannot show more than 100 %, so an overshoot is flagged instead.

export interface ProgressGeometry {
  /** Width of the fill, 0…100 (% of the bar). */
  fill: number;
  /** Completion above 100 %: the bar is full and says so. */
  over: boolean;
  /** Position of the 序时进度 marker, 0…100; null without one. */
  marker: number | null;
  /** The fill stops short of the marker: behind 序时进度. */
  short: boolean;
}

const clamp = (x: number) => Math.max(0, Math.min(100, x));

export function progressGeometry(
  completion: number | null | undefined,
  expectedShare: number | null | undefined,
): ProgressGeometry {
  const c =
    completion !== null && completion !== undefined && Number.isFinite(completion) ? completion : null;
  const e =
    expectedShare !== null && expectedShare !== undefined && Number.isFinite(expectedShare)
      ? expectedShare
      : null;
  return {
    fill: c === null ? 0 : clamp(c),
    over: c !== null && c > 100,
    marker: e === null ? null : clamp(e),
    short: c !== null && e !== null && c < e,
  };
}
