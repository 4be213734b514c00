// The 季报's sentence patterns (issue 9), each from engine rows of a toy county with hand-computed figures.
import { describe, expect, it } from 'vitest';
import { progressCompute, type ProgressRow } from '../engine/progress.ts';
import type { Observation } from '../observation.ts';
import type { Period } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import { buildIndicator, buildObservation as obs, buildPlan } from '../testing/factories.ts';
import { documentNumbers, inlineText, type ReportDocument } from './document.ts';
import { NarrativeError, reportBuild, reportNumberValue, type NarrativeInput } from './narrative.ts';

const P = (s: string) => s as Period;

/** Two counties C (ours) and D ranked in 'county'; C has the zone C-Z and its complement 市级 C-S. */
function plan(overrides: Partial<Plan> = {}): Plan {
  return buildPlan({
    peerSets: [
      { code: 'county', name: { zh: '邻近县市', en: 'neighbouring counties' }, members: ['C', 'D'] },
    ],
    ...overrides,
  });
}

function build(
  p: Plan,
  observations: Observation[],
  period: string,
  previous?: string,
  extra: Partial<NarrativeInput> = {},
): { doc: ReportDocument; rows: ProgressRow[]; prev: ProgressRow[] } {
  const rows = progressCompute(p, observations, P(period), { includeComponents: true });
  const prev = previous ? progressCompute(p, observations, P(previous), { includeComponents: true }) : [];
  const doc = reportBuild({
    plan: p,
    period: P(period),
    rows,
    previousRows: prev,
    lang: 'zh',
    mode: { kind: 'full' },
    issue: { number: 3, total: 12 },
    date: '2025-10-20',
    snapshotId: 'snap-1',
    ...extra,
  });
  return { doc, rows, prev };
}

const sentences = (doc: ReportDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : []));

// new_firms (flow, 家): 2024 1—9月 30 of a 2024 total of 40 ⇒ seasonal 序时进度 share 30/40 = 75%;
// 2025 target 40 (annual_flow); C 33 by September ⇒ 完成 33/40 = 82.5%, 超序时进度 82.5 − 75 = 7.5 pp;
// YoY 33/30 − 1 = 10.0%; D has 31 ⇒ C first of 2; in June C had 15 and D 20 ⇒ C was second: up 1 place.
const flowObs = [
  obs('new_firms', 'C', '2024Q3', 30),
  obs('new_firms', 'C', '2024', 40),
  obs('new_firms', 'C', '2025Q2', 15),
  obs('new_firms', 'D', '2025Q2', 20),
  obs('new_firms', 'C', '2025Q3', 33),
  obs('new_firms', 'D', '2025Q3', 31),
];

describe('the sentence about an indicator', () => {
  it('value, YoY, completion, 序时进度, rank and rank change in the pattern of a 季报', () => {
    const { doc } = build(plan(), flowObs, '2025Q3', '2025Q2');
    expect(sentences(doc)).toContain(
      '1—9月，全市（含新区）new_firms完成33家，同比增长10.0%，完成年度目标的82.5%，超序时进度7.5个百分点，居邻近县市第1位，比上季度提升1个位次。',
    );
  });

  it('a fall is 下降, never 增长-', () => {
    // 27 against 30 last year: 27/30 − 1 = −10.0%; 完成 67.5%, 67.5 − 75 = −7.5 pp
    const down = flowObs.map((o) => (o.region === 'C' && o.period === '2025Q3' ? { ...o, value: 27 } : o));
    const text = sentences(build(plan(), down, '2025Q3', '2025Q2').doc).join('');
    expect(text).toContain('new_firms完成27家，同比下降10.0%，完成年度目标的67.5%，低于序时进度7.5个百分点');
    expect(text).not.toMatch(/增长-|提高-|超序时进度-/);
  });

  it('rates change in 个百分点 and ties say 并列', () => {
    // rd_gdp = rd / gdp × 100: C 2025 35/1000 = 3.50%, 2024 33.3/1000 = 3.33% ⇒ +0.17 pp; D also 3.50% ⇒ tie
    const p = plan();
    const o = [
      obs('rd', 'C', '2025', 35),
      obs('gdp', 'C', '2025', 1000),
      obs('rd', 'C', '2024', 33.3),
      obs('gdp', 'C', '2024', 1000),
      obs('rd_gdp', 'D', '2025', 3.5),
    ];
    const text = sentences(build(p, o, '2025').doc).join('');
    expect(text).toContain(
      '全年，全市（含新区）rd_gdp为3.50%，比上年同期提高0.17个百分点，完成年度目标的100.0%',
    );
    expect(text).toContain('居邻近县市并列第1位');
    expect(text).not.toContain('序时进度'); // at year-end the completion says it: no 超序时进度 0.0
  });

  it('every sentence with a number names its scope: 全市（含…） or 市级（不含…）', () => {
    const p = plan({
      targets: [
        ...plan().targets,
        {
          type: 'path',
          indicator: 'firms',
          region: 'C-S',
          source: 't',
          comparator: '>=',
          values: { '2025': 50 },
        },
      ],
    });
    const o = ['T1', 'T2', 'T3', 'T4'].map((t, i) => obs('firms', t, '2025Q3', [30, 25, 10, 5][i]!));
    const { doc } = build(p, o, '2025Q3', undefined, { mode: { kind: 'indicator', indicator: 'firms' } });
    const text = sentences(doc);
    // 全市 30 + 25 + 10 + 5 = 70 家; 市级 T1 + T2 = 55 家 against its target 50 ⇒ 110.0%
    expect(text[0]).toMatch(/^截至9月末，全市（含新区）firms达70家/);
    expect(text).toContain('截至9月末，市级（不含新区）firms达55家，完成年度目标的110.0%。');
    for (const s of text.filter((t) => /\d/.test(t) && !t.startsWith('计算说明'))) {
      expect(s).toMatch(/全市（含新区）|市级（不含新区）|新区|一镇|二镇|三镇|四街道/);
    }
  });

  it('growth against growth: 低于工业投资增速 X 个百分点', () => {
    // 高新投资 105/100 → 5.0%; 工业投资 208/200 → 4.0%... set 7.8% so the gap is 5.0 − 7.8 = −2.8 pp
    const p = buildPlan({
      indicators: [
        buildIndicator({ code: 'ht_inv', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
        buildIndicator({ code: 'ind_inv', unit: '亿元', measure: 'flow', component: true, category: 'none' }),
        buildIndicator({
          code: 'ht_inv_growth',
          name: { zh: '高新技术产业投资增速', en: 'High-tech investment growth' },
          unit: '%',
          measure: 'growth',
          category: 'level',
          growthOf: 'ht_inv',
          aggregation: 'growth_of_sums',
          decimals: 1,
        }),
        buildIndicator({
          code: 'ind_inv_growth',
          name: { zh: '工业投资增速', en: 'Industrial investment growth' },
          unit: '%',
          measure: 'growth',
          category: 'level',
          growthOf: 'ind_inv',
          aggregation: 'growth_of_sums',
          decimals: 1,
          component: true,
        }),
      ],
      targets: [
        {
          type: 'relative_growth',
          indicator: 'ht_inv_growth',
          region: 'C',
          source: 't',
          exceeds: 'ind_inv_growth',
          marginPp: 0,
          from: 2022,
          to: 2026,
        },
      ],
      peerSets: [],
    });
    const o = [
      obs('ht_inv', 'C', '2024Q3', 100),
      obs('ht_inv', 'C', '2025Q3', 105),
      obs('ind_inv', 'C', '2024Q3', 200),
      obs('ind_inv', 'C', '2025Q3', 215.6),
    ];
    const text = sentences(build(p, o, '2025Q3').doc).join('');
    expect(text).toContain('1—9月，全市（含新区）高新技术产业投资增速5.0%，低于工业投资增速2.8个百分点。');
  });

  it('an annual-only indicator in Q1–Q3: 年度指标，季度不评价', () => {
    const p = plan({
      indicators: plan().indicators.map((i) =>
        i.code === 'rd_gdp' ? { ...i, frequency: 'annual' as const } : i,
      ),
    });
    const o = [obs('rd', 'C', '2025Q3', 25), obs('gdp', 'C', '2025Q3', 760)];
    expect(sentences(build(p, o, '2025Q3').doc).join('')).toContain('rd_gdp为3.29%，年度指标，季度不评价。');
  });

  it('a YoY across a boundary change is withheld and says so', () => {
    const o = [obs('firms', 'T3', '2024Q3', 100), obs('firms', 'T3', '2025Q3', 70)];
    const { doc } = build(plan(), o, '2025Q3', undefined, {
      mode: { kind: 'indicator', indicator: 'firms' },
    });
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table).toBeDefined();
    expect(doc.meta.notes.join('')).toContain('三镇因行政区划调整，同比按可比口径计算或不计算。');
  });
});

describe('the document', () => {
  const { doc, rows, prev } = build(plan(), flowObs, '2025Q3', '2025Q2');

  it('has the 报头 of the 季报', () => {
    expect(doc.meta).toMatchObject({
      title: '测试县科技创新统计季报',
      issueLabel: '2025年第3期（总第12期）',
      headline: '1—9月全市科技创新主要指标运行情况', // one line of 二号; the year is in the issue label
      editor: '测试县科学技术局编',
      synthetic: true,
      snapshotId: 'snap-1',
    });
    expect(doc.meta.notes.at(-1)).toBe('本期数据含合成演示数据（非真实统计数据），仅供演示，不得引用。');
  });

  it('every number traces to its engine row and is printed rounded from it', () => {
    const numbers = documentNumbers(doc);
    expect(numbers.length).toBeGreaterThan(5);
    for (const { path, part } of numbers) {
      expect(part.source.snapshotId, path).toBe('snap-1');
      if (part.source.field === 'count' || part.source.field === 'gapToCompared') continue;
      const row = rows.find((r) => r.indicator === part.source.indicator && r.region === part.source.region)!;
      const before = prev.find((r) => r.indicator === row.indicator && r.region === row.region);
      expect(part.value, path).toBe(reportNumberValue(row, part.source.field, before));
    }
  });

  it('the appendix has the nine columns and the 存在问题 paragraphs are editable', () => {
    const appendix = doc.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('附表'));
    expect(appendix && appendix.kind === 'table' && appendix.columns.map((c) => c.label)).toEqual([
      '指标',
      '单位',
      '本期累计',
      '同比%',
      '年度目标',
      '完成率%',
      '序时进度差（百分点）',
      '宁波位次',
      '位次变化',
    ]);
    const editable = doc.blocks.filter((b) => b.kind === 'paragraph' && b.editableId);
    expect(editable.map((b) => b.kind === 'paragraph' && b.editableId)).toContain('nextSteps');
  });

  it('a one-page sheet is not a numbered issue: its masthead line names the period', () => {
    const sheet = build(plan(), flowObs, '2025Q3', undefined, {
      mode: { kind: 'indicator', indicator: 'new_firms' },
    });
    expect(sheet.doc.meta.issueLabel).toBe('2025年1—9月');
    expect(sheet.doc.meta.headline).toBe('new_firms（2025年1—9月）');
  });

  it('an edit replaces the drafted paragraph', () => {
    const edited = build(plan(), flowObs, '2025Q3', '2025Q2', { edits: { nextSteps: '加快推进。' } }).doc;
    expect(sentences(edited)).toContain('加快推进。');
  });
});

describe('bad requests', () => {
  it('nothing published: a clear error', () => {
    expect(() => build(plan(), [], '2025Q3')).toThrow(NarrativeError);
    expect(() => build(plan(), [], '2025Q3')).toThrow(/nothing published for 2025Q3/);
  });
  it('an unknown indicator in a custom report is named', () => {
    expect(() =>
      build(plan(), flowObs, '2025Q3', undefined, {
        mode: { kind: 'custom', sections: ['overview'], indicators: ['nope'] },
      }),
    ).toThrow("the plan has no indicator 'nope'");
  });
});
