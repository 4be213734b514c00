// The collection checks a submitted row must pass on top of the import's own (types, codes, ranges,
// duplicates): scope, assignment, open and unlocked period, unit/scale, and YoY jumps needing a reason.
// Pure: rows + the round's state in, located issues out. Messages come from one exhaustive switch.
import {
  assertNever,
  periodOf,
  periodParse,
  scopeAllowsWrite,
  type Actor,
  type Indicator,
  type LocalizedName,
  type Vintage,
} from '@ding/core';
import {
  importErrorReason,
  importLocationText,
  type ImportError,
  type ImportField,
  type ImportLocation,
  type YtdBelowPrevious,
} from '../import/index.ts';
import type { AssignmentStatus } from '../repositories/index.ts';

export type CollectionIssueDetail =
  /** The uploader may not write this indicator for this region (scopeAllowsWrite). */
  | { kind: 'out_of_scope'; indicator: string; region: string; regionName: string }
  /** Nobody owes this figure in the round, or another submitter does. */
  | { kind: 'not_assigned'; indicator: string; region: string; round: string; assignedTo?: string }
  /** The row's period is not the one this figure is collected for in the round. */
  | { kind: 'period_not_open'; indicator: string; period: string; expected: string; round: string }
  /** The round no longer accepts figures (file-level). */
  | { kind: 'round_closed'; round: string }
  | { kind: 'period_locked'; period: string }
  /** Approved or published figures change only after the reviewer returns them. */
  | { kind: 'already_reviewed'; indicator: string; region: string; status: 'approved' | 'published' }
  /** A year-to-date flow below the previous quarter's published year to date (the import's rule and message). */
  | YtdBelowPrevious
  /** A value a power of ten away from last year's: the wrong unit (万元 for 亿元) or scale. */
  | { kind: 'unit_scale'; indicator: string; unit: string; value: number; lastYear: number; factor: number }
  /** |YoY| above the indicator's yoyThreshold without a written reason. */
  | ({ kind: 'needs_reason' } & YoyJump)
  /** Warning: the same jump, explained. */
  | ({ kind: 'yoy_explained'; reason: string } & YoyJump)
  /** Warning: rows without a value were left out (a template need not be filled in completely). */
  | { kind: 'rows_skipped'; rows: number[] };

export interface YoyJump {
  indicator: string;
  value: number;
  lastYear: number;
  /** Percent change, or the change in percentage points for ratios and rates. */
  change: number;
  threshold: number;
  measure: YoyMeasure;
}

/** Counts and amounts change in percent; ratios and growth rates in percentage points (plan: yoyThreshold). */
export type YoyMeasure = 'percent' | 'points';

export type CollectionIssueKind = CollectionIssueDetail['kind'];
export type CollectionIssue = CollectionIssueDetail & ImportLocation & { message: LocalizedName };
/** What a preview lists: the import module's errors and the collection's, in one located shape. */
export type PreviewIssue = ImportError | CollectionIssue;

export function collectionIssue(detail: CollectionIssueDetail, at: ImportLocation): CollectionIssue {
  const where = importLocationText(at);
  const reason = collectionIssueReason(detail);
  return { ...at, ...detail, message: { zh: `${where.zh}：${reason.zh}`, en: `${where.en}: ${reason.en}` } };
}

const fmt = (n: number) => String(Number(n.toPrecision(12)));
const signed = (n: number, digits = 1) => `${n > 0 ? '+' : ''}${n.toFixed(digits)}`;

/** Why, without where. Exhaustive: a new kind does not compile until it is explained here. */
export function collectionIssueReason(d: CollectionIssueDetail): LocalizedName {
  switch (d.kind) {
    case 'out_of_scope':
      return {
        zh: `无权填报地区 ${d.regionName}（${d.region}）的指标 ${d.indicator}，只能填报本单位负责的数据`,
        en: `you may not report indicator ${d.indicator} for ${d.regionName} (${d.region}): only figures your unit owes`,
      };
    case 'not_assigned':
      return d.assignedTo
        ? {
            zh: `${d.round} 填报任务中，指标 ${d.indicator}（${d.region}）由 ${d.assignedTo} 填报，不在本单位任务内`,
            en: `in round ${d.round}, indicator ${d.indicator} (${d.region}) is owed by ${d.assignedTo}, not by you`,
          }
        : {
            zh: `${d.round} 填报任务中没有指标 ${d.indicator}（${d.region}）`,
            en: `round ${d.round} does not collect indicator ${d.indicator} for ${d.region}`,
          };
    case 'period_not_open':
      return {
        zh: `期别 ${d.period} 未开放填报：${d.round} 填报任务中指标 ${d.indicator} 应填期别 ${d.expected}`,
        en: `period ${d.period} is not open: round ${d.round} collects indicator ${d.indicator} for ${d.expected}`,
      };
    case 'round_closed':
      return {
        zh: `${d.round} 填报任务已关闭，不再接收数据`,
        en: `round ${d.round} is closed and accepts no more figures`,
      };
    case 'period_locked':
      return {
        zh: `期别 ${d.period} 已锁定，修改须由管理员填写原因后进行`,
        en: `period ${d.period} is locked: only an admin, giving a reason, may change it`,
      };
    case 'already_reviewed':
      return d.status === 'published'
        ? {
            zh: `指标 ${d.indicator}（${d.region}）已发布，不能再次报送`,
            en: `indicator ${d.indicator} (${d.region}) is already published and cannot be resubmitted`,
          }
        : {
            zh: `指标 ${d.indicator}（${d.region}）已审核通过；如需修改，请联系管理员退回`,
            en: `indicator ${d.indicator} (${d.region}) is already approved; ask the reviewer to return it first`,
          };
    case 'ytd_below_previous':
      return importErrorReason(d);
    case 'unit_scale': {
      const hint = scaleHint(d.unit, d.factor);
      return {
        zh: `${fmt(d.value)} 约为上年同期（${fmt(d.lastYear)}）的 ${factorText(d.factor).zh}，${hint.zh}`,
        en: `${fmt(d.value)} is about ${factorText(d.factor).en} last year's ${fmt(d.lastYear)}: ${hint.en}`,
      };
    }
    case 'needs_reason':
      return {
        zh: `同比${yoyText(d).zh}，超过指标 ${d.indicator} 的阈值 ${fmt(d.threshold)}${d.measure === 'points' ? ' 个百分点' : '%'}（上年同期 ${fmt(d.lastYear)}），请在「原因」列说明变动原因`,
        en: `year on year ${yoyText(d).en}, above the threshold of ${fmt(d.threshold)}${d.measure === 'points' ? ' pp' : '%'} for ${d.indicator} (last year ${fmt(d.lastYear)}); give the reason in the 原因 (reason) column`,
      };
    case 'yoy_explained':
      return {
        zh: `同比${yoyText(d).zh}（上年同期 ${fmt(d.lastYear)}），已说明原因：${d.reason}`,
        en: `year on year ${yoyText(d).en} (last year ${fmt(d.lastYear)}), explained: ${d.reason}`,
      };
    case 'rows_skipped':
      return {
        zh: `${d.rows.length} 行未填数值，未报送（第 ${d.rows.join('、')} 行）`,
        en: `${d.rows.length} row(s) without a value were left out (row ${d.rows.join(', ')})`,
      };
    default:
      return assertNever(d, 'collection issue kind');
  }
}

function yoyText(d: YoyJump): LocalizedName {
  return d.measure === 'points'
    ? { zh: `变动 ${signed(d.change, 2)} 个百分点`, en: `changes by ${signed(d.change, 2)} pp` }
    : {
        zh: `${d.change >= 0 ? '增长' : '下降'} ${Math.abs(d.change).toFixed(1)}%`,
        en: `${signed(d.change)}%`,
      };
}

function factorText(factor: number): LocalizedName {
  if (factor >= 1) {
    const zh = factor === 1e4 ? '1 万倍' : factor === 1e8 ? '1 亿倍' : `${fmt(factor)} 倍`;
    return { zh, en: `${fmt(factor)} times` };
  }
  const inverse = 1 / factor;
  const zh = inverse === 1e4 ? '万分之一' : inverse === 1e8 ? '亿分之一' : `${fmt(inverse)} 分之一`;
  return { zh, en: `1/${fmt(inverse)} of` };
}

/** The likely slip for a unit and a factor: 亿元 entered in 万元 (×10⁴), a % entered as a fraction (×10⁻²). */
function scaleHint(unit: string, factor: number): LocalizedName {
  const u = unit.normalize('NFKC').trim();
  if (u.startsWith('亿') && factor === 1e4)
    return {
      zh: `疑似按「万${u.slice(1)}」填报，本指标单位为「${u}」`,
      en: `entered in 万 (10⁴) instead of ${u}?`,
    };
  if (u.startsWith('亿') && factor === 1e8)
    return {
      zh: `疑似按「${u.slice(1)}」填报，本指标单位为「${u}」`,
      en: `entered in ${u.slice(1)} instead of ${u}?`,
    };
  if (u.startsWith('万') && factor === 1e-4)
    return {
      zh: `疑似按「亿${u.slice(1)}」填报，本指标单位为「${u}」`,
      en: `entered in 亿 (10⁸) instead of ${u}?`,
    };
  if (u === '%' && factor === 1e-2)
    return {
      zh: '疑似填了小数（如 0.035），本指标以百分数填报（如 3.5）',
      en: 'a fraction (0.035) where a percent (3.5) is expected?',
    };
  return {
    zh: `疑似单位或数量级有误，本指标单位为「${u}」`,
    en: `check the unit and scale (the indicator's unit is ${u})`,
  };
}

const SCALE_FACTORS = [1e-8, 1e-4, 1e4, 1e8];
const PERCENT_FACTORS = [1e-2, 1e2];

/**
 * The power of ten a value is away from last year's, when that is the likeliest explanation: within a
 * factor of 3 of 10⁴ or 10⁸ (万 vs 亿 vs 元), or of 10² for a percentage. No real figure grows 3,000-fold.
 */
export function scaleSuspect(unit: string, value: number, lastYear: number): number | undefined {
  if (!(value > 0) || !(lastYear > 0)) return undefined;
  const ratio = value / lastYear;
  const factors =
    unit.normalize('NFKC').trim() === '%' ? [...PERCENT_FACTORS, ...SCALE_FACTORS] : SCALE_FACTORS;
  return factors.find((f) => ratio >= f / 3 && ratio <= f * 3);
}

export function yoyMeasure(ind: Pick<Indicator, 'measure' | 'unit'>): YoyMeasure {
  return ind.measure === 'ratio' || ind.measure === 'growth' || ind.unit.normalize('NFKC').trim() === '%'
    ? 'points'
    : 'percent';
}

/** YoY change: percent for counts and amounts (undefined from a zero base), points for ratios and rates. */
export function yoyChange(
  ind: Pick<Indicator, 'measure' | 'unit'>,
  value: number,
  lastYear: number,
): { change: number; measure: YoyMeasure } | undefined {
  const measure = yoyMeasure(ind);
  if (measure === 'points') return { change: value - lastYear, measure };
  if (lastYear === 0) return undefined;
  return { change: ((value - lastYear) / Math.abs(lastYear)) * 100, measure };
}

/** A parsed row on its way to submission: its figure, where it is in the file, and its reason if any. */
export interface CandidateRow {
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: Vintage;
  note?: string;
  reason?: string;
  /** file, sheet, row */
  at: ImportLocation;
  /** Column label of each field in this row's sheet ('D' in xlsx, the header text in csv). */
  columns: Partial<Record<ImportField, string>>;
}

export interface AssignmentState {
  submitter: string;
  period: string;
  status: AssignmentStatus;
}

export interface ReferenceValues {
  lastPeriod?: number;
  lastYear?: number;
}

export interface CheckContext {
  indicators: ReadonlyMap<string, Indicator>;
  actor: Actor;
  /** The uploader's submitter key; undefined for an admin (who may file for anyone). */
  submitter: string | undefined;
  /** A closed or cancelled round accepts nothing. */
  round: { period: string; status: 'open' | 'closed' | 'cancelled' };
  /** By cellKey(indicator, region). */
  assignments: ReadonlyMap<string, AssignmentState>;
  lockedPeriods: ReadonlySet<string>;
  /** An admin who gave a reason may write to locked periods. */
  lockOverride: boolean;
  reference: (indicator: string, region: string, period: string) => ReferenceValues;
  regionName: (code: string) => string;
  submitterName: (key: string) => string;
}

export function cellKey(indicator: string, region: string): string {
  return `${indicator}\u0000${region}`;
}

export type RowVerdict = 'ok' | 'warning' | 'error';

export interface CheckedRow {
  row: CandidateRow;
  verdict: RowVerdict;
  reference: ReferenceValues;
  yoy?: { change: number; measure: YoyMeasure };
}

export interface CheckResult {
  rows: CheckedRow[];
  errors: CollectionIssue[];
  warnings: CollectionIssue[];
}

/** Every collection check on every row; one row can have several issues, each located at its cell. */
export function collectionCheckRows(rows: readonly CandidateRow[], ctx: CheckContext): CheckResult {
  const errors: CollectionIssue[] = [];
  const warnings: CollectionIssue[] = [];
  const out: CheckedRow[] = [];
  const file = rows[0]?.at.file;
  if (ctx.round.status !== 'open' && file !== undefined)
    errors.push(collectionIssue({ kind: 'round_closed', round: ctx.round.period }, { file }));

  for (const row of rows) {
    const at = (field: ImportField): ImportLocation => ({
      ...row.at,
      ...(row.columns[field] !== undefined ? { column: row.columns[field] } : {}),
      field,
    });
    const before = errors.length;
    const warned = warnings.length;
    const fail = (detail: CollectionIssueDetail, field: ImportField) =>
      errors.push(collectionIssue(detail, at(field)));
    const reference = ctx.reference(row.indicator, row.region, row.period);
    const checked: CheckedRow = { row, verdict: 'ok', reference };
    out.push(checked);
    const ind = ctx.indicators.get(row.indicator);
    // The import already refused unknown codes; an indicator missing here is a plan change mid-round.
    if (!ind) {
      fail(
        { kind: 'not_assigned', indicator: row.indicator, region: row.region, round: ctx.round.period },
        'indicator',
      );
      checked.verdict = 'error';
      continue;
    }

    // Scope first: outside it, nothing else about the row matters (and nothing else is disclosed).
    if (!scopeAllowsWrite(ctx.actor, ind, row.region)) {
      fail(
        {
          kind: 'out_of_scope',
          indicator: ind.code,
          region: row.region,
          regionName: ctx.regionName(row.region),
        },
        'region',
      );
      checked.verdict = 'error';
      continue;
    }
    const assignment = ctx.assignments.get(cellKey(ind.code, row.region));
    if (!assignment || (ctx.submitter !== undefined && assignment.submitter !== ctx.submitter)) {
      fail(
        {
          kind: 'not_assigned',
          indicator: ind.code,
          region: row.region,
          round: ctx.round.period,
          ...(assignment ? { assignedTo: ctx.submitterName(assignment.submitter) } : {}),
        },
        'indicator',
      );
      checked.verdict = 'error';
      continue;
    }
    if (row.period !== assignment.period) {
      fail(
        {
          kind: 'period_not_open',
          indicator: ind.code,
          period: row.period,
          expected: assignment.period,
          round: ctx.round.period,
        },
        'period',
      );
      checked.verdict = 'error';
      continue;
    }
    if (ctx.lockedPeriods.has(row.period) && !ctx.lockOverride)
      fail({ kind: 'period_locked', period: row.period }, 'period');
    if (assignment.status === 'approved' || assignment.status === 'published')
      fail(
        { kind: 'already_reviewed', indicator: ind.code, region: row.region, status: assignment.status },
        'value',
      );

    // Plan schema: flows are year to date, so 1-9月 ≥ 1-6月 of the same year (issue 8 item 9). The import
    // compares rows within the file; here the previous quarter is the published figure (reference.lastPeriod).
    const { year, quarter } = periodParse(row.period);
    if (
      ind.measure === 'flow' &&
      (ind.range?.min ?? 0) >= 0 &&
      quarter !== undefined &&
      quarter >= 2 &&
      reference.lastPeriod !== undefined &&
      row.value < reference.lastPeriod
    )
      fail(
        {
          kind: 'ytd_below_previous',
          indicator: ind.code,
          region: row.region,
          period: row.period,
          value: row.value,
          previousPeriod: periodOf(year, quarter - 1),
          previousValue: reference.lastPeriod,
          previousSource: 'published',
        },
        'value',
      );

    const lastYear = reference.lastYear;
    if (lastYear !== undefined) {
      const factor = scaleSuspect(ind.unit, row.value, lastYear);
      const yoy = yoyChange(ind, row.value, lastYear);
      if (yoy) checked.yoy = yoy;
      if (factor !== undefined) {
        // A scale slip also jumps YoY; the scale is the useful thing to say.
        fail(
          { kind: 'unit_scale', indicator: ind.code, unit: ind.unit, value: row.value, lastYear, factor },
          'value',
        );
      } else if (yoy && ind.yoyThreshold !== undefined && Math.abs(yoy.change) > ind.yoyThreshold) {
        const jump: YoyJump = {
          indicator: ind.code,
          value: row.value,
          lastYear,
          change: yoy.change,
          threshold: ind.yoyThreshold,
          measure: yoy.measure,
        };
        const reason = row.reason?.trim();
        if (reason) warnings.push(collectionIssue({ kind: 'yoy_explained', reason, ...jump }, at('value')));
        else fail({ kind: 'needs_reason', ...jump }, 'value');
      }
    }
    checked.verdict = errors.length > before ? 'error' : warnings.length > warned ? 'warning' : 'ok';
  }
  return { rows: out, errors, warnings };
}
