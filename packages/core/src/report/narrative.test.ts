// The 季报's sentence patterns (issue 9), each from engine rows of a toy county with hand-computed figures.
import { describe, expect, it } from 'vitest';
import { progressCompute, type ProgressRow } from '../engine/progress.ts';
import type { Observation } from '../observation.ts';
import type { Period } from '../period.ts';
import type { Plan } from '../plan/schema.ts';
import { buildIndicator, buildObservation as obs, buildPlan } from '../testing/factories.ts';
import { roundHalfAway, roundedDifference } from '../engine/rounding.ts';
import { documentNumbers, inlineText, type ReportBlock, type ReportDocument } from './document.ts';
import { NarrativeError, reportBuild, reportNumberValue, type NarrativeInput } from './narrative.ts';
import { reportIssueLabel } from './phrases.ts';

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

/** 高新技术产业投资增速 must exceed 工业投资增速 (a relative_growth target); both from 1—9月 sums. */
function growthPlan(): Plan {
  return buildPlan({
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
}

// The same new_firms, behind: 28.02 of 40 by September against a schedule of 30.016/40 = 75.04%.
const behindObs = [
  obs('new_firms', 'C', '2024Q3', 30.016),
  obs('new_firms', 'C', '2024', 40),
  obs('new_firms', 'C', '2025Q3', 28.02),
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
    // 高新投资 105/100 → 5.0%; 工业投资 215.6/200 → 7.8%: the gap is 5.0 − 7.8 = −2.8 pp
    const p = growthPlan();
    const o = [
      obs('ht_inv', 'C', '2024Q3', 100),
      obs('ht_inv', 'C', '2025Q3', 105),
      obs('ind_inv', 'C', '2024Q3', 200),
      obs('ind_inv', 'C', '2025Q3', 215.6),
    ];
    const text = sentences(build(p, o, '2025Q3').doc).join('');
    // a rate's sentence says 为 (…增速为5.0%), as a level's does
    expect(text).toContain('1—9月，全市（含新区）高新技术产业投资增速为5.0%，低于工业投资增速2.8个百分点。');
  });

  it('growth against growth: the gap printed is the difference of the printed rates', () => {
    // 105.05/100 → 5.05% prints 5.1 (四舍五入); 105.04/100 → 5.04% prints 5.0. Published figures
    // (docs/ARCHITECTURE.md): the printed gap is 5.1 − 5.0 = 0.1, not the exact 0.01 rounded to 0.0.
    const o = [
      obs('ht_inv', 'C', '2024Q3', 100),
      obs('ht_inv', 'C', '2025Q3', 105.05),
      obs('ind_inv', 'C', '2024Q3', 100),
      obs('ind_inv', 'C', '2025Q3', 105.04),
    ];
    const { doc } = build(growthPlan(), o, '2025Q3');
    expect(sentences(doc).join('')).toContain('高新技术产业投资增速为5.1%，高于工业投资增速0.1个百分点。');
    const gap = documentNumbers(doc).find((n) => n.part.source.field === 'gapToCompared')!.part;
    expect(gap.text).toBe('0.1');
    expect(gap.value).toBeCloseTo(0.01, 10); // the exact gap stays in the number part for the trace
  });

  it('the gap to 序时进度 is the difference of the printed figures, and a printed 0.0 is 持平', () => {
    // new_firms 2024: 30.016 by September of 40 ⇒ 序时进度 share 30.016/40 = 75.04% (prints 75.0).
    // 2025Q3 30.02 of the target 40 ⇒ 75.05% (prints 75.1, half away from zero): 75.1 − 75.0 = 0.1 pp —
    // the exact 0.01 rounds to 0.0, which printed "超序时进度0.0个百分点" before.
    const ahead = [
      obs('new_firms', 'C', '2024Q3', 30.016),
      obs('new_firms', 'C', '2024', 40),
      obs('new_firms', 'C', '2025Q3', 30.02),
    ];
    const text = sentences(build(plan(), ahead, '2025Q3').doc).join('');
    expect(text).toContain('完成年度目标的75.1%，超序时进度0.1个百分点');
    expect(text).not.toMatch(/(超|低于)序时进度0\.0/);
    // 30.016 of 40 in 2025 too: 75.04% prints 75.0 = the schedule's 75.0 ⇒ 与序时进度持平
    const level = ahead.map((o) => (o.period === '2025Q3' ? { ...o, value: 30.016 } : o));
    expect(sentences(build(plan(), level, '2025Q3').doc).join('')).toContain(
      '完成年度目标的75.0%，与序时进度持平',
    );
  });

  it('behind schedule: the sentence, 存在问题 and the appendix print the same printed gap', () => {
    // 28.02 of 40 ⇒ 70.05% prints 70.1; schedule 75.04% prints 75.0: 70.1 − 75.0 = −4.9 pp
    // (the exact −4.99 would print 5.0 and not add up against the printed figures)
    const { doc } = build(plan(), behindObs, '2025Q3');
    const text = sentences(doc).join('');
    expect(text).toContain('new_firms完成28家，同比下降6.6%，完成年度目标的70.1%，低于序时进度4.9个百分点');
    expect(text).toContain(
      '一是全市（含新区）new_firms未达序时进度，完成年度目标的70.1%，低于序时进度4.9个百分点。',
    );
    const appendix = doc.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('附表'));
    const row =
      appendix?.kind === 'table' ? appendix.rows.find((r) => r[0]!.text === 'new_firms') : undefined;
    expect(row?.[6]?.text).toBe('-4.9');
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
    // 三镇 without 四街道 (split off 2024-11-01) has no comparable 2024Q3 base: the engine gives no yoy
    // and a yoyNote (adjusted: false); the report prints its 70 家 and no 同比 for it, and the 注 says why
    expect(doc.meta.notes.join('')).toContain('三镇因行政区划调整，同比按可比口径计算或不计算。');
    const numbers = documentNumbers(doc);
    expect(numbers.filter((n) => n.part.source.region === 'T3').map((n) => n.part.text)).toEqual(['70']);
    expect(numbers.some((n) => n.part.source.field === 'yoy' || n.part.source.field === 'lastYear')).toBe(
      false,
    );
    expect(sentences(doc).join('')).not.toMatch(/同比(增长|下降)|比上年同期/);
  });
});

describe('the towns', () => {
  // new_firms core, towns ranked in 镇街 (T1–T3); 四街道 is not in the peer set
  const townPlan = () =>
    buildPlan({
      indicators: buildPlan().indicators.map((i) => (i.code === 'new_firms' ? { ...i, core: true } : i)),
    });
  const top = (doc: ReportDocument) => sentences(doc).find((t) => t.includes('居前三位'));

  it('居前三位 follows the engine ranks: a tie on the printed figure keeps the table order', () => {
    // 11.6 and 11.9 both print 12 (decimals 0) ⇒ both rank 1 (ties share a rank, "113"); 三镇 4 is third.
    // Sorting the raw values put 二镇 (11.9) before 一镇, unlike the town table's 1, 1.
    const o = [
      obs('new_firms', 'T1', '2025Q3', 11.6),
      obs('new_firms', 'T2', '2025Q3', 11.9),
      obs('new_firms', 'T3', '2025Q3', 4),
    ];
    const { doc } = build(townPlan(), o, '2025Q3');
    expect(top(doc)).toBe('new_firms居前三位的是：一镇（12家）、二镇（12家）、三镇（4家）。');
  });

  it('no 居前三位 when the engine withholds the ranks (partial coverage)', () => {
    // 三镇 has not reported: 2 of 3 peers < coverage.minShare 1 ⇒ no ranks, a rankNote instead
    const o = [obs('new_firms', 'T1', '2025Q3', 12), obs('new_firms', 'T2', '2025Q3', 9)];
    const { doc, rows } = build(townPlan(), o, '2025Q3');
    expect(rows.find((r) => r.region === 'T1' && r.indicator === 'new_firms')?.rank).toBeUndefined();
    expect(top(doc)).toBeUndefined();
    const table = doc.blocks.find((b) => b.kind === 'table' && b.caption.includes('各镇（街道）'));
    expect(table?.kind === 'table' && table.notes?.length).toBe(1); // the rankNote says why
  });
});

describe('the wording', () => {
  it('总体情况 counts add up: core indicators not judged this period get their clause', () => {
    // core: rd_gdp annual (Q3: not_due), new_firms (behind: 70.05% against 75.04%), firms (stock, no
    // 2025 observation of last year-end ⇒ a target but no 序时进度: status no_target), firms_growth (no
    // target). 4 = 0 met + 0 on track + 1 behind + 1 annual + 1 without target + 1 without schedule.
    const p = buildPlan({
      indicators: buildPlan().indicators.map((i) =>
        ['rd_gdp', 'new_firms', 'firms', 'firms_growth'].includes(i.code)
          ? { ...i, core: true, ...(i.code === 'rd_gdp' ? { frequency: 'annual' as const } : {}) }
          : i,
      ),
    });
    const o = [
      ...behindObs,
      obs('rd', 'C', '2025Q3', 25),
      obs('gdp', 'C', '2025Q3', 760),
      obs('firms', 'C', '2025Q3', 100),
    ];
    const { doc, rows } = build(p, o, '2025Q3');
    expect(rows.find((r) => r.indicator === 'firms' && r.region === 'C')).toMatchObject({
      status: 'no_target',
      target: { value: 120 },
    });
    expect(sentences(doc)[0]).toBe(
      '1—9月，全市（含新区）4项核心指标中，0项已完成年度目标，0项达到序时进度，1项未达序时进度，1项为年度指标，本期不评价，1项无年度目标，1项暂无序时进度，本期不评价。',
    );
  });

  it('a required yearly change: 年均增长 %, 年均提高 个百分点, 年均增加 for a level', () => {
    // rd_gdp 3.0, 3.1, 3.2 (2023–2025) trends to 3.30 in 2026 < 4.00: 4.00 − 3.20 = 0.80 pp in one year.
    // firms 80, 90, 100 trends to 110 < 150: 150/100 − 1 = 50.0% in one year.
    const o = [
      ...[3.0, 3.1, 3.2].map((v, i) => obs('rd_gdp', 'C', String(2023 + i), v)),
      ...[80, 90, 100].map((v, i) => obs('firms', 'C', String(2023 + i), v)),
    ];
    const core = (unit?: string) =>
      buildPlan({
        indicators: buildPlan().indicators.map((i) =>
          i.code === 'rd_gdp' || i.code === 'firms'
            ? { ...i, core: true, ...(unit && i.code === 'rd_gdp' ? { unit } : {}) }
            : i,
        ),
      });
    const text = sentences(build(core(), o, '2025').doc).join('');
    expect(text).toContain('低于终期目标4.00%，今后需年均提高0.80个百分点。');
    expect(text).toContain('低于终期目标150家，今后需年均增长50.0%。');
    // the same ratio in 件/万人 (a level, not a share): 增加 0.80 件/万人
    expect(sentences(build(core('件/万人'), o, '2025').doc).join('')).toContain(
      '今后需年均增加0.80件/万人。',
    );
  });

  it('the 编 line is the plan’s first department, named as progressTabulator names it', () => {
    // 市科技局 of a home 测试市 ⇒ 测试市科技局 (the 市 not doubled); the toy plan's 科技局 stays as it is
    const p = plan({
      regions: plan().regions.map((r) => (r.code === 'C' ? { ...r, name: { zh: '测试市', en: 'Toy' } } : r)),
      departments: [{ code: 'kjj', name: { zh: '市科技局', en: 'Science and Technology Bureau' } }],
    });
    expect(build(p, flowObs, '2025Q3').doc.meta.editor).toBe('测试市科技局编');
    expect(build(p, flowObs, '2025Q3', undefined, { lang: 'en' }).doc.meta.editor).toBe(
      'Edited by Toy Science and Technology Bureau',
    );
  });
});

describe('the document', () => {
  const { doc, rows, prev } = build(plan(), flowObs, '2025Q3', '2025Q2');

  it('has the 报头 of the 季报', () => {
    expect(doc.meta).toMatchObject({
      title: '测试县科技创新统计季报',
      issueLabel: '2025年第3期（总第12期）',
      headline: '1—9月全市科技创新主要指标运行情况', // one line of 二号; the year is in the issue label
      editor: '科技局编', // plan.departments[0] (progressTabulator), no longer a hard-coded 科学技术局
      synthetic: true,
      snapshotId: 'snap-1',
    });
    expect(doc.meta.notes.at(-1)).toBe('本期数据含合成演示数据（非真实统计数据），仅供演示，不得引用。');
  });

  it('every number traces to its engine row and is printed rounded from it', () => {
    // flowObs (exact figures) and behindObs, where the printed gap (70.1 − 75.0 = −4.9) is not the
    // rounded exact gap (−4.99 → −5.0): a gap prints the difference of the printed figures
    const behind = build(plan(), behindObs, '2025Q3');
    for (const [d, rs, ps] of [
      [doc, rows, prev],
      [behind.doc, behind.rows, behind.prev],
    ] as const) {
      const numbers = documentNumbers(d);
      expect(numbers.length).toBeGreaterThan(5);
      for (const { path, part } of numbers) {
        expect(part.source.snapshotId, path).toBe('snap-1');
        if (part.source.field === 'count' || part.source.field === 'gapToCompared') continue;
        const row = rs.find((r) => r.indicator === part.source.indicator && r.region === part.source.region)!;
        const before = ps.find((r) => r.indicator === row.indicator && r.region === row.region);
        expect(part.value, path).toBe(reportNumberValue(row, part.source.field, before));
        const decimals = part.text.split('.')[1]?.length ?? 0;
        const printed =
          part.source.field === 'gapToExpected'
            ? roundedDifference(row.completion!, row.expected!.shareOfTarget, 1)
            : part.source.field === 'gapToTarget'
              ? roundedDifference(row.value!.value, row.target!.value, decimals)
              : roundHalfAway(part.value, decimals);
        // a sentence prints the magnitude (下降 10.0), a table the signed figure
        expect([printed.toFixed(decimals), Math.abs(printed).toFixed(decimals)], path).toContain(part.text);
      }
    }
    const gaps = documentNumbers(behind.doc).filter((n) => n.part.source.field === 'gapToExpected');
    expect(gaps.map((n) => n.part.text)).toEqual(['4.9', '4.9', '-4.9']); // sentence, 存在问题, appendix
  });

  it('the appendix has the nine columns and the 存在问题 paragraphs are editable', () => {
    const appendix = doc.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('附表'));
    // 本期值, not 本期累计 (a stock or a ratio is not accumulated); the 位次 column names the peer set
    // the county is ranked in (plan.peerSets: 邻近县市), not a hard-coded 宁波
    expect(appendix && appendix.kind === 'table' && appendix.columns.map((c) => c.label)).toEqual([
      '指标',
      '单位',
      '本期值',
      '同比%',
      '年度目标',
      '完成率%',
      '序时进度差（百分点）',
      '邻近县市位次',
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

  it('an edit of several lines is a paragraph per non-empty line, all under its editableId', () => {
    // a DOCX paragraph is one w:p: a line break inside its one w:t would print as one line
    const edits = { nextSteps: '一是加快推进。\r\n\n  二是强化调度。\n', 'problems.1': '问题。' };
    const edited = build(plan(), flowObs, '2025Q3', '2025Q2', { edits }).doc;
    const paragraphs = edited.blocks.filter(
      (b): b is Extract<ReportBlock, { kind: 'paragraph' }> => b.kind === 'paragraph' && !!b.editableId,
    );
    expect(paragraphs.map((b) => [b.editableId, inlineText(b.parts)])).toEqual([
      ['problems.1', '问题。'],
      ['nextSteps', '一是加快推进。'],
      ['nextSteps', '二是强化调度。'],
    ]);
  });

  it('the 期数 label is one wording, shared with the web and the CLI', () => {
    expect(reportIssueLabel({ year: 2025, number: 3, total: 12 }, 'zh')).toBe('2025年第3期（总第12期）');
    expect(reportIssueLabel({ year: 2025, number: 3, total: 12 }, 'en')).toBe('2025 No. 3 (No. 12 overall)');
    expect(build(plan(), flowObs, '2025Q3', undefined, { lang: 'en' }).doc.meta.issueLabel).toBe(
      '2025 No. 3 (No. 12 overall)',
    );
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
  it('the error carries the unknown code, so a caller need not parse the message', () => {
    const attempt = (mode: NarrativeInput['mode']) => {
      try {
        build(plan(), flowObs, '2025Q3', undefined, { mode });
      } catch (e) {
        return e;
      }
    };
    expect(attempt({ kind: 'custom', sections: ['overview'], indicators: ['nope'] })).toMatchObject({
      name: 'NarrativeError',
      code: 'unknown_indicator',
      subject: 'nope',
    });
    expect(attempt({ kind: 'custom', sections: ['towns'], towns: ['X9'] })).toMatchObject({
      code: 'unknown_region',
      subject: 'X9',
      message: "the plan has no town 'X9'",
    });
  });
});
