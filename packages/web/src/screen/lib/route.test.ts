import { describe, expect, it } from 'vitest';
import { screenRouteApi, screenRouteParse, screenRoutePath } from './route.ts';

describe('screenRouteParse', () => {
  it('reads the city and a town', () => {
    expect(screenRouteParse('/screen/city')).toEqual({ kind: 'city' });
    expect(screenRouteParse('/screen/town/330282004')).toEqual({ kind: 'town', code: '330282004' });
    expect(screenRouteParse('/screen/town/330282-LZW/')).toEqual({ kind: 'town', code: '330282-LZW' });
  });

  it('takes /screen alone for the city, and refuses other paths', () => {
    expect(screenRouteParse('/screen')).toEqual({ kind: 'city' });
    expect(screenRouteParse('/screen/town/')).toBeNull();
    expect(screenRouteParse('/screen/province')).toBeNull();
    expect(screenRouteParse('/screen/town/%E0%A4%A')).toBeNull();
  });

  it('builds the page and API paths back', () => {
    expect(screenRoutePath({ kind: 'town', code: '330282-LZW' })).toBe('/screen/town/330282-LZW');
    expect(screenRouteApi({ kind: 'city' })).toBe('/api/screen/city');
    expect(screenRouteApi({ kind: 'town', code: '330282004' })).toBe('/api/screen/town/330282004');
  });
});
