// Verification against COINr's published ASEM example (bluefoxr/COINr, MIT; data JRC): its pipeline
// denominate → group-mean impute → screen → winsorise/log treat → min-max → arithmetic mean prints
// CHE 68.38, NLD 64.82, DNK 64.80, NOR 64.47, BEL 63.54, SWE 63.00 as the top six.
import { describe, expect, it } from 'vitest';
import { fixtureTable } from '../../test/fixtures/fixtures.ts';
import { coinrDataRead, coinrMetaRead } from './coinr.ts';
import { indexContributions } from './contributions.ts';
import { dataSetColumnByCode } from './dataset.ts';
import { indexCompute } from './pipeline.ts';
import { indexMethodsSchema } from './spec.ts';

function asem() {
  const meta = coinrMetaRead(fixtureTable('asem', 'ASEM_iMeta.csv'));
  if (!meta.ok) throw new Error(JSON.stringify(meta.errors));
  const data = coinrDataRead(fixtureTable('asem', 'ASEM_iData.csv'), meta.value);
  if (!data.ok) throw new Error(JSON.stringify(data.errors));
  return { meta: meta.value, data: data.value };
}

/** COINr build_example_coin() (R/examples.R). */
const coinrExample = indexMethodsSchema.parse({
  denominate: true,
  imputation: { method: 'groupMean', group: 'EurAsia_group' },
  screening: { minDataAvailability: 0.9 },
  treatment: {
    default: { method: 'winsorise', winmax: 5, skewThreshold: 2, kurtosisThreshold: 3.5, fallback: 'logCT' },
  },
  normalisation: { default: { method: 'minmax', range: [0, 100] } },
  aggregation: { default: { method: 'arithmetic' } },
});

describe('COINr ASEM example', () => {
  const { meta, data } = asem();

  it('reads the 4-level tree: 49 indicators, 8 pillars, 2 sub-indices, the Index', () => {
    const fw = meta.compiled;
    expect(fw.nIndicators).toBe(49);
    expect(fw.codes.slice(fw.nIndicators)).toEqual([
      'Physical',
      'ConEcFin',
      'Political',
      'Instit',
      'P2P',
      'Environ',
      'Social',
      'SusEcFin',
      'Conn',
      'Sust',
      'Index',
    ]);
    expect(meta.groups).toEqual(['GDP_group', 'GDPpc_group', 'Pop_group', 'EurAsia_group']);
    expect(meta.denominators).toEqual(['Area', 'Energy', 'GDP', 'Population']);
    expect(data.units).toHaveLength(51);
  });

  it('reproduces the published top six (2 decimals): CHE 68.38 … SWE 63.00', () => {
    const r = indexCompute(meta.compiled, coinrExample, data);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const agg = r.value.stages.aggregated;
    const index = dataSetColumnByCode(agg, 'Index')!;
    const top = agg.units
      .map((u, i) => ({ u, v: index[i]! }))
      .sort((a, b) => b.v - a.v)
      .slice(0, 6)
      .map(({ u, v }) => [u, Math.round(v * 100) / 100]);
    expect(top).toEqual([
      ['CHE', 68.38],
      ['NLD', 64.82],
      ['DNK', 64.8],
      ['NOR', 64.47],
      ['BEL', 63.54],
      ['SWE', 63],
    ]);
    // Imputation after denomination fills every gap, so screening at 90% keeps all 51 units (as COINr).
    expect(r.value.screenedOut).toEqual([]);
    expect(r.value.stages.screened.units).toHaveLength(51);
  });

  it('keeps every stage with the spec that made it, and logs the treatment of each indicator', () => {
    const r = indexCompute(meta.compiled, coinrExample, data);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.log.map((l) => l.stage)).toEqual([
      'raw',
      'denominated',
      'imputed',
      'screened',
      'treated',
      'normalised',
      'aggregated',
    ]);
    expect(r.value.log.find((l) => l.stage === 'imputed')?.spec).toEqual({
      method: 'groupMean',
      group: 'EurAsia_group',
    });
    // Goods is divided by GDP: the denominated stage holds Goods/GDP.
    const i = data.units.indexOf('AUT');
    const goods = dataSetColumnByCode(r.value.stages.raw, 'Goods')![i]!;
    const gdp = data.columns.GDP![i]!;
    expect(dataSetColumnByCode(r.value.stages.denominated!, 'Goods')![i]).toBeCloseTo(goods / gdp, 12);
    const treated = Object.entries(r.value.treatment).filter(([, t]) => t.winsorised > 0 || t.logApplied);
    expect(treated.length).toBeGreaterThan(0);
    for (const [, t] of treated) expect(t.passedBefore).toBe(false);
  });

  it('contributions of the 49 indicators add up to each unit’s Index score', () => {
    const r = indexCompute(meta.compiled, coinrExample, data);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = indexContributions(r.value, 'CHE');
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.value.score).toBeCloseTo(68.38, 2);
    const sum = c.value.parts.reduce((s, p) => s + p.contribution, 0);
    expect(sum).toBeCloseTo(c.value.score, 10);
    // Equal weights on a 4-level tree: LPI's effective weight is ½ (Conn) · ⅕ (Physical) · ⅛ (8 indicators).
    expect(c.value.parts.find((p) => p.code === 'LPI')!.effectiveWeight).toBeCloseTo(1 / 80, 12);
  });

  it('with no spec (COINr defaults: no denomination/treatment/imputation, min-max, mean) every unit gets every aggregate', () => {
    const r = indexCompute(meta.compiled, indexMethodsSchema.parse({}), data);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const agg = r.value.stages.aggregated;
    for (const code of ['Physical', 'Conn', 'Index']) {
      expect(Array.from(dataSetColumnByCode(agg, code)!).every(Number.isFinite)).toBe(true);
    }
    expect(r.value.log.map((l) => l.stage)).not.toContain('denominated');
  });
});
