// Request and response shapes of /auth and /users.
import { z } from '@hono/zod-openapi';

export const RoleSchema = z
  .enum(['admin', 'department', 'town', 'leader'])
  .openapi('Role', { description: 'admin 市科技局; department / town reporters; leader read-only' });

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string().openapi({ example: 'town-330282004' }),
    displayName: z.string().openapi({ example: '浒山街道填报员' }),
    role: RoleSchema,
    department: z.string().optional().openapi({ description: 'plan department code', example: 'tjj' }),
    region: z.string().optional().openapi({ description: 'town region code', example: '330282004' }),
    active: z.boolean(),
    email: z.string().optional().openapi({ description: 'for 督办 reminder digests by e-mail' }),
    phone: z.string().optional().openapi({ description: 'for a 浙政钉/企业微信 bridge (webhook)' }),
    mustChangePassword: z.literal(true).optional().openapi({
      description:
        'the password was set by an admin: until the account changes it (POST /auth/password) every other request is 403 password_change_required',
    }),
  })
  .openapi('User');

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().openapi({ description: 'send as X-CSRF-Token on every non-GET request' }),
  })
  .openapi('Session');

export const LoginBodySchema = z
  .object({
    username: z.string().min(1).max(64).openapi({ example: 'admin' }),
    password: z.string().min(1).max(1024).openapi({ example: 'ding-demo-2025' }),
  })
  .openapi('LoginBody');

export const PasswordChangeBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(1024).openapi({ example: 'ding-demo-2025' }),
    newPassword: z.string().min(1).max(1024).openapi({
      description:
        'the password policy of an admin-set password (at least 8 characters), not the current one',
      example: 'a-new-passphrase',
    }),
  })
  .strict()
  .openapi('PasswordChangeBody');

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -; 2–64 characters');
/**
 * The password policy: what an admin may set (POST/PATCH /users) and what a user may change their own
 * password to (POST /auth/password checks its newPassword against this same schema).
 */
export const PasswordSchema = z.string().min(8).max(1024);
const password = PasswordSchema;
const displayName = z.string().trim().min(1).max(100);
const email = z.email().max(200);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, 'digits, spaces, + and -; 5–20 characters');

export const UserCreateSchema = z
  .object({
    username,
    displayName,
    password,
    role: RoleSchema,
    department: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    email: email.optional(),
    phone: phone.optional(),
  })
  .openapi('UserCreate');

export const UserPatchSchema = z
  .object({
    displayName: displayName.optional(),
    role: RoleSchema.optional(),
    department: z.string().min(1).nullable().optional().openapi({ description: 'null clears it' }),
    region: z.string().min(1).nullable().optional().openapi({ description: 'null clears it' }),
    active: z.boolean().optional(),
    password: password.optional(),
    email: email.nullable().optional().openapi({ description: 'null clears it' }),
    phone: phone.nullable().optional().openapi({ description: 'null clears it' }),
  })
  .strict()
  .openapi('UserPatch');

export const UserIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
