import { describe, expect, it } from 'vitest';
import { progressGeometry } from './progress-bar.ts';

describe('progressGeometry', () => {
  it('fills to the completion and puts the marker at 序时进度', () => {
    expect(progressGeometry(82.8, 75)).toEqual({ fill: 82.8, over: false, marker: 75, short: false });
  });

  it('says the fill is short of the marker when behind 序时进度', () => {
    expect(progressGeometry(60, 75).short).toBe(true);
  });

  it('fills the bar and flags an overshoot above 100 %', () => {
    expect(progressGeometry(112.4, 100)).toEqual({ fill: 100, over: true, marker: 100, short: false });
  });

  it('draws an empty bar without completion and no marker without 序时进度', () => {
    expect(progressGeometry(null, null)).toEqual({ fill: 0, over: false, marker: null, short: false });
    expect(progressGeometry(-5, 130)).toEqual({ fill: 0, over: false, marker: 100, short: true });
  });
});
