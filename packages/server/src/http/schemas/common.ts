// Shapes every resource shares: the error body, and the error responses a route documents.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'forbidden' }),
      message: z.string().openapi({ example: '无权执行此操作' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const DESCRIPTIONS = {
  400: 'validation: the request does not match its schema',
  401: 'unauthenticated: no valid session',
  403: 'forbidden (out of role or scope) or csrf (missing X-CSRF-Token, foreign Origin)',
  404: 'not_found',
  409: 'conflict: someone changed it first (details hold the current state)',
  422: 'validation: well-formed but not acceptable (details locate the problem)',
  423: 'locked: the period is locked',
  429: 'too_many_attempts (details.retryAfterSeconds)',
} as const;

export type ErrorStatus = keyof typeof DESCRIPTIONS;

/** `responses` entries for the error statuses a route can answer with. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]) {
  const out = {} as Record<
    S,
    { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }
  >;
  for (const s of statuses)
    out[s] = { description: DESCRIPTIONS[s], content: { 'application/json': { schema: ErrorSchema } } };
  return out;
}

/** A JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    content: { 'application/json': { schema } },
    ...(description ? { description } : {}),
  } as const;
}

/** A JSON 200/201 response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** Operations that need a session document the cookie (and, for writes, the CSRF header). */
export const SESSION_SECURITY = [{ session: [] }];

/** A reason for a change (audited). */
export const ReasonSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .openapi({ description: 'why (kept in the audit log)', example: '按2025年年报更正' });
