// /api/plan: the plan in force (anyone signed in); admin edits of a target or an indicator, each
// saved as the plan's next version and audited old → new with a reason.
import { createRoute } from '@hono/zod-openapi';
import type { Target } from '@ding/core';
import type { StoredPlanContent } from '../../repositories/index.ts';
import {
  planIndicatorUpdate,
  planTargetReplace,
  type PlanEditError,
  type PlanEditResult,
} from '../../services/plan-edit.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  IndicatorCodeParamsSchema,
  IndicatorPatchSchema,
  PlanSchema,
  PlanVersionSchema,
  TargetIndexParamsSchema,
  TargetPutSchema,
} from '../schemas/plan.ts';

const getPlanRoute = createRoute({
  method: 'get',
  path: '/plan',
  tags: ['plan'],
  summary: 'The plan in force (header X-Plan-Version: its stored version)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(PlanSchema, 'the active plan'), ...errorResponses(401, 404) },
});

const putTargetRoute = createRoute({
  method: 'put',
  path: '/plan/targets/{index}',
  tags: ['plan'],
  summary: 'Replace a target; saved as the plan’s next version (audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: TargetIndexParamsSchema, body: jsonBody(TargetPutSchema) },
  responses: {
    200: jsonResponse(PlanVersionSchema, 'the new plan version, active'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

const patchIndicatorRoute = createRoute({
  method: 'patch',
  path: '/plan/indicators/{code}',
  tags: ['plan'],
  summary: 'Change fields of an indicator; saved as the plan’s next version (audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: IndicatorCodeParamsSchema, body: jsonBody(IndicatorPatchSchema) },
  responses: {
    200: jsonResponse(PlanVersionSchema, 'the new plan version, active'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

function editError(e: PlanEditError): ApiError {
  switch (e.kind) {
    case 'no_plan':
    case 'not_found':
      return new ApiError(404, 'not_found', e.message);
    case 'invalid':
      return new ApiError(422, 'validation', e.message, { errors: e.errors });
    case 'stale':
      return new ApiError(409, 'conflict', e.message, { currentVersion: e.currentVersion });
  }
}

function versionPresent(result: PlanEditResult): StoredPlanContent {
  if (!result.ok) throw editError(result.error);
  return result.value;
}

export function planRoutes() {
  return apiRouter()
    .openapi(getPlanRoute, async (c) => {
      const stored = await c.var.ws.repos.plans.active();
      if (!stored) throw new ApiError(404, 'not_found', { zh: '尚未加载计划', en: 'no plan is loaded' });
      c.header('X-Plan-Version', String(stored.version));
      return c.json(stored.plan, 200);
    })
    .openapi(putTargetRoute, async (c) => {
      const { index } = c.req.valid('param');
      const body = c.req.valid('json');
      const result = await planTargetReplace(c.var.ws.repos, index, body.target as Target, {
        actor: currentUser(c).username,
        reason: body.reason,
        ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
      });
      return c.json(versionPresent(result), 200);
    })
    .openapi(patchIndicatorRoute, async (c) => {
      const { code } = c.req.valid('param');
      const body = c.req.valid('json');
      const result = await planIndicatorUpdate(c.var.ws.repos, code, body.changes, {
        actor: currentUser(c).username,
        reason: body.reason,
        ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
      });
      return c.json(versionPresent(result), 200);
    });
}
