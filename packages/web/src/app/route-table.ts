// The pages, their paths and who may open them. The side menu and the router both read this table.
import type { Role } from '@ding/core';

export type PageKey =
  | 'tasks'
  | 'entry'
  | 'import'
  | 'review'
  | 'progress'
  | 'indicators'
  | 'reports'
  | 'cup'
  | 'supervision'
  | 'rounds'
  | 'audit'
  | 'users';

export interface RouteDef {
  key: PageKey;
  path: string;
  roles: readonly Role[];
}

const REPORTERS: readonly Role[] = ['admin', 'department', 'town'];

/** Menu order. Admin sees everything; reporters their tasks, entry and import; leaders read progress. */
export const ROUTES: readonly RouteDef[] = [
  { key: 'tasks', path: '/tasks', roles: REPORTERS },
  { key: 'entry', path: '/entry', roles: REPORTERS },
  { key: 'import', path: '/import', roles: REPORTERS },
  { key: 'review', path: '/review', roles: ['admin'] },
  { key: 'progress', path: '/progress', roles: ['admin', 'leader'] },
  { key: 'indicators', path: '/indicators', roles: ['admin', 'leader'] },
  // 报告: admins draft, edit and generate; leaders read the archive and download.
  { key: 'reports', path: '/reports', roles: ['admin', 'leader'] },
  // 科技创新杯: the annual town evaluation; admins also enter the evidence of bonus/deduction items.
  { key: 'cup', path: '/cup', roles: ['admin', 'leader'] },
  // 督查督办: every role — units report on their items, the admin reviews, leaders read.
  { key: 'supervision', path: '/supervision', roles: ['admin', 'leader', 'department', 'town'] },
  { key: 'rounds', path: '/rounds', roles: ['admin'] },
  { key: 'audit', path: '/audit', roles: ['admin'] },
  { key: 'users', path: '/users', roles: ['admin'] },
];

export function routesForRole(role: Role): RouteDef[] {
  return ROUTES.filter((r) => r.roles.includes(role));
}

/** Where a user lands after logging in: a leader on progress, everyone else on their tasks. */
export function routeHome(role: Role): string {
  return role === 'leader' ? '/progress' : '/tasks';
}

export type RouteMatch = { kind: 'page'; route: RouteDef } | { kind: 'forbidden' } | { kind: 'not_found' };

export function routeMatch(pathname: string, role: Role): RouteMatch {
  const path = pathname.replace(/\/+$/, '') || '/';
  const route = ROUTES.find((r) => r.path === path);
  if (!route) return { kind: 'not_found' };
  return route.roles.includes(role) ? { kind: 'page', route } : { kind: 'forbidden' };
}

/** A `next` target after login is followed only when it is a path of this app (no open redirect). */
export function routeSafeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return undefined;
  return next;
}
