// 科技创新杯 over the stored data (issue 10 §5–7): the scheme file beside the plan (cup-scheme.yaml), the
// engine's rows of the year and the year before, the 科技创新指数, approved evidence → core's cupScore; the
// evidence workflow (enter → approve/reject, audited); the results as an export table (XLSX).
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import {
  cupEvidenceValidate,
  cupPathToString,
  cupSchemeValidate,
  cupScore,
  progressCompute,
  regionOn,
  type CupEvidenceInput,
  type CupResults,
  type CupScheme,
  type CupSchemeError,
  type CupTownResult,
  type IndicatorCode,
  type IsoDate,
  type Period,
  type Plan,
  type RegionCode,
  type Result,
} from '@ding/core';
import type { ExportTable } from '../export/table.ts';
import { DEFAULT_PLAN_PATH } from '../plan/load-plan-file.ts';
import type { CupEvidenceRecord } from '../repositories/index.ts';
import { workspaceIndex } from './index-scores.ts';
import type { Workspace } from './workspace.ts';

/** The scheme lives beside its plan file under this name (plans/cixi/cup-scheme.yaml). */
export const CUP_SCHEME_FILE_NAME = 'cup-scheme.yaml';

export function cupSchemePathResolve(planPath: string = DEFAULT_PLAN_PATH): string {
  return join(dirname(planPath), CUP_SCHEME_FILE_NAME);
}

export const DEFAULT_CUP_SCHEME_PATH = cupSchemePathResolve();

/** A scheme file problem at its line and column (1-based) and path inside the document. */
export interface CupSchemeFileError {
  file: string;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatCupSchemeError(e: CupSchemeFileError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column}`;
  return e.path ? `${where} ${e.path}: ${e.message}` : `${where} ${e.message}`;
}

/** Offset of the node at `path`, or of its nearest existing ancestor (a missing field: the object lacking it). */
function offsetOf(doc: Document, path: readonly (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
      if (!pair) break;
      const start = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0];
      if (start === undefined) break;
      offset = start;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  return offset;
}

/** Parses and validates scheme text (YAML or JSON) against the plan; `file` labels the errors. */
export function cupSchemeTextParse(
  text: string,
  file: string,
  plan: Plan,
): Result<CupScheme, CupSchemeFileError> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ file, path: '', ...at(e.pos[0]), message: e.message })),
    };
  }
  const r = cupSchemeValidate(doc.toJS({ maxAliasCount: 100 }), plan);
  if (r.ok) return r;
  return {
    ok: false,
    errors: r.errors.map((e: CupSchemeError) => ({
      file,
      path: cupPathToString(e.path),
      ...at(offsetOf(doc, e.path)),
      message: e.message,
    })),
  };
}

export async function cupSchemeLoad(
  path: string,
  plan: Plan,
): Promise<Result<CupScheme, CupSchemeFileError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file: ${(e as Error).message}`;
    return { ok: false, errors: [{ file: basename(path), path: '', message }] };
  }
  return cupSchemeTextParse(text, basename(path), plan);
}

export class CupSchemeInvalidError extends Error {
  constructor(readonly errors: CupSchemeFileError[]) {
    super(errors.map(formatCupSchemeError).join('\n'));
    this.name = 'CupSchemeInvalidError';
  }
}

/** The scheme in force (throws CupSchemeInvalidError with located errors when the file is bad). */
export async function workspaceCupScheme(
  plan: Plan,
  schemePath = DEFAULT_CUP_SCHEME_PATH,
): Promise<CupScheme> {
  const r = await cupSchemeLoad(schemePath, plan);
  if (!r.ok) throw new CupSchemeInvalidError(r.errors);
  return r.value;
}

function schemeIndicators(s: CupScheme): IndicatorCode[] {
  return [
    ...new Set(s.dimensions.flatMap((d) => d.items.flatMap((i) => (i.indicator ? [i.indicator] : [])))),
  ] as IndicatorCode[];
}

function peerTowns(plan: Plan, s: CupScheme, year: number): RegionCode[] {
  const members = plan.peerSets.find((p) => p.code === s.peerSet)?.members ?? [];
  return members.filter((m) => regionOn(plan, m as RegionCode, `${year}-12-31` as IsoDate)) as RegionCode[];
}

export interface WorkspaceCupOptions {
  schemePath?: string;
}

export interface WorkspaceCupResult extends CupResults {
  scheme: CupScheme;
}

/** One year's results without 位次变化 (used for the year and the year before). */
async function scoreYear(
  ws: Workspace,
  plan: Plan,
  scheme: CupScheme,
  year: number,
  observations: Parameters<typeof progressCompute>[1],
  evidence: CupEvidenceRecord[],
  previous?: CupResults,
): Promise<CupResults> {
  const period = String(year) as Period;
  const rows = progressCompute(plan, observations, period, {
    regions: peerTowns(plan, scheme, year),
    indicators: schemeIndicators(scheme),
    includeComponents: true,
  });
  const warnings: string[] = [];
  let index: { period: string; scores: { region: string; index: number | null }[] } | undefined;
  if (scheme.dimensions.some((d) => d.items.some((i) => i.rule.kind === 'index_score'))) {
    const r = await workspaceIndex(ws, plan, { period, peerSet: scheme.peerSet, previousPeriod: null });
    if (r.ok && r.value.period === period) index = { period: r.value.period, scores: r.value.scores };
    else if (r.ok)
      warnings.push(
        `科技创新指数 of ${year} is not complete (latest complete: ${r.value.period}): index items score 0`,
      );
    else warnings.push(`科技创新指数 of ${year}: ${r.errors[0]?.message ?? 'not computed'}`);
  }
  const result = cupScore({
    scheme,
    plan,
    year,
    rows,
    ...(index ? { index } : {}),
    evidence: evidence.filter((e) => e.year === year && e.status === 'approved'),
    ...(previous ? { previous } : {}),
  });
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

/** The year's 科技创新杯 results over the current (best-vintage) observations and approved evidence. */
export async function workspaceCup(
  ws: Workspace,
  plan: Plan,
  year: number,
  options: WorkspaceCupOptions = {},
): Promise<WorkspaceCupResult> {
  const scheme = await workspaceCupScheme(plan, options.schemePath);
  const observations = await ws.repos.observations.current({ vintage: 'best' });
  const evidence = await ws.repos.cupEvidence.list({ status: 'approved' });
  const last = await scoreYear(ws, plan, scheme, year - 1, observations, evidence);
  const result = await scoreYear(
    ws,
    plan,
    scheme,
    year,
    observations,
    evidence,
    last.towns.length > 0 ? last : undefined,
  );
  return { ...result, scheme };
}

/** An evidence entry refused: located field errors, nothing saved. */
export class CupEvidenceInvalidError extends Error {
  constructor(readonly errors: CupSchemeError[]) {
    super(errors.map((e) => `${cupPathToString(e.path)}: ${e.message}`).join('\n'));
    this.name = 'CupEvidenceInvalidError';
  }
}

/** Enters evidence (pending until an admin approves it); audited as cup.evidence.create. */
export async function cupEvidenceEnter(
  ws: Workspace,
  plan: Plan,
  input: CupEvidenceInput,
  actor: string,
  options: WorkspaceCupOptions = {},
): Promise<CupEvidenceRecord> {
  const scheme = await workspaceCupScheme(plan, options.schemePath);
  const errors = cupEvidenceValidate(scheme, plan, input);
  if (errors.length > 0) throw new CupEvidenceInvalidError(errors);
  return ws.repos.transaction(async (tx) => {
    const rec = await tx.cupEvidence.add(
      {
        year: input.year,
        region: input.region,
        item: input.item,
        quantity: input.quantity,
        note: input.note.trim(),
        ...(input.file?.trim() ? { file: input.file.trim() } : {}),
      },
      actor,
    );
    await tx.audit.append({
      actor,
      action: 'cup.evidence.create',
      entity: 'cup_evidence',
      entityId: String(rec.id),
      new: rec,
    });
    return rec;
  });
}

/** Approves or rejects a pending entry; audited as cup.evidence.approve / cup.evidence.reject. */
export async function cupEvidenceDecide(
  ws: Workspace,
  id: number,
  decision: 'approved' | 'rejected',
  actor: string,
): Promise<CupEvidenceRecord | undefined> {
  return ws.repos.transaction(async (tx) => {
    const old = await tx.cupEvidence.get(id);
    if (!old) return undefined;
    if (old.status !== 'pending') {
      throw new CupEvidenceInvalidError([
        { path: ['status'], message: `evidence ${id} is already ${old.status}` },
      ]);
    }
    const rec = await tx.cupEvidence.decide(id, decision, actor);
    await tx.audit.append({
      actor,
      action: decision === 'approved' ? 'cup.evidence.approve' : 'cup.evidence.reject',
      entity: 'cup_evidence',
      entityId: String(id),
      old,
      new: rec,
    });
    return rec;
  });
}

/** The results table: one row per town, ranks, dimension subtotals, every item's points, adjustments, awards. */
export function cupResultsTable(r: WorkspaceCupResult, lang: 'zh' | 'en' = 'zh'): ExportTable<CupTownResult> {
  const groupName = (code: string) => r.scheme.groups.find((g) => g.code === code)?.name[lang] ?? code;
  const proposal = r.scheme.status === 'proposal';
  return {
    name: { zh: `${r.year}年科技创新杯`, en: `Cup ${r.year}` },
    caption: {
      title: {
        zh: `${r.year}年度“科技创新杯”镇（街道）评比结果`,
        en: `S&T Innovation Cup ${r.year}: town results`,
      },
      lines: [{ zh: `评分方案：${r.scheme.name.zh}`, en: `Scheme: ${r.scheme.name.en}` }],
      ...(proposal
        ? {
            warning: {
              zh: '评分方案为建议稿，尚待市科技局确定',
              en: 'The scheme is a proposal, not yet adopted by the bureau',
            },
          }
        : {}),
    },
    frozenColumns: 3,
    orientation: 'landscape',
    rows: r.towns,
    columns: [
      { key: 'rankOverall', header: { zh: '总排名', en: 'Overall rank' }, value: (t) => t.rankOverall },
      { key: 'region', header: { zh: '代码', en: 'Code' }, value: (t) => t.region, type: 'text' },
      { key: 'name', header: { zh: '镇（街道）', en: 'Town' }, value: (t) => t.name[lang] },
      { key: 'group', header: { zh: '组别', en: 'Group' }, value: (t) => groupName(t.group) },
      { key: 'rankInGroup', header: { zh: '组内排名', en: 'Rank in group' }, value: (t) => t.rankInGroup },
      {
        key: 'rankChange',
        header: { zh: '位次变化', en: 'Rank change' },
        value: (t) => (t.rankChange === undefined ? null : t.rankChange),
      },
      { key: 'total', header: { zh: '总分', en: 'Total' }, value: (t) => t.total, decimals: 2 },
      ...r.scheme.dimensions.map((d) => ({
        key: `dim:${d.code}`,
        header: { zh: `${d.name.zh}（${d.points}）`, en: `${d.name.en} (${d.points})` },
        value: (t: CupTownResult) => t.dimensions.find((x) => x.code === d.code)?.points,
        decimals: 2,
      })),
      ...r.scheme.dimensions.flatMap((d) =>
        d.items.map((it) => ({
          key: `item:${it.code}`,
          header: { zh: `${it.name.zh}（${it.points}）`, en: `${it.name.en} (${it.points})` },
          value: (t: CupTownResult) => t.items.find((x) => x.item === it.code)?.points,
          decimals: 2,
        })),
      ),
      { key: 'bonus', header: { zh: '加分', en: 'Bonus' }, value: (t) => t.bonus, decimals: 2 },
      { key: 'deduction', header: { zh: '扣分', en: 'Deductions' }, value: (t) => t.deduction, decimals: 2 },
      {
        key: 'awards',
        header: { zh: '奖项', en: 'Awards' },
        value: (t) => t.awards.map((a) => a[lang]).join(lang === 'zh' ? '、' : '; '),
        wrap: true,
      },
    ],
  };
}
