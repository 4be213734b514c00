// Reads a plan file (YAML or JSON), validates it, and locates every problem at its line and column.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { planPathToString, planRangeErrors, planValidate, type Plan, type Result } from '@ding/core';

/** Cixi's plan, the default configuration (repository root/plans/cixi/plan.yaml). */
export const DEFAULT_PLAN_PATH = fileURLToPath(new URL('../../../../plans/cixi/plan.yaml', import.meta.url));

/**
 * A located problem in a plan file. `read`: the file could not be read; `syntax`: it is not valid
 * YAML/JSON; `invalid`: it parsed but breaks the plan schema or its reference rules.
 */
export interface PlanFileError {
  kind: 'read' | 'syntax' | 'invalid';
  file: string;
  /** Path inside the document, e.g. 'indicators[3].ratio.denominator'; '' for the whole document. */
  path: string;
  /** 1-based line and column of the offending node (absent when the file could not be read). */
  line?: number;
  column?: number;
  message: string;
}

/** Reads and validates a plan file. JSON is parsed as YAML (a subset of it), so both are located alike. */
export async function loadPlanFile(path: string): Promise<Result<Plan, PlanFileError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file: ${(e as Error).message}`;
    return { ok: false, errors: [{ kind: 'read', file: path, path: '', message }] };
  }
  return planTextParse(text, path);
}

/** YAML/JSON text parsed with line positions: the document and `at(offset)` → 1-based line and column. */
export function yamlParseLocated(text: string): {
  doc: Document;
  at: (offset: number) => { line: number; column: number };
} {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { doc, at };
}

/** Parses and validates plan text; `file` only labels the errors. */
export function planTextParse(text: string, file: string): Result<Plan, PlanFileError> {
  const { doc, at } = yamlParseLocated(text);

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        kind: 'syntax',
        file,
        path: '',
        ...at(e.pos[0]),
        message: e.message,
      })),
    };
  }

  if (doc.contents === null) {
    const message = 'the file is empty: a plan is a mapping with id, name, home, regions, indicators …';
    return { ok: false, errors: [{ kind: 'invalid', file, path: '', line: 1, column: 1, message }] };
  }
  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml's guard against "billion laughs" (aliases of aliases expanding exponentially) throws a
    // ReferenceError without a position: locate it at the first alias that expands too far.
    if (!(e instanceof ReferenceError)) throw e;
    const alias = aliasBomb(doc);
    const message =
      `too many aliases: ${alias ? `*${alias.node.source} expands to ${alias.size.toLocaleString('en-US')} values` : e.message}` +
      ` (at most ${MAX_ALIAS_COUNT} alias expansions; a plan needs no nested aliases — write the values out)`;
    return {
      ok: false,
      errors: [{ kind: 'syntax', file, path: '', ...at(alias?.node.range?.[0] ?? 0), message }],
    };
  }
  const validated = planValidate(json);
  // A plan file must bound every indicator (issue 16 item 6); stored plans are only re-validated.
  const bounded = validated.ok ? planRangeErrors(validated.value) : [];
  if (validated.ok && bounded.length === 0) return validated;
  const errors = (validated.ok ? bounded : validated.errors).map((e): PlanFileError => ({
    kind: 'invalid',
    file,
    path: planPathToString(e.path),
    ...at(yamlOffsetOf(doc, e.path, e.atKey ?? false)),
    message: e.message,
  }));
  // Report in reading order; the sort is stable, so errors on one node keep their order.
  errors.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
  return { ok: false, errors };
}

/** yaml's own default: a plan's anchors (a shared list of departments) stay far below it. */
const MAX_ALIAS_COUNT = 100;

/** The first alias whose expansion is larger than MAX_ALIAS_COUNT values, with that size. */
function aliasBomb(doc: Document): { node: Alias; size: number } | undefined {
  const sizes = new Map<unknown, number>();
  const sizeOf = (node: unknown, depth: number): number => {
    if (depth > 64) return Infinity;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    if (isAlias(node)) size = sizeOf(node.resolve(doc), depth + 1);
    else if (isCollection(node))
      size = node.items.reduce<number>(
        (n, item) =>
          n +
          (isScalar(item) || isAlias(item) || isCollection(item)
            ? sizeOf(item, depth + 1)
            : sizeOf((item as { value?: unknown }).value, depth + 1)),
        0,
      );
    sizes.set(node, Math.min(size, Number.MAX_SAFE_INTEGER));
    return size;
  };
  let found: { node: Alias; size: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      const size = sizeOf(node, 0);
      if (size > MAX_ALIAS_COUNT) {
        found = { node, size };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Offset of the YAML node at `path`: the value when it exists (the key for an unknown field, or
 * when the value is empty), else the nearest existing ancestor — a missing required field is
 * reported at the object that lacks it. Map keys are compared as strings, so a path part '2022'
 * finds the YAML key 2022 (a number).
 */
export function yamlOffsetOf(doc: Document, path: readonly (string | number)[], atKey = false): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      const valueStart =
        isScalar(pair.value) && pair.value.value === null ? undefined : rangeStart(pair.value);
      const start = (atKey && i === path.length - 1 ? keyStart : valueStart) ?? keyStart ?? valueStart;
      if (start === undefined) break;
      offset = start;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)];
      const start = rangeStart(item);
      if (start === undefined) break;
      offset = start;
      node = item;
    } else break;
  }
  return offset;
}

export function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** `plans/x.yaml:12:5 indicators[3].ratio.denominator: unknown indicator 'gdpx'` (file relative to cwd). */
export function formatPlanFileError(e: PlanFileError, cwd: string = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, e.file));
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : e.file;
  const where = e.line === undefined ? file : `${file}:${e.line}:${e.column}`;
  return e.path ? `${where} ${e.path}: ${e.message}` : `${where} ${e.message}`;
}
