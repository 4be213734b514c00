import { describe, expect, it } from 'vitest';
import { coinrDataRead, coinrMetaRead, coinrNumber, type CoinrTable } from './coinr.ts';

const header = ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Parent', 'Type', 'Denominator'];
const good = [
  ['1', 'a', 'A', '1', '1', 'P', 'Indicator', 'NA'],
  ['1', 'b', 'B', '-1', '2', 'P', 'Indicator', 'Pop'],
  ['2', 'P', 'Pillar', '1', '1', 'Index', 'Aggregate', 'NA'],
  ['3', 'Index', 'Index', '1', '1', 'NA', 'Aggregate', 'NA'],
  ['NA', 'grp', 'Group', 'NA', 'NA', 'NA', 'Group', 'NA'],
  ['NA', 'Pop', 'Population', 'NA', 'NA', 'NA', 'Denominator', 'NA'],
];
const meta = (rows: string[][], h = header): CoinrTable => ({ file: 'iMeta.csv', header: h, rows });
const metaErrors = (rows: string[][], h = header) => {
  const r = coinrMetaRead(meta(rows, h));
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};
const replace = (row: number, col: number, v: string) =>
  good.map((r, k) => (k === row ? r.map((c, j) => (j === col ? v : c)) : r));

describe('iMeta', () => {
  it('reads indicators, aggregates, groups and denominators', () => {
    const r = coinrMetaRead(meta(good));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.compiled.codes).toEqual(['a', 'b', 'P', 'Index']);
    expect(Array.from(r.value.compiled.direction)).toEqual([1, -1]);
    expect(r.value.groups).toEqual(['grp']);
    expect(r.value.denominators).toEqual(['Pop']);
  });

  it('an unknown parent is located at its line and the Parent column', () => {
    expect(metaErrors(replace(1, 5, 'Nope'))).toEqual([
      { file: 'iMeta.csv', row: 3, column: 'Parent', code: 'b', message: 'unknown parent Nope' },
    ]);
  });

  it('a cycle is reported with the codes on it', () => {
    const rows = [...replace(3, 5, 'Q'), ['4', 'Q', 'Q', '1', '1', 'P', 'Aggregate', 'NA']];
    const e = metaErrors(rows);
    expect(e[0]).toMatchObject({ file: 'iMeta.csv', column: 'Parent' });
    expect(e[0]!.message).toMatch(/^cycle in the framework: /);
    for (const code of ['P', 'Index', 'Q']) expect(e[0]!.message).toContain(code);
  });

  it('non-numeric weight, bad direction and unknown Type are each located', () => {
    expect(metaErrors(replace(0, 4, 'heavy'))[0]).toMatchObject({
      row: 2,
      column: 'Weight',
      message: expect.stringMatching(/must be a number/),
    });
    expect(metaErrors(replace(0, 3, '2'))[0]).toMatchObject({ row: 2, column: 'Direction' });
    expect(metaErrors(replace(0, 6, 'Indikator'))[0]).toMatchObject({
      row: 2,
      column: 'Type',
      message: expect.stringMatching(/not one of Indicator/),
    });
  });

  it('a Level that contradicts the tree and a duplicate iCode are errors', () => {
    expect(metaErrors(replace(2, 0, '3'))[0]).toMatchObject({
      row: 4,
      column: 'Level',
      message: expect.stringMatching(/does not match/),
    });
    expect(metaErrors([...good, ['1', 'a', 'A', '1', '1', 'P', 'Indicator', 'NA']])[0]).toMatchObject({
      row: 8,
      column: 'iCode',
      message: 'duplicate iCode a (first on line 2)',
    });
  });

  it('a missing required column is reported on the header line', () => {
    const h = header.filter((c) => c !== 'Parent');
    expect(
      metaErrors(
        good.map((r) => r.filter((_, j) => j !== 5)),
        h,
      )[0],
    ).toMatchObject({ row: 1, column: 'Parent' });
  });
});

describe('iData', () => {
  const m = coinrMetaRead(meta(good));
  if (!m.ok) throw new Error('meta');
  const dh = ['uCode', 'uName', 'grp', 'Time', 'Pop', 'a', 'b'];
  const data = (rows: string[][], h = dh): CoinrTable => ({ file: 'iData.csv', header: h, rows });

  it('reads numbers, NA as missing, groups as labels', () => {
    const r = coinrDataRead(
      data([
        ['X', 'Ex', 'g1', '2023', '10', '1.5', 'NA'],
        ['Y', 'Why', 'NA', '2023', '20', '-2e-1', '3'],
      ]),
      m.value,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(Array.from(r.value.columns.a!)).toEqual([1.5, -0.2]);
    expect(r.value.columns.b![0]).toBeNaN();
    expect(r.value.groups!.grp).toEqual(['g1', null]);
    expect(r.value.times).toEqual([2023, 2023]);
  });

  it('a non-numeric cell is located (file, line, column, unit)', () => {
    const r = coinrDataRead(
      data([
        ['X', 'Ex', 'g1', '2023', '10', '1.5', '2'],
        ['Y', 'Why', 'g1', '2023', '20', 'n/a', '3'],
      ]),
      m.value,
    );
    expect(r).toEqual({
      ok: false,
      errors: [{ file: 'iData.csv', row: 3, column: 'a', code: 'Y', message: '"n/a" is not a number' }],
    });
  });

  it('missing indicator columns, unknown columns and duplicate units are errors', () => {
    const r1 = coinrDataRead(
      data([['X', 'Ex', 'g', '2023', '1', '1']], ['uCode', 'uName', 'grp', 'Time', 'Pop', 'a']),
      m.value,
    );
    expect(r1.ok || r1.errors[0]).toMatchObject({
      row: 1,
      column: 'b',
      message: 'indicator b (iMeta) has no column in iData',
    });
    const r2 = coinrDataRead(data([['X', 'Ex', 'g', '2023', '1', '1', '1', '9']], [...dh, 'extra']), m.value);
    expect(r2.ok || r2.errors[0]).toMatchObject({ row: 1, column: 'extra' });
    const r3 = coinrDataRead(
      data([
        ['X', 'Ex', 'g', '2023', '1', '1', '1'],
        ['X', 'Ex', 'g', '2023', '1', '1', '1'],
      ]),
      m.value,
    );
    expect(r3.ok || r3.errors[0]).toMatchObject({
      row: 3,
      column: 'uCode',
      message: 'unit X in 2023 already on line 2',
    });
  });

  it('a group or denominator of iMeta that iData lacks is an error (COINr new_coin)', () => {
    const r = coinrDataRead(
      data([['X', 'Ex', '2023', '1', '1', '1']], ['uCode', 'uName', 'Time', 'Pop', 'a', 'b']),
      m.value,
    );
    expect(r.ok || r.errors[0]).toMatchObject({
      row: 1,
      column: 'grp',
      message: 'grp (iMeta) has no column in iData',
    });
  });

  it('number cells follow R: decimals and exponents yes, thousands separators and words no', () => {
    expect(coinrNumber('1e-04')).toBe(0.0001);
    expect(coinrNumber(' 12.5 ')).toBe(12.5);
    expect(coinrNumber('NA')).toBe('missing');
    expect(coinrNumber('1,000')).toBe('invalid');
    expect(coinrNumber('Inf')).toBe('invalid');
  });
});
