// Scale-to-fit for the wall: the screen is laid out on a fixed-size stage (1920×1080, or 3840/5760×1080 for
// wide video walls) and scaled with a CSS transform to the largest size that fits the viewport, letterboxed.

export const STAGE_HEIGHT = 1080;

/** standard: one 16:9 screen; wide: two side by side (3840×1080); ultra: three (5760×1080). */
export type StageLayout = 'standard' | 'wide' | 'ultra';

export const STAGE_WIDTH: Record<StageLayout, number> = { standard: 1920, wide: 3840, ultra: 5760 };

/** An aspect ratio of 3:1 or more is a video wall, not a stretched 16:9 screen. */
export const WIDE_ASPECT = 3;

/**
 * Between the wide (32:9) and the ultra (48:9) stage, the one that leaves less of the viewport empty: the
 * two waste the same share at the geometric mean of their aspect ratios.
 */
export const ULTRA_ASPECT = Math.sqrt((3840 / 1080) * (5760 / 1080));

/**
 * The layout for a viewport. `wide` is the ?wide= parameter: '1' forces a wide layout (3840, or 5760 when
 * the viewport is that wide), '2' forces 3840, '3' forces 5760, '0' forces 1920; absent, the aspect decides.
 */
export function stageLayoutFor(
  viewportWidth: number,
  viewportHeight: number,
  wide: string | null,
): StageLayout {
  const aspect = viewportHeight > 0 ? viewportWidth / viewportHeight : 16 / 9;
  const byAspect: StageLayout =
    aspect >= ULTRA_ASPECT ? 'ultra' : aspect >= WIDE_ASPECT ? 'wide' : 'standard';
  switch (wide) {
    case '0':
      return 'standard';
    case '1':
    case 'true':
      return byAspect === 'standard' ? 'wide' : byAspect;
    case '2':
      return 'wide';
    case '3':
      return 'ultra';
    default:
      return byAspect;
  }
}

export interface StageFit {
  scale: number;
  /** Offsets of the scaled stage inside the viewport (the letterbox bars), in CSS pixels. */
  left: number;
  top: number;
}

/** The largest uniform scale at which the stage fits the viewport, centred. */
export function stageFit(
  viewportWidth: number,
  viewportHeight: number,
  stageWidth: number,
  stageHeight: number,
): StageFit {
  if (viewportWidth <= 0 || viewportHeight <= 0 || stageWidth <= 0 || stageHeight <= 0)
    return { scale: 1, left: 0, top: 0 };
  const scale = Math.min(viewportWidth / stageWidth, viewportHeight / stageHeight);
  return {
    scale,
    left: (viewportWidth - stageWidth * scale) / 2,
    top: (viewportHeight - stageHeight * scale) / 2,
  };
}

/**
 * The canvas pixel ratio for charts on a scaled stage: the device's ratio times the scale when the stage is
 * enlarged (a 1920 stage on a 4K panel would otherwise be drawn at half resolution), rounded to a quarter
 * so that small resizes do not redraw every chart.
 */
export function stagePixelRatio(devicePixelRatio: number, scale: number): number {
  const r = (devicePixelRatio > 0 ? devicePixelRatio : 1) * Math.max(1, scale);
  return Math.min(4, Math.ceil(r * 4) / 4);
}
