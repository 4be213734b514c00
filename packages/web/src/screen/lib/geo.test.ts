import { describe, expect, it } from 'vitest';
import { geoItemName, geoJoin } from './geo.ts';

const towns = [
  { region: '330282004', name: { zh: '浒山街道' } },
  { region: '330282121', name: { zh: '周巷镇' } },
];

const collection = (props: Record<string, unknown>[]) => ({
  type: 'FeatureCollection',
  features: props.map((properties) => ({ type: 'Feature', properties, geometry: null })),
});

describe('geoJoin', () => {
  it('joins by code when a property holds the towns’ codes', () => {
    const join = geoJoin(collection([{ adcode: '330282004', name: 'x' }, { adcode: '330282121' }]), towns);
    expect(join).toEqual({ property: 'adcode', by: 'code', matched: 2 });
    expect(geoItemName(join!, towns[0]!)).toBe('330282004');
  });

  it('joins by Chinese name when the file only has names', () => {
    const join = geoJoin(collection([{ NAME: '浒山街道' }, { NAME: '周巷镇' }]), towns);
    expect(join).toMatchObject({ property: 'NAME', by: 'name', matched: 2 });
    expect(geoItemName(join!, towns[1]!)).toBe('周巷镇');
  });

  it('finds an unusual property name too', () => {
    expect(geoJoin(collection([{ XZQDM: '330282004' }]), towns)).toMatchObject({
      property: 'XZQDM',
      by: 'code',
    });
  });

  it('gives up (tile map stays) when nothing matches or the file is not a collection', () => {
    expect(geoJoin(collection([{ name: '余姚' }]), towns)).toBeNull();
    expect(geoJoin({ type: 'Point', coordinates: [0, 0] }, towns)).toBeNull();
    expect(geoJoin(null, towns)).toBeNull();
  });
});
