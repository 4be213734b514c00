// 科技创新杯 scoring (issue 10 §6; seed 四(四)): hand-computed totals for a street, a town and a zone, a
// capped bonus, a deduction, ranks within groups and overall, 位次变化, awards and what-if.
import { describe, expect, it } from 'vitest';
import type { ProgressRow } from '../engine/progress.ts';
import { buildPlan } from '../testing/factories.ts';
import { cupSchemeValidate, type CupScheme } from './scheme.ts';
import { cupRankChangeText, cupScore, type CupEvidence, type CupResults } from './score.ts';

const plan = buildPlan({
  regions: [
    { code: 'P', name: { zh: '地级市', en: 'Prefecture' }, kind: 'city' },
    { code: 'C', name: { zh: '测试县', en: 'Toy county' }, kind: 'county', parent: 'P' },
    { code: 'S1', name: { zh: '一街道', en: 'Street 1' }, kind: 'street', parent: 'C' },
    { code: 'S2', name: { zh: '二街道', en: 'Street 2' }, kind: 'street', parent: 'C' },
    { code: 'T1', name: { zh: '一镇', en: 'Town 1' }, kind: 'town', parent: 'C' },
    { code: 'T2', name: { zh: '二镇', en: 'Town 2' }, kind: 'town', parent: 'C' },
    { code: 'Z1', name: { zh: '园区', en: 'Zone 1' }, kind: 'zone', parent: 'C' },
  ],
  regionGroups: [],
  peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['S1', 'S2', 'T1', 'T2', 'Z1'] }],
});

const schemeInput = {
  id: 'test-cup',
  name: { zh: '测试杯', en: 'Test cup' },
  status: 'proposal',
  peerSet: 'towns',
  totalPoints: 100,
  groups: [
    { code: 'street', name: { zh: '街道组', en: 'Streets' }, kinds: ['street'], top: 1 },
    { code: 'town', name: { zh: '镇组', en: 'Towns' }, kinds: ['town'], top: 1 },
    { code: 'zone', name: { zh: '园区组', en: 'Zones' }, kinds: ['zone'], top: 1 },
  ],
  dimensions: [
    {
      code: 'A',
      name: { zh: '创新主体', en: 'Entities' },
      points: 50,
      items: [
        {
          code: 'a1',
          name: { zh: 'a1', en: 'a1' },
          indicator: 'firms',
          points: 20,
          rule: { kind: 'target_completion', cap: 120 },
        },
        { code: 'a2', name: { zh: 'a2', en: 'a2' }, indicator: 'firms', points: 10, rule: { kind: 'rank' } },
        {
          code: 'a3',
          name: { zh: 'a3', en: 'a3' },
          indicator: 'new_firms',
          points: 20,
          rule: { kind: 'growth', low: 0, high: 20 },
        },
      ],
    },
    {
      code: 'B',
      name: { zh: '创新成效', en: 'Outcomes' },
      points: 50,
      items: [
        { code: 'b1', name: { zh: 'b1', en: 'b1' }, points: 20, rule: { kind: 'index_score', fullAt: 80 } },
        {
          code: 'b2',
          name: { zh: 'b2', en: 'b2' },
          indicator: 'rd_gdp',
          points: 10,
          rule: { kind: 'yes_no', atLeast: 3 },
        },
        {
          code: 'b3',
          name: { zh: 'b3', en: 'b3' },
          indicator: 'new_firms',
          points: 20,
          rule: { kind: 'per_unit', perUnit: 2 },
        },
      ],
    },
  ],
  bonus: [{ code: 'bx', name: { zh: '省级研发机构', en: 'Institute' }, perUnit: 2, cap: 5 }],
  deductions: [{ code: 'dx', name: { zh: '数据造假', en: 'False data' }, perUnit: 3, cap: 6 }],
  awards: { advancedMinTotal: 70 },
};

function schemeOf(input: unknown): CupScheme {
  const r = cupSchemeValidate(input, plan);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** A minimal engine row (only what the scorer reads: value, target, completion, yoy). */
function row(
  indicator: string,
  region: string,
  o: { value?: number; target?: number; completion?: number; yoy?: number },
): ProgressRow {
  return {
    indicator,
    region,
    period: '2025',
    unit: '',
    status: 'no_target',
    ...(o.value === undefined
      ? {}
      : {
          value: {
            value: o.value,
            rule: 'reported',
            observationIds: [`${indicator}:${region}`],
            synthetic: false,
          },
        }),
    ...(o.target === undefined ? {} : { target: { value: o.target, observationIds: [] } }),
    ...(o.completion === undefined ? {} : { completion: o.completion }),
    ...(o.yoy === undefined ? {} : { yoy: { lastYear: 0, change: o.yoy, kind: 'percent' } }),
  } as unknown as ProgressRow;
}

const rows = [
  row('firms', 'S1', { value: 90, target: 100, completion: 90 }),
  row('new_firms', 'S1', { value: 11, yoy: 10 }),
  row('rd_gdp', 'S1', { value: 3.2 }),
  row('firms', 'S2', { value: 50, target: 40, completion: 125 }),
  row('new_firms', 'S2', { value: 5, yoy: 25 }),
  row('rd_gdp', 'S2', { value: 2.5 }),
  row('firms', 'T1', { value: 120, target: 100, completion: 120 }),
  row('new_firms', 'T1', { value: 8, yoy: -5 }),
  row('rd_gdp', 'T1', { value: 3.0 }),
  row('firms', 'T2', { value: 80 }),
  row('new_firms', 'T2', { value: 12 }),
  row('firms', 'Z1', { value: 30, target: 20, completion: 150 }),
  row('new_firms', 'Z1', { value: 3, yoy: 20 }),
  row('rd_gdp', 'Z1', { value: 4 }),
];
const index = {
  period: '2025',
  scores: [
    { region: 'S1', index: 60 },
    { region: 'S2', index: 90 },
    { region: 'T1', index: 40 },
    { region: 'T2', index: null },
    { region: 'Z1', index: 80 },
  ],
};
const evidence: CupEvidence[] = [
  { id: 1, region: 'S1', item: 'bx', quantity: 2, note: '浙科发〔2025〕1号' },
  { id: 2, region: 'S1', item: 'bx', quantity: 2, note: '浙科发〔2025〕7号' },
  { id: 3, region: 'T1', item: 'dx', quantity: 1, note: '统计执法通报' },
];

const scheme = schemeOf(schemeInput);
const result = cupScore({ scheme, plan, year: 2025, rows, index, evidence });
const town = (code: string) => result.towns.find((t) => t.region === code)!;
const points = (code: string) => Object.fromEntries(town(code).items.map((i) => [i.item, i.points]));

describe('cupScore: hand-computed totals', () => {
  it('street S1: 83 from the data + a bonus capped at 5 = 88', () => {
    // a1 target_completion: 20 × min(90, 120)/100 = 18
    // a2 rank among streets {S1 90, S2 50}: 1st of 2 → 10 × (2 − 1)/(2 − 1) = 10
    // a3 growth 10% in band [0, 20]: 20 × (10 − 0)/(20 − 0) = 10            → 创新主体 38
    // b1 index 60, full at 80: 20 × min(60/80, 1) = 15
    // b2 yes_no 3.2 ≥ 3: 10
    // b3 per_unit 11 × 2 = 22, capped at the item's 20: 20                 → 创新成效 45
    // bonus bx: (2 + 2) units × 2 = 8, cap 5 → +5; total 83 + 5 = 88
    expect(points('S1')).toEqual({ a1: 18, a2: 10, a3: 10, b1: 15, b2: 10, b3: 20 });
    expect(town('S1').dimensions.map((d) => d.points)).toEqual([38, 45]);
    expect(town('S1').base).toBe(83);
    expect(town('S1').bonus).toBe(5);
    expect(town('S1').adjustments[0]).toMatchObject({
      uncapped: 8,
      points: 5,
      capped: true,
      evidence: [1, 2],
    });
    expect(town('S1').total).toBe(88);
    // 完成率 as the progress table prints it (1 decimal), points to 2 decimals.
    expect(town('S1').items[0]!.formula.zh).toBe('20 × min(完成率 90.0%, 120%) ÷ 100 = 18.00');
    expect(town('S1').items[0]!.inputs).toMatchObject({
      indicator: 'firms',
      region: 'S1',
      period: '2025',
      value: 90,
      target: 100,
    });
  });

  it('town T1: 70 from the data − a 3-point deduction = 67', () => {
    // a1: 20 × min(120, 120)/100 = 24; a2: 1st of towns {T1 120, T2 80} → 10; a3: −5% below the band → 0
    // b1: 20 × 40/80 = 10; b2: 3.0 ≥ 3 → 10; b3: 8 × 2 = 16
    // base 24 + 10 + 0 + 10 + 10 + 16 = 70; deduction dx: 1 × 3 = 3 (cap 6) → total 67
    expect(points('T1')).toEqual({ a1: 24, a2: 10, a3: 0, b1: 10, b2: 10, b3: 16 });
    expect(town('T1').deduction).toBe(-3);
    expect(town('T1').total).toBe(67);
  });

  it('zone Z1: alone in its group takes the rank item in full; completion capped at 120% → 90', () => {
    // a1: 20 × min(150, 120)/100 = 24; a2: alone → 10; a3: 20% at the top of the band → 20
    // b1: 20 × min(80/80, 1) = 20; b2: 4 ≥ 3 → 10; b3: 3 × 2 = 6 → 24 + 10 + 20 + 20 + 10 + 6 = 90
    expect(points('Z1')).toEqual({ a1: 24, a2: 10, a3: 20, b1: 20, b2: 10, b3: 6 });
    expect(town('Z1').total).toBe(90);
  });

  it('a town without target, growth, index or value scores 0 on those items and says why', () => {
    // T2: b3 = min(12 × 2, 20) = 20 only; a2 last of 2 towns → 10 × (2 − 2)/(2 − 1) = 0
    expect(town('T2').total).toBe(20);
    expect(Object.fromEntries(town('T2').items.map((i) => [i.item, i.missing ?? null]))).toEqual({
      a1: 'no_target',
      a2: null,
      a3: 'no_growth',
      b1: 'no_index',
      b2: 'no_value',
      b3: null,
    });
  });

  it('ranks within each group and overall; awards N强 per group and 先进单位 at ≥ 70', () => {
    // S2: a1 20 × min(125,120)/100 = 24, a2 2nd of 2 → 0, a3 25% → 20, b1 min(90/80,1) → 20, b2 2.5 < 3 → 0,
    //     b3 5 × 2 = 10 → 74
    expect(town('S2').total).toBe(74);
    expect(result.towns.map((t) => [t.region, t.total, t.rankInGroup, t.rankOverall])).toEqual([
      ['Z1', 90, 1, 1],
      ['S1', 88, 1, 2],
      ['S2', 74, 2, 3],
      ['T1', 67, 1, 4],
      ['T2', 20, 2, 5],
    ]);
    expect(result.awards.map((a) => [a.name.zh, a.regions])).toEqual([
      ['街道组1强', ['S1']],
      ['镇组1强', ['T1']],
      ['园区组1强', ['Z1']],
      ['科技创新工作先进单位', ['Z1', 'S1', 'S2']],
    ]);
  });

  it('what-if: S1 reaching its firms target (completion 90% → 100%) gains 20 × 100/100 − 18 = 2 points', () => {
    expect(town('S1').whatIf).toEqual([{ item: 'a1', indicator: 'firms', target: 100, value: 90, gain: 2 }]);
    // T1 and Z1 have reached theirs: nothing to gain.
    expect(town('T1').whatIf).toEqual([]);
  });

  it('位次变化: last year S2 led the streets, this year S1 does (+1 / −1); a town new to the group has none', () => {
    const previous: CupResults = {
      ...result,
      year: 2024,
      towns: result.towns
        .map((t) =>
          t.region === 'S1' ? { ...t, rankInGroup: 2 } : t.region === 'S2' ? { ...t, rankInGroup: 1 } : t,
        )
        .filter((t) => t.region !== 'Z1'),
    };
    const r = cupScore({ scheme, plan, year: 2025, rows, index, evidence, previous });
    const by = (c: string) => r.towns.find((t) => t.region === c)!;
    expect(by('S1').rankChange).toBe(1);
    expect(by('S2').rankChange).toBe(-1);
    expect(by('T1').rankChange).toBe(0);
    expect(by('Z1').rankChange).toBeUndefined();
  });

  it('evidence for an item the scheme no longer has does not score, with a warning', () => {
    const r = cupScore({
      scheme,
      plan,
      year: 2025,
      rows,
      index,
      evidence: [...evidence, { id: 9, region: 'S2', item: 'gone', quantity: 1, note: 'x' }],
    });
    expect(r.towns.find((t) => t.region === 'S2')!.total).toBe(74);
    expect(r.warnings).toEqual([
      'evidence 9 (S2, gone) names no bonus/deduction item of the scheme and does not score',
    ]);
  });

  it('ties share the better rank, and rounding keeps 2 decimals per item', () => {
    // Three streets on the rank item: S1 90, S2 90, S3 40 → ranks 1, 1, 3; 10 × (3 − 1)/(3 − 1) = 10 each,
    // S3: 10 × (3 − 3)/2 = 0. Growth 7% in [0, 30]: 20 × 7/30 = 4.666… → 4.67.
    const p3 = buildPlan({
      ...plan,
      regions: [
        ...plan.regions,
        { code: 'S3', name: { zh: '三街道', en: 'Street 3' }, kind: 'street', parent: 'C' },
      ],
      peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['S1', 'S2', 'S3'] }],
    });
    const s = cupSchemeValidate(
      {
        ...schemeInput,
        dimensions: [
          {
            ...schemeInput.dimensions[0]!,
            items: [
              schemeInput.dimensions[0]!.items[1]!,
              { ...schemeInput.dimensions[0]!.items[2]!, rule: { kind: 'growth', low: 0, high: 30 } },
            ],
          },
        ],
      },
      p3,
    );
    if (!s.ok) throw new Error(JSON.stringify(s.errors));
    const r = cupScore({
      scheme: s.value,
      plan: p3,
      year: 2025,
      rows: [
        row('firms', 'S1', { value: 90 }),
        row('firms', 'S2', { value: 90 }),
        row('firms', 'S3', { value: 40 }),
        row('new_firms', 'S1', { value: 1, yoy: 7 }),
      ],
      evidence: [],
    });
    const by = (c: string) => r.towns.find((t) => t.region === c)!;
    expect(by('S1').items.map((i) => i.points)).toEqual([10, 4.67]);
    expect(by('S2').items[0]!.inputs).toMatchObject({ rank: 1, of: 3 });
    expect(by('S3').items[0]!.points).toBe(0);
    expect([by('S1').rankInGroup, by('S2').rankInGroup, by('S3').rankInGroup]).toEqual([1, 2, 3]);
  });

  it('points round half away from zero as published figures do: 20 × 50.375% = 10.075 → 10.08', () => {
    // engine/rounding.ts (GB/T 8170 四舍五入): Math.round(1007.4999…)/100 would give 10.07.
    // The formula prints completion 79.85% as 79.9 (as the progress table does; toFixed(1) gives 79.8).
    const r = cupScore({
      scheme,
      plan,
      year: 2025,
      rows: [
        row('firms', 'S1', { value: 50.375, target: 100, completion: 50.375 }),
        row('firms', 'S2', { value: 79.85, target: 100, completion: 79.85 }),
      ],
      evidence: [],
    });
    const a1 = (c: string) => r.towns.find((t) => t.region === c)!.items.find((i) => i.item === 'a1')!;
    expect(a1('S1').points).toBe(10.08);
    // 20 × 79.85 / 100 = 15.97
    expect(a1('S2').formula.zh).toBe('20 × min(完成率 79.9%, 120%) ÷ 100 = 15.97');
  });

  it('the rank item ranks the published figures: 90.4 and 89.6 家 (0 decimals) both print 90 and tie', () => {
    // firms has 0 decimals (factories.ts): both streets publish 90 → rank 1 of 2 each → 10 × (2 − 1)/(2 − 1) = 10.
    const r = cupScore({
      scheme,
      plan,
      year: 2025,
      rows: [row('firms', 'S1', { value: 90.4 }), row('firms', 'S2', { value: 89.6 })],
      evidence: [],
    });
    const a2 = (c: string) => r.towns.find((t) => t.region === c)!.items.find((i) => i.item === 'a2')!;
    expect([a2('S1').inputs.rank, a2('S2').inputs.rank]).toEqual([1, 1]);
    expect([a2('S1').points, a2('S2').points]).toEqual([10, 10]);
  });

  it('the rank item is withheld (0, partial_coverage) when too few of the group have a value', () => {
    // plan.coverage.minShare defaults to 1: only S1 of the 2 streets has firms → not "1st of 1" (full 10)
    // but 0 with the reason, as the engine's rankNote partial_coverage (progress.ts peerRanks).
    const only = cupScore({
      scheme,
      plan,
      year: 2025,
      rows: [row('firms', 'S1', { value: 90 })],
      evidence: [],
    });
    const a2 = only.towns.find((t) => t.region === 'S1')!.items.find((i) => i.item === 'a2')!;
    expect(a2).toMatchObject({ points: 0, missing: 'partial_coverage', coverage: { published: 1, of: 2 } });
    expect(a2.formula.zh).toBe('组内已有数值 1/2，数据不全，暂不排名，得 0 分');
    // Z1 is alone in its group: 1 of 1 is full coverage, and the scheme gives a lone member full points.
    const zone = cupScore({
      scheme,
      plan,
      year: 2025,
      rows: [row('firms', 'Z1', { value: 30 })],
      evidence: [],
    });
    expect(zone.towns[0]!.items.find((i) => i.item === 'a2')!.points).toBe(10);
    // minShare 0.6 of three streets: 2 of 3 ≥ 1.8 → ranked among the 2 that have a value (S1 1st → 10, S2 → 0).
    const p3 = buildPlan({
      ...plan,
      coverage: { minShare: 0.6 },
      regions: [
        ...plan.regions,
        { code: 'S3', name: { zh: '三街道', en: 'Street 3' }, kind: 'street', parent: 'C' },
      ],
      peerSets: [{ code: 'towns', name: { zh: '镇街', en: 'Towns' }, members: ['S1', 'S2', 'S3'] }],
    });
    const two = cupScore({
      scheme: schemeOf(schemeInput),
      plan: p3,
      year: 2025,
      rows: [row('firms', 'S1', { value: 90 }), row('firms', 'S2', { value: 50 })],
      evidence: [],
    });
    const b = (c: string) => two.towns.find((t) => t.region === c)!.items.find((i) => i.item === 'a2')!;
    expect([b('S1').points, b('S2').points, b('S3').missing]).toEqual([10, 0, 'no_value']);
    expect(b('S1').inputs).toMatchObject({ rank: 1, of: 2 });
  });

  it('says when a scored figure is synthetic demo data', () => {
    expect(result.synthetic).toBe(false);
    const synthetic = { ...row('firms', 'S1', { value: 90 }) };
    synthetic.value = { ...synthetic.value!, synthetic: true };
    expect(cupScore({ scheme, plan, year: 2025, rows: [synthetic], evidence: [] }).synthetic).toBe(true);
  });
});

describe('cupRankChangeText (web page and ding cup alike)', () => {
  it('↑ up, ↓ down, 持平, and 新 for a town not ranked in the group last year', () => {
    expect(cupRankChangeText(2, 'zh')).toEqual({ text: '↑2', tone: 'up' });
    expect(cupRankChangeText(-1, 'zh')).toEqual({ text: '↓1', tone: 'down' });
    expect(cupRankChangeText(0, 'zh').text).toBe('持平');
    expect(cupRankChangeText(0, 'en').text).toBe('=');
    expect(cupRankChangeText(undefined, 'zh')).toEqual({ text: '新', tone: 'new' });
    expect(cupRankChangeText(undefined, 'en').text).toBe('new');
  });
});
