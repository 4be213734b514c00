import { describe, expect, it } from 'vitest';
import type { Plan } from '@ding/core';
import { planLabels } from './labels.ts';

const plan = {
  indicators: [{ code: 'pct_applications', name: { zh: 'PCT国际专利申请量', en: 'PCT applications' } }],
  regions: [
    { code: '330282004', name: { zh: '浒山街道', en: 'Hushan' } },
    { code: '330282118', name: { zh: '庵东镇', en: 'Andong' }, validTo: '2024-10-31' },
    { code: '330282118', name: { zh: '庵东镇（调整后）', en: 'Andong (after)' }, validFrom: '2024-11-01' },
  ],
  regionGroups: [{ code: '330282-QW', name: { zh: '前湾', en: 'Qianwan' } }],
  departments: [{ code: 'tjj', name: { zh: '市统计局', en: 'Statistics Bureau' } }],
} as unknown as Plan;

describe('plan labels', () => {
  it('names indicators, regions, groups and departments in the UI language', () => {
    const zh = planLabels(plan, 'zh');
    expect(zh.indicatorName('pct_applications')).toBe('PCT国际专利申请量');
    expect(zh.regionName('330282-QW')).toBe('前湾');
    expect(planLabels(plan, 'en').departmentName('tjj')).toBe('Statistics Bureau');
  });

  it('names a submitter key by its town or department', () => {
    const zh = planLabels(plan, 'zh');
    expect(zh.submitterName('town:330282004')).toBe('浒山街道');
    expect(zh.submitterName('department:tjj')).toBe('市统计局');
  });

  it('uses the first version of a region that changed its extent, and shows an unknown code as itself', () => {
    const zh = planLabels(plan, 'zh');
    expect(zh.regionName('330282118')).toBe('庵东镇');
    expect(zh.regionName('330299999')).toBe('330299999');
    expect(zh.indicatorName('nope')).toBe('nope');
  });
});
