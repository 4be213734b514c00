// /api/cup: 科技创新杯 (issue 10 §5–7) — the scheme in force, a year's results with every item's formula and
// inputs, the results as XLSX, and the evidence (佐证材料) for bonus/deduction items: entered and decided by an admin.
import { createRoute, z } from '@hono/zod-openapi';
import { tableToXlsx } from '../../export/table.ts';
import {
  CupEvidenceInvalidError,
  CupSchemeInvalidError,
  cupEvidenceDecide,
  cupEvidenceEnter,
  cupNoticeDocx,
  cupNoticeFileName,
  cupResultsTable,
  workspaceCup,
  workspaceCupScheme,
} from '../../services/cup.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  CupEvidenceBodySchema,
  CupEvidenceDecisionSchema,
  CupEvidenceIdParamSchema,
  CupEvidenceListQuerySchema,
  CupEvidenceSchema,
  CupResultsSchema,
  CupSchemeSchema,
  CupYearQuerySchema,
} from '../schemas/cup.ts';
import { DOCX_TYPE, XLSX_TYPE, attachment } from './files.ts';

/** Service errors as API errors: a bad scheme file is the server's configuration (500 names the lines). */
async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CupSchemeInvalidError) {
      throw new ApiError(
        500,
        'cup_scheme_invalid',
        { zh: `科技创新杯评分方案有误：${e.message}`, en: `the Cup scheme file is invalid: ${e.message}` },
        { errors: e.errors },
      );
    }
    if (e instanceof CupEvidenceInvalidError) {
      throw new ApiError(
        422,
        'validation',
        { zh: `佐证材料不符合要求：${e.message}`, en: `the evidence is not acceptable: ${e.message}` },
        { errors: e.errors },
      );
    }
    throw e;
  }
}

const schemeRoute = createRoute({
  method: 'get',
  path: '/cup/scheme',
  tags: ['cup'],
  summary:
    'The 科技创新杯 scoring scheme in force (groups, dimensions, items and rules, bonus/deductions, awards)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(CupSchemeSchema, 'the scheme'), ...errorResponses(401) },
});

const resultsRoute = createRoute({
  method: 'get',
  path: '/cup/results',
  tags: ['cup'],
  summary:
    "A year's results: every town's items with formula and inputs, subtotals, ranks, 位次变化, awards, what-if",
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: CupYearQuerySchema },
  responses: { 200: jsonResponse(CupResultsSchema, 'the results'), ...errorResponses(400, 401, 404) },
});

const xlsxRoute = createRoute({
  method: 'get',
  path: '/cup/results.xlsx',
  tags: ['cup'],
  summary: 'The results table as XLSX (zh headers unless lang=en)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: CupYearQuerySchema },
  responses: {
    200: {
      description: 'XLSX file',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 404),
  },
});

const noticeRoute = createRoute({
  method: 'get',
  path: '/cup/results.docx',
  tags: ['cup'],
  summary: 'The 评比结果通报 as DOCX: one ranking table per group and the awards (zh unless lang=en)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: CupYearQuerySchema },
  responses: {
    200: {
      description: 'DOCX file',
      content: { [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 404),
  },
});

const evidenceListRoute = createRoute({
  method: 'get',
  path: '/cup/evidence',
  tags: ['cup'],
  summary: 'Evidence entries (佐证材料), pending and decided',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { query: CupEvidenceListQuerySchema },
  responses: { 200: jsonResponse(z.array(CupEvidenceSchema), 'entries'), ...errorResponses(401, 403) },
});

const evidenceAddRoute = createRoute({
  method: 'post',
  path: '/cup/evidence',
  tags: ['cup'],
  summary: 'Enter evidence for a bonus/deduction item (pending until approved; audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { body: jsonBody(CupEvidenceBodySchema) },
  responses: {
    201: jsonResponse(CupEvidenceSchema, 'the entry, pending'),
    ...errorResponses(400, 401, 403, 422),
  },
});

const evidenceDecideRoute = createRoute({
  method: 'post',
  path: '/cup/evidence/{id}/decision',
  tags: ['cup'],
  summary: 'Approve or reject a pending evidence entry (only approved entries score; audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: CupEvidenceIdParamSchema, body: jsonBody(CupEvidenceDecisionSchema) },
  responses: {
    200: jsonResponse(CupEvidenceSchema, 'the entry, decided'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

export function cupRoutes() {
  return apiRouter()
    .openapi(schemeRoute, async (c) => {
      const plan = await workspacePlan(c.var.ws);
      return c.json(await mapped(() => workspaceCupScheme(plan)), 200);
    })
    .openapi(resultsRoute, async (c) => {
      const { year } = c.req.valid('query');
      const plan = await workspacePlan(c.var.ws);
      return c.json(await mapped(() => workspaceCup(c.var.ws, plan, year, { lang: c.get('lang') })), 200);
    })
    .openapi(xlsxRoute, async (c) => {
      const q = c.req.valid('query');
      const lang = q.lang ?? c.get('lang');
      const plan = await workspacePlan(c.var.ws);
      const results = await mapped(() => workspaceCup(c.var.ws, plan, q.year, { lang }));
      const xlsx = await tableToXlsx(cupResultsTable(results, lang), { lang });
      return c.body(new Uint8Array(xlsx), 200, attachment(`cup-${q.year}.xlsx`, XLSX_TYPE));
    })
    .openapi(noticeRoute, async (c) => {
      const q = c.req.valid('query');
      const lang = q.lang ?? c.get('lang');
      const plan = await workspacePlan(c.var.ws);
      const results = await mapped(() => workspaceCup(c.var.ws, plan, q.year, { lang }));
      const docx = await cupNoticeDocx(plan, results, lang);
      return c.body(new Uint8Array(docx), 200, attachment(cupNoticeFileName(q.year, lang), DOCX_TYPE));
    })
    .openapi(evidenceListRoute, async (c) => {
      const { year } = c.req.valid('query');
      return c.json(await c.var.ws.repos.cupEvidence.list(year === undefined ? {} : { year }), 200);
    })
    .openapi(evidenceAddRoute, async (c) => {
      const body = c.req.valid('json');
      const plan = await workspacePlan(c.var.ws);
      const rec = await mapped(() => cupEvidenceEnter(c.var.ws, plan, body, currentUser(c).username));
      return c.json(rec, 201);
    })
    .openapi(evidenceDecideRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { decision } = c.req.valid('json');
      const rec = await mapped(() => cupEvidenceDecide(c.var.ws, id, decision, currentUser(c).username));
      if (!rec) throw new ApiError(404, 'not_found', { zh: `没有佐证材料 ${id}`, en: `no evidence ${id}` });
      return c.json(rec, 200);
    });
}
