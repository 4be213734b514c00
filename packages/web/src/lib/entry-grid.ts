// The data-entry grid's state: a draft per owed figure, which rows are sent, and what changed.
import type { GridRow, RoundTask, TaskStatus } from '../api/types.ts';
import { figureKey } from './import-problems.ts';

export interface Draft {
  value: number | null;
  note: string;
  reason: string;
}

/** Figures approved or published are no longer the submitter's to change (the server refuses them). */
const EDITABLE: ReadonlySet<TaskStatus> = new Set(['pending', 'returned', 'submitted']);

export function taskEditable(task: RoundTask): boolean {
  return EDITABLE.has(task.status);
}

export function draftOf(task: RoundTask): Draft {
  return { value: task.value ?? null, note: task.note ?? '', reason: task.reason ?? '' };
}

export function draftsInit(tasks: readonly RoundTask[]): Map<string, Draft> {
  return new Map(tasks.map((t) => [figureKey(t.indicator, t.region), draftOf(t)]));
}

export function draftChanged(task: RoundTask, draft: Draft): boolean {
  const was = draftOf(task);
  return was.value !== draft.value || was.note !== draft.note.trim() || was.reason !== draft.reason.trim();
}

/**
 * The rows a submission sends: editable figures with a value that are still owed (pending, returned)
 * or were changed. An unchanged figure already submitted is not sent again.
 */
export function gridRowsToSend(tasks: readonly RoundTask[], drafts: ReadonlyMap<string, Draft>): GridRow[] {
  const out: GridRow[] = [];
  for (const task of tasks) {
    const draft = drafts.get(figureKey(task.indicator, task.region));
    if (!draft || draft.value === null || !taskEditable(task)) continue;
    const owed = task.status === 'pending' || task.status === 'returned';
    if (!owed && !draftChanged(task, draft)) continue;
    const row: GridRow = {
      indicator: task.indicator,
      region: task.region,
      period: task.period,
      value: draft.value,
      // The version the value was entered over: a figure someone submitted since is refused (409), not overwritten.
      basedOn: task.submissionId ?? null,
    };
    if (draft.note.trim()) row.note = draft.note.trim();
    if (draft.reason.trim()) row.reason = draft.reason.trim();
    out.push(row);
  }
  return out;
}
