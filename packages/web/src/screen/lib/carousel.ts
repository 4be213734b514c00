// The carousel (?carousel=30): the city screen, then each town west → east along the bay, then round again.
import type { ScreenRoute } from './route.ts';
import { screenRouteKey } from './route.ts';

/** Shortest and longest interval a wall may ask for, in seconds. */
export const CAROUSEL_MIN_SECONDS = 5;
export const CAROUSEL_MAX_SECONDS = 3600;
export const CAROUSEL_DEFAULT_SECONDS = 30;

/**
 * The interval of ?carousel=: seconds, clamped to 5…3600; an empty or non-numeric value ('', '1' is fine)
 * means the default 30 s; absent or 0/off means no carousel.
 */
export function carouselSeconds(param: string | null | undefined): number | null {
  if (param === null || param === undefined) return null;
  const p = param.trim().toLowerCase();
  if (p === '0' || p === 'off' || p === 'false' || p === 'no') return null;
  const n = Number(p);
  if (p === '' || !Number.isFinite(n) || n <= 0) return CAROUSEL_DEFAULT_SECONDS;
  return Math.min(CAROUSEL_MAX_SECONDS, Math.max(CAROUSEL_MIN_SECONDS, Math.round(n)));
}

/**
 * City first, then the towns in map order: west → east (column), north → south within a column (row),
 * then by code so that the order is stable. Towns are given as the map's tiles.
 */
export function carouselOrder(towns: readonly { region: string; col: number; row: number }[]): ScreenRoute[] {
  const seen = new Set<string>();
  const unique = towns.filter((t) => !seen.has(t.region) && seen.add(t.region));
  const sorted = [...unique].sort(
    (a, b) => a.col - b.col || a.row - b.row || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0),
  );
  return [{ kind: 'city' }, ...sorted.map((t) => ({ kind: 'town' as const, code: t.region }))];
}

/** The page after `current`; after the last, the first; from a page not in the order, the first. */
export function carouselNext(order: readonly ScreenRoute[], current: ScreenRoute): ScreenRoute {
  if (order.length === 0) return { kind: 'city' };
  const i = order.findIndex((r) => screenRouteKey(r) === screenRouteKey(current));
  return order[(i + 1) % order.length]!;
}
