// Where each import problem belongs on screen: a cell of the preview (sheet, row, field), a whole row,
// or the whole file; which rows still need a written reason; and whether the upload can be committed.
import type { GridRow, ImportProblem, PreviewRow } from '../api/types.ts';

/** The kind the server gives a YoY jump above the indicator's threshold until the row has a reason. */
export const NEEDS_REASON = 'needs_reason';
/** Pseudo-field for a problem that concerns a whole row (no column). */
export const ROW_FIELD = 'row';
/** Pseudo-field of the reason input of a row. */
export const REASON_FIELD = 'reason';

export function rowKey(sheet: string | undefined, row: number): string {
  return `${sheet ?? ''}\u0000${row}`;
}

/** The preview column a problem is shown in: a missing reason in the reason column, else its field. */
export function problemField(p: ImportProblem): string {
  if (p.kind === NEEDS_REASON) return REASON_FIELD;
  return p.field ?? ROW_FIELD;
}

export interface ProblemIndex {
  /** By row (rowKey), then by field. */
  rows: Map<string, Map<string, ImportProblem[]>>;
  /** Problems of the whole file or its header: they have no row. */
  file: ImportProblem[];
}

export function problemIndexBuild(problems: readonly ImportProblem[]): ProblemIndex {
  const rows = new Map<string, Map<string, ImportProblem[]>>();
  const file: ImportProblem[] = [];
  for (const p of problems) {
    if (p.row === undefined) {
      file.push(p);
      continue;
    }
    const k = rowKey(p.sheet, p.row);
    let fields = rows.get(k);
    if (!fields) rows.set(k, (fields = new Map()));
    const f = problemField(p);
    fields.set(f, [...(fields.get(f) ?? []), p]);
  }
  return { rows, file };
}

export function problemsAt(
  index: ProblemIndex,
  sheet: string | undefined,
  row: number,
  field: string,
): ImportProblem[] {
  return index.rows.get(rowKey(sheet, row))?.get(field) ?? [];
}

export function problemsOfRow(index: ProblemIndex, sheet: string | undefined, row: number): ImportProblem[] {
  return [...(index.rows.get(rowKey(sheet, row))?.values() ?? [])].flat();
}

/** Rows that need a written reason (YoY jump above the threshold), in file order, each once. */
export function reasonRowsRequired(errors: readonly ImportProblem[]): { sheet?: string; row: number }[] {
  const seen = new Set<string>();
  const out: { sheet?: string; row: number }[] = [];
  for (const e of errors) {
    if (e.kind !== NEEDS_REASON || e.row === undefined) continue;
    const k = rowKey(e.sheet, e.row);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e.sheet === undefined ? { row: e.row } : { sheet: e.sheet, row: e.row });
  }
  return out;
}

/**
 * The errors that stop a commit once the typed reasons are counted: every error except a needs_reason
 * whose row now has a non-blank reason. Empty means the commit can go ahead (all or nothing).
 */
export function commitBlockers(
  errors: readonly ImportProblem[],
  reasons: ReadonlyMap<string, string>,
): ImportProblem[] {
  return errors.filter(
    (e) =>
      !(e.kind === NEEDS_REASON && e.row !== undefined && (reasons.get(rowKey(e.sheet, e.row)) ?? '').trim()),
  );
}

/** The commit body's reasons: one per row that needs one (with its sheet, for a workbook), trimmed. */
export function commitReasons(
  errors: readonly ImportProblem[],
  reasons: ReadonlyMap<string, string>,
): { row: number; sheet?: string; reason: string }[] {
  return reasonRowsRequired(errors).flatMap(({ sheet, row }) => {
    const reason = (reasons.get(rowKey(sheet, row)) ?? '').trim();
    if (!reason) return [];
    return [sheet === undefined ? { row, reason } : { row, sheet, reason }];
  });
}

export function figureKey(indicator: string, region: string): string {
  return `${indicator}\u0000${region}`;
}

export interface GridProblems {
  /** By figure (figureKey), then by field. */
  figures: Map<string, Map<string, ImportProblem[]>>;
  /** Problems that could not be tied to a grid row; shown above the grid with their location. */
  unplaced: ImportProblem[];
}

/**
 * Problems of a grid submission placed on the grid's cells. A problem's row is matched to the preview
 * row with the same number, which names its indicator and region; a row the server could not read has
 * no preview row, and is found by its number: the server numbers the submitted rows 1, 2, … under a
 * header row 0, as if they were a sheet (packages/server/src/collection/parse.ts, collectionParseGrid).
 */
export function gridProblemsPlace(
  problems: readonly ImportProblem[],
  preview: readonly PreviewRow[],
  submitted: readonly GridRow[],
): GridProblems {
  const figures = new Map<string, Map<string, ImportProblem[]>>();
  const unplaced: ImportProblem[] = [];
  for (const p of problems) {
    const previewRow =
      p.row === undefined ? undefined : preview.find((r) => r.row === p.row && r.sheet === p.sheet);
    const source = previewRow ?? (p.row === undefined ? undefined : submitted[p.row - 1]);
    if (!source?.indicator || !source.region) {
      unplaced.push(p);
      continue;
    }
    const k = figureKey(source.indicator, source.region);
    let fields = figures.get(k);
    if (!fields) figures.set(k, (fields = new Map()));
    const f = problemField(p);
    fields.set(f, [...(fields.get(f) ?? []), p]);
  }
  return { figures, unplaced };
}

/** A line of the preview table: a row the server read, or a row it could not (only its problems show). */
export type PreviewLine = (PreviewRow & { unread?: false }) | { row: number; sheet?: string; unread: true };

/**
 * Every located row of the file, in file order: the parsed rows, plus a line for each row that has
 * problems but no parsed row (a non-number, an unknown code, a duplicate), so that every error has a
 * cell to be highlighted on, not only a line in the list.
 */
export function previewLines(rows: readonly PreviewRow[], problems: readonly ImportProblem[]): PreviewLine[] {
  const lines: PreviewLine[] = [...rows];
  const seen = new Set(rows.map((r) => rowKey(r.sheet, r.row)));
  for (const p of problems) {
    if (p.row === undefined) continue;
    const k = rowKey(p.sheet, p.row);
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(
      p.sheet === undefined ? { row: p.row, unread: true } : { row: p.row, sheet: p.sheet, unread: true },
    );
  }
  return lines.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
}

/**
 * What a reporter typed in a cell the server could not read ('77家', -220), taken from its problems,
 * so the preview shows the offending entry rather than a dash.
 */
export function problemRawText(problems: readonly ImportProblem[]): string | undefined {
  for (const p of problems) {
    if (p.text !== undefined) return p.text;
    if (p.value !== undefined) return String(p.value);
  }
  return undefined;
}
