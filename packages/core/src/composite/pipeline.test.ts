import { describe, expect, it } from 'vitest';
import { indexContributionChange, indexContributions } from './contributions.ts';
import { dataSetColumnByCode, dataSetValue, type IndexInput } from './dataset.ts';
import { growthIndexChained } from './growth.ts';
import { indexComputePanel } from './panel.ts';
import { indexCompute } from './pipeline.ts';
import { indexFrameworkSchema, indexMethodsSchema, type IndexMethodsInput } from './spec.ts';

// A small two-dimension index over three towns, small enough to check by hand:
//   Index = mean(Input, Output); Input = mean(rd, fiscal); Output = mean(patents, waste (less is better)).
const framework = indexFrameworkSchema.parse({
  nodes: [
    { code: 'rd', kind: 'indicator', parent: 'Input' },
    { code: 'fiscal', kind: 'indicator', parent: 'Input' },
    { code: 'patents', kind: 'indicator', parent: 'Output' },
    { code: 'waste', kind: 'indicator', parent: 'Output', direction: -1 },
    { code: 'Input', kind: 'aggregate', parent: 'Index' },
    { code: 'Output', kind: 'aggregate', parent: 'Index' },
    { code: 'Index', kind: 'aggregate' },
  ],
});
const input: IndexInput = {
  units: ['A', 'B', 'C'],
  columns: {
    rd: [1, 2, 3],
    fiscal: [10, 30, 20],
    patents: [100, 300, 200],
    waste: [5, 1, 3],
  },
};
const methods = (m: IndexMethodsInput = {}) => indexMethodsSchema.parse(m);

describe('the pipeline on a hand-checked example', () => {
  it('min-max then means: A = 0, B = 87.5, C = 62.5', () => {
    // Normalised: rd 0/50/100, fiscal 0/100/50, patents 0/100/50, waste (reversed) 0/100/50.
    // Input: A 0, B 75, C 75; Output: A 0, B 100, C 50; Index: A 0, B 87.5, C 62.5.
    const r = indexCompute(framework, methods(), input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const agg = r.value.stages.aggregated;
    expect(Array.from(dataSetColumnByCode(agg, 'Input')!)).toEqual([0, 75, 75]);
    expect(Array.from(dataSetColumnByCode(agg, 'Output')!)).toEqual([0, 100, 50]);
    expect(Array.from(dataSetColumnByCode(agg, 'Index')!)).toEqual([0, 87.5, 62.5]);
    expect(dataSetValue(r.value.stages.normalised, 'A', 'waste')).toBe(0);
    expect(r.value.weights.Index).toEqual({
      method: 'given',
      codes: ['Input', 'Output'],
      weights: [0.5, 0.5],
    });
  });

  it('a missing value is dropped and the weights renormalised; with `propagate` the aggregate is missing', () => {
    const gap: IndexInput = { ...input, columns: { ...input.columns, fiscal: [10, NaN, 20] } };
    const r = indexCompute(framework, methods(), gap);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // fiscal normalises over A, C: 0, NaN, 100; Input of B = rd only = 50.
    expect(dataSetValue(r.value.stages.aggregated, 'B', 'Input')).toBe(50);
    const p = indexCompute(framework, methods({ missing: { rule: 'propagate' } }), gap);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    expect(dataSetValue(p.value.stages.aggregated, 'B', 'Input')).toBeNaN();
    expect(dataSetValue(p.value.stages.aggregated, 'B', 'Index')).toBeNaN();
  });

  it('mean imputation fills the gap before normalising, and says so', () => {
    const gap: IndexInput = { ...input, columns: { ...input.columns, fiscal: [10, NaN, 20] } };
    const r = indexCompute(framework, methods({ imputation: { method: 'mean' } }), gap);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(dataSetValue(r.value.stages.imputed, 'B', 'fiscal')).toBe(15);
    expect(r.value.imputed.cells).toEqual([{ unit: 'B', code: 'fiscal' }]);
  });

  it('screening drops a unit below the data-availability threshold', () => {
    const gap: IndexInput = {
      ...input,
      units: ['A', 'B', 'C', 'D'],
      columns: {
        rd: [1, 2, 3, 4],
        fiscal: [10, 30, 20, NaN],
        patents: [100, 300, 200, NaN],
        waste: [5, 1, 3, NaN],
      },
    };
    const r = indexCompute(framework, methods({ screening: { minDataAvailability: 0.5 } }), gap);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.screenedOut).toEqual(['D']); // 1 of 4 indicators = 25% < 50%
    expect(r.value.stages.aggregated.units).toEqual(['A', 'B', 'C']);
  });

  it('AHP weights with an inconsistent matrix compute but raise the CR warning', () => {
    const r = indexCompute(
      framework,
      methods({
        weighting: {
          byParent: {
            Index: {
              method: 'ahp',
              order: ['Output', 'Input'],
              matrix: [
                [1, 3],
                [1 / 3, 1],
              ],
            },
            Input: {
              method: 'ahp',
              order: ['rd', 'fiscal'],
              matrix: [
                [1, 2],
                [0.5, 1],
              ],
            },
          },
        },
      }),
      input,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 2 × 2 judgements are always consistent: Output 3/4, Input 1/4 (reported in children order).
    expect(r.value.weights.Index!.weights[0]).toBeCloseTo(0.25, 12);
    expect(r.value.weights.Index!.weights[1]).toBeCloseTo(0.75, 12);
    expect(r.value.warnings).toEqual([]);
    const bad = indexCompute(
      indexFrameworkSchema.parse({
        nodes: [
          { code: 'a', kind: 'indicator', parent: 'X' },
          { code: 'b', kind: 'indicator', parent: 'X' },
          { code: 'c', kind: 'indicator', parent: 'X' },
          { code: 'X', kind: 'aggregate' },
        ],
      }),
      methods({
        weighting: {
          default: {
            method: 'ahp',
            order: ['a', 'b', 'c'],
            matrix: [
              [1, 9, 1 / 9],
              [1 / 9, 1, 9],
              [9, 1 / 9, 1],
            ],
          },
        },
      }),
      { units: ['u', 'v'], columns: { a: [1, 2], b: [2, 1], c: [1, 3] } },
    );
    if (!bad.ok) throw new Error(JSON.stringify(bad.errors));
    expect(bad.value.warnings.join('\n')).toMatch(/consistency ratio .* ≥ 0\.1/);
  });

  it('an AHP order that does not list the children is an error naming them', () => {
    const r = indexCompute(
      framework,
      methods({
        weighting: {
          byParent: {
            Input: {
              method: 'ahp',
              order: ['rd', 'nope'],
              matrix: [
                [1, 2],
                [0.5, 1],
              ],
            },
          },
        },
      }),
      input,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/must list exactly its children \(rd, fiscal\)/);
  });

  it('entropy weights are computed from the values being aggregated', () => {
    const r = indexCompute(
      framework,
      methods({ weighting: { default: { method: 'entropy', preNormalisation: 'none', shift: 0 } } }),
      input,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // Input children after min-max: rd (0, 50, 100), fiscal (0, 100, 50): same proportions → ½, ½.
    expect(r.value.weights.Input!.weights).toEqual([0.5, 0.5]);
  });

  it('a geometric mean over a 0 stops with the unit and the value, under the stated error rule', () => {
    const r = indexCompute(
      framework,
      methods({ aggregation: { default: { method: 'geometric', nonPositive: 'error' } } }),
      input,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toMatch(
        /aggregating Input for unit A \(rd = 0\): geometric mean needs values > 0/,
      );
  });

  it('aggregation can differ by level', () => {
    const r = indexCompute(
      framework,
      methods({
        normalisation: { default: { method: 'minmax', range: [1, 100] } },
        aggregation: { byLevel: { '3': { method: 'geometric' } } },
      }),
      input,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const b = (c: string) => dataSetValue(r.value.stages.aggregated, 'B', c);
    expect(b('Index')).toBeCloseTo(Math.sqrt(b('Input') * b('Output')), 10);
  });
});

describe('contributions', () => {
  it('indicator contributions add up to the score; effective weights are ¼ each', () => {
    const r = indexCompute(framework, methods(), input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = indexContributions(r.value, 'B');
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    // B: rd 50, fiscal 100, patents 100, waste 100 — each × ¼ = 12.5, 25, 25, 25 → 87.5.
    expect(c.value.parts.map((p) => p.contribution)).toEqual([12.5, 25, 25, 25]);
    expect(c.value.score).toBe(87.5);
  });

  it('the change of a score since the previous period is the sum of the changes of the contributions', () => {
    const before = indexCompute(framework, methods(), input);
    const after = indexCompute(framework, methods(), {
      ...input,
      columns: { ...input.columns, rd: [1, 4, 3] },
    });
    if (!before.ok || !after.ok) throw new Error('compute failed');
    const d = indexContributionChange(before.value, after.value, 'B');
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    // B's rd goes from the middle (50) to the top (100): +12.5 points on the index, all from rd.
    expect(d.value.currentScore - d.value.previousScore).toBe(12.5);
    expect(d.value.parts.find((p) => p.code === 'rd')!.change).toBe(12.5);
    expect(d.value.parts.reduce((s, p) => s + p.change, 0)).toBe(12.5);
  });

  it('contributions are refused for a non-additive aggregation', () => {
    const r = indexCompute(
      framework,
      methods({
        normalisation: { default: { method: 'minmax', range: [1, 100] } },
        aggregation: { default: { method: 'geometric' } },
      }),
      input,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = indexContributions(r.value, 'B');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors[0]!.message).toMatch(/additive only for weighted arithmetic/);
  });
});

describe('panel data', () => {
  const panel: IndexInput = {
    units: ['A', 'B', 'C', 'A', 'B', 'C'],
    times: [2022, 2022, 2022, 2023, 2023, 2023],
    columns: {
      rd: [1, 2, 3, 2, NaN, 3],
      fiscal: [10, 30, 20, 10, 30, 20],
      patents: [100, 300, 200, 100, 300, 200],
      waste: [5, 1, 3, 5, 1, 3],
    },
  };

  it('computes one index per period, earliest first', () => {
    const r = indexComputePanel(framework, methods(), panel);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.map((p) => p.time)).toEqual([2022, 2023]);
    expect(dataSetValue(r.value[0]!.result.stages.aggregated, 'B', 'Index')).toBe(87.5);
  });

  it('LOCF fills B’s missing 2023 R&D with its 2022 value and records where it came from', () => {
    const r = indexComputePanel(framework, methods({ imputation: { method: 'locf' } }), panel);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const y2023 = r.value[1]!.result;
    expect(dataSetValue(y2023.stages.imputed, 'B', 'rd')).toBe(2);
    expect(y2023.imputed.cells).toEqual([{ unit: 'B', code: 'rd', from: 2022 }]);
  });

  it('a unit twice in one period is an error', () => {
    const r = indexComputePanel(framework, methods(), {
      ...panel,
      times: [2022, 2022, 2022, 2023, 2023, 2022],
    });
    expect(r.ok).toBe(false);
  });
});

describe('chained growth index (NBS 中国创新指数 style)', () => {
  it('base year 100; indicator growth chained; aggregates chain the weighted growth of their children', () => {
    // 2021 → 2022: rd +10%, fiscal +30%, patents −10%, waste 5 → 4 (less is better: 5/4 − 1 = +25%).
    // Input +20% → 120; Output +7.5% → 107.5; Index +13.75% → 113.75.
    // 2022 → 2023: all flat except rd +0%: Index stays 113.75.
    const r = growthIndexChained(framework, [
      { time: 2021, values: { rd: 1, fiscal: 10, patents: 100, waste: 5 } },
      { time: 2022, values: { rd: 1.1, fiscal: 13, patents: 90, waste: 4 } },
      { time: 2023, values: { rd: 1.1, fiscal: 13, patents: 90, waste: 4 } },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value[0]!.index.Index).toBe(100);
    expect(r.value[1]!.index.rd).toBeCloseTo(110, 10);
    expect(r.value[1]!.index.waste).toBeCloseTo(125, 10);
    expect(r.value[1]!.index.Input).toBeCloseTo(120, 10);
    expect(r.value[1]!.index.Output).toBeCloseTo(107.5, 10);
    expect(r.value[1]!.index.Index).toBeCloseTo(113.75, 10);
    expect(r.value[2]!.index.Index).toBeCloseTo(113.75, 10);
    expect(r.value[1]!.growth.Index).toBeCloseTo(0.1375, 12);
  });

  it('a previous value of 0 has no growth rate: an error naming the indicator and years', () => {
    const r = growthIndexChained(framework, [
      { time: 2021, values: { rd: 0, fiscal: 10, patents: 100, waste: 5 } },
      { time: 2022, values: { rd: 1, fiscal: 10, patents: 100, waste: 5 } },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/rd: no growth rate from 0 \(2021\) to 1 \(2022\)/);
  });
});
