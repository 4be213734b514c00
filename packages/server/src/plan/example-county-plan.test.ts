// A second, fictional plan loads through the same loader and engine: nothing is Cixi-specific.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isoDate, regionCode, regionMembersOn } from '@ding/core';
import { planConsistencyReport } from '../../../core/src/plan/consistency.ts';
import { formatPlanFileError, loadPlanFile } from './load-plan-file.ts';

const EXAMPLE_PLAN_PATH = fileURLToPath(
  new URL('../../../../plans/example-county/plan.yaml', import.meta.url),
);

async function loadExample() {
  const result = await loadPlanFile(EXAMPLE_PLAN_PATH);
  if (!result.ok) throw new Error(result.errors.map((e) => formatPlanFileError(e)).join('\n'));
  return result.value;
}

describe('plans/example-county/plan.yaml (fictional)', () => {
  it('loads through the same loader, with its own home, years, towns and indicators', async () => {
    const plan = await loadExample();
    expect(plan.id).toBe('example-county');
    expect(plan.name.en).toContain('fictional');
    expect(plan.home).toBe('EX');
    expect([plan.baselineYear, plan.startYear, plan.targetYear]).toEqual([2023, 2024, 2028]);
    expect(plan.statusBands).toEqual({ onTrack: 1, watch: 0.85 });
    expect(plan.indicators.map((i) => i.code)).toEqual([
      'hightech_enterprises',
      'rd_gdp_ratio',
      'rd_expenditure',
      'gdp',
    ]);
    expect(regionMembersOn(plan, regionCode('EX'), isoDate('2025-12-31'))).toEqual(['EX01', 'EX02', 'EX03']);
  });

  it('finds its own partition (EX = EX-REST + EX-DZ) and checks that its targets add up', async () => {
    const plan = await loadExample();
    const checks = planConsistencyReport(plan);
    expect(checks.map((c) => [c.indicator, c.year, c.expected, c.actual, c.ok])).toEqual([
      ['hightech_enterprises', 2024, 120, 120, true],
      ['hightech_enterprises', 2026, 160, 160, true],
      ['hightech_enterprises', 2028, 200, 200, true],
    ]);
    expect(checks[0]!.regions).toEqual({ whole: 'EX', parts: ['EX-REST', 'EX-DZ'] });
    expect(regionMembersOn(plan, regionCode('EX-REST'), isoDate('2025-12-31'))).toEqual(['EX01', 'EX02']);
  });
});
