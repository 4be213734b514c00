// UserRepository: accounts (who signs in, with which role and unit); password hashes stay inside auth/.
import { randomUUID } from 'node:crypto';
import type { Role } from '@ding/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema.ts';
import type { Clock } from './support.ts';

/** An account as the app sees it (never with its password hash). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Plan department code (department reporters). */
  department?: string;
  /** Region code (town reporters). */
  region?: string;
  active: boolean;
  createdAt: string;
  /** Contacts for reminders (督办 digests by e-mail; the phone for a webhook bridge). */
  email?: string;
  phone?: string;
  /** Set by an admin (a new account, a reset): the account must change it before anything else. */
  mustChangePassword?: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  department?: string;
  region?: string;
  active?: boolean;
  email?: string;
  phone?: string;
  mustChangePassword?: boolean;
}

/** Fields an update may change; `null` clears department/region. */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  department?: string | null;
  region?: string | null;
  active?: boolean;
  passwordHash?: string;
  email?: string | null;
  phone?: string | null;
  mustChangePassword?: boolean;
}

export function userFromRow(row: Omit<Selectable<UsersTable>, 'password_hash'>): UserRecord {
  const user: UserRecord = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    active: Number(row.active) === 1,
    createdAt: row.created_at,
  };
  if (row.department !== null) user.department = row.department;
  if (row.region !== null) user.region = row.region;
  if (row.email) user.email = row.email;
  if (row.phone) user.phone = row.phone;
  if (Number(row.must_change_password) === 1) user.mustChangePassword = true;
  return user;
}

const PUBLIC = [
  'id',
  'username',
  'display_name',
  'role',
  'department',
  'region',
  'active',
  'created_at',
  'email',
  'phone',
  'must_change_password',
] as const;

export class UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(user: NewUser): Promise<UserRecord> {
    const row = {
      id: randomUUID(),
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      department: user.department ?? null,
      region: user.region ?? null,
      active: user.active === false ? (0 as const) : (1 as const),
      created_at: this.clock(),
      email: user.email ?? null,
      phone: user.phone ?? null,
      must_change_password: user.mustChangePassword ? (1 as const) : (0 as const),
    };
    await this.db.insertInto('users').values(row).execute();
    return userFromRow(row);
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').select(PUBLIC).where('id', '=', id).executeTakeFirst();
    return row && userFromRow(row);
  }

  async getByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(PUBLIC)
      .where('username', '=', username)
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  /** The account and its password hash, for signing in only. */
  async credentials(username: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && { user: userFromRow(row), passwordHash: row.password_hash };
  }

  /** Every account, by username. */
  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').select(PUBLIC).orderBy('username').execute();
    return rows.map(userFromRow);
  }

  async count(query: { role?: Role; active?: boolean } = {}): Promise<number> {
    let q = this.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
    if (query.role) q = q.where('role', '=', query.role);
    if (query.active !== undefined) q = q.where('active', '=', query.active ? 1 : 0);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Apply `changes`; the updated account, or undefined when there is no such id. */
  async update(id: string, changes: UserChanges): Promise<UserRecord | undefined> {
    const set: Partial<Selectable<UsersTable>> = {};
    if (changes.displayName !== undefined) set.display_name = changes.displayName;
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.department !== undefined) set.department = changes.department;
    if (changes.region !== undefined) set.region = changes.region;
    if (changes.active !== undefined) set.active = changes.active ? 1 : 0;
    if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.phone !== undefined) set.phone = changes.phone;
    if (changes.mustChangePassword !== undefined)
      set.must_change_password = changes.mustChangePassword ? 1 : 0;
    if (Object.keys(set).length > 0)
      await this.db.updateTable('users').set(set).where('id', '=', id).execute();
    return this.get(id);
  }
}
