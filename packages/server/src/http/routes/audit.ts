// /api/audit (admin): the append-only log of changes, filtered, as JSON or CSV.
import { createRoute, z } from '@hono/zod-openapi';
import { auditExportTable, auditList, type AuditFilter } from '../../audit/audit.ts';
import { tableToCsv } from '../../export/index.ts';
import { requireRole } from '../context.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
import { AuditEntrySchema, AuditQuerySchema } from '../schemas/audit.ts';
import { attachment } from './files.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Audit entries, newest first (filters: entity, entityId, actor, action, from, to)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { query: AuditQuerySchema },
  responses: { 200: jsonResponse(z.array(AuditEntrySchema), 'entries'), ...errorResponses(400, 401, 403) },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/audit.csv',
  tags: ['audit'],
  summary: 'The same entries as CSV (UTF-8 with BOM; headers in the request’s language)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { query: AuditQuerySchema },
  responses: {
    200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(400, 401, 403),
  },
});

function filterOf(q: z.infer<typeof AuditQuerySchema>): AuditFilter {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as AuditFilter;
}

export function auditRoutes() {
  return apiRouter()
    .openapi(listRoute, async (c) =>
      c.json(await auditList(c.var.ws.repos, filterOf(c.req.valid('query'))), 200),
    )
    .openapi(csvRoute, async (c) => {
      const entries = await auditList(c.var.ws.repos, filterOf(c.req.valid('query')));
      const csv = tableToCsv(auditExportTable(entries), { lang: c.get('lang') });
      return c.body(csv, 200, attachment('audit.csv', 'text/csv; charset=utf-8'));
    });
}
