// Cixi's plan file against the seed: the 分解表 and the text targets are written out here again,
// independently of the YAML, so a wrong number in either one fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDate, regionCode, regionMembersOn, regionOn, type Plan, type Target } from '@ding/core';
import { planConsistencyReport } from '../../../core/src/plan/consistency.ts';
import { DEFAULT_PLAN_PATH, formatPlanFileError, loadPlanFile } from './load-plan-file.ts';

const QUANSHI = '330282'; // 全市
const SHIJI = '330282-SJ'; // 市级
const QIANWAN = '330282-QW'; // 前湾
const YEARS = ['2022', '2023', '2024', '2025', '2026'];

let plan: Plan;
beforeAll(async () => {
  const result = await loadPlanFile(DEFAULT_PLAN_PATH);
  if (!result.ok) throw new Error(result.errors.map((e) => formatPlanFileError(e)).join('\n'));
  plan = result.value;
});

const targetsOf = (indicator: string, region: string) =>
  plan.targets.filter((t) => t.indicator === indicator && t.region === region);
const indicator = (code: string) => {
  const found = plan.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
};
/** Department codes → their Chinese names, so expectations read like the seed. */
const unitNames = (codes: string[]) =>
  codes.map((c) => plan.departments.find((d) => d.code === c)?.name.zh ?? c);

// 牵头单位 / 配合单位 of each task paragraph, copied from the seed (三、工作任务).
const UNITS: Record<string, { lead: string[]; coop: string[] }> = {
  '三(一)1': { lead: ['市财政局', '市税务局'], coop: ['市科技局'] },
  '三(一)2': { lead: ['市科技局'], coop: [] },
  '三(一)3': { lead: ['市科技局', '市市场监管局'], coop: ['市经信局', '市统计局'] },
  '三(二)1': { lead: ['市科技局'], coop: ['市经信局', '市市场监管局'] },
  '三(二)2': { lead: ['市科技局'], coop: ['市经信局', '市商务局', '市农业农村局', '市财政局', '市税务局'] },
  '三(二)3': { lead: ['市科技局'], coop: ['市金融发展服务中心'] },
  '三(三)1': { lead: ['市委组织部', '市科技局', '市人力社保局'], coop: [] },
  '三(三)2': { lead: ['市科技局'], coop: ['市经信局', '市教育局'] },
  '三(三)3': { lead: ['市科技局'], coop: [] },
  // The seed writes 市农村农业局 here: the same unit as 市农业农村局.
  '三(三)4': { lead: ['市科技局'], coop: ['市经信局', '市农业农村局'] },
  '三(四)1': { lead: ['市科技局'], coop: ['市经信局'] },
  '三(四)2': { lead: ['市经信局'], coop: [] },
  '三(四)3': { lead: ['市商务局'], coop: ['市科技局', '市经信局'] },
  '三(五)1': {
    lead: ['市高新技术产业园区管委会', '市经信局', '市商务局'],
    coop: ['市发改局', '市自然资源与规划局', '市科技局'],
  },
  '三(五)2': { lead: ['市经信局'], coop: ['市金融发展服务中心'] },
  '三(五)3': { lead: ['市经信局'], coop: ['市发改局', '市科技局', '市科协', '宁波生态环境局慈溪分局'] },
  '三(五)4': { lead: ['市科技局'], coop: ['市发改局', '市经信局', '市商务局'] },
};

describe("Cixi's plan file", () => {
  it('loads and validates', () => {
    expect(plan.id).toBe('cixi');
    expect(plan.home).toBe(QUANSHI);
    expect([plan.baselineYear, plan.startYear, plan.targetYear]).toEqual([2021, 2022, 2026]);
  });

  it('names every unit the seed names as 牵头单位 or 配合单位, plus 前湾新区 as a reporting unit', () => {
    const named = new Set(Object.values(UNITS).flatMap((u) => [...u.lead, ...u.coop]));
    const zh = plan.departments.map((d) => d.name.zh);
    expect([...named].filter((n) => !zh.includes(n))).toEqual([]);
    expect(zh).toContain('前湾新区');
  });
});

describe('核心指标分解表', () => {
  // The table at the end of the seed, row by row: 全市 / 市级 / 前湾 × 2022…2026.
  const PATHS: Record<string, Record<string, number[]>> = {
    rd_gdp_ratio: {
      [QUANSHI]: [3.77, 3.9, 4.05, 4.2, 4.35],
      [SHIJI]: [3.3, 3.4, 3.5, 3.65, 3.8],
      [QIANWAN]: [4.8, 5.0, 5.2, 5.4, 5.5],
    },
    hightech_enterprises: {
      [QUANSHI]: [815, 1000, 1200, 1550, 1750],
      [SHIJI]: [660, 800, 950, 1250, 1400],
      [QIANWAN]: [155, 200, 250, 300, 350],
    },
    tech_transaction_value: {
      [QUANSHI]: [50, 58, 65, 73, 80],
      [SHIJI]: [26, 30, 33, 37, 40],
      [QIANWAN]: [24, 28, 32, 36, 40],
    },
    invention_patents: {
      [QUANSHI]: [6750, 7550, 8350, 9180, 10000],
      [SHIJI]: [3350, 3750, 4150, 4580, 5000],
      [QIANWAN]: [3400, 3800, 4200, 4600, 5000],
    },
  };

  for (const [code, rows] of Object.entries(PATHS)) {
    for (const [region, values] of Object.entries(rows)) {
      it(`${code} ${region}: ${values.join(' / ')}`, () => {
        const targets = targetsOf(code, region);
        expect(targets).toHaveLength(1);
        expect(targets[0]).toMatchObject({
          type: 'path',
          comparator: '>=',
          source: '核心指标分解表',
          values: Object.fromEntries(YEARS.map((y, i) => [y, values[i]])),
        });
        expect(Object.keys((targets[0] as Extract<Target, { type: 'path' }>).values)).toEqual(YEARS);
      });
    }
  }

  it('新增科技型中小企业: 年新增 450 / 400 / 50 家, 2022–2026', () => {
    for (const [region, value] of [
      [QUANSHI, 450],
      [SHIJI, 400],
      [QIANWAN, 50],
    ] as const) {
      expect(targetsOf('new_tech_smes', region)).toEqual([
        {
          type: 'annual_flow',
          indicator: 'new_tech_smes',
          region,
          from: 2022,
          to: 2026,
          value,
          source: '核心指标分解表',
        },
      ]);
    }
  });

  it('高新技术产业投资增速 > 工业投资增速 and 高新技术产业增加值增速 > 工业增加值增速, 市/区 = 全市, 市级, 前湾', () => {
    for (const [growth, exceeds] of [
      ['hightech_investment_growth', 'industrial_investment_growth'],
      ['hightech_va_growth', 'industrial_va_growth'],
    ]) {
      for (const region of [QUANSHI, SHIJI, QIANWAN]) {
        const fromTable = targetsOf(growth!, region).filter((t) => t.source === '核心指标分解表');
        expect(fromTable).toHaveLength(1);
        expect(fromTable[0]).toMatchObject({
          type: 'relative_growth',
          exceeds,
          marginPp: 0,
          from: 2022,
          to: 2026,
        });
      }
    }
  });

  it('marks exactly the 7 table indicators as core', () => {
    expect(
      plan.indicators
        .filter((i) => i.core)
        .map((i) => i.code)
        .sort(),
    ).toEqual(
      [
        'hightech_enterprises',
        'hightech_investment_growth',
        'hightech_va_growth',
        'invention_patents',
        'new_tech_smes',
        'rd_gdp_ratio',
        'tech_transaction_value',
      ].sort(),
    );
  });

  it('adds up for every year: 全市 = 市级 + 前湾 (planConsistencyReport on the real plan)', () => {
    const sums = planConsistencyReport(plan).filter((c) => c.kind === 'partition_sum');
    expect(sums.map((c) => `${c.indicator} ${c.year}`).sort()).toEqual(
      ['hightech_enterprises', 'new_tech_smes', 'tech_transaction_value', 'invention_patents']
        .flatMap((code) => YEARS.map((y) => `${code} ${y}`))
        .sort(),
    );
    expect(sums.filter((c) => !c.ok).map((c) => c.message)).toEqual([]);
  });

  it('R&D/GDP 2022: 市级 3.30 and 前湾 4.80 weighted by the real 2022 GDP imply 全市 3.795… vs 3.77', () => {
    // GDP 2022 (慈溪 2022 统计公报): 全市 2521.58, 市级 1689.44 亿元 ⇒ 前湾 2521.58 − 1689.44 = 832.14.
    // (3.30 × 1689.44 + 4.80 × 832.14) / 2521.58 = (5575.152 + 3994.272) / 2521.58 = 9569.424 / 2521.58
    //   = 3.7950110645…  (2521.58 × 3.795 = 9569.3961; 0.0279 / 2521.58 = 0.0000110645)
    // The table's 全市 3.77 is 0.025 points below what its own 市级/前湾 split implies.
    const gdp = [
      { indicator: 'gdp', region: QUANSHI, year: 2022, value: 2521.58 },
      { indicator: 'gdp', region: SHIJI, year: 2022, value: 1689.44 },
    ];
    const ratios = planConsistencyReport(plan, gdp).filter((c) => c.kind === 'partition_ratio');
    expect(ratios).toHaveLength(1);
    expect(ratios[0]).toMatchObject({ indicator: 'rd_gdp_ratio', year: 2022, expected: 3.77, ok: true });
    expect(ratios[0]!.actual).toBeCloseTo(3.7950110645, 9);
    expect(ratios[0]!.difference).toBeCloseTo(0.0250110645, 9);
  });
});

describe('targets in the text of the seed, each with the units of its paragraph', () => {
  // [indicator, region, expected target (partial), paragraph whose 牵头/配合单位 apply]
  const TEXT: [string, string, Partial<Target> & Record<string, unknown>, string][] = [
    ['tech_smes', QUANSHI, { type: 'path', values: { '2026': 4000 }, source: '二、总体目标' }, '三(二)1'],
    ['tech_smes', SHIJI, { type: 'path', values: { '2026': 3500 }, source: '二、总体目标' }, '三(二)1'],
    [
      'fiscal_st_spending',
      QUANSHI,
      { type: 'average_growth', baseYear: 2021, year: 2026, rate: 10 },
      '三(一)1',
    ],
    ['fiscal_st_share', QUANSHI, { type: 'path', values: { '2026': 12 } }, '三(一)1'],
    ['cit_incentive_share', QUANSHI, { type: 'path', values: { '2026': 40 } }, '三(一)1'],
    ['rd_institutes_ningbo_level', QUANSHI, { type: 'path', values: { '2026': 400 } }, '三(一)2'],
    ['rd_institutes_provincial', QUANSHI, { type: 'path', values: { '2026': 100 } }, '三(一)2'],
    ['rd_institute_coverage', QUANSHI, { type: 'path', values: { '2026': 90 } }, '三(一)2'],
    ['soft_investment_share', QUANSHI, { type: 'path', values: { '2026': 30 } }, '三(一)3'],
    ['rd_active_enterprise_share', QUANSHI, { type: 'path', values: { '2026': 70 } }, '三(一)3'],
    ['industrial_rd_intensity', QUANSHI, { type: 'path', values: { '2026': 3 } }, '三(一)3'],
    ['rd_personnel_per_10k_employed', QUANSHI, { type: 'path', values: { '2026': 200 } }, '三(一)3'],
    ['invention_patents_per_10k', QUANSHI, { type: 'path', values: { '2026': 50 } }, '三(一)3'],
    ['pct_applications', QUANSHI, { type: 'path', values: { '2026': 200 } }, '三(一)3'],
    ['national_standard_index', QUANSHI, { type: 'path', values: { '2026': 36 } }, '三(一)3'],
    ['core_ip_coverage', QUANSHI, { type: 'path', values: { '2026': 100 } }, '三(一)3'],
    ['tech_smes_per_1000_enterprises', QUANSHI, { type: 'path', values: { '2026': 80 } }, '三(二)1'],
    [
      'hightech_enterprises_per_1000_enterprises',
      QUANSHI,
      { type: 'path', values: { '2026': 35 } },
      '三(二)2',
    ],
    ['tech_unicorns', QUANSHI, { type: 'path', values: { '2026': 30 } }, '三(二)3'],
    ['star_market_reserve', QUANSHI, { type: 'path', values: { '2026': 5 } }, '三(二)3'],
    ['st_talents', QUANSHI, { type: 'multiple_of_base', baseYear: 2021, year: 2026, factor: 2 }, '三(三)1'],
    ['industrial_rd_personnel_share', QUANSHI, { type: 'path', values: { '2026': 10 } }, '三(三)1'],
    ['provincial_incubators', QUANSHI, { type: 'path', values: { '2026': 1 } }, '三(三)4'],
    ['incubation_platforms', QUANSHI, { type: 'path', values: { '2026': 20 } }, '三(三)4'],
    ['major_st_projects', QUANSHI, { type: 'cumulative', from: 2022, to: 2026, value: 40 }, '三(四)1'],
    ['st_awards', QUANSHI, { type: 'cumulative', from: 2022, to: 2026, value: 20 }, '三(四)1'],
    ['digital_core_va_share', QUANSHI, { type: 'path', values: { '2026': 11 } }, '三(四)2'],
    ['future_factories', QUANSHI, { type: 'path', values: { '2026': 60 } }, '三(四)2'],
    ['hightech_services_revenue_share', QUANSHI, { type: 'path', values: { '2026': 35 } }, '三(四)3'],
    ['st_services_hightech_enterprises', QUANSHI, { type: 'path', values: { '2026': 20 } }, '三(四)3'],
    [
      'hightech_va_growth',
      QUANSHI,
      { type: 'relative_growth', exceeds: 'industrial_va_growth', marginPp: 1, from: 2022, to: 2026 },
      '三(五)1',
    ],
    ['hightech_va_share', QUANSHI, { type: 'path', values: { '2026': 80 } }, '三(五)1'],
    ['strategic_emerging_va_share', QUANSHI, { type: 'path', values: { '2026': 20 } }, '三(五)1'],
    ['st_services_revenue_share', QUANSHI, { type: 'path', values: { '2026': 60 } }, '三(五)1'],
    ['informatization_index', QUANSHI, { type: 'path', values: { '2026': 110 } }, '三(五)1'],
    [
      'large_revenue_enterprises',
      QUANSHI,
      { type: 'multiple_of_base', baseYear: 2021, year: 2026, factor: 2 },
      '三(五)2',
    ],
    ['new_listed_companies', QUANSHI, { type: 'cumulative', from: 2022, to: 2026, value: 10 }, '三(五)2'],
    [
      'refinancing_amount',
      QUANSHI,
      { type: 'multiple_of_base', baseYear: 2021, year: 2026, factor: 2 },
      '三(五)2',
    ],
    ['digital_transformation_coverage', QUANSHI, { type: 'path', values: { '2026': 100 } }, '三(五)2'],
    ['labour_productivity', QUANSHI, { type: 'path', values: { '2026': 26 } }, '三(五)3'],
    [
      'science_popularization_spending_per_capita',
      QUANSHI,
      { type: 'path', values: { '2026': 5 } },
      '三(五)3',
    ],
    [
      'hightech_investment_growth',
      QUANSHI,
      { type: 'relative_growth', exceeds: 'industrial_investment_growth', marginPp: 1, from: 2022, to: 2026 },
      '三(五)4',
    ],
  ];

  for (const [code, region, expected, paragraph] of TEXT) {
    it(`${code} ${region} (${paragraph})`, () => {
      const matching = targetsOf(code, region).filter((t) =>
        Object.entries(expected).every(([k, v]) => k === 'values' || (t as Record<string, unknown>)[k] === v),
      );
      expect(matching).toHaveLength(1);
      expect(matching[0]).toMatchObject(expected);
      if (expected.type === 'path')
        expect(Object.keys((matching[0] as { values: object }).values)).toEqual(['2026']);
      if (!String(matching[0]!.source).startsWith('二')) expect(matching[0]!.source).toBe(paragraph);
      const ind = indicator(code);
      expect(unitNames(ind.leadUnits)).toEqual(UNITS[paragraph]!.lead);
      expect(unitNames(ind.cooperatingUnits)).toEqual(UNITS[paragraph]!.coop);
    });
  }

  it('core indicators carry the units of the paragraph where their target is written', () => {
    const where: Record<string, string> = {
      rd_gdp_ratio: '三(一)3',
      invention_patents: '三(一)3',
      new_tech_smes: '三(二)1',
      hightech_enterprises: '三(二)2',
      hightech_va_growth: '三(五)1',
      hightech_investment_growth: '三(五)4',
    };
    for (const [code, paragraph] of Object.entries(where)) {
      expect([code, unitNames(indicator(code).leadUnits)]).toEqual([code, UNITS[paragraph]!.lead]);
      expect([code, unitNames(indicator(code).cooperatingUnits)]).toEqual([code, UNITS[paragraph]!.coop]);
    }
    // 技术交易额 appears only in 二 and the table, which name no unit: 市科技局 by decision (see its note).
    expect(unitNames(indicator('tech_transaction_value').leadUnits)).toEqual(['市科技局']);
  });

  it('every indicator that is not a component has a target, and every ratio names its parts', () => {
    const targeted = new Set(plan.targets.map((t) => t.indicator));
    expect(plan.indicators.filter((i) => !i.component && !targeted.has(i.code)).map((i) => i.code)).toEqual(
      [],
    );
    const ratios = plan.indicators.filter((i) => i.measure === 'ratio');
    expect(ratios.filter((i) => i.aggregation !== 'ratio_of_sums' || !i.ratio).map((i) => i.code)).toEqual(
      [],
    );
  });
});

describe('五大行动 and their 17 tasks', () => {
  it('has the 5 actions with 3 + 3 + 4 + 3 + 4 tasks, each with the units of its paragraph', () => {
    expect(plan.actions.map((a) => [a.source, a.tasks.length])).toEqual([
      ['三(一)', 3],
      ['三(二)', 3],
      ['三(三)', 4],
      ['三(四)', 3],
      ['三(五)', 4],
    ]);
    const tasks = plan.actions.flatMap((a) => a.tasks);
    expect(tasks).toHaveLength(17);
    for (const t of tasks) {
      expect([t.source, unitNames(t.leadUnits), unitNames(t.cooperatingUnits)]).toEqual([
        t.source,
        UNITS[t.source]!.lead,
        UNITS[t.source]!.coop,
      ]);
    }
  });
});

// MISSION.md speaks of "20 towns/streets", but its NBS 2023 list (the authority used here) has 19 codes:
// 5 街道 + 14 镇. With 陆中湾街道 (Nov 2024) Cixi has 20.
describe('regions: 陆中湾 carved out of 庵东 in Nov 2024', () => {
  const before = isoDate('2023-12-31');
  const after = isoDate('2025-06-30');
  const ANDONG = '330282118';
  const CHONGSHOU = '330282116';
  const LUZHONGWAN = '330282-LZW';

  it('前湾 is 庵东 + 崇寿 before, and + 陆中湾 after', () => {
    expect(regionMembersOn(plan, regionCode(QIANWAN), before)).toEqual([ANDONG, CHONGSHOU]);
    expect(regionMembersOn(plan, regionCode(QIANWAN), after)).toEqual([ANDONG, CHONGSHOU, LUZHONGWAN]);
  });

  it('全市 (330282) has 19 towns and streets before and 20 after; 市级 keeps the same 17', () => {
    const cixiBefore = regionMembersOn(plan, regionCode(QUANSHI), before);
    const cixiAfter = regionMembersOn(plan, regionCode(QUANSHI), after);
    expect(cixiBefore).toHaveLength(19);
    expect(cixiAfter).toHaveLength(20);
    expect(cixiAfter.filter((c) => !cixiBefore.includes(c))).toEqual([LUZHONGWAN]);
    expect(regionMembersOn(plan, regionCode(SHIJI), before)).toHaveLength(17);
    expect(regionMembersOn(plan, regionCode(SHIJI), after)).toEqual(
      regionMembersOn(plan, regionCode(SHIJI), before),
    );
  });

  it('the cixi-towns peer set, filtered by date, has 19 members before and 20 after', () => {
    const members = plan.peerSets.find((p) => p.code === 'cixi-towns')!.members;
    expect(members.filter((m) => regionOn(plan, regionCode(m), before))).toHaveLength(19);
    expect(members.filter((m) => regionOn(plan, regionCode(m), after))).toHaveLength(20);
  });

  it('陆中湾 has an unofficial code and records where it came from', () => {
    expect(plan.regions.find((r) => r.code === LUZHONGWAN)).toMatchObject({
      kind: 'street',
      parent: QUANSHI,
      validFrom: '2024-11-01',
      splitFrom: ANDONG,
      unofficialCode: true,
    });
  });
});

describe('regions: codes and the tile map', () => {
  // NBS 2023 统计用区划代码 (MISSION.md): 5 街道 and 14 镇.
  const STREETS = {
    '330282002': '宗汉街道',
    '330282003': '坎墩街道',
    '330282004': '浒山街道',
    '330282005': '白沙路街道',
    '330282006': '古塘街道',
  };
  const TOWNS = {
    '330282104': '掌起镇',
    '330282107': '观海卫镇',
    '330282108': '附海镇',
    '330282109': '桥头镇',
    '330282110': '匡堰镇',
    '330282111': '逍林镇',
    '330282112': '新浦镇',
    '330282113': '胜山镇',
    '330282114': '横河镇',
    '330282116': '崇寿镇',
    '330282118': '庵东镇',
    '330282120': '长河镇',
    '330282121': '周巷镇',
    '330282123': '龙山镇',
  };

  it('has the official codes, names and kinds of the 19 towns and streets', () => {
    for (const [kind, list] of [
      ['street', STREETS],
      ['town', TOWNS],
    ] as const) {
      for (const [code, zh] of Object.entries(list)) {
        expect(plan.regions.find((r) => r.code === code)).toMatchObject({
          name: { zh },
          kind,
          parent: QUANSHI,
        });
      }
    }
  });

  it('gives every Cixi town a distinct tile, 周巷/长河 west of 观海卫/掌起/龙山', () => {
    const towns = plan.regions.filter((r) => r.parent === QUANSHI);
    expect(towns).toHaveLength(20);
    const tiles = towns.map((r) => `${r.tile!.col},${r.tile!.row}`);
    expect(new Set(tiles).size).toBe(towns.length);
    const col = (code: string) => towns.find((r) => r.code === code)!.tile!.col;
    for (const west of ['330282121', '330282120']) {
      for (const east of ['330282107', '330282104', '330282123']) expect(col(west)).toBeLessThan(col(east));
    }
  });

  it('compares Cixi with the 10 Ningbo 区县（市） against the 宁波市 value', () => {
    const ningbo = plan.peerSets.find((p) => p.code === 'ningbo')!;
    expect([...ningbo.members].sort()).toEqual(
      [
        '330203',
        '330205',
        '330206',
        '330211',
        '330212',
        '330213',
        '330225',
        '330226',
        '330281',
        '330282',
      ].sort(),
    );
    expect(ningbo.reference).toBe('330200');
  });

  it('keeps the functional zones out of the 宁波市 hierarchy (no parent: their area lies inside districts)', () => {
    const zones = plan.regions.filter((r) => r.kind === 'zone');
    expect(zones.map((z) => z.name.zh)).toEqual(['宁波高新区', '宁波前湾新区']);
    expect(zones.every((z) => z.unofficialCode && z.parent === undefined)).toBe(true);
  });
});
