// /api/progress: the engine's progress table for a period (value, target, completion, 序时进度, YoY,
// rank, status, projection — each with its rule and inputs), as JSON, CSV or XLSX.
import { createRoute, z } from '@hono/zod-openapi';
import {
  periodIsValid,
  type IndicatorCode,
  type Period,
  type Plan,
  type ProgressRow,
  type RegionCode,
} from '@ding/core';
import { progressExportTable, tableToCsv, tableToXlsx } from '../../export/index.ts';
import { progressDefaultPeriod } from '../../services/progress.ts';
import { snapshotProgress } from '../../services/snapshot-progress.ts';
import { UserError, type Workspace } from '../../services/workspace.ts';
import { requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { NOT_MODIFIED, etagOf, jsonEtagged } from '../etag.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
import { ProgressQuerySchema, ProgressRowSchema } from '../schemas/progress.ts';
import { XLSX_TYPE, attachment } from './files.ts';

type ProgressQuery = z.infer<typeof ProgressQuerySchema>;

/**
 * The rows, and the ETag of the JSON: the plan version, the snapshot, the period and the selection
 * determine them (undefined when the rows are not a snapshot's: figures were written since the latest).
 */
async function compute(
  ws: Workspace,
  q: ProgressQuery,
): Promise<{ plan: Plan; period: Period; rows: ProgressRow[]; etag: string | undefined }> {
  const stored = await ws.repos.plans.active();
  if (!stored) throw new UserError('no plan is loaded: run `ding init` first');
  const plan = stored.plan;
  if (q.period !== undefined && !periodIsValid(q.period)) {
    throw new ApiError(400, 'bad_period', {
      zh: '期别格式应为 YYYY 或 YYYYQn（如 2025Q3）',
      en: 'a period is YYYY or YYYYQn (e.g. 2025Q3)',
    });
  }
  // Without a period: the current period (core's currentPeriodResolve), as every page and screen shows.
  const period = (q.period as Period | undefined) ?? (await progressDefaultPeriod(ws));
  if (!period) throw new ApiError(404, 'not_found', { zh: '还没有任何数据', en: 'there is no data yet' });
  const regions = q.region === undefined ? undefined : ([q.region].flat() as RegionCode[]);
  const known = new Set([...plan.regions.map((r) => r.code), ...plan.regionGroups.map((g) => g.code)]);
  const unknown = regions?.find((r) => !known.has(r));
  if (unknown) {
    throw new ApiError(400, 'validation', {
      zh: `计划中没有地区 ${unknown}`,
      en: `the plan has no region ${unknown}`,
    });
  }
  const core = q.core === 'true' || q.core === '1';
  const { snapshotId, rows } = await snapshotProgress(ws, plan, period, {
    ...(regions ? { regions } : {}),
    ...(core
      ? { indicators: plan.indicators.filter((i) => i.core).map((i) => i.code as IndicatorCode) }
      : {}),
  });
  const etag =
    snapshotId === null
      ? undefined
      : etagOf(['progress', stored.id, stored.checksum, snapshotId, period, regions ?? null, core]);
  return { plan, period, rows, etag };
}

const jsonRoute = createRoute({
  method: 'get',
  path: '/progress',
  tags: ['progress'],
  summary: 'Engine rows for a period: value, target, completion, 序时进度, YoY, rank, status, projection',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: ProgressQuerySchema },
  responses: {
    200: jsonResponse(z.array(ProgressRowSchema), 'rows'),
    ...NOT_MODIFIED,
    ...errorResponses(400, 401, 404),
  },
});

const fileRoute = (format: 'csv' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/progress.${format}`,
    tags: ['progress'],
    summary: `The progress table as ${format.toUpperCase()} (zh headers unless lang=en)`,
    middleware: requireRole(),
    security: SESSION_SECURITY,
    request: { query: ProgressQuerySchema },
    responses: {
      200: {
        description: `${format.toUpperCase()} file`,
        content: {
          [format === 'csv' ? 'text/csv' : XLSX_TYPE]: {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...errorResponses(400, 401, 404),
    },
  });

export function progressRoutes() {
  return apiRouter()
    .openapi(jsonRoute, async (c) => {
      const { rows, etag } = await compute(c.var.ws, c.req.valid('query'));
      return jsonEtagged(c, etag, () => rows);
    })
    .openapi(fileRoute('csv'), async (c) => {
      const q = c.req.valid('query');
      const lang = q.lang ?? c.get('lang');
      const { plan, period, rows } = await compute(c.var.ws, q);
      const csv = tableToCsv(progressExportTable(plan, rows, { lang, period }), { lang });
      return c.body(csv, 200, attachment(`progress-${period}.csv`, 'text/csv; charset=utf-8'));
    })
    .openapi(fileRoute('xlsx'), async (c) => {
      const q = c.req.valid('query');
      const lang = q.lang ?? c.get('lang');
      const { plan, period, rows } = await compute(c.var.ws, q);
      const xlsx = await tableToXlsx(progressExportTable(plan, rows, { lang, period }), { lang });
      return c.body(new Uint8Array(xlsx), 200, attachment(`progress-${period}.xlsx`, XLSX_TYPE));
    });
}
