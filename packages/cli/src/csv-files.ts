// CSV files for the CLI: read a table with located parse errors; write a file atomically (a temporary
// file renamed into place), so that a failed command leaves nothing half-written.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CoinrTable, IndexError } from '@ding/core';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; errors: IndexError[] };

/** Read a CSV file (UTF-8, optional BOM) into header + rows. */
export function csvReadTable(path: string): ReadResult<CoinrTable> {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }],
    };
  }
  try {
    // `info` keeps each record's line, so errors point at the right line even after skipped blank lines.
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    const [header, ...body] = records;
    if (header === undefined) return { ok: false, errors: [{ file, row: 1, message: 'the file is empty' }] };
    return {
      ok: true,
      value: {
        file,
        header: header.record.map((h) => h.trim()),
        rows: body.map((r) => r.record),
        lines: body.map((r) => r.info.lines),
      },
    };
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { ok: false, errors: [{ file, row: err.lines, message: `not valid CSV: ${err.message}` }] };
  }
}

export function csvStringify(rows: (string | number)[][]): string {
  return stringify(rows);
}

/** Write `text` (or bytes) to `path` atomically: write a sibling temporary file, then rename it over the target. */
export function fileWriteAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
