// Accounts as a service: create and change users, checked against the plan (a department reporter
// names one of its departments, a town reporter one of its towns) and audited (password hashes never are).
import type { LocalizedName, Plan, Role } from '@ding/core';
import { auditAppend } from '../audit/audit.ts';
import type { Repositories, UserChanges, UserRecord } from '../repositories/index.ts';
import { passwordHash, type ScryptParams } from './password.ts';
import { usernameNormalize } from './login.ts';

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  department?: string;
  region?: string;
  active?: boolean;
  /** Contacts for reminders (督办 digests). */
  email?: string;
  phone?: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  /** null clears it. */
  department?: string | null;
  region?: string | null;
  active?: boolean;
  password?: string;
  /** null clears it. */
  email?: string | null;
  phone?: string | null;
}

export type UserProblem =
  | { kind: 'username_taken'; field: 'username'; message: LocalizedName }
  | { kind: 'bad_username'; field: 'username'; message: LocalizedName }
  | { kind: 'unknown_department' | 'missing_department'; field: 'department'; message: LocalizedName }
  | { kind: 'unknown_region' | 'missing_region'; field: 'region'; message: LocalizedName }
  | { kind: 'last_admin'; field: 'role' | 'active'; message: LocalizedName }
  | { kind: 'not_found'; field: 'id'; message: LocalizedName };

export type UserResult = { ok: true; user: UserRecord } | { ok: false; problem: UserProblem };

/** Lower-case letters, digits, '.', '_' and '-' (town-330282004), 2–64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Regions a town reporter may belong to: every (current or former) town/street of the home county. */
function townCodes(plan: Plan): Set<string> {
  return new Set(plan.regions.filter((r) => r.parent === plan.home).map((r) => r.code));
}

/** What the account would be after the change, checked against the plan. */
function unitProblem(
  plan: Plan,
  u: { role: Role; department?: string | undefined; region?: string | undefined },
): UserProblem | undefined {
  if (u.department !== undefined && !plan.departments.some((d) => d.code === u.department)) {
    return {
      kind: 'unknown_department',
      field: 'department',
      message: { zh: `计划中没有部门 ${u.department}`, en: `the plan has no department ${u.department}` },
    };
  }
  if (u.region !== undefined && !townCodes(plan).has(u.region)) {
    return {
      kind: 'unknown_region',
      field: 'region',
      message: { zh: `计划中没有镇街 ${u.region}`, en: `the plan has no town ${u.region}` },
    };
  }
  if (u.role === 'department' && u.department === undefined) {
    return {
      kind: 'missing_department',
      field: 'department',
      message: { zh: '部门填报员须指定所属部门', en: 'a department reporter needs a department' },
    };
  }
  if (u.role === 'town' && u.region === undefined) {
    return {
      kind: 'missing_region',
      field: 'region',
      message: { zh: '镇街填报员须指定所属镇街', en: 'a town reporter needs a town' },
    };
  }
  return undefined;
}

/** The audited picture of an account: no hash, ever. */
function auditView(u: UserRecord) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    department: u.department ?? null,
    region: u.region ?? null,
    active: u.active,
    email: u.email ?? null,
    phone: u.phone ?? null,
  };
}

export async function userCreate(
  repos: Repositories,
  plan: Plan,
  actor: string,
  input: UserInput,
  params?: ScryptParams,
): Promise<UserResult> {
  const username = usernameNormalize(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    return {
      ok: false,
      problem: {
        kind: 'bad_username',
        field: 'username',
        message: {
          zh: '用户名须为 2–64 位小写字母、数字或 . _ -',
          en: 'a username is 2–64 lower-case letters, digits, . _ or -',
        },
      },
    };
  }
  const problem = unitProblem(plan, input);
  if (problem) return { ok: false, problem };
  const hash = await passwordHash(input.password, params);
  return repos.transaction(async (tx) => {
    if (await tx.users.getByUsername(username)) {
      return {
        ok: false,
        problem: {
          kind: 'username_taken',
          field: 'username',
          message: { zh: `用户名 ${username} 已存在`, en: `username ${username} is taken` },
        },
      };
    }
    const user = await tx.users.create({
      username,
      displayName: input.displayName,
      passwordHash: hash,
      role: input.role,
      ...(input.department === undefined ? {} : { department: input.department }),
      ...(input.region === undefined ? {} : { region: input.region }),
      ...(input.active === undefined ? {} : { active: input.active }),
      ...(input.email ? { email: input.email } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      // The admin chose this password: the person chooses their own at first log-in.
      mustChangePassword: true,
    });
    await auditAppend(tx, {
      actor,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      new: auditView(user),
    });
    return { ok: true, user };
  });
}

export async function userUpdate(
  repos: Repositories,
  plan: Plan,
  actor: string,
  id: string,
  patch: UserPatch,
  params?: ScryptParams,
): Promise<UserResult> {
  const hash = patch.password === undefined ? undefined : await passwordHash(patch.password, params);
  return repos.transaction(async (tx) => {
    const before = await tx.users.get(id);
    if (!before) {
      return {
        ok: false,
        problem: { kind: 'not_found', field: 'id', message: { zh: '没有该用户', en: 'no such user' } },
      };
    }
    const after = {
      role: patch.role ?? before.role,
      department: patch.department === undefined ? before.department : (patch.department ?? undefined),
      region: patch.region === undefined ? before.region : (patch.region ?? undefined),
    };
    const problem = unitProblem(plan, after);
    if (problem) return { ok: false, problem };
    // Someone must be able to administer the system afterwards.
    const losesAdmin =
      before.role === 'admin' && before.active && (after.role !== 'admin' || patch.active === false);
    if (losesAdmin && (await tx.users.count({ role: 'admin', active: true })) <= 1) {
      return {
        ok: false,
        problem: {
          kind: 'last_admin',
          field: patch.active === false ? 'active' : 'role',
          message: {
            zh: '这是唯一启用的管理员，不能停用或降级',
            en: 'this is the only active admin; it cannot be deactivated or demoted',
          },
        },
      };
    }
    const changes: UserChanges = {};
    if (patch.displayName !== undefined) changes.displayName = patch.displayName;
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.department !== undefined) changes.department = patch.department;
    if (patch.region !== undefined) changes.region = patch.region;
    if (patch.active !== undefined) changes.active = patch.active;
    if (patch.email !== undefined) changes.email = patch.email;
    if (patch.phone !== undefined) changes.phone = patch.phone;
    if (hash !== undefined) {
      changes.passwordHash = hash;
      changes.mustChangePassword = true;
    }
    const user = (await tx.users.update(id, changes))!;
    // A new password or a deactivated account ends every session of that account.
    if (hash !== undefined || patch.active === false) await tx.sessions.deleteForUser(id);
    await auditAppend(tx, {
      actor,
      action: 'user.update',
      entity: 'user',
      entityId: id,
      old: auditView(before),
      new: { ...auditView(user), ...(hash === undefined ? {} : { passwordChanged: true }) },
    });
    return { ok: true, user };
  });
}
