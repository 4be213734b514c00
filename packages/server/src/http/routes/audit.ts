// /api/audit (admin): the append-only log of changes, filtered, as JSON (the entries, or `view=people`:
// the rows as people read them) or CSV.
import { createRoute, z } from '@hono/zod-openapi';
import { auditExportTable, auditList, type AuditFilter } from '../../audit/audit.ts';
import { auditLookups, auditPeopleView } from '../../audit/present.ts';
import { tableToCsv } from '../../export/index.ts';
import type { Workspace } from '../../services/workspace.ts';
import type { AuditEntry } from '../../repositories/index.ts';
import { requireRole } from '../context.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
import { AuditEntrySchema, AuditPeopleViewSchema, AuditQuerySchema } from '../schemas/audit.ts';
import { attachment } from './files.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary:
    'Audit entries, newest first (filters: entity, entityId, actor, action, from, to); view=people: readable rows, one per operation',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { query: AuditQuerySchema },
  responses: {
    200: jsonResponse(
      z.union([z.array(AuditEntrySchema), AuditPeopleViewSchema]),
      'entries (AuditEntry[]), or with view=people an AuditPeopleView',
    ),
    ...errorResponses(400, 401, 403),
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/audit.csv',
  tags: ['audit'],
  summary:
    'The same entries as CSV, one line per entry: 操作 and 对象 by name, the changes in words, the operation, then the raw codes and JSON (UTF-8 with BOM; headers and names in the request’s language)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { query: AuditQuerySchema },
  responses: {
    200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(400, 401, 403),
  },
});

function filterOf(q: z.infer<typeof AuditQuerySchema>): AuditFilter {
  const { view: _view, ...filter } = q;
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
  ) as AuditFilter;
}

async function lookupsOf(ws: Workspace, entries: readonly AuditEntry[]) {
  return auditLookups(ws.repos, (await ws.repos.plans.active())?.plan, entries);
}

export function auditRoutes() {
  return apiRouter()
    .openapi(listRoute, async (c) => {
      const query = c.req.valid('query');
      const entries = await auditList(c.var.ws.repos, filterOf(query));
      if (query.view !== 'people') return c.json(entries, 200);
      return c.json(auditPeopleView(entries, await lookupsOf(c.var.ws, entries)), 200);
    })
    .openapi(csvRoute, async (c) => {
      const entries = await auditList(c.var.ws.repos, filterOf(c.req.valid('query')));
      const lang = c.get('lang');
      const table = auditExportTable(entries, await lookupsOf(c.var.ws, entries), lang);
      return c.body(tableToCsv(table, { lang }), 200, attachment('audit.csv', 'text/csv; charset=utf-8'));
    });
}
