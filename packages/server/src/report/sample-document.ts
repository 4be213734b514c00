// A hand-built report document of the real one's shape and size (报头, 一–五 sections, a town ranking, charts,
// a 附表 that runs over pages, 注), with synthetic figures: what the renderer tests and the bench print.
// Not built by the narrative engine on purpose — it tests the renderer alone.
import {
  numberPart,
  prngMulberry32,
  prngUniform,
  textPart,
  type InlinePart,
  type NumberField,
  type ReportBlock,
  type ReportDocument,
  type ReportTableCell,
} from '@ding/core';

export const SAMPLE_TOWNS = [
  '浒山街道',
  '白沙路街道',
  '古塘街道',
  '坎墩街道',
  '宗汉街道',
  '观海卫镇',
  '附海镇',
  '桥头镇',
  '匡堰镇',
  '逍林镇',
  '新浦镇',
  '胜山镇',
  '横河镇',
  '崇寿镇',
  '庵东镇',
  '长河镇',
  '周巷镇',
  '龙山镇',
  '掌起镇',
];

const INDICATORS: { code: string; name: string; unit: string }[] = [
  { code: 'rd_gdp_ratio', name: 'R&D经费支出占GDP比重', unit: '%' },
  { code: 'rd_industry', name: '规上工业企业R&D经费支出', unit: '亿元' },
  { code: 'rd_revenue_ratio', name: '规上工业R&D经费占营业收入比重', unit: '%' },
  { code: 'hitech_firms', name: '高新技术企业数', unit: '家' },
  { code: 'sme_tech', name: '科技型中小企业数', unit: '家' },
  { code: 'tech_trade', name: '技术交易额', unit: '亿元' },
  { code: 'hitech_value_added', name: '高新技术产业增加值', unit: '亿元' },
  { code: 'hitech_share', name: '高新技术产业增加值占规上工业比重', unit: '%' },
  { code: 'hitech_investment', name: '高新技术产业投资', unit: '亿元' },
  { code: 'new_product_rate', name: '规上工业新产品产值率', unit: '%' },
  { code: 'patents_invention', name: '发明专利授权量', unit: '件' },
  { code: 'patents_per_10k', name: '每万人高价值发明专利拥有量', unit: '件' },
  { code: 'rd_institutes', name: '省级以上企业研发机构', unit: '家' },
  { code: 'talents', name: '新引进高层次人才', unit: '人' },
];

const PERIOD = '2025Q3';
const CITY = '330282';

/** A number part rounded to `decimals`, traced to (indicator, region, 2025Q3, field). */
function num(
  value: number,
  decimals: number,
  indicator: string,
  region: string,
  field: NumberField,
): InlinePart {
  return numberPart(value.toFixed(decimals), value, {
    indicator,
    region,
    period: PERIOD,
    field,
    snapshotId: 'sample-1',
  });
}

/**
 * The sample. `annexRows` sets the 附表's length (default: every indicator for 全市 and 市级, 28 rows, which
 * runs over two pages at 12 pt); the seed makes the figures repeatable.
 */
export function reportSampleDocument(options: { annexRows?: number; seed?: number } = {}): ReportDocument {
  const rng = prngMulberry32(options.seed ?? 2025);
  const r = (lo: number, hi: number) => prngUniform(rng, lo, hi);
  const blocks: ReportBlock[] = [];
  const t = textPart;

  blocks.push({ kind: 'heading', level: 1, number: '一、', text: '总体情况' });
  blocks.push({
    kind: 'paragraph',
    parts: [
      t('1—9月，全市（含前湾）技术交易额完成'),
      num(58.3612, 2, 'tech_trade', CITY, 'value'),
      t('亿元，同比增长'),
      num(12.27, 1, 'tech_trade', CITY, 'yoy'),
      t('%，完成年度目标的'),
      num(79.94, 1, 'tech_trade', CITY, 'completion'),
      t('%，超序时进度'),
      num(4.94, 1, 'tech_trade', CITY, 'gapToExpected'),
      t('个百分点，居宁波各区县（市）第'),
      num(2, 0, 'tech_trade', CITY, 'rank'),
      t('位，比上季度提升'),
      num(1, 0, 'tech_trade', CITY, 'rankChange'),
      t('个位次。'),
    ],
  });
  blocks.push({
    kind: 'paragraph',
    parts: [
      t('1—9月，全市（含前湾）规上工业企业R&D经费支出'),
      num(86.514, 2, 'rd_industry', CITY, 'value'),
      t('亿元，同比下降'),
      num(3.42, 1, 'rd_industry', CITY, 'yoy'),
      t('%；高新技术产业投资增速'),
      num(5.7, 1, 'hitech_investment', CITY, 'yoy'),
      t('%，低于工业投资增速'),
      num(2.8, 1, 'hitech_investment', CITY, 'gapToTarget'),
      t('个百分点。R&D经费支出占GDP比重为年度指标，季度不评价。'),
    ],
  });

  blocks.push({ kind: 'heading', level: 1, number: '二、', text: '分项指标' });
  const groups = ['研发投入', '企业主体', '成果转化', '高新产业', '平台人才'];
  const zhNum = ['一', '二', '三', '四', '五'];
  groups.forEach((g, gi) => {
    blocks.push({ kind: 'heading', level: 2, number: `（${zhNum[gi]}）`, text: g });
    for (let k = 0; k < 2; k++) {
      const ind = INDICATORS[(gi * 2 + k) % INDICATORS.length]!;
      const v = r(10, 900);
      const y = r(-8, 25);
      blocks.push({ kind: 'heading', level: 3, number: `${k + 1}.`, text: ind.name });
      blocks.push({
        kind: 'paragraph',
        parts: [
          t(`1—9月，全市（含前湾）${ind.name}`),
          num(v, 2, ind.code, CITY, 'value'),
          t(`${ind.unit}，同比${y < 0 ? '下降' : '增长'}`),
          num(Math.abs(y), 1, ind.code, CITY, 'yoy'),
          t('%，完成年度目标的'),
          num(r(55, 110), 1, ind.code, CITY, 'completion'),
          t('%。其中，市级（不含前湾）完成'),
          num(v * 0.82, 2, ind.code, '330282-SJ', 'value'),
          t(`${ind.unit}，各镇（街道）发展不均衡，排名前三的镇（街道）合计占全市的比重超过四成，`),
          t('后进镇（街道）仍需加大企业研发投入和项目储备力度。'),
        ],
      });
    }
    if (gi === 0) {
      blocks.push({
        kind: 'chart',
        chart: {
          kind: 'barLine',
          title: '各镇（街道）规上工业R&D经费支出及增速',
          categories: SAMPLE_TOWNS.slice(0, 10),
          series: [
            {
              name: 'R&D经费支出',
              unit: '亿元',
              data: SAMPLE_TOWNS.slice(0, 10).map(() => +r(1, 9).toFixed(2)),
            },
            {
              name: '同比增长',
              unit: '%',
              data: SAMPLE_TOWNS.slice(0, 10).map(() => +r(-10, 25).toFixed(1)),
            },
          ],
          decimals: 1,
        },
        caption: '图1 各镇（街道）规上工业R&D经费支出及增速',
      });
    }
  });

  blocks.push({ kind: 'heading', level: 1, number: '三、', text: '镇（街道）情况' });
  blocks.push({
    kind: 'paragraph',
    parts: [
      t('从序时进度看，'),
      num(5, 0, 'tech_trade', CITY, 'count'),
      t('个镇（街道）技术交易额未达序时进度，分别是新浦镇、胜山镇、横河镇、崇寿镇、庵东镇。'),
    ],
  });
  const completions = SAMPLE_TOWNS.map(() => r(45, 115)).sort((a, b) => b - a);
  blocks.push({
    kind: 'table',
    caption: '表1 各镇（街道）技术交易额完成情况',
    columns: [
      { label: '位次', width: { chars: 3 }, align: 'center' },
      { label: '镇（街道）', width: { chars: 6 }, align: 'left' },
      { label: '本期累计（亿元）', width: { chars: 5 }, align: 'right' },
      { label: '完成率%', width: { chars: 4 }, align: 'right' },
      { label: '序时进度差（百分点）', width: { chars: 5 }, align: 'right' },
    ],
    rows: SAMPLE_TOWNS.map((town, i): ReportTableCell[] => [
      num(i + 1, 0, 'tech_trade', town, 'rank'),
      t(town),
      num(r(0.5, 9), 2, 'tech_trade', town, 'value'),
      num(completions[i]!, 1, 'tech_trade', town, 'completion'),
      num(completions[i]! - 75, 1, 'tech_trade', town, 'gapToExpected'),
    ]),
    notes: ['位次按完成率排列；序时进度为75%。'],
  });
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'bar',
      title: '各镇（街道）技术交易额完成率（%）',
      categories: SAMPLE_TOWNS,
      series: [{ name: '完成率', unit: '%', data: completions.map((c) => +c.toFixed(1)) }],
      targetLine: { name: '序时进度', value: 75 },
      decimals: 1,
    },
    caption: '图2 各镇（街道）技术交易额完成率',
  });

  blocks.push({ kind: 'heading', level: 1, number: '四、', text: '存在问题' });
  blocks.push({
    kind: 'paragraph',
    editableId: 'problems',
    parts: [
      t('一是研发投入增长乏力。规上工业企业R&D经费支出同比下降'),
      num(3.42, 1, 'rd_industry', CITY, 'yoy'),
      t('%，要完成2026年目标，年均需增长'),
      num(14.6, 1, 'rd_industry', CITY, 'requiredGrowth'),
      t('%。二是镇（街道）进度分化，部分镇（街道）完成率不足六成。'),
    ],
  });

  blocks.push({ kind: 'pageBreak' });
  const annexRows = options.annexRows ?? INDICATORS.length * 2;
  const annex: ReportTableCell[][] = [];
  for (let i = 0; i < annexRows; i++) {
    const ind = INDICATORS[i % INDICATORS.length]!;
    const region = i < INDICATORS.length ? CITY : '330282-SJ';
    const v = r(5, 900);
    const target = v / r(0.6, 1.1);
    const completion = (v / target) * 100;
    annex.push([
      t(`${ind.name}${i < INDICATORS.length ? '' : '（市级）'}`),
      t(ind.unit),
      num(v, 2, ind.code, region, 'value'),
      num(r(-9, 30), 1, ind.code, region, 'yoy'),
      num(target, 2, ind.code, region, 'target'),
      num(completion, 1, ind.code, region, 'completion'),
      num(completion - 75, 1, ind.code, region, 'gapToExpected'),
      num(1 + Math.floor(r(0, 10)), 0, ind.code, region, 'rank'),
      num(Math.floor(r(-2, 3)), 0, ind.code, region, 'rankChange'),
    ]);
  }
  blocks.push({
    kind: 'table',
    caption: '附表 2025年1—9月慈溪市科技创新主要指标完成情况',
    columns: [
      { label: '指标', width: { chars: 9 }, align: 'left' },
      { label: '单位', width: { chars: 2 }, align: 'center' },
      { label: '本期累计', width: { chars: 4 }, align: 'right' },
      { label: '同比%', width: { chars: 3 }, align: 'right' },
      { label: '年度目标', width: { chars: 4 }, align: 'right' },
      { label: '完成率%', width: { chars: 3.5 }, align: 'right' },
      { label: '序时进度差（百分点）', width: { chars: 4 }, align: 'right' },
      { label: '宁波位次', width: { chars: 2.5 }, align: 'center' },
      { label: '位次变化', width: { chars: 2.5 }, align: 'center' },
    ],
    rows: annex,
    notes: ['完成率 = 本期累计 ÷ 年度目标 × 100%；序时进度差 = 完成率 − 序时进度（75%）。'],
  });

  return {
    meta: {
      title: '慈溪市科技创新统计季报',
      issueLabel: '2025年第3期（总第12期）',
      editor: '慈溪市科学技术局编',
      date: '2025-10-20',
      headline: '2025年1—9月全市科技创新指标运行情况',
      lang: 'zh',
      synthetic: true,
      notes: [
        '全市（含前湾）指慈溪市域，含前湾新区慈溪区域；市级（不含前湾）不含前湾新区。',
        '数据来源：市统计局、市科技局；2025年数据为快报数，2024年数据为年报数。',
        '本期数据为合成演示数据。',
      ],
      snapshotId: 'sample-1',
    },
    blocks,
  };
}
