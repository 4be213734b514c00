// /api/users (admin): list, create, change accounts — checked against the plan, audited.
import { createRoute, z } from '@hono/zod-openapi';
import { userCreate, userUpdate, type UserProblem } from '../../auth/users.ts';
import type { UserRecord } from '../../repositories/index.ts';
import { workspacePlan } from '../../services/workspace.ts';
import { currentUser, requireRole } from '../context.ts';
import { ApiError } from '../errors.ts';
import { apiRouter } from '../openapi.ts';
import type { ResolvedAppOptions } from '../options.ts';
import { SESSION_SECURITY, errorResponses, jsonBody, jsonResponse } from '../schemas/common.ts';
import { UserCreateSchema, UserIdParamsSchema, UserPatchSchema, UserSchema } from '../schemas/users.ts';

/** The API's User (docs/API.md): no hash, no timestamps. */
export function userPresent(u: UserRecord): z.infer<typeof UserSchema> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    ...(u.department === undefined ? {} : { department: u.department }),
    ...(u.region === undefined ? {} : { region: u.region }),
    active: u.active,
    ...(u.email === undefined ? {} : { email: u.email }),
    ...(u.phone === undefined ? {} : { phone: u.phone }),
    ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

function problemError(p: UserProblem): ApiError {
  switch (p.kind) {
    case 'not_found':
      return new ApiError(404, 'not_found', p.message);
    case 'username_taken':
    case 'last_admin':
      return new ApiError(409, 'conflict', p.message, { kind: p.kind, field: p.field });
    case 'bad_username':
    case 'unknown_department':
    case 'missing_department':
    case 'unknown_region':
    case 'missing_region':
      return new ApiError(422, 'validation', p.message, { kind: p.kind, field: p.field });
  }
}

const listRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'Every account',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(z.array(UserSchema), 'accounts by username'), ...errorResponses(401, 403) },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Create an account (audited)',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { body: jsonBody(UserCreateSchema) },
  responses: {
    201: jsonResponse(UserSchema, 'created'),
    ...errorResponses(400, 401, 403, 409, 422),
  },
});

const patchUserRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Change an account (audited); a new password or deactivation ends its sessions',
  middleware: requireRole('admin'),
  security: SESSION_SECURITY,
  request: { params: UserIdParamsSchema, body: jsonBody(UserPatchSchema) },
  responses: {
    200: jsonResponse(UserSchema, 'changed'),
    ...errorResponses(400, 401, 403, 404, 409, 422),
  },
});

export function usersRoutes(options: ResolvedAppOptions) {
  return apiRouter()
    .openapi(listRoute, async (c) => c.json((await c.var.ws.repos.users.list()).map(userPresent), 200))
    .openapi(createUserRoute, async (c) => {
      const ws = c.var.ws;
      const result = await userCreate(
        ws.repos,
        await workspacePlan(ws),
        currentUser(c).username,
        c.req.valid('json'),
        options.passwordParams,
      );
      if (!result.ok) throw problemError(result.problem);
      return c.json(userPresent(result.user), 201);
    })
    .openapi(patchUserRoute, async (c) => {
      const ws = c.var.ws;
      const result = await userUpdate(
        ws.repos,
        await workspacePlan(ws),
        currentUser(c).username,
        c.req.valid('param').id,
        c.req.valid('json'),
        options.passwordParams,
      );
      if (!result.ok) throw problemError(result.problem);
      return c.json(userPresent(result.user), 200);
    });
}
