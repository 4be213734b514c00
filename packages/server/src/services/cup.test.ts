// The 科技创新杯 scheme file (issue 10 §5): Cixi's proposal validates against Cixi's plan, its JSON Schema is
// not stale, and a bad file is refused with errors at their line and column.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CUP_SCHEME_SCHEMA_PATH,
  cupSchemeSchemaFileText,
} from '../../../../scripts/generate-cup-scheme-schema.ts';
import { DEFAULT_PLAN_PATH, loadPlanFile } from '../plan/load-plan-file.ts';
import { DEFAULT_CUP_SCHEME_PATH, cupSchemeLoad, cupSchemeTextParse } from './cup.ts';

const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
if (!loaded.ok) throw new Error('the Cixi plan does not load');
const plan = loaded.value;

describe('plans/cixi/cup-scheme.yaml', () => {
  it('is a proposal with 街道/镇/园区 groups and 100 points over 创新主体/创新投入/创新成效', async () => {
    const r = await cupSchemeLoad(DEFAULT_CUP_SCHEME_PATH, plan);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.status).toBe('proposal');
    expect(r.value.groups.map((g) => g.kinds[0])).toEqual(['street', 'town', 'zone']);
    expect(r.value.dimensions.map((d) => [d.name.zh, d.points])).toEqual([
      ['创新主体', 35],
      ['创新投入', 35],
      ['创新成效', 30],
    ]);
    expect(r.value.bonus.length).toBeGreaterThan(0);
  });

  it('plans/cup-scheme.schema.json is what scripts/generate-cup-scheme-schema.ts generates (not stale)', async () => {
    expect(await readFile(CUP_SCHEME_SCHEMA_PATH, 'utf8')).toBe(await cupSchemeSchemaFileText());
  });

  it('a duplicate item and a dimension over its points are located at their lines', async () => {
    const text = await readFile(DEFAULT_CUP_SCHEME_PATH, 'utf8');
    const bad = text
      .replace('code: hightech_rank\n', 'code: hightech_target\n')
      .replace(
        '    points: 35\n    items:\n      - code: rd_gdp_target',
        '    points: 30\n    items:\n      - code: rd_gdp_target',
      );
    const r = cupSchemeTextParse(bad, 'cup-scheme.yaml', plan);
    expect(r.ok).toBe(false);
    const lines = bad.split('\n');
    const lineOf = (s: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(s)) + 1;
    const dupLine = lineOf('code: hightech_target', lineOf('code: hightech_target'));
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.path, e.message])).toEqual([
      [
        dupLine,
        'dimensions[0].items[1].code',
        'duplicate item hightech_target (first at dimensions[0].items[0].code)',
      ],
      [
        lineOf('points: 30'),
        'dimensions[1].points',
        "the items' points add up to 35, more than the dimension's 30",
      ],
    ]);
  });
});
