// The screens' paths: /screen/city and /screen/town/:code (the server sends /screen/* to screen.html).

export type ScreenRoute = { kind: 'city' } | { kind: 'town'; code: string };

/** The route of a path; /screen alone is the city; null for anything else. */
export function screenRouteParse(pathname: string): ScreenRoute | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/screen' || path === '/screen/city' || path === '/screen.html') return { kind: 'city' };
  const m = /^\/screen\/town\/([^/]+)$/.exec(path);
  if (!m) return null;
  let code: string;
  try {
    code = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return code ? { kind: 'town', code } : null;
}

export function screenRoutePath(route: ScreenRoute): string {
  return route.kind === 'city' ? '/screen/city' : `/screen/town/${encodeURIComponent(route.code)}`;
}

/** The API path of the route's payload. */
export function screenRouteApi(route: ScreenRoute): string {
  return route.kind === 'city' ? '/api/screen/city' : `/api/screen/town/${encodeURIComponent(route.code)}`;
}

/** One string per route, for caches and comparisons. */
export function screenRouteKey(route: ScreenRoute): string {
  return route.kind === 'city' ? 'city' : `town:${route.code}`;
}

export const screenRouteEqual = (a: ScreenRoute, b: ScreenRoute): boolean =>
  screenRouteKey(a) === screenRouteKey(b);
