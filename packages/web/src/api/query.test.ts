import { describe, expect, it } from 'vitest';
import { queryString } from './query.ts';

describe('queryString', () => {
  it('repeats a key for each region of a list, in order', () => {
    expect(queryString({ period: '2025Q3', region: ['330282', '330282-SJ'] })).toBe(
      '?period=2025Q3&region=330282&region=330282-SJ',
    );
  });

  it('leaves out unset, empty and false values, and gives an empty string when nothing is left', () => {
    expect(queryString({ entity: '', actor: undefined, from: null, core: false })).toBe('');
    expect(queryString({ core: true, lang: 'en' })).toBe('?core=1&lang=en');
  });

  it('encodes Chinese text and reserved characters', () => {
    expect(queryString({ actor: '管理 员&x' })).toBe('?actor=%E7%AE%A1%E7%90%86+%E5%91%98%26x');
  });
});
