import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PLAN_SCHEMA_PATH, planSchemaFileText } from '../../../../scripts/generate-plan-schema.ts';

describe('plans/plan.schema.json', () => {
  it('is exactly what scripts/generate-plan-schema.ts generates from the Zod schema (not stale)', async () => {
    const committed = await readFile(PLAN_SCHEMA_PATH, 'utf8');
    // If this fails: node packages/cli/bin/run-ts.js scripts/generate-plan-schema.ts
    expect(committed).toBe(await planSchemaFileText());
  });
});
