import { beforeAll, describe, expect, it } from 'vitest';
import {
  periodEndDate,
  progressCompute,
  regionCode,
  type Observation,
  type Period,
  type Plan,
} from '@ding/core';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../plan/load-plan-file.ts';
import { demoGenerate } from './generate.ts';
import { REAL_FIGURES } from './figures.ts';

let plan: Plan;
let observations: Observation[];
let unscaled: string[];

beforeAll(async () => {
  const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  plan = loaded.value;
  ({ observations, unscaled } = demoGenerate(plan));
});

const valueOf = (indicator: string, region: string, period: string) =>
  progressCompute(plan, observations, period as Period, {
    regions: [regionCode(region)],
    indicators: [indicator as never],
    includeComponents: true,
  })[0]?.value;

describe('demo data for the Cixi plan', () => {
  it('derives every indicator from a target, a scale or a ratio', () => {
    expect(unscaled).toEqual([]);
  });

  it('marks exactly the published figures as real, each with its citation', () => {
    const real = observations.filter((o) => o.provenance === 'real');
    expect(real.length).toBeGreaterThanOrEqual(REAL_FIGURES.length - 2); // 市级 group figures are stored at group level too
    for (const o of real) expect(o.citation).toMatch(/\S/);
    expect(observations.filter((o) => o.provenance === 'synthetic' && o.citation)).toEqual([]);
  });

  it('synthetic towns add up to the published 2022 GDP (全市 2521.58, 市级 1689.44 亿元)', () => {
    const towns = observations.filter(
      (o) => o.indicator === 'gdp' && o.period === '2022Q4' && /^330282\d{3}$/.test(o.region),
    );
    const sum = towns.reduce((s, o) => s + o.value, 0);
    expect(sum).toBeCloseTo(2521.58, 6);
    const qianwan = towns.filter((o) => o.region === '330282116' || o.region === '330282118');
    expect(sum - qianwan.reduce((s, o) => s + o.value, 0)).toBeCloseTo(1689.44, 6);
  });

  it('anchors Cixi’s 994 有效高新技术企业 of 2024, whole firms in every town', () => {
    expect(valueOf('hightech_enterprises', '330282', '2024Q4')?.value).toBe(994);
    const towns = observations.filter((o) => o.indicator === 'hightech_enterprises');
    expect(towns.every((o) => Number.isInteger(o.value))).toBe(true);
  });

  it('covers 2021Q1–2025Q4 for every quarterly indicator of every town', () => {
    const gdp = observations.filter((o) => o.indicator === 'gdp' && o.region === '330282004');
    expect(gdp.map((o) => o.period).sort()).toHaveLength(20);
  });

  it('has 陆中湾 figures only from 2024Q4, after it was carved out of 庵东', () => {
    const periods = observations.filter((o) => o.region === '330282-LZW').map((o) => o.period);
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.every((p) => periodEndDate(p) >= '2024-11-01')).toBe(true);
  });

  it('gives the Ningbo peers annual figures for the core indicators', () => {
    for (const peer of ['330203', '330206', '330212', '330281']) {
      expect(valueOf('hightech_enterprises', peer, '2024')?.value).toBeGreaterThan(0);
      expect(valueOf('rd_gdp_ratio', peer, '2024')?.value).toBeGreaterThan(0);
    }
    expect(valueOf('rd_gdp_ratio', '330211', '2023')).toMatchObject({
      value: 3.66,
      rule: 'reported',
      synthetic: false,
    });
  });

  it('is the same on every run', () => {
    expect(demoGenerate(plan).observations).toEqual(observations);
  });
});
