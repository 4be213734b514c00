// The 科技创新指数 of the stored data: the plan's index spec file (index-spec.json next to the plan file),
// the current observations, and core's planIndexCompute for one period and peer set — with the change
// since the previous period and, on request, rank intervals from the spec's uncertainty analysis.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  indexSpecParse,
  observationStoreBuild,
  planIndexCompute,
  planIndexPreviousPeriod,
  planIndexUncertainty,
  type IndexError,
  type IndexSpec,
  type Period,
  type Plan,
  type PlanIndexResult,
  type PlanIndexUncertainty,
  type Result,
} from '@ding/core';
import { DEFAULT_PLAN_PATH } from '../plan/load-plan-file.ts';
import type { Workspace } from './workspace.ts';

/** The index spec lives beside its plan file under this name (plans/cixi/index-spec.json). */
export const INDEX_SPEC_FILE_NAME = 'index-spec.json';

/** Where a plan's index spec is: the plan file's directory, then index-spec.json. */
export function indexSpecPathResolve(planPath: string = DEFAULT_PLAN_PATH): string {
  return join(dirname(planPath), INDEX_SPEC_FILE_NAME);
}

/** Cixi's default scheme, plans/cixi/index-spec.json. */
export const DEFAULT_INDEX_SPEC_PATH = indexSpecPathResolve();

/** Reads and validates an index spec file; errors name the file and the line or spec path. */
export async function indexSpecLoad(path: string): Promise<Result<IndexSpec, IndexError>> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      errors: [{ file, message: code === 'ENOENT' ? `${path}: file not found` : String(e) }],
    };
  }
  return indexSpecParse(text, file);
}

export interface WorkspaceIndexOptions {
  period: Period;
  /** A peer set of the plan: 'cixi-towns' (镇街) or 'ningbo' (宁波各区县（市）). */
  peerSet: string;
  /**
   * The period the change is measured from. Default: planIndexPreviousPeriod (the previous year, or the
   * same quarter a year earlier); when that period has too little data the change is left out with a
   * warning. `null`: no change.
   */
  previousPeriod?: Period | null;
  /** Monte Carlo runs of the spec's uncertainty analysis; absent or 0 = no analysis. */
  runs?: number;
  seed?: number;
  /** The spec file; default: index-spec.json next to `planPath`. */
  specPath?: string;
  /** The plan file the spec sits beside (default plans/cixi/plan.yaml). */
  planPath?: string;
}

export interface WorkspaceIndexResult extends PlanIndexResult {
  specPath: string;
  spec: { id?: string; name?: IndexSpec['name'] };
  uncertainty?: PlanIndexUncertainty;
}

/** The index of the current (best-vintage) observations for a period and peer set. */
export async function workspaceIndex(
  ws: Workspace,
  plan: Plan,
  options: WorkspaceIndexOptions,
): Promise<Result<WorkspaceIndexResult, IndexError>> {
  const specPath = options.specPath ?? indexSpecPathResolve(options.planPath);
  const spec = await indexSpecLoad(specPath);
  if (!spec.ok) return spec;
  const store = observationStoreBuild(await ws.repos.observations.current({ vintage: 'best' }));
  const base = { period: options.period, peerSet: options.peerSet };
  const explicit = options.previousPeriod !== undefined;
  const previousPeriod =
    options.previousPeriod === undefined ? planIndexPreviousPeriod(options.period) : options.previousPeriod;
  // The default comparison period may precede the data (the first year): then score without the change,
  // with a warning — in the same computation (previousOptional), not a second one.
  const r = planIndexCompute(plan, spec.value, store, {
    ...base,
    ...(previousPeriod === null ? {} : { previousPeriod, previousOptional: !explicit }),
  });
  if (!r.ok) return r;
  let uncertainty: PlanIndexUncertainty | undefined;
  if (options.runs !== undefined && options.runs > 0) {
    const u = planIndexUncertainty(plan, spec.value, store, {
      ...base,
      runs: options.runs,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    if (!u.ok) return u;
    uncertainty = u.value;
  }
  return {
    ok: true,
    value: {
      ...r.value,
      specPath,
      spec: { id: spec.value.id, name: spec.value.name },
      ...(uncertainty ? { uncertainty } : {}),
    },
  };
}
