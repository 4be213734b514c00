// /api/observations: every stored version of one figure (可溯), and an admin's correction of a figure
// (a new revision; 409 with the value in force when someone changed it first; 423 when its period is
// locked, unless an admin sends overrideLock with the reason).
import { createRoute, z } from '@hono/zod-openapi';
import { observationRevise } from '../../services/observation-edit.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  ObservationIdParamsSchema,
  ObservationPatchSchema,
  ObservationQuerySchema,
  ObservationSchema,
} from '../schemas/observations.ts';

const historyRoute = createRoute({
  method: 'get',
  path: '/observations',
  tags: ['observations'],
  summary: 'Every stored version of one figure (all vintages), newest first',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: ObservationQuerySchema },
  responses: { 200: jsonResponse(z.array(ObservationSchema), 'history'), ...errorResponses(400, 401) },
});

const reviseRoute = createRoute({
  method: 'patch',
  path: '/observations/{id}',
  tags: ['observations'],
  summary: 'Correct a figure: a new revision (the old value is kept; audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: ObservationIdParamsSchema, body: jsonBody(ObservationPatchSchema) },
  responses: {
    200: jsonResponse(ObservationSchema, 'the new revision, now in force'),
    ...errorResponses(400, 401, 403, 404, 409, 423),
  },
});

export function observationsRoutes() {
  return apiRouter()
    .openapi(historyRoute, async (c) => {
      const history = await c.var.ws.repos.observations.history(c.req.valid('query'));
      return c.json(history.reverse(), 200);
    })
    .openapi(reviseRoute, async (c) => {
      const ws = c.var.ws;
      const result = await observationRevise(
        ws.repos,
        await workspacePlan(ws),
        currentUser(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      if (!result.ok) {
        const e = result.error;
        switch (e.kind) {
          case 'not_found':
            throw new ApiError(404, 'not_found', e.message);
          case 'forbidden':
            throw new ApiError(403, 'forbidden', e.message);
          case 'conflict':
            throw new ApiError(409, 'conflict', e.message, { current: e.current ?? null });
          case 'locked':
            throw new ApiError(423, 'locked', e.message, {
              period: e.lock.period,
              lockedBy: e.lock.changedBy,
              lockedAt: e.lock.changedAt,
              lockReason: e.lock.reason,
            });
        }
      }
      return c.json(result.value, 200);
    });
}
