// /api/reports and /api/jobs: the quarterly report 《慈溪市科技创新统计季报》 (issue 9 §7) — a draft of a
// published snapshot, its preview as a document, the 存在问题/下步工作 edits, generation as a job with
// progress, the archive with 期数 and the DOCX/PDF downloads. Thin: validate, check the role, call
// services/report.ts, present. Leaders read and download; only admins create, edit and generate.
import { createRoute, z } from '@hono/zod-openapi';
import { regionName, type RegionCode } from '@ding/core';
import type { Report, ReportFormat } from '../../repositories/index.ts';
import {
  reportDraftCreate,
  reportEdit,
  reportFile,
  reportGenerate,
  reportPreview,
  ReportError,
} from '../../services/report.ts';
import { workspacePlan, type Workspace } from '../../services/workspace.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  JobAcceptedSchema,
  JobIdParamsSchema,
  JobSchema,
  ReportCreateSchema,
  ReportEditsSchema,
  ReportFileParamsSchema,
  ReportIdParamsSchema,
  ReportListQuerySchema,
  ReportPreviewSchema,
  ReportSchema,
} from '../schemas/reports.ts';
import { DOCX_TYPE, attachment } from './files.ts';

const readers = requireRole('admin', 'leader');
const admin = requireRole('admin');

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: DOCX_TYPE,
  pdf: 'application/pdf',
};

/** The service's refusal as the API's error: what does not exist is 404, a final report 409, the rest 400. */
function reportApiError(e: ReportError): ApiError {
  const messages = { zh: e.zh, en: e.message };
  switch (e.code) {
    case 'not_found':
    case 'no_snapshot':
      return new ApiError(404, e.code, messages);
    case 'not_editable':
      return new ApiError(409, e.code, messages);
    case 'bad_period':
    case 'not_published':
    case 'unknown_indicator':
    case 'unknown_region':
    case 'bad_request':
      return new ApiError(400, e.code, messages);
  }
}

async function service<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ReportError) throw reportApiError(e);
    throw e;
  }
}

/** A report with its files (format, sha256, size) for the archive list. */
async function reportPresent(ws: Workspace, report: Report) {
  return { ...report, files: await ws.repos.reports.files(report.id) };
}

/**
 * The downloaded file's name, in Chinese as the report is titled (phrases.ts: '{home}科技创新统计季报'):
 * 慈溪市科技创新统计季报2025年第3期.docx for a final full report, else by period and mode
 * (慈溪市科技创新统计季报-2025Q3-单项指标-tech_transaction_value.pdf).
 */
export function reportFileName(home: string, report: Report, format: ReportFormat): string {
  const title = `${home}科技创新统计季报`;
  if (report.mode === 'full' && report.issue)
    return `${title}${report.issue.year}年第${report.issue.number}期.${format}`;
  const mode =
    report.mode === 'indicator'
      ? `单项指标${report.options.indicator ? `-${report.options.indicator}` : ''}`
      : report.mode === 'custom'
        ? '自定义'
        : '全文';
  return `${title}-${report.period}-${mode}.${format}`;
}

const createReportRoute = createRoute({
  method: 'post',
  path: '/reports',
  tags: ['reports'],
  summary:
    'A draft report of the latest (or a given) published snapshot; refused by name when nothing is published, the snapshot does not exist, or an indicator/town is unknown',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { body: jsonBody(ReportCreateSchema) },
  responses: { 201: jsonResponse(ReportSchema, 'the draft'), ...errorResponses(400, 401, 403, 404) },
});

const listReportsRoute = createRoute({
  method: 'get',
  path: '/reports',
  tags: ['reports'],
  summary: 'The archive, newest first: 期数, status, period, mode, created, files',
  middleware: readers,
  security: SESSION_SECURITY,
  request: { query: ReportListQuerySchema },
  responses: { 200: jsonResponse(z.array(ReportSchema), 'reports'), ...errorResponses(400, 401, 403) },
});

const getReportRoute = createRoute({
  method: 'get',
  path: '/reports/{id}',
  tags: ['reports'],
  summary: 'A report and its document as it will print, built from its own snapshot (the preview)',
  middleware: readers,
  security: SESSION_SECURITY,
  request: { params: ReportIdParamsSchema },
  responses: {
    200: jsonResponse(ReportPreviewSchema, 'report and document'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const editReportRoute = createRoute({
  method: 'put',
  path: '/reports/{id}/edits',
  tags: ['reports'],
  summary:
    'Rewrite 存在问题 (problems[i] → problems.i+1) and 下步工作 of a draft; refused once generating or final',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: ReportIdParamsSchema, body: jsonBody(ReportEditsSchema) },
  responses: {
    200: jsonResponse(ReportSchema, 'the report with its edits'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const generateReportRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/generate',
  tags: ['reports'],
  summary:
    'Queue the generation (narrative → DOCX → PDF); the report becomes final with its files and 期数 when the job succeeds',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: ReportIdParamsSchema },
  responses: {
    202: jsonResponse(JobAcceptedSchema, 'queued (a second click gets the same job)'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const reportFileRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/files/{format}',
  tags: ['reports'],
  summary: 'Download the DOCX or PDF of a final report (Chinese file name)',
  middleware: readers,
  security: SESSION_SECURITY,
  request: { params: ReportFileParamsSchema },
  responses: {
    200: {
      description: 'the file as archived',
      content: {
        [CONTENT_TYPES.docx]: { schema: z.string().openapi({ format: 'binary' }) },
        [CONTENT_TYPES.pdf]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const jobRoute = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['reports'],
  summary: 'A background job: status, progress 0–100, stage, error',
  middleware: readers,
  security: SESSION_SECURITY,
  request: { params: JobIdParamsSchema },
  responses: { 200: jsonResponse(JobSchema, 'the job'), ...errorResponses(400, 401, 403, 404) },
});

export function reportsRoutes() {
  return apiRouter()
    .openapi(createReportRoute, async (c) => {
      const body = c.req.valid('json');
      const ws = c.var.ws;
      const report = await service(() =>
        reportDraftCreate(ws, {
          period: body.period,
          mode: body.mode,
          ...(body.options ? { options: body.options } : {}),
          ...(body.snapshotId !== undefined ? { snapshotId: body.snapshotId } : {}),
          createdBy: currentUser(c).username,
        }),
      );
      return c.json(await reportPresent(ws, report), 201);
    })
    .openapi(listReportsRoute, async (c) => {
      const q = c.req.valid('query');
      const ws = c.var.ws;
      const reports = await ws.repos.reports.list({
        ...(q.period ? { period: q.period } : {}),
        ...(q.status ? { status: q.status } : {}),
      });
      return c.json(await Promise.all(reports.map((r) => reportPresent(ws, r))), 200);
    })
    .openapi(getReportRoute, async (c) => {
      const ws = c.var.ws;
      const { report, document } = await service(() => reportPreview(ws, c.req.valid('param').id));
      return c.json({ report: await reportPresent(ws, report), document }, 200);
    })
    .openapi(editReportRoute, async (c) => {
      const ws = c.var.ws;
      const report = await service(() => reportEdit(ws, c.req.valid('param').id, c.req.valid('json')));
      return c.json(await reportPresent(ws, report), 200);
    })
    .openapi(generateReportRoute, async (c) => {
      const id = c.req.valid('param').id;
      const jobId = await service(() => reportGenerate(c.var.ws, id, currentUser(c).username));
      return c.json({ jobId, reportId: id }, 202);
    })
    .openapi(reportFileRoute, async (c) => {
      const { id, format } = c.req.valid('param');
      const { report, file } = await service(() => reportFile(c.var.ws, id, format));
      const plan = await workspacePlan(c.var.ws);
      const name = reportFileName(regionName(plan, plan.home as RegionCode), report, format);
      return c.body(new Uint8Array(file.bytes), 200, attachment(name, CONTENT_TYPES[format]));
    })
    .openapi(jobRoute, async (c) => {
      const id = c.req.valid('param').id;
      const job = await c.var.ws.repos.jobs.get(id);
      if (!job) throw new ApiError(404, 'not_found', { zh: `没有该任务：${id}`, en: `no job ${id}` });
      return c.json(job, 200);
    });
}
