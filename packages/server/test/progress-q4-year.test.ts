// Issue 8 item 1 on the real plan: `ding progress --period 2025Q4` and `--period 2025` agree in every
// field of every row (Q4's year-to-date figure is the year's), on Cixi's plan and its demo data.
import { describe, expect, it } from 'vitest';
import { progressCompute, type Period } from '@ding/core';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../src/plan/load-plan-file.ts';
import { demoGenerate } from '../src/demo/generate.ts';

describe('Q4 is the year on the Cixi plan', () => {
  it('2025Q4 and 2025 give identical rows but for the period', async () => {
    const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const plan = loaded.value;
    const { observations } = demoGenerate(plan);
    const q4 = progressCompute(plan, observations, '2025Q4' as Period, { includeComponents: true });
    const year = progressCompute(plan, observations, '2025' as Period, { includeComponents: true });
    expect(q4.length).toBeGreaterThan(1000);
    expect(q4.map((r) => ({ ...r, period: '2025' }))).toEqual(year);
    // the 技术交易额 example of the issue: at Q4 the required growth starts from the completed year
    const ttv = q4.find((r) => r.indicator === 'tech_transaction_value' && r.region === '330282')!;
    expect(ttv.requiredGrowth?.years).toBe(1);
    expect(ttv.requiredGrowth?.value).toBeCloseTo((80 / ttv.value!.value - 1) * 100, 10);
  });
});
