import { describe, expect, it } from 'vitest';
import { planPathToString, planValidate, type PlanError } from './validate.ts';
import { buildPlan } from '../testing/factories.ts';

/** The factory plan as plain data (what a parsed file gives), with `edit` applied. */
function planData(edit: (p: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const data = structuredClone(buildPlan()) as unknown as Record<string, unknown>;
  edit(data);
  return data;
}
const errorsOf = (input: unknown): PlanError[] => {
  const r = planValidate(input);
  return r.ok ? [] : r.errors;
};
const located = (errors: PlanError[]) => errors.map((e) => `${planPathToString(e.path)}: ${e.message}`);

describe('planValidate — shape errors, phrased for a person editing the file', () => {
  it('accepts the factory plan', () => {
    expect(planValidate(planData()).ok).toBe(true);
  });

  it('reports each unknown field at its own key', () => {
    const errors = errorsOf(
      planData((p) => {
        p.colour = 'red';
        (p.indicators as Record<string, unknown>[])[2]!.weight = 2;
        (p.indicators as Record<string, unknown>[])[2]!.owner = 'kjj';
      }),
    );
    expect(located(errors)).toEqual([
      "indicators[2].weight: unknown field 'weight'",
      "indicators[2].owner: unknown field 'owner'",
      "colour: unknown field 'colour'",
    ]);
    expect(errors.every((e) => e.atKey)).toBe(true);
  });

  it('says a required field is missing instead of "received undefined"', () => {
    const errors = errorsOf(planData((p) => delete (p.indicators as Record<string, unknown>[])[3]!.unit));
    expect(located(errors)).toEqual(["indicators[3].unit: missing required field 'unit' (string)"]);
  });

  it('keeps the schema message for a value of the wrong type', () => {
    const errors = errorsOf(planData((p) => ((p.regions as Record<string, unknown>[])[0]!.code = 330282)));
    expect(located(errors)).toEqual(['regions[0].code: Invalid input: expected string, received number']);
  });
});

describe('planValidate — references', () => {
  it('names the unknown indicator of a ratio', () => {
    const errors = errorsOf(
      planData((p) => {
        const rd = (p.indicators as { ratio?: { denominator: string } }[])[2]!;
        rd.ratio!.denominator = 'gdpx';
      }),
    );
    expect(located(errors)).toEqual(["indicators[2].ratio.denominator: unknown indicator 'gdpx'"]);
  });
});

describe('planValidate — who supplies the town figures (townFiguresBy)', () => {
  type Ind = { townFiguresBy?: string; leadUnits?: string[]; sourceDepartment?: string };
  it('is for summed indicators only: a ratio is computed from its parts, never owed', () => {
    const errors = errorsOf(
      planData((p) => {
        (p.indicators as Ind[])[2]!.townFiguresBy = 'department'; // rd_gdp, a ratio of sums
      }),
    );
    expect(located(errors)).toEqual([
      'indicators[2].townFiguresBy: townFiguresBy is for summed indicators (aggregation: sum)',
    ]);
  });

  it("'department' needs a department to supply them: a source department or a lead unit", () => {
    const errors = errorsOf(
      planData((p) => {
        const firms = (p.indicators as Ind[])[3]!; // firms, summed
        firms.townFiguresBy = 'department';
        firms.leadUnits = [];
        delete firms.sourceDepartment;
      }),
    );
    expect(located(errors)).toEqual([
      "indicators[3].townFiguresBy: townFiguresBy 'department' needs a sourceDepartment or a lead unit",
    ]);
    // with a lead unit it is valid: that unit supplies every town's figure
    const ok = planData((p) => {
      const firms = (p.indicators as Ind[])[3]!;
      firms.townFiguresBy = 'department';
      firms.leadUnits = ['kjj'];
    });
    expect(errorsOf(ok)).toEqual([]);
  });
});
