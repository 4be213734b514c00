// The progress table's records: numbers stay numbers (a spreadsheet must not read "3/10" as a date or
// "+12.3%" as text), units and rules are words, and the caption names period, scope and 制表单位.
import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../engine/progress.ts';
import { buildPlan } from '../testing/factories.ts';
import { indicatorCode, regionCode } from '../types.ts';
import type { Period } from '../period.ts';
import {
  PROGRESS_COLUMNS,
  PROGRESS_TEXT_COLUMNS,
  progressCumulativeText,
  progressPeriodLabel,
  progressRankText,
  progressRecords,
  progressRequiredGrowthText,
  progressScope,
  progressTableCaption,
  progressTabulator,
  progressYoyText,
} from './progress-table.ts';

const plan = buildPlan();
const P = '2025Q3' as Period;

function row(indicator: string, region: string, extra: Partial<ProgressRow> = {}): ProgressRow {
  return {
    indicator: indicatorCode(indicator),
    region: regionCode(region),
    period: P,
    unit: plan.indicators.find((i) => i.code === indicator)!.unit,
    status: 'no_data',
    ...extra,
  };
}

const value = (v: number, rule: 'reported' | 'sum_of_members' = 'reported', synthetic = false) => ({
  value: v,
  rule,
  observationIds: ['o1'],
  synthetic,
});

describe('progressRecords', () => {
  it('a rank and its peer count are two numbers, never "3/10" (which Excel opens as 10 March)', () => {
    const [r] = progressRecords(plan, [
      row('firms', 'T2', { value: value(90), rank: { rank: 3, of: 10, peerSet: 'towns' } }),
    ]);
    expect(r).toMatchObject({ rank: 3, rankOf: 10, peerSet: '镇街' });
    expect(progressRankText(r!)).toBe('3/10');
  });

  it('YoY is a signed number with its unit apart: % for counts, 个百分点 / pp for a percentage', () => {
    const rows = [
      // firms (家, decimals 0): (112 − 100) / 100 = +12.0%, shown to 0.1
      row('firms', 'C', { value: value(112), yoy: { lastYear: 100, change: 12.04, kind: 'percent' } }),
      // rd_gdp (%, decimals 2): 3.03 − 3.2 = −0.17 percentage points, shown to the indicator's decimals
      row('rd_gdp', 'C', { value: value(3.03), yoy: { lastYear: 3.2, change: -0.17, kind: 'pp' } }),
    ];
    const [firms, rd] = progressRecords(plan, rows);
    expect([firms!.yoy, firms!.yoyUnit, rd!.yoy, rd!.yoyUnit]).toEqual([12, '%', -0.17, '个百分点']);
    expect([progressYoyText(firms!), progressYoyText(rd!)]).toEqual(['+12.0%', '-0.17个百分点']);
    const [, rdEn] = progressRecords(plan, rows, 'en');
    expect([rdEn!.yoyUnit, progressYoyText(rdEn!)]).toEqual(['pp', '-0.17 pp']);
  });

  it('required growth is a number (0.1 for %, 0.01 for pp); a met final target says 已达到 instead', () => {
    const [growing, met] = progressRecords(plan, [
      // (150 / 100)^(1/1.25) − 1 = 38.3% a year
      row('firms', 'C', {
        value: value(100),
        requiredGrowth: { value: 38.31, kind: 'percent', from: 100, years: 1.25, met: false },
      }),
      row('firms', 'T1', {
        value: value(160),
        requiredGrowth: { value: 0, kind: 'percent', from: 160, years: 1.25, met: true },
      }),
    ]);
    expect([growing!.requiredGrowth, growing!.requiredGrowthUnit]).toEqual([38.3, '%']);
    expect(progressRequiredGrowthText(growing!)).toBe('38.3%');
    expect([met!.requiredGrowth, met!.requiredGrowthUnit, met!.requiredGrowthMet]).toEqual([
      null,
      '',
      '已达到',
    ]);
    expect(progressRequiredGrowthText(met!)).toBe('已达到');
    expect(met!.notes).toBe('已达到终期目标');
  });

  it('the printed gap is the printed value minus the printed 序时进度 (907 − 1012 = −105)', () => {
    // issue 8 item 3: 1011.5 rounds half away from zero to 1012; 907 − 1011.5 = −104.5 would print −104 or −105
    // depending on the rounding; the difference of the printed figures is −105.
    const [r] = progressRecords(plan, [
      row('firms', 'C', {
        value: value(907),
        expected: {
          value: 1011.5,
          rule: 'stock_interpolation',
          shareOfTarget: 75,
          explanation: { zh: '', en: '' },
        },
        gapToExpected: 907 - 1011.5,
      }),
    ]);
    expect([r!.value, r!.expected, r!.gapToExpected]).toEqual([907, 1012, -105]);
  });

  it('rules are words in zh and en: 直接报送, 下级汇总, the target rule, the 序时进度 rule', () => {
    const rows = [
      row('firms', 'C', {
        value: value(100, 'sum_of_members'),
        target: {
          value: 120,
          comparator: '>=',
          rule: 'explicit',
          targetType: 'path',
          source: 'test',
          observationIds: [],
          explanation: { zh: '', en: '' },
        },
        expected: {
          value: 115,
          rule: 'stock_interpolation',
          shareOfTarget: 95.8,
          explanation: { zh: '', en: '' },
        },
      }),
      row('new_firms', 'T1', {
        value: value(28),
        expected: { value: 30, rule: 'flow_linear', shareOfTarget: 75, explanation: { zh: '', en: '' } },
      }),
    ];
    const [c, t1] = progressRecords(plan, rows);
    expect([c!.valueRule, c!.targetRule, c!.expectedRule]).toEqual([
      '下级汇总',
      '方案明确',
      '序时：上年末至本年目标按月推进',
    ]);
    expect([t1!.valueRule, t1!.targetRule, t1!.expectedRule]).toEqual(['直接报送', '', '序时：按月均衡']);
    expect(c!.rules).toBe('下级汇总 · 方案明确 · 序时：上年末至本年目标按月推进');
    const [cEn] = progressRecords(plan, rows, 'en');
    expect([cEn!.valueRule, cEn!.targetRule]).toEqual(['sum of members', 'written in the plan']);
  });

  it('notes say why a YoY is re-based or withheld (口径调整) and why there is no rank', () => {
    const [r] = progressRecords(plan, [
      row('firms', 'T3', {
        value: value(60),
        yoyNote: {
          reason: 'boundary_change',
          change: { removed: [regionCode('T4')], added: [] },
          adjusted: false,
          explanation: {
            zh: '口径调整：三镇析出四街道，上年同期无可比口径数据，不计算同比',
            en: 'boundary change',
          },
        },
        rankNote: {
          reason: 'partial_coverage',
          peerSet: 'towns',
          published: 1,
          of: 3,
          explanation: { zh: '镇街已发布 1/3，数据不全，暂不排名', en: '1 of 3 published' },
        },
      }),
    ]);
    expect([r!.yoy, r!.yoyUnit, r!.rank, r!.rankOf]).toEqual([null, '', null, null]);
    expect(r!.notes).toBe(
      '口径调整：三镇析出四街道，上年同期无可比口径数据，不计算同比；镇街已发布 1/3，数据不全，暂不排名',
    );
  });

  it('a cumulative target shows done, target, share, remaining and the projected total (24/40 = 60%)', () => {
    // issue 8 item 8: 累计40项 with 24 done by 2025Q3 → 60.0%, 16 remaining.
    const [r] = progressRecords(plan, [
      row('firms', 'C', {
        value: value(9),
        cumulative: {
          target: 40,
          from: 2022,
          to: 2026,
          done: 24,
          share: 60,
          remaining: 16,
          projectedTotal: 31.2,
          willMeet: false,
          observationIds: [],
        },
      }),
    ]);
    expect([
      r!.cumulativeDone,
      r!.cumulativeTarget,
      r!.cumulativeShare,
      r!.cumulativeRemaining,
      r!.cumulativeProjected,
    ]).toEqual([24, 40, 60, 16, 31]);
    expect(progressCumulativeText(r!)).toBe('24/40 (60.0%)');
    expect(r!.notes).toBe('按当前进度难以完成累计目标');
  });

  it('every data column is numeric exactly when its field holds numbers, with decimals for each', () => {
    const [r] = progressRecords(plan, [row('rd_gdp', 'C', { value: value(3.03) })]);
    for (const c of PROGRESS_COLUMNS) {
      const v = r![c.key];
      if (c.numeric) {
        expect(v === null || typeof v === 'number', c.key).toBe(true);
        expect(c.decimals, c.key).toBeDefined();
      } else expect(typeof v, c.key).toBe('string');
    }
    // The reading view keeps the composed forms.
    expect(PROGRESS_TEXT_COLUMNS.map((c) => c.key)).toContain('rank');
  });
});

describe('the caption of a printed table', () => {
  it('period as year-to-date months (the quarter is 1-9月 of the year)', () => {
    expect(progressPeriodLabel('2025Q3' as Period)).toEqual({
      zh: '2025年1-9月（2025Q3）',
      en: 'Jan–Sep 2025 (2025Q3)',
    });
    expect(progressPeriodLabel('2025' as Period).zh).toBe('2025年（全年）');
  });

  it('scope names 全市（含…）and 市级（不含…）so neither is taken for the other', () => {
    expect(progressScope(plan, ['C', 'C-S', 'C-Z']).zh).toBe('全市（含新区）、市级（不含新区）、新区');
    expect(progressScope(plan, ['C-S']).zh).toBe('市级（不含新区）');
    expect(progressScope(plan, ['T1', 'T2']).zh).toBe('一镇、二镇');
    expect(progressScope(plan, ['C', 'C-S']).en).toBe('Toy county incl. Zone; City level excl. Zone');
  });

  it('制表单位 is the plan’s first department with the home county’s name when it is a 市 department', () => {
    // the toy plan's first department is 科技局 (no 市 prefix): kept as written
    expect(progressTabulator(plan).zh).toBe('科技局');
    const cixiLike = buildPlan({
      regions: [
        { code: 'C', name: { zh: '慈溪市', en: 'Cixi' }, kind: 'county' },
        { code: 'T1', name: { zh: '一镇', en: 'Town 1' }, kind: 'town', parent: 'C' },
      ],
      regionGroups: [],
      peerSets: [],
      departments: [{ code: 'kjj', name: { zh: '市科技局', en: 'Science and Technology Bureau' } }],
    });
    expect(progressTabulator(cixiLike)).toEqual({
      zh: '慈溪市科技局',
      en: 'Cixi Science and Technology Bureau',
    });
  });

  it('is synthetic when any value is', () => {
    const rows = [
      row('firms', 'C', { value: value(1) }),
      row('firms', 'T1', { value: value(1, 'reported', true) }),
    ];
    expect(progressTableCaption(plan, rows, P).synthetic).toBe(true);
    expect(progressTableCaption(plan, rows.slice(0, 1), P).synthetic).toBe(false);
  });
});
