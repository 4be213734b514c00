import { describe, expect, it } from 'vitest';
import { routeHome, routeMatch, routeSafeNext, routesForRole } from './route-table.ts';

describe('menu and routes by role', () => {
  it('gives the admin every page', () => {
    expect(routesForRole('admin')).toHaveLength(12);
  });

  it('gives a town or department reporter my tasks, data entry, import and their supervised items', () => {
    expect(routesForRole('town').map((r) => r.key)).toEqual(['tasks', 'entry', 'import', 'supervision']);
    expect(routesForRole('department').map((r) => r.key)).toEqual([
      'tasks',
      'entry',
      'import',
      'supervision',
    ]);
  });

  it('gives a leader read-only pages and lands them on progress', () => {
    expect(routesForRole('leader').map((r) => r.key)).toEqual([
      'progress',
      'indicators',
      'reports',
      'cup',
      'supervision',
    ]);
    expect(routeHome('leader')).toBe('/progress');
    expect(routeHome('town')).toBe('/tasks');
  });

  it('refuses a page outside the role and tells an unknown path apart', () => {
    expect(routeMatch('/review', 'town')).toEqual({ kind: 'forbidden' });
    expect(routeMatch('/entry', 'leader')).toEqual({ kind: 'forbidden' });
    expect(routeMatch('/nowhere', 'admin')).toEqual({ kind: 'not_found' });
    expect(routeMatch('/progress/', 'leader')).toMatchObject({ kind: 'page', route: { key: 'progress' } });
  });

  it('follows a next path after login only inside the app', () => {
    expect(routeSafeNext('/progress?period=2025Q3')).toBe('/progress?period=2025Q3');
    expect(routeSafeNext('//evil.example/x')).toBeUndefined();
    expect(routeSafeNext('https://evil.example')).toBeUndefined();
    expect(routeSafeNext('/login')).toBeUndefined();
    expect(routeSafeNext(null)).toBeUndefined();
  });
});
