// Colours of the wall: the status of a figure (green met/on track, amber watch, red behind) and the
// sequential scale that colours the towns' tiles by rank (the brightest is the best, whatever the polarity).
import type { Status } from '@ding/core';

export type StatusTone = 'good' | 'watch' | 'bad' | 'none';

/** met and on_track are green, watch amber, behind red; without a target, data or due date, neutral. */
export function statusTone(status: Status): StatusTone {
  switch (status) {
    case 'met':
    case 'on_track':
      return 'good';
    case 'watch':
      return 'watch';
    case 'behind':
      return 'bad';
    case 'no_target':
    case 'no_data':
    case 'not_due':
      return 'none';
  }
}

export const TONE_COLOR: Record<StatusTone, string> = {
  good: '#24d68f',
  watch: '#ffb93b',
  bad: '#ff5257',
  none: '#7f93b8',
};

export const statusColor = (status: Status): string => TONE_COLOR[statusTone(status)];

/** The tile scale, worst → best: deep navy through blue to bright cyan. */
export const RANK_SCALE = ['#12305c', '#154a86', '#1867ad', '#1c8bcc', '#22b4e0', '#3ddcf2'] as const;
/** A town without a value for the metric. */
export const NO_VALUE_COLOR = '#1b2a45';

const parseHex = (hex: string): [number, number, number] => {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

const toHex = (rgb: readonly number[]): string =>
  `#${rgb
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** Linear mix of two #rrggbb colours, t = 0 → a, t = 1 → b. */
export function colorMix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  const k = Math.max(0, Math.min(1, t));
  return toHex(x.map((c, i) => c + (y[i]! - c) * k));
}

/** A colour along a scale of stops, t in 0…1. */
export function colorAlong(stops: readonly string[], t: number): string {
  if (stops.length === 0) return NO_VALUE_COLOR;
  if (stops.length === 1) return stops[0]!;
  const k = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(k));
  return colorMix(stops[i]!, stops[i + 1]!, k - i);
}

/** The tile colour of rank `rank` among `of`: rank 1 brightest, the last darkest; no rank, the no-value colour. */
export function rankColor(rank: number | null | undefined, of: number | null | undefined): string {
  if (rank === null || rank === undefined || !of || of < 1) return NO_VALUE_COLOR;
  const t = of > 1 ? 1 - (rank - 1) / (of - 1) : 1;
  return colorAlong(RANK_SCALE, t);
}

/** Relative luminance (WCAG) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const lin = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** Dark text on a bright tile, white on a dark one: whichever contrasts more. */
export function textOn(background: string): string {
  const l = luminance(background);
  // Contrast with white (1.05 / (l + 0.05)) against contrast with near-black #04142e (l + 0.05) / 0.057.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.057 ? '#ffffff' : '#04142e';
}
