import { describe, expect, it } from 'vitest';
import type { Period, Plan, ProgressRow } from '@ding/core';
import {
  progressHasSynthetic,
  progressRowsShown,
  regionChoiceRegions,
  regionParts,
  rowSpans,
  statusColor,
} from './progress-view.ts';

// A small plan in Cixi's shape: 全市 with three towns, 前湾 = two of them (one from 2024-11), 市级 = the rest.
const plan = {
  home: '330282',
  regions: [
    { code: '330282', name: { zh: '慈溪市', en: 'Cixi' }, kind: 'county' },
    { code: '330282004', name: { zh: '浒山街道', en: 'Hushan' }, kind: 'street', parent: '330282' },
    { code: '330282118', name: { zh: '庵东镇', en: 'Andong' }, kind: 'town', parent: '330282' },
    {
      code: '330282-LZW',
      name: { zh: '陆中湾街道', en: 'Luzhongwan' },
      kind: 'street',
      parent: '330282',
      validFrom: '2024-11-01',
    },
  ],
  regionGroups: [
    {
      code: '330282-QW',
      name: { zh: '前湾', en: 'Qianwan' },
      members: [{ region: '330282118' }, { region: '330282-LZW', validFrom: '2024-11-01' }],
    },
    {
      code: '330282-SJ',
      name: { zh: '市级', en: 'City level' },
      complementOf: { whole: '330282', minus: ['330282-QW'] },
    },
  ],
  indicators: [
    { code: 'rd_gdp_ratio', core: true },
    { code: 'pct_applications', core: false },
  ],
} as unknown as Plan;

const row = (indicator: string, synthetic?: boolean): ProgressRow =>
  ({
    indicator,
    region: '330282',
    period: '2025Q3',
    unit: '%',
    status: 'no_data',
    ...(synthetic === undefined
      ? {}
      : { value: { value: 1, rule: 'reported', observationIds: ['o1'], synthetic } }),
  }) as unknown as ProgressRow;

describe('region choices of the progress table', () => {
  it('shows 全市, 市级 and 前湾 together, in the order of the 分解表', () => {
    expect(regionParts(plan)).toEqual(['330282', '330282-SJ', '330282-QW']);
  });

  it('lists the towns that exist at the end of the period: 陆中湾 only from 2024Q4', () => {
    expect(regionChoiceRegions(plan, '2024Q3' as Period, 'towns')).toEqual(['330282004', '330282118']);
    expect(regionChoiceRegions(plan, '2024Q4' as Period, 'towns')).toEqual([
      '330282004',
      '330282118',
      '330282-LZW',
    ]);
  });

  it('treats any other choice as one region code', () => {
    expect(regionChoiceRegions(plan, '2025Q3' as Period, '330282004')).toEqual(['330282004']);
  });
});

describe('progress table presentation', () => {
  it('colours met and on track green, watch amber, behind red, and the rest grey', () => {
    expect(statusColor('met')).toBe('success');
    expect(statusColor('on_track')).toBe('success');
    expect(statusColor('watch')).toBe('warning');
    expect(statusColor('behind')).toBe('error');
    expect(statusColor('not_due')).toBe('default');
  });

  it('merges consecutive rows of one indicator into one cell', () => {
    expect(rowSpans(['a', 'a', 'a', 'b', 'c', 'c'])).toEqual([3, 0, 0, 1, 2, 0]);
    expect(rowSpans([])).toEqual([]);
  });

  it('keeps only the core indicators when the core toggle is on', () => {
    const rows = [row('rd_gdp_ratio'), row('pct_applications')];
    expect(progressRowsShown(plan, rows, true).map((r) => r.indicator)).toEqual(['rd_gdp_ratio']);
    expect(progressRowsShown(plan, rows, false)).toHaveLength(2);
  });

  it('flags the table as containing synthetic figures when any value is synthetic', () => {
    expect(progressHasSynthetic([row('a', false), row('b')])).toBe(false);
    expect(progressHasSynthetic([row('a', false), row('b', true)])).toBe(true);
  });
});
