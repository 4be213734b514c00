import { describe, expect, it } from 'vitest';
import { screenQueryParse } from './query.ts';

describe('screenQueryParse', () => {
  it('reads a wall’s bookmark', () => {
    expect(screenQueryParse('?period=2025q3&wide=1&carousel=30&metric=index&lang=en')).toEqual({
      period: '2025Q3',
      wide: '1',
      carousel: 30,
      metric: 'index',
      lang: 'en',
    });
  });

  it('defaults to the latest period, the viewport’s layout, no carousel, Chinese', () => {
    expect(screenQueryParse('')).toEqual({
      period: undefined,
      wide: null,
      carousel: null,
      metric: undefined,
      lang: 'zh',
    });
  });

  it('ignores a period that is not one (the server would refuse it)', () => {
    expect(screenQueryParse('?period=last').period).toBeUndefined();
    expect(screenQueryParse('?period=2025').period).toBe('2025');
  });
});
