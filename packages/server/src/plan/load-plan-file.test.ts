import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_PATH,
  formatPlanFileError,
  loadPlanFile,
  type PlanFileError,
} from './load-plan-file.ts';

// A small valid plan; each test breaks one thing and asserts where the loader says it is.
// Line numbers in the expectations count from 1 in this text.
const VALID = `id: mini
name: { zh: 小县, en: Mini county }
home: C
baselineYear: 2021
startYear: 2022
targetYear: 2026
departments:
  - code: kjj
    name: { zh: 科技局, en: Science bureau }
regions:
  - { code: C, name: { zh: 小县, en: Mini county }, kind: county }
  - { code: T1, name: { zh: 一镇, en: Town 1 }, kind: town, parent: C }
regionGroups: []
peerSets: []
indicators:
  - code: gdp
    name: { zh: 地区生产总值, en: GDP }
    unit: 亿元
    measure: flow
    polarity: positive
    category: none
    frequency: annual
    aggregation: sum
    decimals: 2
    component: true
    leadUnits: []
    cooperatingUnits: []
    source: test
  - code: rd
    name: { zh: R&D经费, en: R&D expenditure }
    unit: 亿元
    measure: flow
    polarity: positive
    category: none
    frequency: annual
    aggregation: sum
    decimals: 2
    component: true
    leadUnits: []
    cooperatingUnits: []
    source: test
  - code: rd_gdp
    name: { zh: R&D经费占GDP比重, en: R&D / GDP }
    unit: '%'
    measure: ratio
    polarity: positive
    category: level
    frequency: annual
    aggregation: ratio_of_sums
    ratio: { numerator: rd, denominator: gdp, multiplier: 100 }
    decimals: 2
    leadUnits: [kjj]
    cooperatingUnits: []
    source: test
    range: { min: 0, max: 100 }
targets:
  - type: path
    indicator: rd_gdp
    region: C
    source: test
    values: { 2025: 3.5, 2026: 4.0 }
actions: []
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ding-plan-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `text` as `name` in the temp dir, loads it, and returns the errors formatted relative to the dir. */
async function loadErrors(name: string, text: string): Promise<string[]> {
  const file = join(dir, name);
  await writeFile(file, text);
  const result = await loadPlanFile(file);
  return result.ok ? [] : result.errors.map((e) => formatPlanFileError(e, dir));
}
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2); // the edit hits exactly one place
  return text.replace(from, to);
}

// Issue 16 items 6, 7: a plan file bounds every indicator, and an alias bomb is a located error.
describe('loadPlanFile — plausible values and alias bombs', () => {
  it('an indicator carrying targets without range.max is refused at its range', async () => {
    const text = replaceOnce(VALID, 'range: { min: 0, max: 100 }', 'range: { min: 0 }');
    expect(await loadErrors('nomax.yaml', text)).toEqual([
      "nomax.yaml:55:12 indicators[2].range: indicator 'rd_gdp' needs range.max: the largest plausible value in % (imports refuse larger ones)",
    ]);
  });

  it('a billion-laughs alias bomb is located at the first alias that expands too far', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(await loadErrors('bomb.yaml', `${bomb}\n${VALID}`)).toEqual([
      'bomb.yaml:4:8 too many aliases: *c expands to 729 values (at most 100 alias expansions; a plan needs no nested aliases — write the values out)',
    ]);
  });

  it('the shipped plans give every indicator a maximum', async () => {
    for (const path of [DEFAULT_PLAN_PATH, DEFAULT_PLAN_PATH.replace('cixi', 'example-county')]) {
      const loaded = await loadPlanFile(path);
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(loaded.value.indicators.filter((i) => i.range?.max === undefined)).toEqual([]);
    }
  });
});

describe('loadPlanFile — valid files', () => {
  it('loads a valid YAML plan and applies defaults', async () => {
    const file = join(dir, 'valid.yaml');
    await writeFile(file, VALID);
    const result = await loadPlanFile(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.id).toBe('mini');
    expect(result.value.statusBands).toEqual({ onTrack: 1, watch: 0.9 });
    // YAML keys 2025/2026 are numbers; the plan's path values are keyed by year strings.
    expect(result.value.targets[0]).toMatchObject({ values: { '2025': 3.5, '2026': 4 }, comparator: '>=' });
  });

  it('loads the same plan written as JSON', async () => {
    const file = join(dir, 'valid.json');
    const { parse } = await import('yaml');
    await writeFile(file, JSON.stringify(parse(VALID), null, 2));
    const result = await loadPlanFile(file);
    expect(result.ok).toBe(true);
  });
});

describe('loadPlanFile — located errors', () => {
  it('points at an unknown ratio denominator (the value, line and column)', async () => {
    const text = replaceOnce(VALID, 'denominator: gdp,', 'denominator: gdpx,');
    expect(await loadErrors('x.yaml', text)).toEqual([
      "x.yaml:50:42 indicators[2].ratio.denominator: unknown indicator 'gdpx'",
    ]);
  });

  it('points at the key of an unknown field', async () => {
    const text = replaceOnce(
      VALID,
      '    decimals: 2\n    leadUnits: [kjj]',
      '    decimals: 2\n    weight: 3\n    leadUnits: [kjj]',
    );
    expect(await loadErrors('unknown-field.yaml', text)).toEqual([
      "unknown-field.yaml:52:5 indicators[2].weight: unknown field 'weight'",
    ]);
  });

  it('reports a missing required field at the object that lacks it', async () => {
    const text = replaceOnce(
      VALID,
      '    unit: 亿元\n    measure: flow\n    polarity: positive\n    category: none\n    frequency: annual\n    aggregation: sum\n    decimals: 2\n    component: true\n    leadUnits: []\n    cooperatingUnits: []\n    source: test\n  - code: rd_gdp',
      '    measure: flow\n    polarity: positive\n    category: none\n    frequency: annual\n    aggregation: sum\n    decimals: 2\n    component: true\n    leadUnits: []\n    cooperatingUnits: []\n    source: test\n  - code: rd_gdp',
    );
    expect(await loadErrors('missing.yaml', text)).toEqual([
      "missing.yaml:29:5 indicators[1].unit: missing required field 'unit' (string)",
    ]);
  });

  it('points at a numeric key of a target path (year outside the plan)', async () => {
    const text = replaceOnce(VALID, '{ 2025: 3.5, 2026: 4.0 }', '{ 2025: 3.5, 2030: 4.0 }');
    expect(await loadErrors('year.yaml', text)).toEqual([
      'year.yaml:61:26 targets[0].values.2030: year 2030 is outside the plan (2022–2026)',
    ]);
  });

  it('points at an unquoted numeric code, which YAML reads as a number', async () => {
    const text = replaceOnce(VALID, '{ code: T1,', '{ code: 330282,');
    expect(await loadErrors('number.yaml', text)).toEqual([
      'number.yaml:12:13 regions[1].code: Invalid input: expected string, received number',
    ]);
  });

  it('reports every error of a file, in reading order', async () => {
    let text = replaceOnce(VALID, 'home: C', 'home: Q');
    text = replaceOnce(text, 'leadUnits: [kjj]', 'leadUnits: [kjx]');
    text = replaceOnce(text, 'indicator: rd_gdp\n', 'indicator: rd_gdpx\n');
    expect(await loadErrors('many.yaml', text)).toEqual([
      "many.yaml:3:7 home: unknown region 'Q'",
      "many.yaml:52:17 indicators[2].leadUnits[0]: unknown department 'kjx'",
      "many.yaml:58:16 targets[0].indicator: unknown indicator 'rd_gdpx'",
    ]);
  });

  it('locates errors in a JSON file too', async () => {
    const json = JSON.stringify({ id: 'j', home: 'C' }, null, 2).replace(
      '"home": "C"',
      '"home": "C",\n  "extra": 1',
    );
    const errors = await loadErrors('bad.json', json);
    expect(errors).toContain("bad.json:4:3 extra: unknown field 'extra'");
    expect(errors).toContain("bad.json:1:1 name: missing required field 'name' (object)");
  });
});

describe('loadPlanFile — files that are not a plan', () => {
  it('locates a YAML syntax error', async () => {
    const text = replaceOnce(VALID, 'regionGroups: []', 'regionGroups: [');
    expect(await loadErrors('syntax.yaml', text)).toEqual([
      'syntax.yaml:14:1 Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('rejects a duplicate key as a syntax error at the second key', async () => {
    const text = replaceOnce(VALID, 'startYear: 2022\n', 'startYear: 2022\nstartYear: 2023\n');
    expect(await loadErrors('dup.yaml', text)).toEqual(['dup.yaml:6:1 Map keys must be unique']);
  });

  it('reports an empty file as not a plan', async () => {
    expect(await loadErrors('empty.yaml', '# only a comment\n')).toEqual([
      'empty.yaml:1:1 the file is empty: a plan is a mapping with id, name, home, regions, indicators …',
    ]);
  });

  it('reports a missing file without a position', async () => {
    const result = await loadPlanFile(join(dir, 'nope.yaml'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { kind: 'read', file: join(dir, 'nope.yaml'), path: '', message: 'file not found' },
    ]);
    expect(formatPlanFileError(result.errors[0]!, dir)).toBe('nope.yaml file not found');
  });
});

describe('formatPlanFileError', () => {
  const e: PlanFileError = {
    kind: 'invalid',
    file: '/repo/plans/x.yaml',
    path: 'indicators[3].ratio.denominator',
    line: 12,
    column: 5,
    message: "unknown indicator 'gdpx'",
  };
  it('writes file:line:column path: message, the file relative to the working directory', () => {
    expect(formatPlanFileError(e, '/repo')).toBe(
      "plans/x.yaml:12:5 indicators[3].ratio.denominator: unknown indicator 'gdpx'",
    );
  });
  it('keeps the path absolute when the file lies outside the working directory', () => {
    expect(formatPlanFileError(e, '/elsewhere')).toBe(
      "/repo/plans/x.yaml:12:5 indicators[3].ratio.denominator: unknown indicator 'gdpx'",
    );
  });
});

describe('DEFAULT_PLAN_PATH', () => {
  it("is the absolute path of Cixi's plan", () => {
    expect(isAbsolute(DEFAULT_PLAN_PATH)).toBe(true);
    expect(DEFAULT_PLAN_PATH.endsWith(join('plans', 'cixi', 'plan.yaml'))).toBe(true);
    expect(existsSync(DEFAULT_PLAN_PATH)).toBe(true);
  });
});
