import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexContributions } from './contributions.ts';
import { dataSetColumnByCode } from './dataset.ts';
import { frameworkCompile } from './framework.ts';
import { indexCompute } from './pipeline.ts';
import { prngMulberry32 } from './prng.ts';
import { indexMethodsDefault, indexSpecJsonSchema, indexSpecSchema } from './spec.ts';
import { uncertaintyRun } from './uncertainty.ts';

const repo = new URL('../../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), 'utf8');

describe('index spec', () => {
  it('defaults are COINr’s: no denomination, treatment or imputation; min-max 0–100; given weights; mean dropping NAs', () => {
    expect(indexMethodsDefault()).toEqual({
      denominate: false,
      imputation: { method: 'none' },
      treatment: { default: { method: 'none' } },
      normalisation: { default: { method: 'minmax', range: [0, 100] } },
      weighting: { default: { method: 'given' } },
      aggregation: { default: { method: 'arithmetic' } },
      missing: { rule: 'renormalise', minShare: 0 },
    });
  });

  it('rejects unknown methods and fields with a path', () => {
    const r = indexSpecSchema.safeParse({ methods: { normalisation: { default: { method: 'minmaxx' } } } });
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues[0]!.path).toEqual(['methods', 'normalisation', 'default', 'method']);
    expect(
      indexSpecSchema.safeParse({ methods: { weighting: { default: { method: 'given', extra: 1 } } } })
        .success,
    ).toBe(false);
  });

  it('plans/cixi/index-spec.schema.json is the published JSON Schema of the current spec', () => {
    // After changing the spec schema: DING_WRITE_SCHEMA=1 npx vitest run packages/core/src/composite/spec.test.ts
    if (process.env.DING_WRITE_SCHEMA) {
      writeFileSync(
        new URL('plans/cixi/index-spec.schema.json', repo),
        `${JSON.stringify(indexSpecJsonSchema(), null, 2)}\n`,
      );
    }
    expect(JSON.parse(read('plans/cixi/index-spec.schema.json'))).toEqual(indexSpecJsonSchema());
  });
});

describe('Cixi’s default scheme (plans/cixi/index-spec.json)', () => {
  const spec = indexSpecSchema.parse(JSON.parse(read('plans/cixi/index-spec.json')));
  const fw = frameworkCompile(spec.framework!);
  if (!fw.ok) throw new Error(JSON.stringify(fw.errors));
  const compiled = fw.value;
  const indicators = compiled.codes.slice(0, compiled.nIndicators);

  it('has the three dimensions of the seed under the index, and separate 规模 and 水平 sub-indices', () => {
    const code = (c: number) => compiled.codes[c];
    expect(compiled.roots.map(code)).toEqual(['sti_index', 'scale', 'level']);
    const top = compiled.indexOf.get('sti_index')!;
    expect(Array.from(compiled.children[top]!, code)).toEqual(['input', 'actors', 'performance']);
  });

  it('refers only to indicator codes of plans/cixi/plan.yaml, filed under 规模/水平 as the plan says', () => {
    const plan = read('plans/cixi/plan.yaml');
    const section = plan.slice(plan.indexOf('\nindicators:'));
    for (const code of indicators) {
      const at = section.indexOf(`  - code: ${code}\n`);
      expect(at, `${code} in plan.yaml`).toBeGreaterThanOrEqual(0);
      const block = section.slice(at, section.indexOf('\n  - code:', at + 1));
      const category = /\n\s+category: (\w+)/.exec(block)![1];
      const node = spec.framework!.nodes.find((n) => n.code === code)!;
      expect(node.alsoIn?.[0]?.parent, code).toBe(category);
    }
    expect(indicators).toContain('rd_gdp_ratio');
    expect(indicators).toContain('hightech_enterprises');
    expect(indicators).toContain('invention_patents');
    expect(indicators).toContain('tech_transaction_value');
  });

  // Synthetic town data (deterministic; not real figures) to exercise the scheme end to end.
  const rng = prngMulberry32(330282);
  const towns = [
    '330282002',
    '330282003',
    '330282004',
    '330282005',
    '330282006',
    '330282104',
    '330282107',
    '330282108',
  ];
  const columns = Object.fromEntries(
    indicators.map((c) => [c, Float64Array.from(towns, () => 1 + 99 * rng.next())]),
  );

  it('computes the index and both sub-indices for every town; 功效系数 scores lie in 60–100', () => {
    const r = indexCompute(compiled, spec.methods, { units: towns, columns });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    for (const code of ['sti_index', 'scale', 'level', 'input', 'actors', 'performance']) {
      const v = Array.from(dataSetColumnByCode(r.value.stages.aggregated, code)!);
      expect(v.every((x) => x >= 60 && x <= 100)).toBe(true);
    }
    const c = indexContributions(r.value, towns[0]!);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    expect(c.value.target).toBe('sti_index');
    expect(c.value.parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(c.value.score, 10);
  });

  it('its uncertainty section runs (1,000 runs) and every town gets a rank interval', () => {
    const r = uncertaintyRun(compiled, spec.methods, { units: towns, columns }, spec.uncertainty!);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.factors).toEqual(['weights', 'normalisation', 'aggregation']);
    expect(r.value.failedRuns).toBe(0);
    expect(r.value.rankStats).toHaveLength(towns.length);
  });
});
