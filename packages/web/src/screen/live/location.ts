// Where the wall is: /screen/city or /screen/town/:code and its ?settings, changed without reloading
// (clicking a town, the carousel) and kept in history so that the browser's back button works.
import { useSyncExternalStore } from 'react';
import { screenRoutePath, type ScreenRoute } from '../lib/route.ts';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Path and query string of the page, re-rendering on navigation. */
export function useScreenLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return q < 0 ? { pathname: href, search: '' } : { pathname: href.slice(0, q), search: href.slice(q) };
}

/** Go to a screen, keeping the wall's settings (?period, ?wide, ?carousel, ?lang). */
export function screenNavigate(route: ScreenRoute, options: { replace?: boolean } = {}): void {
  const to = screenRoutePath(route) + window.location.search;
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}
