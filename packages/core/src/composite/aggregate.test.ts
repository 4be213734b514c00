import { describe, expect, it } from 'vitest';
import { aggregateColumn } from './aggregate.ts';
import { normaliseColumn } from './normalise.ts';
import type { AggregationMethodSpec, IndexMethods } from './spec.ts';

const renormalise: IndexMethods['missing'] = { rule: 'renormalise', minShare: 0 };

/** Aggregate the given columns (each over the units) with weights; returns the output column. */
function run(columns: number[][], weights: number[], spec: AggregationMethodSpec, missing = renormalise) {
  const n = columns[0]!.length;
  const k = columns.length;
  const values = new Float64Array(n * (k + 1));
  columns.forEach((c, j) => values.set(c, j * n));
  const shifts: number[] = [];
  const failure = aggregateColumn(
    {
      values,
      nUnits: n,
      children: Int32Array.from(columns.map((_, j) => j)),
      weights: Float64Array.from(weights),
      out: k,
      missing,
      scratch: new Float64Array(3 * n),
    },
    spec,
    (s) => shifts.push(s),
  );
  return { out: Array.from(values.subarray(k * n)), failure, shifts };
}

describe('aggregation', () => {
  it('weighted arithmetic mean Σwx/Σw', () => {
    // Unit 1: (1·10 + 3·20)/4 = 17.5.
    expect(run([[10], [20]], [1, 3], { method: 'arithmetic' }).out).toEqual([17.5]);
  });

  it('drops a missing input and renormalises the remaining weights (COINr a_amean)', () => {
    expect(
      run(
        [
          [10, 10],
          [NaN, 20],
          [30, 30],
        ],
        [1, 1, 2],
        { method: 'arithmetic' },
      ).out,
    ).toEqual([(10 + 60) / 3, (10 + 20 + 60) / 4]);
  });

  it('propagate and minShare make an aggregate missing instead', () => {
    expect(
      run([[10], [NaN]], [1, 1], { method: 'arithmetic' }, { rule: 'propagate', minShare: 0 }).out,
    ).toEqual([NaN]);
    expect(
      run([[10], [NaN], [NaN]], [1, 1, 1], { method: 'arithmetic' }, { rule: 'renormalise', minShare: 0.5 })
        .out,
    ).toEqual([NaN]);
  });

  it('weighted geometric mean exp(Σw ln x/Σw)', () => {
    // (4^1 · 16^1)^(1/2) = 8; with weights 3:1, 4^¾·16^¼ = 2^(1.5 + 1) = 5.657.
    expect(run([[4], [16]], [1, 1], { method: 'geometric', nonPositive: 'error' }).out[0]).toBeCloseTo(8, 12);
    expect(run([[4], [16]], [3, 1], { method: 'geometric', nonPositive: 'error' }).out[0]).toBeCloseTo(
      2 ** 2.5,
      12,
    );
  });

  it('geometric mean of a 0 is an error under the `error` rule — naming the unit and the value', () => {
    const r = run(
      [
        [4, 0],
        [16, 9],
      ],
      [1, 1],
      { method: 'geometric', nonPositive: 'error' },
    );
    expect(r.failure).toMatchObject({ unit: 1, child: 0, value: 0 });
    expect(r.failure?.reason).toMatch(/values > 0/);
  });

  it('the `shift` rule computes the shifted geometric mean exp(Σw ln(x + c)) − c and reports c', () => {
    // min = 0 → c = 1 − 0 = 1: unit 2: √(1·10) − 1 = 2.1623.
    const r = run(
      [
        [4, 0],
        [16, 9],
      ],
      [1, 1],
      { method: 'geometric', nonPositive: 'shift' },
    );
    expect(r.failure).toBeNull();
    expect(r.shifts).toEqual([1]);
    expect(r.out[1]).toBeCloseTo(Math.sqrt(10) - 1, 12);
    expect(r.out[0]).toBeCloseTo(Math.sqrt(5 * 17) - 1, 12);
    // A stated constant is used as given.
    expect(
      run([[0], [8]], [1, 1], { method: 'geometric', nonPositive: 'shift', shift: 2 }).out[0],
    ).toBeCloseTo(Math.sqrt(20) - 2, 12);
  });

  it('weighted harmonic mean Σw/Σ(w/x)', () => {
    // 2/(1/2 + 1/6) = 3.
    expect(run([[2], [6]], [1, 1], { method: 'harmonic', nonPositive: 'error' }).out[0]).toBeCloseTo(3, 12);
    expect(run([[0], [6]], [1, 1], { method: 'harmonic', nonPositive: 'error' }).failure?.reason).toMatch(
      /1\/x/,
    );
  });

  it('Mazziotta–Pareto: M − S·cv with the population SD (S·cv = S²/M)', () => {
    // Inputs 90, 100, 110: M = 100, S = √(200/3), S²/M = 0.6667 → 99.3333.
    expect(
      run([[90], [100], [110]], [1, 1, 1], { method: 'mpi', penalty: 'negative', standardise: false }).out[0],
    ).toBeCloseTo(100 - 200 / 3 / 100, 12);
    expect(
      run([[90], [100], [110]], [1, 1, 1], { method: 'mpi', penalty: 'positive', standardise: false }).out[0],
    ).toBeCloseTo(100 + 200 / 3 / 100, 12);
    // A balanced profile is not penalised.
    expect(
      run([[105], [105]], [1, 1], { method: 'mpi', penalty: 'negative', standardise: false }).out[0],
    ).toBe(105);
  });

  it('an unbalanced profile on a 0–100 scale is penalised below 0 (why MPI wants 100 ± 10 inputs)', () => {
    // 0, 0, 0, 0, 100: M = 20, S² = 1600, M − S²/M = −60.
    const r = run([[0], [0], [0], [0], [100]], [1, 1, 1, 1, 1], {
      method: 'mpi',
      penalty: 'negative',
      standardise: false,
    });
    expect(r.out[0]).toBeCloseTo(-60, 12);
  });

  it('`standardise` reads each input as 100 + 10·z across units first', () => {
    // Two units, inputs (0, 10) and (1, 3): z-scores ±1 → unit 1 reads (90, 90), unit 2 (110, 110): no penalty.
    const r = run(
      [
        [0, 10],
        [1, 3],
      ],
      [1, 1],
      { method: 'mpi', penalty: 'negative', standardise: true },
    );
    expect(r.out).toEqual([90, 110]);
  });

  it('MPI needs a positive mean', () => {
    expect(
      run([[-1], [0.5]], [1, 1], { method: 'mpi', penalty: 'negative', standardise: false }).failure?.reason,
    ).toMatch(/positive mean/);
  });

  it('TOPSIS closeness reproduces Papathanasiou & Ploskas (2018)', () => {
    // Papathanasiou, J. & Ploskas, N. (2018), "TOPSIS", in Multiple Criteria Decision Aid, Springer,
    // pp. 1–30; matrix, weights and expected closeness (3 decimals) as in the MIT-licensed tests of
    // energyinpython/distance-metrics-for-mcda (tests/test_mcda_methods.py, Test_TOPSIS):
    // [0.387, 0.327, 0.391, 0.615, 0.868, 0.493], all criteria benefit, vector normalisation.
    const m = [
      [8, 7, 2, 1],
      [5, 3, 7, 5],
      [7, 5, 6, 4],
      [9, 9, 7, 3],
      [11, 10, 3, 7],
      [6, 9, 5, 4],
    ];
    const cols = [0, 1, 2, 3].map((j) =>
      Array.from(
        normaliseColumn(
          m.map((r) => r[j]!),
          { method: 'vector' },
          { direction: 1 },
        ),
      ),
    );
    const r = run(cols, [0.4, 0.3, 0.1, 0.2], { method: 'topsis' });
    expect(r.out.map((x) => Math.round(x * 1000) / 1000)).toEqual([0.387, 0.327, 0.391, 0.615, 0.868, 0.493]);
  });
});
