// /api rounds, tasks, template, uploads, grid entry, notices, review, publication and period locks
// (docs/API.md, Rounds and Review). Thin: validate, check the role, call collection/, present.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import {
  periodLockSet,
  reviewApprove,
  reviewList,
  reviewPublish,
  reviewReturn,
  roundCancel,
  roundExceptionClear,
  roundExceptionSet,
  roundExtend,
  roundList,
  roundOpen,
  roundRates,
  roundRemind,
  roundRemindPreview,
  roundReminders,
  roundSummary,
  roundTasks,
  roundUpdate,
  submitTemplate,
  submitterOfUser,
  taskScope,
  uploadCommit,
  uploadCreate,
  uploadPreview,
  valuesSubmit,
  type CollectionFailure,
  type Outcome,
} from '../../collection/index.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { currentUser, requireRole, type AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import {
  CommitResultSchema,
  CommitSchema,
  DueExceptionSchema,
  DueExceptionSetSchema,
  ExceptionParamsSchema,
  GridResultSchema,
  GridSchema,
  IdsSchema,
  LockResultSchema,
  LockSchema,
  NoticeSchema,
  PeriodLockSchema,
  PeriodParamsSchema,
  PublishResultSchema,
  PublishSchema,
  RateSchema,
  ReminderPreviewSchema,
  ReminderSchema,
  RemindPreviewRequestSchema,
  RemindResultSchema,
  RemindSchema,
  ReturnSchema,
  ReviewQuerySchema,
  ReviewRowSchema,
  RoundCancelResultSchema,
  RoundCancelSchema,
  RoundCreateSchema,
  RoundExtendResultSchema,
  RoundExtendSchema,
  RoundIdParamsSchema,
  RoundPatchSchema,
  RoundSchema,
  TaskSchema,
  TasksQuerySchema,
  UploadFormSchema,
  UploadIdParamsSchema,
  UploadPreviewSchema,
} from '../schemas/collection.ts';
import { ErrorSchema, SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import { XLSX_TYPE, attachment } from './files.ts';

/** Uploads above this are refused before they are read (a quarter's template is a few hundred kB). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const anyone = requireRole();
const admin = requireRole('admin');
/** Reporters file their own figures; an admin may file for anyone. Leaders only read. */
const reporter = requireRole('admin', 'town', 'department');

/** A service's typed refusal as the API's error (docs/API.md conventions). */
function failureError(f: CollectionFailure): ApiError {
  switch (f.kind) {
    case 'not_found':
      return new ApiError(404, 'not_found', f.message);
    case 'forbidden':
      return new ApiError(403, 'forbidden', f.message, f.details);
    case 'locked':
      return new ApiError(423, 'locked', f.message, { period: f.period });
    case 'conflict':
      return new ApiError(409, 'conflict', f.message, f.details);
    case 'invalid':
      return new ApiError(422, 'validation', f.message, f.details);
  }
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw failureError(outcome.failure);
  return outcome.value;
}

const plan = (c: AppContext) => workspacePlan(c.var.ws);
const repos = (c: AppContext) => c.var.ws.repos;

const listRoundsRoute = createRoute({
  method: 'get',
  path: '/rounds',
  tags: ['rounds'],
  summary: 'Every collection round, newest period first',
  middleware: anyone,
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(z.array(RoundSchema), 'rounds'), ...errorResponses(401) },
});

const openRoundRoute = createRoute({
  method: 'post',
  path: '/rounds',
  tags: ['rounds'],
  summary: 'Open a round: who owes which indicator × region comes from the plan (roundAssignments); audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { body: jsonBody(RoundCreateSchema) },
  responses: { 201: jsonResponse(RoundSchema, 'opened'), ...errorResponses(400, 401, 403, 409, 422) },
});

const patchRoundRoute = createRoute({
  method: 'patch',
  path: '/rounds/{id}',
  tags: ['rounds'],
  summary:
    'Close or reopen a round (a cancelled one: 409); a new due date follows 延期’s rules (reason required); audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, body: jsonBody(RoundPatchSchema) },
  responses: {
    200: jsonResponse(RoundSchema, 'changed'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const tasksRoute = createRoute({
  method: 'get',
  path: '/rounds/{id}/tasks',
  tags: ['rounds'],
  summary: "My figures in the round (admin/leader: all, or one submitter's) with reference values and status",
  middleware: anyone,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, query: TasksQuerySchema },
  responses: { 200: jsonResponse(z.array(TaskSchema), 'tasks'), ...errorResponses(400, 401, 403, 404) },
});

const ratesRoute = createRoute({
  method: 'get',
  path: '/rounds/{id}/rates',
  tags: ['rounds'],
  summary: 'Reporting rate and on-time rate per submitter',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema },
  responses: {
    200: jsonResponse(z.array(RateSchema), 'one line per submitter'),
    ...errorResponses(401, 403, 404),
  },
});

const extendRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/extend',
  tags: ['rounds'],
  summary: '延期: a later due date (not before today) with a reason; units told by a notice; audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, body: jsonBody(RoundExtendSchema) },
  responses: {
    200: jsonResponse(RoundExtendResultSchema, 'extended'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/cancel',
  tags: ['rounds'],
  summary:
    '取消轮次: only while nothing is published (else 409); submissions withdrawn, kept; with a reason; audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, body: jsonBody(RoundCancelSchema) },
  responses: {
    200: jsonResponse(RoundCancelResultSchema, 'cancelled'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const exceptionSetRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/exceptions',
  tags: ['rounds'],
  summary: "单位例外: a unit's own later due date in the round (set or replaced); audited",
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, body: jsonBody(DueExceptionSetSchema) },
  responses: {
    200: jsonResponse(DueExceptionSchema, 'set'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const exceptionClearRoute = createRoute({
  method: 'delete',
  path: '/rounds/{id}/exceptions/{submitter}',
  tags: ['rounds'],
  summary: "Drop a unit's own due date: the round's applies again; audited",
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: ExceptionParamsSchema },
  responses: { 204: { description: 'cleared' }, ...errorResponses(401, 403, 404) },
});

const remindPreviewRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/remind/preview',
  tags: ['rounds'],
  summary: '催报 preview: the units it would reach with their text, those without an account; sends nothing',
  middleware: admin,
  security: SESSION_SECURITY,
  request: {
    params: RoundIdParamsSchema,
    body: { content: { 'application/json': { schema: RemindPreviewRequestSchema } } },
  },
  responses: {
    200: jsonResponse(ReminderPreviewSchema, 'what would be sent'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const remindRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/remind',
  tags: ['rounds'],
  summary:
    '催报 confirmed: send what the preview (its token) showed as in-app notices; kept in the history; audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: {
    params: RoundIdParamsSchema,
    body: { content: { 'application/json': { schema: RemindSchema } } },
  },
  responses: {
    200: jsonResponse(RemindResultSchema, 'notices sent'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const remindersRoute = createRoute({
  method: 'get',
  path: '/rounds/{id}/reminders',
  tags: ['rounds'],
  summary: '催报 history of the round, newest first: who sent it, when, to which units, the text',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema },
  responses: { 200: jsonResponse(z.array(ReminderSchema), 'history'), ...errorResponses(401, 403, 404) },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/rounds/{id}/template.xlsx',
  tags: ['rounds'],
  summary: 'The Excel template pre-filled with my open figures (admin: ?submitter=, or all)',
  middleware: reporter,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, query: TasksQuerySchema },
  responses: {
    200: {
      description: 'xlsx: one row per figure, reference values, data validation, reference columns locked',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/rounds/{id}/uploads',
  tags: ['rounds'],
  summary:
    'Upload a filled template, or any long-format xlsx/csv: every problem located; nothing submitted yet',
  middleware: [reporter, bodyLimitMiddleware()],
  security: SESSION_SECURITY,
  request: {
    params: RoundIdParamsSchema,
    body: { required: true, content: { 'multipart/form-data': { schema: UploadFormSchema } } },
  },
  responses: {
    201: jsonResponse(UploadPreviewSchema, 'the preview (ok: false lists the errors, cell by cell)'),
    413: {
      description: 'too_large: above UPLOAD_MAX_BYTES',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 423),
  },
});

const uploadGetRoute = createRoute({
  method: 'get',
  path: '/uploads/{id}',
  tags: ['rounds'],
  summary: "An upload's preview, checked again against the round as it is now",
  middleware: reporter,
  security: SESSION_SECURITY,
  request: { params: UploadIdParamsSchema },
  responses: { 200: jsonResponse(UploadPreviewSchema, 'preview'), ...errorResponses(401, 403, 404) },
});

const commitRoute = createRoute({
  method: 'post',
  path: '/uploads/{id}/commit',
  tags: ['rounds'],
  summary:
    'Submit an upload: all rows or none, in one transaction; reasons for YoY jumps may be given here; audited',
  middleware: reporter,
  security: SESSION_SECURITY,
  request: {
    params: UploadIdParamsSchema,
    body: { content: { 'application/json': { schema: CommitSchema } } },
  },
  responses: {
    200: jsonResponse(CommitResultSchema, 'submitted'),
    ...errorResponses(400, 401, 403, 404, 409, 422, 423),
  },
});

const valuesRoute = createRoute({
  method: 'put',
  path: '/rounds/{id}/values',
  tags: ['rounds'],
  summary:
    'Grid entry: the same checks as an upload; submitted when clean (audited), else the located errors',
  middleware: reporter,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema, body: jsonBody(GridSchema) },
  responses: {
    200: jsonResponse(GridResultSchema, 'the preview; submitted > 0 when the rows were submitted'),
    ...errorResponses(400, 401, 403, 404, 409, 422, 423),
  },
});

const noticesRoute = createRoute({
  method: 'get',
  path: '/notices',
  tags: ['rounds'],
  summary: 'My notices (to me, or to the unit I report for), newest first',
  middleware: anyone,
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(z.array(NoticeSchema), 'notices'), ...errorResponses(401) },
});

const noticeReadRoute = createRoute({
  method: 'post',
  path: '/notices/{id}/read',
  tags: ['rounds'],
  summary: 'Mark one of my notices read',
  middleware: anyone,
  security: SESSION_SECURITY,
  request: { params: RoundIdParamsSchema },
  responses: { 204: { description: 'read' }, ...errorResponses(401, 404) },
});

const reviewRoute = createRoute({
  method: 'get',
  path: '/review',
  tags: ['review'],
  summary: 'Submitted figures awaiting review, with the published value they replace and YoY',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { query: ReviewQuerySchema },
  responses: { 200: jsonResponse(z.array(ReviewRowSchema), 'rows'), ...errorResponses(400, 401, 403) },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/review/approve',
  tags: ['review'],
  summary: 'Approve submitted figures: all or none (409 names those not awaiting review); audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { body: jsonBody(IdsSchema) },
  responses: {
    200: jsonResponse(z.object({ approved: z.number().int() }), 'approved'),
    ...errorResponses(400, 401, 403, 409),
  },
});

const returnRoute = createRoute({
  method: 'post',
  path: '/review/return',
  tags: ['review'],
  summary: 'Return figures to their submitter with a comment (shown on its task, and as a notice); audited',
  middleware: admin,
  security: SESSION_SECURITY,
  request: { body: jsonBody(ReturnSchema) },
  responses: {
    200: jsonResponse(z.object({ returned: z.number().int() }), 'returned'),
    ...errorResponses(400, 401, 403, 409),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/review/publish',
  tags: ['review'],
  summary: "Publish the round's approved figures as observations (a revision keeps the prior value); audited",
  middleware: admin,
  security: SESSION_SECURITY,
  request: { body: jsonBody(PublishSchema) },
  responses: {
    200: jsonResponse(PublishResultSchema, 'published'),
    ...errorResponses(400, 401, 403, 404, 423),
  },
});

const locksRoute = createRoute({
  method: 'get',
  path: '/periods/locks',
  tags: ['review'],
  summary: 'Every period ever locked, with its current state and the last change',
  middleware: anyone,
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(z.array(PeriodLockSchema), 'locks'), ...errorResponses(401) },
});

const lockRoute = (action: 'lock' | 'unlock') =>
  createRoute({
    method: 'post',
    path: `/periods/{period}/${action}`,
    tags: ['review'],
    summary:
      action === 'lock'
        ? 'Lock a period: no upload, commit or publication without an admin and a reason (audited)'
        : 'Unlock a period (audited)',
    middleware: admin,
    security: SESSION_SECURITY,
    request: { params: PeriodParamsSchema, body: jsonBody(LockSchema) },
    responses: { 200: jsonResponse(LockResultSchema, 'the state now'), ...errorResponses(400, 401, 403) },
  });

function bodyLimitMiddleware() {
  return bodyLimit({
    maxSize: UPLOAD_MAX_BYTES,
    onError: () => {
      throw new ApiError(413, 'too_large', {
        zh: `文件超过 ${UPLOAD_MAX_BYTES / 1024 / 1024} MB，请拆分后上传`,
        en: `the file is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB; split it`,
      });
    },
  });
}

export function collectionRoutes() {
  return apiRouter()
    .openapi(listRoundsRoute, async (c) =>
      c.json(await roundList(repos(c), await plan(c), c.get('lang')), 200),
    )
    .openapi(openRoundRoute, async (c) => {
      const round = unwrap(await roundOpen(repos(c), await plan(c), currentUser(c), c.req.valid('json')));
      return c.json(round, 201);
    })
    .openapi(patchRoundRoute, async (c) => {
      const { reason, ...change } = c.req.valid('json');
      const round = unwrap(
        await roundUpdate(repos(c), await plan(c), currentUser(c), c.req.valid('param').id, {
          ...change,
          ...(reason ? { reason } : {}),
        }),
      );
      return c.json(await roundSummary(repos(c), await plan(c), round, c.get('lang')), 200);
    })
    .openapi(extendRoute, async (c) => {
      const p = await plan(c);
      const { round, notified } = unwrap(
        await roundExtend(repos(c), p, currentUser(c), c.req.valid('param').id, c.req.valid('json')),
      );
      return c.json({ round: await roundSummary(repos(c), p, round, c.get('lang')), notified }, 200);
    })
    .openapi(cancelRoute, async (c) => {
      const p = await plan(c);
      const { round, withdrawn } = unwrap(
        await roundCancel(repos(c), p, currentUser(c), c.req.valid('param').id, c.req.valid('json')),
      );
      return c.json({ round: await roundSummary(repos(c), p, round, c.get('lang')), withdrawn }, 200);
    })
    .openapi(exceptionSetRoute, async (c) =>
      c.json(
        unwrap(
          await roundExceptionSet(
            repos(c),
            await plan(c),
            currentUser(c),
            c.req.valid('param').id,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
    )
    .openapi(exceptionClearRoute, async (c) => {
      const { id, submitter } = c.req.valid('param');
      unwrap(await roundExceptionClear(repos(c), currentUser(c), id, submitter));
      return c.body(null, 204);
    })
    .openapi(remindPreviewRoute, async (c) =>
      c.json(
        unwrap(
          await roundRemindPreview(
            repos(c),
            await plan(c),
            c.req.valid('param').id,
            c.req.valid('json').submitters,
          ),
        ),
        200,
      ),
    )
    .openapi(remindersRoute, async (c) =>
      c.json(unwrap(await roundReminders(repos(c), c.req.valid('param').id)), 200),
    )
    .openapi(tasksRoute, async (c) => {
      const scope = unwrap(taskScope(currentUser(c), c.req.valid('query').submitter));
      const { tasks } = unwrap(
        await roundTasks(repos(c), await plan(c), c.req.valid('param').id, scope.submitter, c.get('lang')),
      );
      return c.json(tasks, 200);
    })
    .openapi(ratesRoute, async (c) =>
      c.json(unwrap(await roundRates(repos(c), await plan(c), c.req.valid('param').id, c.get('lang'))), 200),
    )
    .openapi(remindRoute, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        unwrap(await roundRemind(repos(c), await plan(c), currentUser(c), c.req.valid('param').id, body)),
        200,
      );
    })
    .openapi(templateRoute, async (c) => {
      const file = unwrap(
        await submitTemplate(
          repos(c),
          await plan(c),
          currentUser(c),
          c.req.valid('param').id,
          c.req.valid('query').submitter,
        ),
      );
      return c.body(new Uint8Array(file.data), 200, attachment(file.fileName, XLSX_TYPE));
    })
    .openapi(uploadRoute, async (c) => {
      const form = c.req.valid('form');
      const data = new Uint8Array(await form.file.arrayBuffer());
      const preview = unwrap(
        await uploadCreate(
          repos(c),
          await plan(c),
          currentUser(c),
          c.req.valid('param').id,
          { name: form.file.name || 'upload', data },
          { ...(form.reason ? { reason: form.reason } : {}), lang: c.get('lang') },
        ),
      );
      return c.json(preview, 201);
    })
    .openapi(uploadGetRoute, async (c) =>
      c.json(
        unwrap(
          await uploadPreview(
            repos(c),
            await plan(c),
            currentUser(c),
            c.req.valid('param').id,
            c.get('lang'),
          ),
        ),
        200,
      ),
    )
    .openapi(commitRoute, async (c) => {
      const body = c.req.valid('json');
      const result = unwrap(
        await uploadCommit(repos(c), await plan(c), currentUser(c), c.req.valid('param').id, {
          ...(body.reasons ? { reasons: body.reasons } : {}),
          ...(body.reason ? { reason: body.reason } : {}),
          lang: c.get('lang'),
        }),
      );
      return c.json(result, 200);
    })
    .openapi(valuesRoute, async (c) => {
      const body = c.req.valid('json');
      const result = unwrap(
        await valuesSubmit(repos(c), await plan(c), currentUser(c), c.req.valid('param').id, {
          rows: body.rows,
          ...(body.reason ? { reason: body.reason } : {}),
          lang: c.get('lang'),
        }),
      );
      return c.json({ ...result.preview, submitted: result.submitted }, 200);
    })
    .openapi(noticesRoute, async (c) => c.json(await repos(c).notices.forRecipients(recipientsOf(c)), 200))
    .openapi(noticeReadRoute, async (c) => {
      if (!(await repos(c).notices.markRead(c.req.valid('param').id, recipientsOf(c))))
        throw new ApiError(404, 'not_found', { zh: '没有这条通知', en: 'no such notice' });
      return c.body(null, 204);
    })
    .openapi(reviewRoute, async (c) =>
      c.json(await reviewList(repos(c), await plan(c), c.req.valid('query'), c.get('lang')), 200),
    )
    .openapi(approveRoute, async (c) =>
      c.json(unwrap(await reviewApprove(repos(c), currentUser(c), c.req.valid('json').ids)), 200),
    )
    .openapi(returnRoute, async (c) => {
      const { ids, comment } = c.req.valid('json');
      return c.json(unwrap(await reviewReturn(repos(c), await plan(c), currentUser(c), ids, comment)), 200);
    })
    .openapi(publishRoute, async (c) => {
      const { period, reason } = c.req.valid('json');
      return c.json(unwrap(await reviewPublish(repos(c), currentUser(c), period, reason)), 200);
    })
    .openapi(locksRoute, async (c) => c.json(await repos(c).periodLocks.list(), 200))
    .openapi(lockRoute('lock'), async (c) =>
      c.json(
        unwrap(
          await periodLockSet(
            repos(c),
            currentUser(c),
            c.req.valid('param').period,
            true,
            c.req.valid('json').reason,
          ),
        ),
        200,
      ),
    )
    .openapi(lockRoute('unlock'), async (c) =>
      c.json(
        unwrap(
          await periodLockSet(
            repos(c),
            currentUser(c),
            c.req.valid('param').period,
            false,
            c.req.valid('json').reason,
          ),
        ),
        200,
      ),
    );
}

/** Notices reach a user directly or through the unit they report for. */
function recipientsOf(c: AppContext): string[] {
  const user = currentUser(c);
  const submitter = submitterOfUser(user);
  return submitter ? [user.id, submitter] : [user.id];
}
