// Demo accounts for each role, created by `ding init` on an empty users table (issue 3 §2; README lists them).
import {
  planOwingDepartments,
  regionChildrenOn,
  type IsoDate,
  type Plan,
  type RegionCode,
  type Role,
} from '@ding/core';
import { auditAppend } from '../audit/audit.ts';
import type { Repositories } from '../repositories/index.ts';
import { passwordHash, type ScryptParams } from './password.ts';

/** Published in the README: these accounts are for trying the system, never for a real deployment. */
export const DEMO_PASSWORD = 'ding-demo-2025';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  department?: string;
  region?: string;
}

/**
 * admin, leader, one reporter per department that owes figures in some round of the plan or leads or
 * cooperates on one of its tasks (username = the department's code; 市科技局 and 市统计局 always), and one reporter per town valid on `today`: every unit a
 * round assigns figures to can sign in and submit them, so a round can reach 100%.
 */
export function demoAccounts(plan: Plan, today: IsoDate): DemoAccount[] {
  const department = (code: string) => plan.departments.find((d) => d.code === code);
  const accounts: DemoAccount[] = [
    {
      username: 'admin',
      displayName: `${department('kjj')?.name.zh ?? ''}管理员`,
      role: 'admin',
      ...(department('kjj') ? { department: 'kjj' } : {}),
    },
    { username: 'leader', displayName: '领导（只读）', role: 'leader' },
  ];
  // …and every unit that leads or cooperates on a plan task (督查督办: it reports progress).
  const taskUnits = plan.actions.flatMap((a) =>
    a.tasks.flatMap((t) => [...t.leadUnits, ...t.cooperatingUnits]),
  );
  const owing = new Set(['kjj', 'tjj', ...planOwingDepartments(plan), ...taskUnits]);
  for (const d of plan.departments)
    if (owing.has(d.code))
      accounts.push({
        username: d.code,
        displayName: `${d.name.zh}填报员`,
        role: 'department',
        department: d.code,
      });
  for (const town of regionChildrenOn(plan, plan.home as RegionCode, today)) {
    const region = plan.regions.find((r) => r.code === town)!;
    accounts.push({
      username: `town-${town.toLowerCase()}`,
      displayName: `${region.name.zh}填报员`,
      role: 'town',
      region: town,
    });
  }
  return accounts;
}

export interface DemoAccountsReport {
  /** Usernames created (empty when the table already had accounts). */
  created: string[];
  alreadyPresent: boolean;
}

/** Create the demo accounts if there are no accounts at all; otherwise leave the table alone. */
export async function demoAccountsCreate(
  repos: Repositories,
  plan: Plan,
  options: { today?: IsoDate; params?: ScryptParams } = {},
): Promise<DemoAccountsReport> {
  if ((await repos.users.count()) > 0) return { created: [], alreadyPresent: true };
  const accounts = demoAccounts(plan, options.today ?? (new Date().toISOString().slice(0, 10) as IsoDate));
  // One hash for all: the password is published, so per-account salts would protect nothing and cost
  // ~0.35 s each at init. A password set later (PATCH /users/:id) gets its own salt as usual.
  const hash = await passwordHash(DEMO_PASSWORD, options.params);
  await repos.transaction(async (tx) => {
    for (const a of accounts) {
      // A reserved domain (RFC 2606 .invalid): the demo's reminder digests have an address to go to, and
      // a mis-configured real SMTP server can never deliver them to anyone.
      const user = await tx.users.create({ ...a, email: `${a.username}@demo.invalid`, passwordHash: hash });
      await auditAppend(tx, {
        actor: 'ding init',
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        new: { ...a, active: true },
        reason: 'demo account',
      });
    }
  });
  return { created: accounts.map((a) => a.username), alreadyPresent: false };
}
