// Pure helpers of the 报告 page: the 期数 label, the editable paragraphs of a document and the edits to
// send for them, the trace of a printed number, and the bars of a chart drawn as a list.
import { inlineText, reportIssueLabel } from '@ding/core';
import type { ChartSpec, ReportBlock, ReportDocument, ReportEdits } from '../api/types.ts';

/** 2025年第3期（总第12期）: the 期数 exactly as the 报头 prints it (core's reportIssueLabel). */
export function reportIssueText(
  issue: { year: number; number: number; total: number },
  lang: 'zh' | 'en',
): string {
  return reportIssueLabel(issue, lang);
}

/**
 * The text of every editable paragraph (存在问题 problems.N, 下步工作 nextSteps), by its editableId. An edit of
 * several lines is printed as a paragraph per line under the same id: their texts are joined by line breaks.
 */
export function reportEditableTexts(doc: ReportDocument): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of doc.blocks)
    if (b.kind === 'paragraph' && b.editableId) {
      const text = inlineText(b.parts);
      out[b.editableId] = b.editableId in out ? `${out[b.editableId]}\n${text}` : text;
    }
  return out;
}

/** Whether block `index` continues the editable paragraph before it (a later line of one edit): one text area. */
export function reportEditableContinues(blocks: readonly ReportBlock[], index: number): boolean {
  const b = blocks[index];
  const before = blocks[index - 1];
  return (
    b?.kind === 'paragraph' &&
    !!b.editableId &&
    before?.kind === 'paragraph' &&
    before.editableId === b.editableId
  );
}

const problemIndex = (id: string): number | undefined => {
  const m = /^problems\.(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
};

/**
 * The edits to PUT for the texts in the form. The server stores 存在问题 as a list (problems[i] is the
 * paragraph problems.{i+1}) up to the last paragraph changed now or edited before; a paragraph never
 * edited is sent as null, so it keeps its drafted text with traced numbers. Undefined when nothing
 * differs from the document and nothing was edited before.
 */
export function reportEditsFrom(
  drafted: Record<string, string>,
  texts: Record<string, string>,
  previous: ReportEdits | undefined,
): ReportEdits | undefined {
  const changed = Object.keys(texts).filter((id) => texts[id] !== drafted[id]);
  let last = previous?.problems?.length ?? 0;
  for (const id of changed) last = Math.max(last, problemIndex(id) ?? 0);
  const edits: ReportEdits = {};
  if (last > 0)
    edits.problems = Array.from({ length: last }, (_, i) => {
      const id = `problems.${i + 1}`;
      if (changed.includes(id)) return texts[id]!;
      return previous?.problems?.[i] ?? null;
    });
  if (changed.includes('nextSteps') || previous?.nextSteps)
    edits.nextSteps = [texts.nextSteps ?? drafted.nextSteps ?? ''];
  return edits.problems || edits.nextSteps ? edits : undefined;
}

export interface ChartBar {
  value: number | null;
  /** Width of the bar, 0–100 % of the largest magnitude among the series of the same unit. */
  width: number;
}

export interface ChartBars {
  series: { name: string; unit: string }[];
  /** One row per category, one bar per series. */
  rows: { category: string; bars: ChartBar[] }[];
  /** The reference line, on the first series' scale. */
  target?: { name: string; at: number };
}

/**
 * A chart as bar lists: every series a bar per category, scaled to the largest magnitude among the series of
 * its unit (a series in another unit is on its own scale, as on ECharts' second axis) and, for the first
 * unit, the target line.
 */
export function chartBars(spec: ChartSpec): ChartBars {
  const max = new Map<string, number>();
  const widen = (unit: string, v: number) => max.set(unit, Math.max(max.get(unit) ?? 0, Math.abs(v)));
  for (const s of spec.series) for (const v of s.data) if (v !== null) widen(s.unit, v);
  const firstUnit = spec.series[0]?.unit ?? '';
  if (spec.targetLine) widen(firstUnit, spec.targetLine.value);
  const scale = (unit: string, v: number) => {
    const m = max.get(unit) ?? 0;
    return m > 0 ? (Math.abs(v) / m) * 100 : 0;
  };
  return {
    series: spec.series.map((s) => ({ name: s.name, unit: s.unit })),
    rows: spec.categories.map((category, i) => ({
      category,
      bars: spec.series.map((s) => {
        const value = s.data[i] ?? null;
        return { value, width: value === null ? 0 : scale(s.unit, value) };
      }),
    })),
    ...(spec.targetLine
      ? { target: { name: spec.targetLine.name, at: scale(firstUnit, spec.targetLine.value) } }
      : {}),
  };
}
