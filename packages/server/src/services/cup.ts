// 科技创新杯 over the stored data (issue 10 §5–7): the scheme file beside the plan (cup-scheme.yaml), the
// engine's rows of the year and the year before, the 科技创新指数, approved evidence → core's cupScore; the
// evidence workflow (enter → approve/reject, audited); the results as an export table (XLSX) and as the
// 评比结果通报 (DOCX, through the report pipeline's renderer).
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  cupEvidenceValidate,
  cupNoticeDocument,
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
import { chinaDate } from '../china-time.ts';
import type { ExportTable } from '../export/table.ts';
import { reportDocx } from '../report/index.ts';
import { todayInChina } from '../export/progress.ts';
import { DEFAULT_PLAN_PATH, yamlOffsetOf, yamlParseLocated } from '../plan/load-plan-file.ts';
import type { CupEvidenceRecord } from '../repositories/index.ts';
import { indexSpecPathResolve, workspaceIndex } from './index-scores.ts';
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

/** Parses and validates scheme text (YAML or JSON) against the plan; `file` labels the errors. */
export function cupSchemeTextParse(
  text: string,
  file: string,
  plan: Plan,
): Result<CupScheme, CupSchemeFileError> {
  const { doc, at } = yamlParseLocated(text);
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
      ...at(yamlOffsetOf(doc, e.path)),
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
  /** Language of the service's own warnings (default zh, the app's default language). */
  lang?: 'zh' | 'en';
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
  lang: 'zh' | 'en',
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
        lang === 'zh'
          ? `${year}年科技创新指数尚不完整（最近完整期：${r.value.period}），指数类评分项按 0 分计`
          : `the 科技创新指数 of ${year} is not complete (latest complete: ${r.value.period}): index items score 0`,
      );
    else
      warnings.push(
        lang === 'zh'
          ? `${year}年科技创新指数未能计算：${r.errors[0]?.message ?? '无结果'}`
          : `the 科技创新指数 of ${year} was not computed: ${r.errors[0]?.message ?? 'no result'}`,
      );
  }
  const result = cupScore({
    scheme,
    plan,
    year,
    rows,
    ...(index ? { index } : {}),
    // `evidence` is the approved entries already (workspaceCup lists status approved).
    evidence: evidence.filter((e) => e.year === year),
    ...(previous ? { previous } : {}),
  });
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

/** Results kept per workspace, keyed by what they were computed from; beyond this the oldest is dropped. */
const MAX_CACHED = 16;
const cupCaches = new WeakMap<Workspace, Map<string, Promise<WorkspaceCupResult>>>();

/** Forget every cached result (entering or deciding evidence does; the key also moves with the data). */
export function cupCacheClear(ws: Workspace): void {
  cupCaches.get(ws)?.clear();
}

async function fileStamp(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

/**
 * The year's 科技创新杯 results over the current (best-vintage) observations and approved evidence. Cached as
 * the screens are (services/screen.ts): keyed by the active plan version, the observation write counter,
 * the scheme and index spec files' mtime/size and the approved evidence, so a request that changes none of
 * them reuses the scored results instead of reading the scheme and running two progress tables and two
 * index pipelines again.
 */
export async function workspaceCup(
  ws: Workspace,
  plan: Plan,
  year: number,
  options: WorkspaceCupOptions = {},
): Promise<WorkspaceCupResult> {
  const schemePath = options.schemePath ?? DEFAULT_CUP_SCHEME_PATH;
  const lang = options.lang ?? 'zh';
  const [stored, writes, schemeStamp, specStamp, evidence] = await Promise.all([
    ws.repos.plans.active(),
    ws.repos.snapshots.observationWrites(),
    fileStamp(schemePath),
    fileStamp(indexSpecPathResolve()),
    ws.repos.cupEvidence.list({ status: 'approved' }),
  ]);
  const evidenceStamp = evidence.map((e) => `${e.id}@${e.decidedAt ?? ''}`).join(',');
  const key = [
    year,
    lang,
    schemePath,
    `${stored?.id}:${stored?.version}`,
    writes,
    schemeStamp,
    specStamp,
    evidenceStamp,
  ].join('|');
  let cache = cupCaches.get(ws);
  if (!cache) cupCaches.set(ws, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  const computing = cupCompute(ws, plan, year, schemePath, lang, evidence);
  cache.set(key, computing);
  computing.catch(() => cache.delete(key));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return computing;
}

async function cupCompute(
  ws: Workspace,
  plan: Plan,
  year: number,
  schemePath: string,
  lang: 'zh' | 'en',
  evidence: CupEvidenceRecord[],
): Promise<WorkspaceCupResult> {
  const scheme = await workspaceCupScheme(plan, schemePath);
  const observations = await ws.repos.observations.current({ vintage: 'best' });
  const last = await scoreYear(ws, plan, scheme, year - 1, observations, evidence, lang);
  const result = await scoreYear(
    ws,
    plan,
    scheme,
    year,
    observations,
    evidence,
    lang,
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
  const rec = await ws.repos.transaction(async (tx) => {
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
  cupCacheClear(ws);
  return rec;
}

/** Approves or rejects a pending entry; audited as cup.evidence.approve / cup.evidence.reject. */
export async function cupEvidenceDecide(
  ws: Workspace,
  id: number,
  decision: 'approved' | 'rejected',
  actor: string,
): Promise<CupEvidenceRecord | undefined> {
  const rec = await ws.repos.transaction(async (tx) => {
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
  cupCacheClear(ws);
  return rec;
}

/**
 * The results table: one row per town, ranks, dimension subtotals, every item's points, adjustments, awards —
 * captioned as the progress table is (制表日期, the synthetic-data warning; export/progress.ts).
 */
export function cupResultsTable(
  r: WorkspaceCupResult,
  lang: 'zh' | 'en' = 'zh',
  options: { date?: string } = {},
): ExportTable<CupTownResult> {
  const groupName = (code: string) => r.scheme.groups.find((g) => g.code === code)?.name[lang] ?? code;
  const date = options.date ?? todayInChina();
  // The table has one warning line: the proposal notice and the synthetic-data warning share it.
  const warnings = [
    ...(r.scheme.status === 'proposal'
      ? [
          {
            zh: '评分方案为建议稿，尚待市科技局确定',
            en: 'The scheme is a proposal, not yet adopted by the bureau',
          },
        ]
      : []),
    ...(r.synthetic
      ? [
          {
            zh: '含合成演示数据：标“合成”的数值为演示用模拟数据，不得作为统计数据引用',
            en: 'Contains synthetic demo data: values marked "synthetic" are simulated and must not be quoted',
          },
        ]
      : []),
  ];
  return {
    name: { zh: `${r.year}年科技创新杯`, en: `Cup ${r.year}` },
    caption: {
      title: {
        zh: `${r.year}年度“科技创新杯”镇（街道）评比结果`,
        en: `S&T Innovation Cup ${r.year}: town results`,
      },
      lines: [
        {
          zh: `评分方案：${r.scheme.name.zh}\u3000\u3000制表日期：${date}`,
          en: `Scheme: ${r.scheme.name.en}    Date: ${date}`,
        },
      ],
      ...(warnings.length > 0
        ? {
            warning: {
              zh: warnings.map((w) => w.zh).join('；'),
              en: warnings.map((w) => w.en).join('; '),
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
      // A column headed 扣分 holds the points taken off (3.00, not −3.00): total = subtotals + 加分 − 扣分.
      {
        key: 'deduction',
        header: { zh: '扣分', en: 'Deductions' },
        value: (t) => Math.abs(t.deduction),
        decimals: 2,
      },
      {
        key: 'awards',
        header: { zh: '奖项', en: 'Awards' },
        value: (t) => t.awards.map((a) => a[lang]).join(lang === 'zh' ? '、' : '; '),
        wrap: true,
      },
    ],
  };
}

/** The 评比结果通报 of `results` as a DOCX (core's cupNoticeDocument, printed as the 季报 is), dated today in China. */
export function cupNoticeDocx(
  plan: Plan,
  results: WorkspaceCupResult,
  lang: 'zh' | 'en' = 'zh',
  date: string = chinaDate(),
): Promise<Buffer> {
  return reportDocx(cupNoticeDocument(plan, results.scheme, results, { lang, date }));
}

/** The file name of the 通报 download: 2025年度科技创新杯评比结果通报.docx. */
export function cupNoticeFileName(year: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${year}年度科技创新杯评比结果通报.docx` : `cup-${year}-results.docx`;
}
