import { describe, expect, it } from 'vitest';
import {
  colorAlong,
  colorMix,
  NO_VALUE_COLOR,
  RANK_SCALE,
  rankColor,
  statusColor,
  statusTone,
  textOn,
} from './colors.ts';

describe('statusTone', () => {
  it('is green for met and on track, amber for watch, red for behind', () => {
    expect(statusTone('met')).toBe('good');
    expect(statusTone('on_track')).toBe('good');
    expect(statusTone('watch')).toBe('watch');
    expect(statusTone('behind')).toBe('bad');
  });

  it('is neutral without a target, data or due date', () => {
    for (const s of ['no_target', 'no_data', 'not_due'] as const) expect(statusTone(s)).toBe('none');
    expect(statusColor('met')).not.toBe(statusColor('behind'));
  });
});

describe('colour scale', () => {
  it('mixes two colours linearly', () => {
    expect(colorMix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(colorMix('#102030', '#102030', 0.7)).toBe('#102030');
    expect(colorMix('#000', '#fff', 2)).toBe('#ffffff');
  });

  it('runs along the stops end to end', () => {
    expect(colorAlong(RANK_SCALE, 0)).toBe(RANK_SCALE[0]);
    expect(colorAlong(RANK_SCALE, 1)).toBe(RANK_SCALE[RANK_SCALE.length - 1]);
    expect(colorAlong(['#000000', '#ffffff', '#000000'], 0.5)).toBe('#ffffff');
  });

  it('gives rank 1 the brightest colour and the last rank the darkest', () => {
    expect(rankColor(1, 20)).toBe(RANK_SCALE[RANK_SCALE.length - 1]);
    expect(rankColor(20, 20)).toBe(RANK_SCALE[0]);
    expect(rankColor(1, 1)).toBe(RANK_SCALE[RANK_SCALE.length - 1]);
  });

  it('gives tied towns the same colour, and towns without a value the no-value colour', () => {
    expect(rankColor(3, 20)).toBe(rankColor(3, 20));
    expect(rankColor(null, 20)).toBe(NO_VALUE_COLOR);
    expect(rankColor(2, 0)).toBe(NO_VALUE_COLOR);
  });
});

describe('textOn', () => {
  it('writes white on navy and dark on bright cyan', () => {
    expect(textOn('#12305c')).toBe('#ffffff');
    expect(textOn('#3ddcf2')).toBe('#04142e');
  });
});
