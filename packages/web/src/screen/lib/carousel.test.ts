import { describe, expect, it } from 'vitest';
import { carouselNext, carouselOrder, carouselSeconds } from './carousel.ts';

describe('carousel', () => {
  const tiles = [
    { region: '330282123', col: 7, row: 2 }, // 龙山
    { region: '330282121', col: 0, row: 2 }, // 周巷
    { region: '330282120', col: 0, row: 1 }, // 长河
    { region: '330282118', col: 1, row: 0 }, // 庵东
  ];

  it('starts with the city and goes west → east, north → south', () => {
    expect(carouselOrder(tiles)).toEqual([
      { kind: 'city' },
      { kind: 'town', code: '330282120' },
      { kind: 'town', code: '330282121' },
      { kind: 'town', code: '330282118' },
      { kind: 'town', code: '330282123' },
    ]);
  });

  it('lists a town once even if given twice', () => {
    expect(carouselOrder([...tiles, tiles[0]!])).toHaveLength(5);
  });

  it('goes to the next page and wraps round to the city after the last town', () => {
    const order = carouselOrder(tiles);
    expect(carouselNext(order, { kind: 'city' })).toEqual({ kind: 'town', code: '330282120' });
    expect(carouselNext(order, { kind: 'town', code: '330282123' })).toEqual({ kind: 'city' });
  });

  it('starts from the first page when the current one is not in the order', () => {
    expect(carouselNext(carouselOrder(tiles), { kind: 'town', code: 'gone' })).toEqual({ kind: 'city' });
  });

  it('reads ?carousel= as seconds, within 5 s … 1 h', () => {
    expect(carouselSeconds('30')).toBe(30);
    expect(carouselSeconds('2')).toBe(5);
    expect(carouselSeconds('99999')).toBe(3600);
    expect(carouselSeconds('')).toBe(30);
    expect(carouselSeconds(null)).toBeNull();
    expect(carouselSeconds('0')).toBeNull();
    expect(carouselSeconds('off')).toBeNull();
  });
});
