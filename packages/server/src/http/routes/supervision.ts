// /api/supervision: 督查督办 (issue 11) — the items with their lights and the unit ranking, an item's detail and
// timeline, and the lifecycle: 立项/交办 (admin), 签收 and 反馈 with attachments (the units), 审核/退办, 延期,
// 办结, 销号; the monthly 督查通报 (bulletin.docx). Lights are computed for today's date in China (the app's
// clock).
import { createRoute, z } from '@hono/zod-openapi';
import { chinaDate } from '../../china-time.ts';
import {
  SupervisionError,
  actorUnit,
  itemsOfUnit,
  supervisionAcknowledge,
  supervisionExtensionDecide,
  supervisionExtensionRequest,
  supervisionFinish,
  supervisionItemCreate,
  supervisionItemDetail,
  supervisionItemUpdate,
  supervisionOverview,
  supervisionReportDecide,
  supervisionReportSubmit,
} from '../../services/supervision.ts';
import { supervisionBulletinDocx, supervisionBulletinFileName } from '../../services/supervision-bulletin.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { currentUser, requireRole, type AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import type { ResolvedAppOptions } from '../options.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  SupervisionAttachmentParamSchema,
  SupervisionBulletinQuerySchema,
  SupervisionDecisionSchema,
  SupervisionExtensionDecisionSchema,
  SupervisionExtensionSchema,
  SupervisionFinishSchema,
  SupervisionIdParamSchema,
  SupervisionItemBodySchema,
  SupervisionItemDetailSchema,
  SupervisionItemSchema,
  SupervisionListQuerySchema,
  SupervisionOverviewSchema,
  SupervisionReportFormSchema,
  SupervisionReportParamSchema,
  SupervisionReportSchema,
} from '../schemas/supervision.ts';
import { DOCX_TYPE, attachment } from './files.ts';
import type { ItemInput } from '../../services/supervision.ts';

async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SupervisionError)
      throw new ApiError(e.status, e.code, e.text, e.errors.length > 0 ? { errors: e.errors } : undefined);
    throw e;
  }
}

const ok = z.object({ ok: z.literal(true) });
const tags = ['supervision'];

const listRoute = createRoute({
  method: 'get',
  path: '/supervision',
  tags,
  summary: 'Every item with its light and the rule behind it, the units ranked by timeliness, the counts',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: SupervisionListQuerySchema },
  responses: { 200: jsonResponse(SupervisionOverviewSchema, 'the overview'), ...errorResponses(401, 404) },
});

const bulletinRoute = createRoute({
  method: 'get',
  path: '/supervision/bulletin.docx',
  tags,
  summary:
    'The monthly 督查通报 as DOCX: the overview as of the month’s last day — counts, the red and yellow items, the units ranked with 位次变化 against the month before (zh unless lang=en)',
  middleware: requireRole('admin', 'leader'),
  security: SESSION_SECURITY,
  request: { query: SupervisionBulletinQuerySchema },
  responses: {
    200: {
      description: 'DOCX file',
      content: { [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 422),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/supervision/items/{id}',
  tags,
  summary: 'One item: light, timeline, every report (with the returned ones) and its reporting periods',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { params: SupervisionIdParamSchema },
  responses: { 200: jsonResponse(SupervisionItemDetailSchema, 'the item'), ...errorResponses(401, 404) },
});

const createItemRoute = createRoute({
  method: 'post',
  path: '/supervision/items',
  tags,
  summary: 'A new item (立项 + 交办): 领导批示, 会议纪要, 上级督查 or a 方案任务; numbered DB-n; audited',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { body: jsonBody(SupervisionItemBodySchema) },
  responses: { 201: jsonResponse(SupervisionItemSchema, 'the item'), ...errorResponses(400, 401, 403, 422) },
});

const updateItemRoute = createRoute({
  method: 'put',
  path: '/supervision/items/{id}',
  tags,
  summary: "An item's fields (units, deadline, milestones …), checked whole; audited with old and new",
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: SupervisionIdParamSchema, body: jsonBody(SupervisionItemBodySchema) },
  responses: {
    200: jsonResponse(SupervisionItemSchema, 'the item'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const acknowledgeRoute = createRoute({
  method: 'post',
  path: '/supervision/items/{id}/acknowledge',
  tags,
  summary: '签收: the lead unit takes the item on',
  middleware: requireRole('department', 'town'),
  security: SESSION_SECURITY,
  request: { params: SupervisionIdParamSchema },
  responses: { 200: jsonResponse(ok, 'acknowledged'), ...errorResponses(401, 403, 404, 409) },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/supervision/items/{id}/reports',
  tags,
  summary:
    "反馈: the lead unit's 进展 report of a period, or a cooperating unit's part; attachments as evidence (≤ 5, ≤ 10 MiB each)",
  middleware: requireRole('department', 'town'),
  security: SESSION_SECURITY,
  request: {
    params: SupervisionIdParamSchema,
    body: { required: true, content: { 'multipart/form-data': { schema: SupervisionReportFormSchema } } },
  },
  responses: {
    201: jsonResponse(SupervisionReportSchema, 'the report, awaiting review'),
    413: {
      description: 'attachment_too_large',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string() }) }) } },
    },
    415: {
      description: 'attachment_type: not an allowed type, or the content does not match the extension',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string() }) }) } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/supervision/items/{id}/reports/{reportId}/decision',
  tags,
  summary: '审核: accept the report, or return it (退办) with a reason; audited',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: SupervisionReportParamSchema, body: jsonBody(SupervisionDecisionSchema) },
  responses: {
    200: jsonResponse(SupervisionReportSchema, 'the report, decided'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const extensionRoute = createRoute({
  method: 'post',
  path: '/supervision/items/{id}/extension',
  tags,
  summary: '延期: requested before the deadline in force, with a reason and a later date',
  middleware: requireRole('department', 'town', 'admin'),
  security: SESSION_SECURITY,
  request: { params: SupervisionIdParamSchema, body: jsonBody(SupervisionExtensionSchema) },
  responses: { 200: jsonResponse(ok, 'requested'), ...errorResponses(400, 401, 403, 404, 422) },
});

const extensionDecideRoute = createRoute({
  method: 'post',
  path: '/supervision/items/{id}/extension/decision',
  tags,
  summary: 'Approve or reject the pending 延期; an approval moves the deadline in force',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: SupervisionIdParamSchema, body: jsonBody(SupervisionExtensionDecisionSchema) },
  responses: { 200: jsonResponse(ok, 'decided'), ...errorResponses(400, 401, 403, 404, 409) },
});

const finishRoute = (step: 'complete' | 'close') =>
  createRoute({
    method: 'post',
    path: `/supervision/items/{id}/${step}`,
    tags,
    summary:
      step === 'complete' ? '办结: the work is accepted as done' : '销号: a completed item is closed off',
    middleware: requireRole('admin'),
    security: SESSION_SECURITY,
    request: { params: SupervisionIdParamSchema, body: jsonBody(SupervisionFinishSchema) },
    responses: { 200: jsonResponse(ok, 'done'), ...errorResponses(400, 401, 403, 404, 409) },
  });

const attachmentRoute = createRoute({
  method: 'get',
  path: '/supervision/attachments/{id}',
  tags,
  summary: "A report's attachment, as uploaded",
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { params: SupervisionAttachmentParamSchema },
  responses: {
    200: {
      description: 'the file',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(401, 404),
  },
});

function itemInput(body: z.infer<typeof SupervisionItemBodySchema>): ItemInput {
  const input: ItemInput = {
    type: body.type as ItemInput['type'],
    title: body.title,
    leadUnits: body.leadUnits,
    cooperatingUnits: body.cooperatingUnits,
  };
  if (body.leader)
    input.leader = body.leader.userId
      ? { name: body.leader.name, userId: body.leader.userId }
      : { name: body.leader.name };
  if (body.contact) input.contact = body.contact;
  if (body.assignedOn) input.assignedOn = body.assignedOn;
  if (body.deadline) input.deadline = body.deadline;
  if (body.cadence) input.cadence = body.cadence;
  if (body.milestones) input.milestones = body.milestones;
  if (body.indicators) input.indicators = body.indicators;
  if (body.source) input.source = body.source;
  return input;
}

export function supervisionRoutes(opts: ResolvedAppOptions) {
  const today = () => chinaDate(opts.now());
  const context = async (c: AppContext) => {
    const user = currentUser(c);
    return { ws: c.var.ws, plan: await workspacePlan(c.var.ws), actor: user, today: today() };
  };
  return apiRouter()
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const plan = await workspacePlan(c.var.ws);
      const overview = await supervisionOverview(c.var.ws, plan, today());
      const unit = q.mine ? actorUnit(currentUser(c)) : q.unit;
      let items = unit ? itemsOfUnit(overview.items, unit) : overview.items;
      if (q.light) items = items.filter((v) => v.light.light === q.light);
      if (q.state) items = items.filter((v) => v.light.state === q.state);
      return c.json({ ...overview, items }, 200);
    })
    .openapi(bulletinRoute, async (c) => {
      const q = c.req.valid('query');
      const lang = q.lang ?? c.get('lang');
      const plan = await workspacePlan(c.var.ws);
      const docx = await mapped(() =>
        supervisionBulletinDocx(c.var.ws, plan, q.month, { lang, today: today() }),
      );
      return c.body(
        new Uint8Array(docx),
        200,
        attachment(supervisionBulletinFileName(q.month, lang), DOCX_TYPE),
      );
    })
    .openapi(detailRoute, async (c) => {
      const { id } = c.req.valid('param');
      const plan = await workspacePlan(c.var.ws);
      return c.json(await mapped(() => supervisionItemDetail(c.var.ws, plan, id, today())), 200);
    })
    .openapi(createItemRoute, async (c) => {
      const body = c.req.valid('json');
      const ctx = await context(c);
      return c.json(await mapped(() => supervisionItemCreate(ctx, itemInput(body))), 201);
    })
    .openapi(updateItemRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const ctx = await context(c);
      return c.json(await mapped(() => supervisionItemUpdate(ctx, id, itemInput(body))), 200);
    })
    .openapi(acknowledgeRoute, async (c) => {
      const { id } = c.req.valid('param');
      const ctx = await context(c);
      await mapped(() => supervisionAcknowledge(ctx, id));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(reportRoute, async (c) => {
      const { id } = c.req.valid('param');
      const form = c.req.valid('form');
      const files =
        form.attachments === undefined
          ? []
          : Array.isArray(form.attachments)
            ? form.attachments
            : [form.attachments];
      const attachments = await Promise.all(
        files.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const ctx = await context(c);
      const rec = await mapped(() =>
        supervisionReportSubmit(ctx, id, {
          text: form.text,
          attachments,
          ...(form.period ? { period: form.period } : {}),
          ...(form.percentDone !== undefined ? { percentDone: form.percentDone } : {}),
        }),
      );
      return c.json(rec, 201);
    })
    .openapi(decideRoute, async (c) => {
      const { id, reportId } = c.req.valid('param');
      const { decision, reason } = c.req.valid('json');
      const ctx = await context(c);
      return c.json(await mapped(() => supervisionReportDecide(ctx, id, reportId, decision, reason)), 200);
    })
    .openapi(extensionRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const ctx = await context(c);
      await mapped(() => supervisionExtensionRequest(ctx, id, body));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(extensionDecideRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { decision, reason } = c.req.valid('json');
      const ctx = await context(c);
      await mapped(() => supervisionExtensionDecide(ctx, id, decision, reason));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(finishRoute('complete'), async (c) => {
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      const ctx = await context(c);
      await mapped(() => supervisionFinish(ctx, id, 'completed', note));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(finishRoute('close'), async (c) => {
      const { id } = c.req.valid('param');
      const { note } = c.req.valid('json');
      const ctx = await context(c);
      await mapped(() => supervisionFinish(ctx, id, 'closed', note));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(attachmentRoute, async (c) => {
      const { id } = c.req.valid('param');
      const file = await c.var.ws.repos.supervision.attachment(id);
      if (!file) throw new ApiError(404, 'not_found', { zh: `没有附件 ${id}`, en: `no attachment ${id}` });
      return c.body(new Uint8Array(file.bytes), 200, attachment(file.fileName, file.contentType));
    });
}
