// The demo data's fixed inputs: published real figures (with citations), and synthetic scales.
// Only REAL_FIGURES are real; every scale below is an invented, plausible magnitude (see docs/DEMO_DATA.md).

export interface RealFigure {
  indicator: string;
  region: string;
  year: number;
  value: number;
  citation: string;
}

const GDP_2022 = '慈溪市2022年国民经济和社会发展统计公报';
const HT_VA_2023 =
  '慈溪市2023年高新技术产业统计（公开报道）：高新技术产业增加值817.5亿元，占规上工业增加值79.69%；市级392.8亿元，占75.31%';

/** Published figures listed in MISSION.md; everything else in the demo data is synthetic. */
export const REAL_FIGURES: RealFigure[] = [
  {
    indicator: 'gdp',
    region: '330282',
    year: 2022,
    value: 2521.58,
    citation: `${GDP_2022}：全市地区生产总值2521.58亿元`,
  },
  {
    indicator: 'gdp',
    region: '330282-SJ',
    year: 2022,
    value: 1689.44,
    citation: `${GDP_2022}：市级地区生产总值1689.44亿元`,
  },
  {
    indicator: 'hightech_enterprises',
    region: '330282',
    year: 2024,
    value: 994,
    citation: '慈溪市有效高新技术企业994家（2024年，公开报道）',
  },
  { indicator: 'hightech_va', region: '330282', year: 2023, value: 817.5, citation: HT_VA_2023 },
  { indicator: 'hightech_va', region: '330282-SJ', year: 2023, value: 392.8, citation: HT_VA_2023 },
  { indicator: 'hightech_va_share', region: '330282', year: 2023, value: 79.69, citation: HT_VA_2023 },
  { indicator: 'hightech_va_share', region: '330282-SJ', year: 2023, value: 75.31, citation: HT_VA_2023 },
  // Derived from the two published figures above: 817.5 / 79.69% and 392.8 / 75.31%.
  {
    indicator: 'industrial_va',
    region: '330282',
    year: 2023,
    value: 1025.85,
    citation: `${HT_VA_2023}（据此推算：817.5 ÷ 79.69%）`,
  },
  {
    indicator: 'industrial_va',
    region: '330282-SJ',
    year: 2023,
    value: 521.58,
    citation: `${HT_VA_2023}（据此推算：392.8 ÷ 75.31%）`,
  },
  {
    indicator: 'hightech_investment',
    region: '330282',
    year: 2023,
    value: 165.3,
    citation: '慈溪市2023年高新技术产业投资165.3亿元（公开报道）',
  },
  {
    indicator: 'rd_gdp_ratio',
    region: '330200',
    year: 2023,
    value: 3.08,
    citation: '宁波市2023年全社会R&D经费占GDP比重3.08%（公开发布）',
  },
  {
    indicator: 'rd_gdp_ratio',
    region: '330211',
    year: 2023,
    value: 3.66,
    citation: '镇海区2023年全社会R&D经费占GDP比重3.66%（公开发布）',
  },
];

/**
 * Synthetic 2021 county-level magnitudes and annual growth (%) for indicators that have no target to
 * derive them from (denominators such as GDP and population, and bases of "倍增" targets).
 */
export const DEMO_SCALE: Record<string, { level2021: number; growth: number }> = {
  gdp: { level2021: 2330, growth: 6 },
  population: { level2021: 185, growth: 0.5 },
  employed_persons: { level2021: 115, growth: 0.5 },
  enterprises: { level2021: 44000, growth: 2.5 },
  industrial_enterprises: { level2021: 4200, growth: 3 },
  industrial_employees: { level2021: 450000, growth: 1 },
  industrial_revenue: { level2021: 4500, growth: 6 },
  industrial_va: { level2021: 930, growth: 5 },
  industrial_investment: { level2021: 260, growth: 6 },
  hightech_investment: { level2021: 140, growth: 8.5 },
  services_revenue: { level2021: 700, growth: 8 },
  comprehensive_investment: { level2021: 900, growth: 5 },
  fiscal_recurrent_expenditure: { level2021: 150, growth: 4 },
  fiscal_st_spending: { level2021: 14, growth: 10 },
  cit_payable: { level2021: 60, growth: 5 },
  st_talents: { level2021: 120, growth: 15 },
  large_revenue_enterprises: { level2021: 90, growth: 14 },
  refinancing_amount: { level2021: 30, growth: 15 },
};

/** Synthetic relative economic size of each town (1 = an average town). */
export const TOWN_SIZE: Record<string, number> = {
  '330282002': 1.1, // 宗汉
  '330282003': 0.9, // 坎墩
  '330282004': 1.3, // 浒山
  '330282005': 0.9, // 白沙路
  '330282006': 1.2, // 古塘
  '330282104': 0.7, // 掌起
  '330282107': 1.2, // 观海卫
  '330282108': 0.8, // 附海
  '330282109': 0.6, // 桥头
  '330282110': 0.5, // 匡堰
  '330282111': 0.6, // 逍林
  '330282112': 0.7, // 新浦
  '330282113': 0.6, // 胜山
  '330282114': 0.9, // 横河
  '330282116': 0.8, // 崇寿
  '330282118': 1.3, // 庵东
  '330282120': 0.7, // 长河
  '330282121': 1.2, // 周巷
  '330282123': 0.8, // 龙山
};

/** Synthetic size of each Ningbo peer relative to Cixi (1 = Cixi). */
export const PEER_SIZE: Record<string, number> = {
  '330203': 0.6, // 海曙
  '330205': 0.5, // 江北
  '330206': 1.0, // 北仑
  '330211': 0.5, // 镇海
  '330212': 1.2, // 鄞州
  '330213': 0.4, // 奉化
  '330225': 0.35, // 象山
  '330226': 0.4, // 宁海
  '330281': 0.7, // 余姚
};
