// Writes plans/plan.schema.json from the plan's Zod schema, so editors can validate and complete plan files.
// Run: node packages/cli/bin/run-ts.js scripts/generate-plan-schema.ts  (a test fails when the file is stale).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { planJsonSchema } from '../packages/core/src/plan/schema.ts';

export const PLAN_SCHEMA_PATH = fileURLToPath(new URL('../plans/plan.schema.json', import.meta.url));

/** The file's exact text: the JSON Schema, formatted as the repository's Prettier would format it. */
export async function planSchemaFileText(): Promise<string> {
  const options = (await prettier.resolveConfig(PLAN_SCHEMA_PATH)) ?? {};
  return prettier.format(JSON.stringify(planJsonSchema(), null, 2), {
    ...options,
    filepath: PLAN_SCHEMA_PATH,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(PLAN_SCHEMA_PATH, await planSchemaFileText());
  console.log(`wrote ${PLAN_SCHEMA_PATH}`);
}
