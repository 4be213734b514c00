import { describe, expect, it } from 'vitest';
import { buildScreenPayload, buildTile } from '../test/payload-fixture.ts';
import { metricChoose, payloadTowns, regionNames, tileGrid } from './regions.ts';

describe('regionNames', () => {
  it('names the screen’s region, the trend regions, the towns and the alerts’ regions', () => {
    const names = regionNames(buildScreenPayload());
    expect(names.get('330282')?.zh).toBe('慈溪市');
    expect(names.get('330282-QW')?.zh).toBe('前湾新区');
    expect(names.get('330282121')?.zh).toBe('周巷镇');
    expect(names.get('330282-SJ')?.zh).toBe('市级');
  });

  it('is empty without a payload', () => {
    expect(regionNames(null).size).toBe(0);
  });
});

describe('tileGrid', () => {
  it('is one more than the largest column and row', () => {
    expect(tileGrid(buildScreenPayload().tiles['index']!)).toEqual({ cols: 8, rows: 3 });
    expect(tileGrid([buildTile({ region: 'a' })])).toEqual({ cols: 1, rows: 1 });
    expect(tileGrid([])).toEqual({ cols: 0, rows: 0 });
  });
});

describe('payloadTowns and metricChoose', () => {
  it('takes the towns from the first metric with tiles', () => {
    expect(payloadTowns(buildScreenPayload()).map((t) => t.region)).toEqual([
      '330282121',
      '330282004',
      '330282123',
    ]);
    expect(payloadTowns(buildScreenPayload({ tiles: {} }))).toEqual([]);
  });

  it('keeps the metric asked for when the payload has it, else the first indicator', () => {
    const p = buildScreenPayload();
    expect(metricChoose(p, 'index')).toBe('index');
    expect(metricChoose(p, 'gone')).toBe('hightech_enterprises');
    expect(metricChoose(p, null)).toBe('hightech_enterprises');
    expect(metricChoose(null, 'index')).toBe('');
  });
});
