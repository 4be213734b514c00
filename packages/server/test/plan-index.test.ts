// Cixi's 科技创新指数 on the real plan and its demo data: the towns (镇街) and the Ningbo peers, per period,
// through core's planIndexCompute and through the workspace service on a stored database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  observationStoreBuild,
  periodEndDate,
  planIndexCompute,
  planIndexUncertainty,
  regionChildrenOn,
  type Period,
  type Plan,
  type PlanIndexResult,
  type RegionCode,
} from '@ding/core';
import { demoGenerate } from '../src/demo/generate.ts';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../src/plan/load-plan-file.ts';
import {
  DEFAULT_INDEX_SPEC_PATH,
  indexSpecLoad,
  indexSpecPathResolve,
  workspaceIndex,
} from '../src/services/index-scores.ts';
import { workspaceInit, workspaceOpen, type Workspace } from '../src/services/workspace.ts';

const P = (s: string) => s as Period;
const LZW = '330282-LZW';

async function load() {
  const plan = await loadPlanFile(DEFAULT_PLAN_PATH);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  const spec = await indexSpecLoad(DEFAULT_INDEX_SPEC_PATH);
  if (!spec.ok) throw new Error(JSON.stringify(spec.errors));
  return { plan: plan.value, spec: spec.value };
}
const { plan, spec } = await load();
const store = observationStoreBuild(demoGenerate(plan).observations);

function compute(period: string, peerSet: string, previous?: string): PlanIndexResult {
  const r = planIndexCompute(plan, spec, store, {
    period: P(period),
    peerSet,
    ...(previous ? { previousPeriod: P(previous) } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** Competition ranking computed independently: 1 + the number of strictly better scores. */
function expectCompetitionRanks(r: PlanIndexResult) {
  const scores = r.scores.map((s) => s.index!);
  r.scores.forEach((s) => expect(s.rank).toBe(1 + scores.filter((x) => x > s.index!).length));
}

const towns = (p: Plan, period: string) =>
  regionChildrenOn(p, p.home as RegionCode, periodEndDate(P(period)));

describe('Cixi index for the towns (demo data)', () => {
  const y2025 = compute('2025', 'cixi-towns', '2024');
  const y2023 = compute('2023', 'cixi-towns');

  it('scores every town valid in the period: 20 with 陆中湾 in 2025, 19 without it in 2023', () => {
    expect(y2025.units).toHaveLength(20);
    expect(y2025.units).toContain(LZW);
    expect(y2023.units).toHaveLength(19);
    expect(y2023.units).not.toContain(LZW);
    expect([...y2025.units].sort()).toEqual([...towns(plan, '2025')].sort());
    for (const r of [y2025, y2023]) {
      for (const s of r.scores) {
        expect(s.index, s.region).not.toBeNull();
        expect(s.index!).toBeGreaterThanOrEqual(60); // 功效系数 scores lie in [60, 100]
        expect(s.index!).toBeLessThanOrEqual(100);
      }
      expect(r.missing).toEqual([]);
      expect(r.leftOut).toEqual([]);
      expect(r.synthetic).toBe(true);
    }
  });

  it('ranks are a permutation of 1…n, ties sharing the better rank', () => {
    for (const r of [y2025, y2023]) {
      expectCompetitionRanks(r);
      const ranks = r.scores.map((s) => s.rank!).sort((a, b) => a - b);
      expect(ranks[0]).toBe(1);
      // Without ties, exactly 1…n.
      if (new Set(r.scores.map((s) => s.index)).size === r.scores.length)
        expect(ranks).toEqual(Array.from({ length: r.scores.length }, (_, k) => k + 1));
    }
  });

  it('gives the three dimensions and the 规模/水平 sub-indices with ranks', () => {
    expect(y2025.aggregates.map((a) => [a.code, a.role])).toEqual([
      ['sti_index', 'index'],
      ['input', 'dimension'],
      ['actors', 'dimension'],
      ['performance', 'dimension'],
      ['scale', 'subIndex'],
      ['level', 'subIndex'],
    ]);
    for (const s of y2025.scores) {
      // sti_index = mean of the three dimensions (equal weights).
      const d = s.subIndices;
      expect(s.index!).toBeCloseTo((d.input!.score! + d.actors!.score! + d.performance!.score!) / 3, 10);
      expect(d.scale!.rank).toBeGreaterThanOrEqual(1);
    }
  });

  it('contributions add up to each score (weighted arithmetic) and trace to observations', () => {
    expect(y2025.contributions).toHaveLength(20);
    for (const c of y2025.contributions) {
      expect(c.parts).toHaveLength(18);
      const sum = c.parts.reduce((a, p) => a + p.contribution, 0);
      expect(sum).toBeCloseTo(c.score!, 9);
      expect(c.parts.reduce((a, p) => a + p.effectiveWeight, 0)).toBeCloseTo(1, 12);
      for (const p of c.parts)
        expect(p.observationIds.length, `${c.region} ${p.indicator}`).toBeGreaterThan(0);
    }
    // A ratio is traced to its numerator and denominator (R&D / GDP).
    const rd = y2025.cells.find((x) => x.region === '330282004' && x.indicator === 'rd_gdp_ratio')!;
    expect(rd.rule).toBe('ratio_of_sums');
    expect(rd.observationIds).toEqual(['demo-rd_expenditure-330282004-2025', 'demo-gdp-330282004-2025Q4']);
  });

  it('decomposes the change since 2024 into indicator contributions that add up', () => {
    const change = y2025.change!;
    expect(change.previousPeriod).toBe('2024');
    expect(change.newRegions).toEqual([]); // 陆中湾 existed on 2024-12-31
    expect(change.regions).toHaveLength(20);
    for (const r of change.regions) {
      const sum = r.parts.reduce((a, p) => a + p.change, 0);
      expect(sum).toBeCloseTo(r.change!, 9);
      expect(r.rankChange).toBe(r.previousRank! - r.rank!);
    }
    // Against 2023, 陆中湾 is new.
    expect(compute('2025', 'cixi-towns', '2023').change!.newRegions).toEqual([LZW]);
  });

  it('reads a quarter by the stated rule: quarterly year-to-date, annual at the last year-end', () => {
    const q3 = compute('2025Q3', 'cixi-towns', '2024Q3');
    const at = (code: string) => q3.periodRule.sources.find((s) => s.indicator === code)!.period;
    expect(at('invention_patents')).toBe('2025Q3');
    expect(at('rd_gdp_ratio')).toBe('2024');
    expect(q3.scores.every((s) => s.index !== null)).toBe(true);
    // 陆中湾 has no 2024Q3 base for its growth rates, and 庵东's 2024Q3 base still held 陆中湾's land
    // (口径调整, issue 8 item 4: no comparable base in the demo data): both dropped, dimensions renormalised.
    expect(q3.missing.map((m) => [m.region, m.indicator, m.treatment])).toEqual([
      ['330282118', 'hightech_va_growth', 'dropped'],
      ['330282118', 'hightech_investment_growth', 'dropped'],
      [LZW, 'hightech_va_growth', 'dropped'],
      [LZW, 'hightech_investment_growth', 'dropped'],
    ]);
    expect(q3.missing[0]!.renormalised).toEqual(['performance', 'level']);
    expect(q3.change!.newRegions).toEqual([LZW]); // it did not exist on 2024-09-30
  });

  it('rank intervals under the spec’s uncertainty analysis contain the median and repeat for a seed', () => {
    const run = () =>
      planIndexUncertainty(plan, spec, store, { period: P('2025'), peerSet: 'cixi-towns', runs: 200 });
    const a = run();
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    expect(a.value.factors).toEqual(['weights', 'normalisation', 'aggregation']);
    expect(a.value.seed).toBe(2026);
    expect(a.value.regions).toHaveLength(20);
    for (const r of a.value.regions) {
      expect(r.q05Rank!).toBeLessThanOrEqual(r.medianRank!);
      expect(r.medianRank!).toBeLessThanOrEqual(r.q95Rank!);
      expect(r.q05Rank!).toBeGreaterThanOrEqual(1);
      expect(r.q95Rank!).toBeLessThanOrEqual(20);
    }
    const b = run();
    expect(b.ok && b.value.regions).toEqual(a.value.regions);
  });
});

describe('Cixi index among the Ningbo districts (demo data)', () => {
  const r = compute('2025', 'ningbo', '2024');

  it('ranks 慈溪 among the 10 districts and counties on the indicators they all report', () => {
    expect(r.units).toHaveLength(10);
    expectCompetitionRanks(r);
    const cixi = r.scores.find((s) => s.region === '330282')!;
    expect(cixi.name.zh).toBe('慈溪市');
    expect(cixi.rank).toBeGreaterThanOrEqual(1);
    // The peers report the 7 core indicators only: the other 11 leave the framework for everyone.
    expect(r.leftOut).toHaveLength(11);
    expect(r.leftOut.every((l) => l.regionsWithValue === 1)).toBe(true);
    expect(r.contributions[0]!.parts.map((p) => p.indicator).sort()).toEqual(
      plan.indicators
        .filter((i) => i.core && !i.component)
        .map((i) => i.code)
        .sort(),
    );
    for (const c of r.contributions)
      expect(c.parts.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(c.score!, 9);
  });

  it('computes 慈溪’s values from its towns by the plan’s rules (sums, ratio of sums)', () => {
    const cell = (code: string) => r.cells.find((x) => x.region === '330282' && x.indicator === code)!;
    expect(cell('hightech_enterprises').rule).toBe('sum_of_members');
    expect(cell('hightech_enterprises').observationIds).toHaveLength(20);
    expect(['ratio_of_sums', 'reported']).toContain(cell('rd_gdp_ratio').rule);
  });
});

describe('workspaceIndex (stored demo data)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ding-index-'));
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspaceOpen({ file: join(dir, 'ding.db') });
    await workspaceInit(ws, { demo: true });
  });
  afterAll(async () => {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads index-spec.json next to the plan file', () => {
    expect(indexSpecPathResolve('/plans/x/plan.yaml')).toBe('/plans/x/index-spec.json');
    expect(DEFAULT_INDEX_SPEC_PATH).toBe(join(DEFAULT_PLAN_PATH, '..', 'index-spec.json'));
  });

  it('scores the stored observations as core does, with the change and rank intervals', async () => {
    const r = await workspaceIndex(ws, plan, { period: P('2025'), peerSet: 'cixi-towns', runs: 100 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.specPath).toBe(DEFAULT_INDEX_SPEC_PATH);
    expect(r.value.spec.id).toBe('cixi-sti-index');
    const core = compute('2025', 'cixi-towns', '2024');
    expect(r.value.scores).toEqual(core.scores);
    expect(r.value.change!.previousPeriod).toBe('2024'); // the default: the previous year
    expect(r.value.uncertainty!.runs).toBe(100);
    expect(r.value.uncertainty!.regions.map((x) => x.region)).toEqual(r.value.units);
  });

  it('leaves the change out, with a warning, when the previous period has no data', async () => {
    const r = await workspaceIndex(ws, plan, { period: P('2021'), peerSet: 'cixi-towns' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.change).toBeUndefined();
    expect(r.value.warnings.join('\n')).toContain('no change since 2020');
    const explicit = await workspaceIndex(ws, plan, {
      period: P('2021'),
      peerSet: 'cixi-towns',
      previousPeriod: P('2020'),
    });
    expect(explicit.ok).toBe(false);
  });

  it('reports a broken spec file by file and path', async () => {
    const bad = join(dir, 'index-spec.json');
    writeFileSync(bad, JSON.stringify({ methods: { normalisation: { default: { method: 'nope' } } } }));
    const r = await workspaceIndex(ws, plan, { period: P('2025'), peerSet: 'ningbo', specPath: bad });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({ file: 'index-spec.json', path: expect.stringContaining('method') });
    const missing = await workspaceIndex(ws, plan, {
      period: P('2025'),
      peerSet: 'ningbo',
      planPath: join(dir, 'x', 'plan.yaml'),
    });
    expect(missing.ok ? null : missing.errors[0]!.message).toContain('file not found');
  });
});
