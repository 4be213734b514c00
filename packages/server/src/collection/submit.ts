// Submitting figures: the template to fill, an upload's preview (every problem located), its
// all-or-nothing commit, and grid entry through the same checks. Scope is checked here, on the server.
import { regionName, type Lang, type Plan, type RegionCode } from '@ding/core';
import { auditAppend } from '../audit/index.ts';
import type { ImportError, ImportLocation } from '../import/index.ts';
import type { NewSubmission, Repositories, Round, Submission } from '../repositories/index.ts';
import {
  cellKey,
  collectionCheckRows,
  collectionIssue,
  type AssignmentState,
  type CandidateRow,
  type CheckedRow,
  type CollectionIssue,
  type PreviewIssue,
  type YoyMeasure,
  yoyMeasure,
} from './checks.ts';
import {
  lockedFailure,
  refuse,
  ROUND_NOT_FOUND,
  succeed,
  type CollectionFailure,
  type Outcome,
} from './outcome.ts';
import {
  collectionParseFile,
  collectionParseGrid,
  GRID_FILE,
  type GridRow,
  type ParsedSubmission,
} from './parse.ts';
import { referenceLoad } from './reference.ts';
import { indicatorMap, roundTasks, taskScope } from './rounds.ts';
import {
  ADMIN_SUBMITTER,
  figurePeriod,
  submitterName,
  submitterOfUser,
  type CollectionUser,
} from './submitters.ts';
import { collectionTemplate, type TemplateRow } from './template.ts';

/** One parsed row of an upload as the preview shows it, with its reference values and verdict. */
export interface PreviewRow {
  row: number;
  sheet?: string;
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
  value: number;
  vintage: string;
  note?: string;
  reason?: string;
  lastPeriod?: number;
  lastYear?: number;
  /** YoY change vs last year's published value: percent, or percentage points (yoyMeasure). */
  yoy?: number;
  yoyMeasure?: YoyMeasure;
  /** The submission this row would replace: shown, never silently overwritten. */
  inForce?: InForce;
  verdict: 'ok' | 'warning' | 'error';
}

/** A figure's submission in force this round; its id is the version an entry or a commit is based on. */
export interface InForce {
  submissionId: string;
  value: number;
  submittedBy: string;
  submittedAt: string;
  status: string;
}

function inForceOf(s: Submission): InForce {
  return {
    submissionId: s.id,
    value: s.value,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt,
    status: s.status,
  };
}

/** A grid row with the version it was entered over (task.submissionId; null or omitted: none). */
export type GridEntryRow = GridRow & { basedOn?: string | null };

/** docs/API.md UploadPreview. `id` is null when nothing was stored (grid entry with errors). */
export interface UploadPreview {
  id: string | null;
  roundId: string;
  fileName: string;
  ok: boolean;
  rows: PreviewRow[];
  errors: PreviewIssue[];
  warnings: PreviewIssue[];
}

/** What an upload keeps for its commit: the parsed rows and what the import said about the rest. */
interface StoredUpload {
  version: 1;
  rows: CandidateRow[];
  parseErrors: ImportError[];
  skipped: ImportLocation[];
  /** Hidden sheets and merged cells the import read past (issue 16 item 7); absent in older previews. */
  parseWarnings?: ImportError[];
  /**
   * The submission in force (id, or null for none) of each figure (cellKey) when the file was checked:
   * what the commit is based on. Absent in previews stored before versions were kept (not checked).
   */
  basedOn?: Record<string, string | null>;
}

export interface RowReason {
  row: number;
  sheet?: string;
  reason: string;
}

const rowKey = (sheet: string | undefined, row: number | undefined) => `${sheet ?? ''}\u0000${row ?? 0}`;

/** The submitter a caller files under; refused for leaders (read-only) and reporters without a unit. */
function uploaderOf(user: CollectionUser): Outcome<string> {
  if (user.role === 'admin') return succeed(ADMIN_SUBMITTER);
  const own = submitterOfUser(user);
  return own
    ? succeed(own)
    : refuse({ kind: 'forbidden', message: { zh: '无权报送数据', en: 'you may not submit figures' } });
}

/**
 * A locked period refuses every write unless an admin gives a reason (issue 3 §5: "any change after
 * lock needs an admin and a reason"). The override is returned for the row checks.
 */
async function lockGate(
  repos: Repositories,
  user: CollectionUser,
  period: string,
  reason: string | undefined,
): Promise<Outcome<{ override: boolean }>> {
  const override = user.role === 'admin' && !!reason?.trim();
  const locked = await repos.periodLocks.lockedAmong([period]);
  if (locked.has(period) && !override) return refuse(lockedFailure(period));
  return succeed({ override });
}

interface Built {
  preview: Omit<UploadPreview, 'id'>;
  checked: CheckedRow[];
  errors: PreviewIssue[];
  /** The round's submissions in force, by cellKey. */
  inForce: ReadonlyMap<string, Submission>;
}

async function previewBuild(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  round: Round,
  stored: StoredUpload,
  fileName: string,
  options: { lockOverride: boolean; reasons?: ReadonlyMap<string, string>; lang: Lang },
): Promise<Built> {
  const rows = stored.rows.map((r) => {
    const reason = options.reasons?.get(rowKey(r.at.sheet, r.at.row));
    return reason ? { ...r, reason } : r;
  });
  const assignments = new Map<string, AssignmentState>(
    (await repos.rounds.assignments(round.id)).map((a) => [
      cellKey(a.indicator, a.region),
      { submitter: a.submitter, period: a.period, status: a.status },
    ]),
  );
  const lockedPeriods = await repos.periodLocks.lockedAmong([
    ...new Set([round.period, ...rows.map((r) => r.period)]),
  ]);
  const reference = await referenceLoad(repos, rows);
  const inForce = new Map(
    (await repos.submissions.list({ roundIds: [round.id] })).map((s) => [cellKey(s.indicator, s.region), s]),
  );
  const indicators = indicatorMap(plan);
  const own = submitterOfUser(user);
  const checked = collectionCheckRows(rows, {
    indicators,
    actor: user,
    submitter: user.role === 'admin' ? undefined : own,
    round: { period: round.period, status: round.status },
    assignments,
    lockedPeriods,
    lockOverride: options.lockOverride,
    reference,
    regionName: (code) => regionName(plan, code as RegionCode, 'zh'),
    submitterName: (key) => submitterName(plan, key, 'zh'),
  });
  const errors = sortIssues([...stored.parseErrors, ...checked.errors]);
  const warnings: PreviewIssue[] = [...(stored.parseWarnings ?? []), ...checked.warnings];
  if (stored.skipped.length)
    warnings.unshift(
      collectionIssue(
        { kind: 'rows_skipped', rows: stored.skipped.map((s) => s.row ?? 0) },
        {
          file: fileName,
          ...(stored.skipped[0]?.sheet !== undefined ? { sheet: stored.skipped[0].sheet } : {}),
        },
      ),
    );
  const lang = options.lang;
  const previewRows: PreviewRow[] = checked.rows.map(({ row, verdict, reference: ref, yoy }) => {
    const ind = indicators.get(row.indicator);
    const p: PreviewRow = {
      row: row.at.row ?? 0,
      indicator: row.indicator,
      indicatorName: ind ? ind.name[lang] : row.indicator,
      region: row.region,
      regionName: regionName(plan, row.region as RegionCode, lang),
      period: row.period,
      unit: ind?.unit ?? '',
      value: row.value,
      vintage: row.vintage,
      verdict,
    };
    if (row.at.sheet !== undefined) p.sheet = row.at.sheet;
    if (row.note !== undefined) p.note = row.note;
    if (row.reason !== undefined) p.reason = row.reason;
    if (ref.lastPeriod !== undefined) p.lastPeriod = ref.lastPeriod;
    if (ref.lastYear !== undefined) p.lastYear = ref.lastYear;
    if (yoy) {
      p.yoy = Number(yoy.change.toFixed(4));
      p.yoyMeasure = yoy.measure;
    }
    const replaced = inForce.get(cellKey(row.indicator, row.region));
    if (replaced) p.inForce = inForceOf(replaced);
    return p;
  });
  return {
    preview: { roundId: round.id, fileName, ok: errors.length === 0, rows: previewRows, errors, warnings },
    checked: checked.rows,
    errors,
    inForce,
  };
}

/** File order: sheet, row, then as found. */
function sortIssues(issues: PreviewIssue[]): PreviewIssue[] {
  return issues
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        (a.e.sheet ?? '').localeCompare(b.e.sheet ?? '') || (a.e.row ?? 0) - (b.e.row ?? 0) || a.i - b.i,
    )
    .map(({ e }) => e);
}

function stored(parsed: ParsedSubmission): StoredUpload {
  return {
    version: 1,
    rows: parsed.rows,
    parseErrors: parsed.errors,
    skipped: parsed.skipped,
    ...(parsed.warnings.length ? { parseWarnings: parsed.warnings } : {}),
  };
}

/** POST /rounds/:id/uploads — read and check an uploaded file; store its preview for the commit. */
export async function uploadCreate(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  file: { name: string; data: Uint8Array },
  options: { reason?: string; lang?: Lang } = {},
): Promise<Outcome<UploadPreview>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const uploader = uploaderOf(user);
  if (!uploader.ok) return uploader;
  const gate = await lockGate(repos, user, round.period, options.reason);
  if (!gate.ok) return gate;
  const parsed = await collectionParseFile(file, plan);
  const keep = stored(parsed);
  const built = await previewBuild(repos, plan, user, round, keep, parsed.file.name, {
    lockOverride: gate.value.override,
    lang: options.lang ?? 'zh',
  });
  // The commit is based on the figures in force now, which the preview shows (row.inForce).
  keep.basedOn = Object.fromEntries(
    built.checked.map(({ row }) => {
      const key = cellKey(row.indicator, row.region);
      return [key, built.inForce.get(key)?.id ?? null];
    }),
  );
  const upload = await repos.submissions.createUpload({
    roundId,
    submitter: uploader.value,
    fileName: parsed.file.name,
    format: parsed.file.format,
    checksum: parsed.file.checksum,
    createdBy: user.username,
    ok: built.preview.ok,
    preview: JSON.stringify(keep),
  });
  return succeed({ id: upload.id, ...built.preview });
}

/** GET /uploads/:id — the preview again (for the uploader, or an admin). */
export async function uploadPreview(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  uploadId: string,
  lang: Lang = 'zh',
): Promise<Outcome<UploadPreview & { committedAt?: string }>> {
  const found = await ownUpload(repos, user, uploadId);
  if (!found.ok) return found;
  const { upload, round } = found.value;
  const built = await previewBuild(
    repos,
    plan,
    user,
    round,
    JSON.parse(upload.preview) as StoredUpload,
    upload.fileName,
    {
      lockOverride: false,
      lang,
    },
  );
  return succeed({
    id: upload.id,
    ...built.preview,
    ...(upload.committedAt !== undefined ? { committedAt: upload.committedAt } : {}),
  });
}

const UPLOAD_NOT_FOUND: CollectionFailure = {
  kind: 'not_found',
  message: { zh: '上传记录不存在', en: 'no such upload' },
};

async function ownUpload(repos: Repositories, user: CollectionUser, uploadId: string) {
  const upload = await repos.submissions.upload(uploadId);
  if (!upload) return refuse(UPLOAD_NOT_FOUND);
  if (user.role !== 'admin' && upload.submitter !== submitterOfUser(user))
    return refuse({
      kind: 'forbidden',
      message: { zh: '这不是本单位上传的文件', en: 'this upload belongs to another unit' },
    });
  const round = await repos.rounds.get(upload.roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  return succeed({ upload, round });
}

export interface SubmitResult {
  submitted: number;
  preview: UploadPreview;
}

/**
 * POST /uploads/:id/commit — all or nothing, in one transaction: every row is checked again against the
 * round as it is now (with the reasons given), then submitted, or nothing is. Audited.
 */
export async function uploadCommit(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  uploadId: string,
  input: { reasons?: readonly RowReason[]; reason?: string; lang?: Lang } = {},
): Promise<Outcome<SubmitResult>> {
  const found = await ownUpload(repos, user, uploadId);
  if (!found.ok) return found;
  const { upload, round } = found.value;
  const gate = await lockGate(repos, user, round.period, input.reason);
  if (!gate.ok) return gate;
  const reasons = new Map(
    (input.reasons ?? [])
      .filter((r) => r.reason.trim())
      .map((r) => [rowKey(r.sheet, r.row), r.reason.trim()]),
  );
  const keep = JSON.parse(upload.preview) as StoredUpload;
  const basedOn = keep.basedOn;
  return submitInTransaction(repos, plan, user, round, keep, {
    upload: { id: upload.id, fileName: upload.fileName, committed: upload.committedAt !== undefined },
    basedOn: (row) => (basedOn ? (basedOn[cellKey(row.indicator, row.region)] ?? null) : undefined),
    reasons,
    lockOverride: gate.value.override,
    ...(input.reason ? { reason: input.reason } : {}),
    lang: input.lang ?? 'zh',
  });
}

/** PUT /rounds/:id/values — grid entry: the same checks; submitted at once when clean. */
export async function valuesSubmit(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  input: { rows: readonly GridEntryRow[]; reason?: string; lang?: Lang },
): Promise<Outcome<SubmitResult>> {
  const round = await repos.rounds.get(roundId);
  if (!round) return refuse(ROUND_NOT_FOUND);
  const uploader = uploaderOf(user);
  if (!uploader.ok) return uploader;
  const gate = await lockGate(repos, user, round.period, input.reason);
  if (!gate.ok) return gate;
  const indicators = indicatorMap(plan);
  const parsed = await collectionParseGrid(input.rows, plan, (code) => {
    const ind = indicators.get(code);
    return ind && figurePeriod(ind, round.period);
  });
  return submitInTransaction(repos, plan, user, round, stored(parsed), {
    grid: { submitter: uploader.value, checksum: parsed.file.checksum },
    // Grid row n (1-based, as collectionParseGrid numbers them) was entered over input.rows[n − 1].basedOn.
    basedOn: (row) => input.rows[(row.at.row ?? 0) - 1]?.basedOn ?? null,
    lockOverride: gate.value.override,
    ...(input.reason ? { reason: input.reason } : {}),
    lang: input.lang ?? 'zh',
  });
}

async function submitInTransaction(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  round: Round,
  keep: StoredUpload,
  how: {
    upload?: { id: string; fileName: string; committed: boolean };
    grid?: { submitter: string; checksum: string };
    /**
     * The version (submission id in force, null for none) each row was based on; undefined: not checked.
     * A figure whose submission in force is another is stale: 409, nothing written.
     */
    basedOn: (row: CandidateRow) => string | null | undefined;
    reasons?: ReadonlyMap<string, string>;
    lockOverride: boolean;
    reason?: string;
    lang: Lang;
  },
): Promise<Outcome<SubmitResult>> {
  const fileName = how.upload?.fileName ?? GRID_FILE;
  // The figures this call tried to write, for the answer to a concurrent commit caught by the unique index.
  let attempted: CandidateRow[] = [];
  try {
    return await repos.transaction(async (tx): Promise<Outcome<SubmitResult>> => {
      if (how.upload?.committed) return refuse(alreadyCommitted());
      const built = await previewBuild(tx, plan, user, round, keep, fileName, {
        lockOverride: how.lockOverride,
        lang: how.lang,
        ...(how.reasons ? { reasons: how.reasons } : {}),
      });
      const preview: UploadPreview = { id: how.upload?.id ?? null, ...built.preview };
      if (built.errors.some((e) => e.kind === 'out_of_scope'))
        return refuse({
          kind: 'forbidden',
          message: {
            zh: '包含本单位无权填报的数据，未作任何修改',
            en: 'some figures are outside your scope; nothing was changed',
          },
          details: preview,
        });
      if (built.errors.length) {
        // Grid entry answers with its preview (the grid shows the cells); a file's commit is refused.
        if (how.grid) return succeed({ submitted: 0, preview });
        return refuse({
          kind: 'invalid',
          message: {
            zh: `仍有 ${built.errors.length} 处错误，未提交任何数据`,
            en: `${built.errors.length} error(s) remain; nothing was submitted`,
          },
          details: preview,
        });
      }
      if (built.checked.length === 0)
        return refuse({
          kind: 'invalid',
          message: { zh: '没有可提交的数据（数值均为空）', en: 'nothing to submit (no values given)' },
          details: preview,
        });

      // No silent last-writer-wins (issue 16 §4): each figure must still be at the version it was based on.
      attempted = built.checked.map(({ row }) => row);
      const stale = staleOf(attempted, built.inForce, how.basedOn);
      if (stale.length) return refuse(staleConflict(plan, stale, preview));

      let uploadId = how.upload?.id;
      if (how.grid) {
        const created = await tx.submissions.createUpload({
          roundId: round.id,
          submitter: how.grid.submitter,
          fileName: GRID_FILE,
          format: 'grid',
          checksum: how.grid.checksum,
          createdBy: user.username,
          ok: true,
          preview: JSON.stringify(keep),
        });
        uploadId = created.id;
        preview.id = created.id;
      }
      if (!(await tx.submissions.markCommitted(uploadId!, user.username))) return refuse(alreadyCommitted());

      const assignments = new Map(
        (await tx.rounds.assignments(round.id)).map((a) => [cellKey(a.indicator, a.region), a]),
      );
      const before = new Map(
        (await tx.submissions.list({ roundIds: [round.id] })).map((s) => [cellKey(s.indicator, s.region), s]),
      );
      const rows: NewSubmission[] = built.checked.map(({ row }) => ({
        roundId: round.id,
        uploadId: uploadId!,
        // The owing submitter, also when an admin files for them.
        submitter: assignments.get(cellKey(row.indicator, row.region))!.submitter,
        indicator: row.indicator,
        region: row.region,
        period: row.period,
        value: row.value,
        vintage: row.vintage,
        ...(row.note !== undefined ? { note: row.note } : {}),
        ...(row.reason !== undefined ? { reason: row.reason } : {}),
        submittedBy: user.username,
      }));
      const submitted = await tx.submissions.submit(rows);
      await tx.rounds.setStatus(round.id, rows, 'submitted');
      await auditAppend(tx, {
        actor: user,
        action: 'submission.submit',
        entity: 'upload',
        entityId: uploadId!,
        old: replacedOf(submitted, before),
        new: {
          round: round.period,
          file: fileName,
          rows: submitted.map((s) => ({
            id: s.id,
            indicator: s.indicator,
            region: s.region,
            period: s.period,
            value: s.value,
            ...(s.reason !== undefined ? { reason: s.reason } : {}),
          })),
        },
        ...(how.reason ? { reason: how.reason } : {}),
      });
      return succeed({ submitted: submitted.length, preview });
    });
  } catch (e) {
    // Two commits for the same figure at the same moment: the partial unique index keeps one; the other
    // is told the value that won, like a stale one.
    if (isUniqueViolation(e)) {
      const inForce = new Map(
        (await repos.submissions.list({ roundIds: [round.id] })).map((s) => [
          cellKey(s.indicator, s.region),
          s,
        ]),
      );
      const stale = attempted.flatMap((row) => {
        const now = inForce.get(cellKey(row.indicator, row.region));
        return now ? [{ row, current: now }] : [];
      });
      return refuse(stale.length ? staleConflict(plan, stale) : alreadyCommitted());
    }
    throw e;
  }
}

interface Stale {
  row: CandidateRow;
  /** The submission in force now (undefined: none, though the row was based on one). */
  current: Submission | undefined;
}

/** Rows whose figure's submission in force is not the one they were based on. */
function staleOf(
  rows: readonly CandidateRow[],
  inForce: ReadonlyMap<string, Submission>,
  basedOn: (row: CandidateRow) => string | null | undefined,
): Stale[] {
  return rows.flatMap((row) => {
    const expected = basedOn(row);
    if (expected === undefined) return [];
    const current = inForce.get(cellKey(row.indicator, row.region));
    return (current?.id ?? null) === expected ? [] : [{ row, current }];
  });
}

/** 409 naming the newer value of the first stale figure (who, when, value) and listing them all in details. */
function staleConflict(plan: Plan, stale: Stale[], preview?: UploadPreview): CollectionFailure {
  const indicators = indicatorMap(plan);
  const [first] = stale;
  const name = (l: Lang) =>
    `${indicators.get(first!.row.indicator)?.name[l] ?? first!.row.indicator} · ${regionName(plan, first!.row.region as RegionCode, l)}`;
  const more = stale.length - 1;
  const c = first!.current;
  const message = c
    ? {
        zh: `${name('zh')} 已由 ${c.submittedBy} 于 ${c.submittedAt} 提交为 ${c.value}${more ? `（另有 ${more} 项同样已被更新）` : ''}，请刷新核对后再提交；未作任何修改`,
        en: `${c.submittedBy} submitted ${name('en')} as ${c.value} at ${c.submittedAt}${more ? ` (and ${more} more figure(s) changed)` : ''}; reload, check and submit again — nothing was changed`,
      }
    : {
        zh: `${name('zh')} 的已报数据已不是您所见的版本，请刷新后再提交；未作任何修改`,
        en: `${name('en')} is no longer the version you saw; reload and submit again — nothing was changed`,
      };
  return {
    kind: 'conflict',
    message,
    details: {
      current: stale.map(({ row, current }) => ({
        indicator: row.indicator,
        region: row.region,
        period: row.period,
        ...(current ? inForceOf(current) : { submissionId: null }),
      })),
      ...(preview ? { preview } : {}),
    },
  };
}

function replacedOf(submitted: Submission[], before: Map<string, Submission>) {
  const replaced = submitted.flatMap((s) => {
    const b = before.get(cellKey(s.indicator, s.region));
    return b
      ? [{ id: b.id, indicator: b.indicator, region: b.region, value: b.value, status: b.status }]
      : [];
  });
  return replaced.length ? { rows: replaced } : null;
}

function alreadyCommitted(): CollectionFailure {
  return {
    kind: 'conflict',
    message: {
      zh: '该文件已提交过，或数据已被他人同时提交',
      en: 'already submitted (or someone submitted the same figures first)',
    },
  };
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** GET /rounds/:id/template.xlsx — the caller's open figures (admin: a submitter's, or all). */
export async function submitTemplate(
  repos: Repositories,
  plan: Plan,
  user: CollectionUser,
  roundId: string,
  asked?: string,
): Promise<Outcome<{ fileName: string; data: Buffer; rows: number }>> {
  const scope = taskScope(user, asked);
  if (!scope.ok) return scope;
  const result = await roundTasks(repos, plan, roundId, scope.value.submitter, 'zh');
  if (!result.ok) return result;
  const { round, tasks } = result.value;
  const indicators = indicatorMap(plan);
  // Approved and published figures are no longer the submitter's to change: they are left out.
  const open = tasks.filter(
    (t) => t.status === 'pending' || t.status === 'submitted' || t.status === 'returned',
  );
  const rows: TemplateRow[] = open.map((t) => {
    const ind = indicators.get(t.indicator);
    return {
      indicator: t.indicator,
      indicatorName: t.indicatorName,
      region: t.region,
      regionName: t.regionName,
      period: t.period,
      unit: t.unit,
      decimals: t.decimals,
      negativeAllowed: ind?.measure === 'growth' || (ind?.range?.min ?? 0) < 0,
      ...(ind?.measure === 'flow' ? { flow: true } : {}),
      ...(ind?.integer ? { integer: true } : {}),
      ...(ind?.range ? { range: ind.range } : {}),
      ...(ind?.yoyThreshold !== undefined
        ? { yoyThreshold: ind.yoyThreshold, yoyInPoints: yoyMeasure(ind) === 'points' }
        : {}),
      ...(t.lastPeriod !== undefined ? { lastPeriod: t.lastPeriod } : {}),
      ...(t.lastYear !== undefined ? { lastYear: t.lastYear } : {}),
      ...(t.value !== undefined ? { value: t.value } : {}),
      ...(t.note !== undefined ? { note: t.note } : {}),
      ...(t.reason !== undefined ? { reason: t.reason } : {}),
    };
  });
  const who = scope.value.submitter ? submitterName(plan, scope.value.submitter, 'zh') : '全部填报单位';
  const data = await collectionTemplate(rows, {
    round: round.period,
    dueDate: round.dueDate,
    submitterName: who,
    title: `${plan.name.zh} ${round.period} 数据填报表（${who}）`,
  });
  return succeed({ fileName: `${round.period}-${who}-填报模板.xlsx`, data, rows: rows.length });
}

export type { CollectionIssue };
