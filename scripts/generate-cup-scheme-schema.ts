// Writes plans/cup-scheme.schema.json from the 科技创新杯 scheme's Zod schema, so editors validate scheme files.
// Run: node packages/cli/bin/run-ts.js scripts/generate-cup-scheme-schema.ts  (a test fails when the file is stale).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { cupSchemeJsonSchema } from '../packages/core/src/cup/scheme.ts';

export const CUP_SCHEME_SCHEMA_PATH = fileURLToPath(
  new URL('../plans/cup-scheme.schema.json', import.meta.url),
);

/** The file's exact text: the JSON Schema, formatted as the repository's Prettier would format it. */
export async function cupSchemeSchemaFileText(): Promise<string> {
  const options = (await prettier.resolveConfig(CUP_SCHEME_SCHEMA_PATH)) ?? {};
  return prettier.format(JSON.stringify(cupSchemeJsonSchema(), null, 2), {
    ...options,
    filepath: CUP_SCHEME_SCHEMA_PATH,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(CUP_SCHEME_SCHEMA_PATH, await cupSchemeSchemaFileText());
  console.log(`wrote ${CUP_SCHEME_SCHEMA_PATH}`);
}
