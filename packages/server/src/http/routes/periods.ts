// GET /api/periods/current: the period the app shows by default (one rule, core's currentPeriodResolve),
// the quarter being collected with how far it is published, and whether any published figure is synthetic.
import { createRoute } from '@hono/zod-openapi';
import { progressCurrentPeriod } from '../../services/progress.ts';
import { requireRole } from '../context.ts';
import { apiRouter } from '../openapi.ts';
import { SESSION_SECURITY, errorResponses, jsonResponse } from '../schemas/common.ts';
import { CurrentPeriodSchema } from '../schemas/periods.ts';

const currentRoute = createRoute({
  method: 'get',
  path: '/periods/current',
  tags: ['progress'],
  summary:
    'The current period (latest whose core figures are substantially published), the quarter being collected, the synthetic flag',
  middleware: requireRole(),
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(CurrentPeriodSchema, 'the current period'), ...errorResponses(401) },
});

export function periodsRoutes() {
  return apiRouter().openapi(currentRoute, async (c) => {
    const s = await progressCurrentPeriod(c.var.ws);
    return c.json(
      {
        period: s.period ?? null,
        basis: s.basis,
        coverage: s.coverage ?? null,
        collecting: s.collecting ?? null,
        synthetic: s.synthetic,
        rule: s.rule,
      },
      200,
    );
  });
}
