// /api/targets/allocation: a group target split over its towns (目标分解到镇街, issue 10) — the draft
// proposal (anyone signed in) and its approval (admin), saved as the plan's next version, audited.
import { createRoute } from '@hono/zod-openapi';
import {
  targetAllocationApprove,
  targetAllocationPropose,
  type TargetAllocationError,
} from '../../services/target-allocation.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import {
  AllocationApprovalSchema,
  AllocationApproveSchema,
  AllocationProposalSchema,
  AllocationQuerySchema,
} from '../schemas/allocation.ts';

const proposeRoute = createRoute({
  method: 'get',
  path: '/targets/allocation',
  tags: ['plan'],
  summary: 'Proposal: a group target split over its towns (draft, nothing saved)',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  request: { query: AllocationQuerySchema },
  responses: {
    200: jsonResponse(AllocationProposalSchema, 'the towns’ proposed targets and the checks'),
    ...errorResponses(400, 401, 404, 422),
  },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/targets/allocation/approve',
  tags: ['plan'],
  summary: 'Approve an allocation: the towns’ targets become the plan’s next version (audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { body: jsonBody(AllocationApproveSchema) },
  responses: {
    200: jsonResponse(
      AllocationApprovalSchema,
      'the new plan version (without the plan body) and the proposal',
    ),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

function allocationError(e: TargetAllocationError): ApiError {
  switch (e.kind) {
    case 'no_plan':
    case 'not_found':
      return new ApiError(404, 'not_found', e.message);
    case 'allocation':
      return new ApiError(422, 'validation', e.message, { errors: e.errors });
    case 'check_failed':
      return new ApiError(422, 'validation', e.message, { proposal: e.proposal });
    case 'invalid':
      return new ApiError(422, 'validation', e.message, { errors: e.errors });
    case 'stale':
      return new ApiError(409, 'conflict', e.message, { currentVersion: e.currentVersion });
  }
}

function manualParse(raw: string | undefined): Record<string, number> | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const ok =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!ok) {
    throw new ApiError(400, 'validation', {
      zh: 'manual：应为 JSON 对象 {镇街代码: 数值}',
      en: 'manual: expected a JSON object {town code: number}',
    });
  }
  return parsed as Record<string, number>;
}

export function allocationRoutes() {
  return apiRouter()
    .openapi(proposeRoute, async (c) => {
      const q = c.req.valid('query');
      const manual = manualParse(q.manual);
      const result = await targetAllocationPropose(c.var.ws, {
        indicator: q.indicator,
        year: q.year,
        method: q.method,
        group: q.group,
        ...(q.baseYear === undefined ? {} : { baseYear: q.baseYear }),
        ...(q.weight === undefined ? {} : { weight: q.weight }),
        ...(manual === undefined ? {} : { manual }),
      });
      if (!result.ok) throw allocationError(result.error);
      c.header('X-Plan-Version', String(result.value.planVersion));
      return c.json({ ...result.value.proposal, planVersion: result.value.planVersion }, 200);
    })
    .openapi(approveRoute, async (c) => {
      const body = c.req.valid('json');
      const result = await targetAllocationApprove(
        c.var.ws,
        {
          indicator: body.indicator,
          year: body.year,
          method: body.method,
          group: body.group,
          ...(body.baseYear === undefined ? {} : { baseYear: body.baseYear }),
          ...(body.weight === undefined ? {} : { weight: body.weight }),
          ...(body.manual === undefined ? {} : { manual: body.manual }),
        },
        {
          actor: currentUser(c).username,
          reason: body.reason,
          ...(body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion }),
        },
      );
      if (!result.ok) throw allocationError(result.error);
      // The version's metadata, not the whole plan it holds.
      const { id, planId, version, loadedAt, loadedBy, active } = result.value.version;
      return c.json(
        { id, planId, version, loadedAt, loadedBy, active, proposal: result.value.proposal },
        200,
      );
    });
}
