import { describe, expect, it } from 'vitest';
import type { Plan, ProgressRow, Status } from '@ding/core';
import { townTargetLines } from './town-targets.ts';

const TOWN = '330282004';
const SOURCE = '目标分解（按基期占比）';

// Plan order: rd_gdp_ratio, hightech_enterprises, new_tech_smes, tech_transaction_value, invention_patents, pct_applications.
const plan = {
  indicators: [
    { code: 'rd_gdp_ratio', unit: '%', decimals: 2 },
    { code: 'hightech_enterprises', unit: '家', decimals: 0 },
    { code: 'new_tech_smes', unit: '家', decimals: 0 },
    { code: 'tech_transaction_value', unit: '亿元', decimals: 2 },
    { code: 'invention_patents', unit: '件', decimals: 0 },
    { code: 'pct_applications', unit: '件', decimals: 0 },
  ],
} as unknown as Pick<Plan, 'indicators'>;

interface RowSpec {
  indicator: string;
  period: string;
  status: Status;
  value?: number;
  target?: number;
  comparator?: '>=' | '<=';
  completion?: number;
  expected?: number;
  region?: string;
}

function row(s: RowSpec): ProgressRow {
  const unit = plan.indicators.find((i) => i.code === s.indicator)?.unit ?? '';
  return {
    indicator: s.indicator,
    region: s.region ?? TOWN,
    period: s.period,
    unit,
    status: s.status,
    ...(s.value !== undefined ? { value: { value: s.value, rule: 'reported', observationIds: [] } } : {}),
    ...(s.target !== undefined
      ? {
          target: {
            value: s.target,
            comparator: s.comparator ?? '>=',
            rule: 'explicit',
            targetType: 'path',
            source: SOURCE,
            observationIds: [],
            explanation: { zh: '', en: '' },
          },
        }
      : {}),
    ...(s.completion !== undefined ? { completion: s.completion } : {}),
    ...(s.expected !== undefined
      ? {
          expected: {
            value: s.expected,
            rule: 'flow_linear',
            shareOfTarget: 75,
            explanation: { zh: '', en: '' },
          },
        }
      : {}),
  } as unknown as ProgressRow;
}

describe('townTargetLines', () => {
  // 2025Q3: targets of the year 2025; figures of the quarter.
  const year = [
    row({ indicator: 'rd_gdp_ratio', period: '2025', status: 'no_data', target: 2.84 }),
    row({ indicator: 'hightech_enterprises', period: '2025', status: 'no_data', target: 89 }),
    row({ indicator: 'new_tech_smes', period: '2025', status: 'no_data', target: 44 }),
    row({ indicator: 'tech_transaction_value', period: '2025', status: 'no_data', target: 2.07 }),
    row({ indicator: 'invention_patents', period: '2025', status: 'no_data', target: 405 }),
    row({ indicator: 'pct_applications', period: '2025', status: 'no_target', value: 21 }),
    // another region's row is not the town's
    row({ indicator: 'pct_applications', period: '2025', status: 'no_data', target: 99, region: '330282' }),
  ];
  const quarter = [
    row({ indicator: 'rd_gdp_ratio', period: '2025Q3', status: 'not_due', target: 2.84 }),
    row({
      indicator: 'hightech_enterprises',
      period: '2025Q3',
      status: 'on_track',
      value: 70,
      target: 89,
      completion: 78.65,
      expected: 66.75,
    }),
    row({
      indicator: 'new_tech_smes',
      period: '2025Q3',
      status: 'behind',
      value: 20,
      target: 44,
      completion: 45.45,
      expected: 33,
    }),
    row({
      indicator: 'tech_transaction_value',
      period: '2025Q3',
      status: 'watch',
      value: 1.5,
      target: 2.07,
      completion: 72.46,
      expected: 1.5525,
    }),
    row({
      indicator: 'invention_patents',
      period: '2025Q3',
      status: 'behind',
      value: 250,
      target: 405,
      completion: 61.73,
      expected: 303.75,
    }),
    row({ indicator: 'pct_applications', period: '2025Q3', status: 'no_target', value: 15 }),
  ];

  it('keeps the indicators with a target, behind first, then watch, then the rest, each in plan order', () => {
    const lines = townTargetLines(plan, TOWN, year, quarter);
    expect(lines.map((l) => [l.indicator, l.status])).toEqual([
      ['new_tech_smes', 'behind'],
      ['invention_patents', 'behind'],
      ['tech_transaction_value', 'watch'],
      ['rd_gdp_ratio', 'not_due'],
      ['hightech_enterprises', 'on_track'],
    ]);
  });

  it("takes the year's target and the quarter's figures, with the plan's unit and decimals", () => {
    const lines = townTargetLines(plan, TOWN, year, quarter);
    expect(lines[0]).toEqual({
      indicator: 'new_tech_smes',
      unit: '家',
      decimals: 0,
      target: 44,
      comparator: '>=',
      source: SOURCE,
      period: '2025Q3',
      value: 20,
      completion: 45.45,
      expected: 33,
      status: 'behind',
    });
    // an annual indicator before its figure is due: the target, nothing else yet
    expect(lines.find((l) => l.indicator === 'rd_gdp_ratio')).toEqual({
      indicator: 'rd_gdp_ratio',
      unit: '%',
      decimals: 2,
      target: 2.84,
      comparator: '>=',
      source: SOURCE,
      period: '2025Q3',
      value: null,
      completion: null,
      expected: null,
      status: 'not_due',
    });
  });

  it('uses the year rows for both when the current period is the year itself', () => {
    const annual = [
      row({
        indicator: 'hightech_enterprises',
        period: '2025',
        status: 'met',
        value: 92,
        target: 89,
        completion: 103.37,
        expected: 89,
      }),
      row({
        indicator: 'invention_patents',
        period: '2025',
        status: 'watch',
        value: 399,
        target: 405,
        completion: 98.52,
        expected: 405,
      }),
      row({ indicator: 'pct_applications', period: '2025', status: 'no_target', value: 21 }),
    ];
    expect(townTargetLines(plan, TOWN, annual).map((l) => [l.indicator, l.period, l.value])).toEqual([
      ['invention_patents', '2025', 399],
      ['hightech_enterprises', '2025', 92],
    ]);
  });

  it('is empty when the town has no target, and leaves out indicators the plan does not know', () => {
    expect(
      townTargetLines(plan, TOWN, [
        row({ indicator: 'pct_applications', period: '2025', status: 'no_target', value: 21 }),
      ]),
    ).toEqual([]);
    expect(
      townTargetLines(plan, TOWN, [
        row({ indicator: 'retired_code', period: '2025', status: 'behind', target: 5 }),
      ]),
    ).toEqual([]);
    expect(townTargetLines(plan, TOWN, [])).toEqual([]);
  });

  it('keeps a ceiling target as a ceiling', () => {
    const lines = townTargetLines(plan, TOWN, [
      row({ indicator: 'rd_gdp_ratio', period: '2025', status: 'on_track', target: 3, comparator: '<=' }),
    ]);
    expect(lines[0]?.comparator).toBe('<=');
  });
});
