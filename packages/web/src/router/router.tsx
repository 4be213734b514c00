// A small history router: the current path and query, navigation that keeps the back button working,
// and links that stay in the app. The server answers every non-API path with index.html.
import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { Button, type ButtonProps } from 'antd';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export interface Location {
  pathname: string;
  search: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  const search = q < 0 ? '' : href.slice(q);
  return { pathname: q < 0 ? href : href.slice(0, q), search, query: new URLSearchParams(search) };
}

/** One query parameter as state: setting it replaces the history entry (filters are not pages). */
export function useQueryParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const { query } = useLocation();
  const value = query.get(name) ?? undefined;
  const set = useCallback(
    (next: string | undefined) => {
      const params = new URLSearchParams(window.location.search);
      if (next === undefined || next === '') params.delete(name);
      else params.set(name, next);
      const s = params.toString();
      navigate(`${window.location.pathname}${s ? `?${s}` : ''}`, { replace: true });
    },
    [name],
  );
  return [value, set];
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // Let the browser handle new tabs and windows (ctrl/cmd/shift/middle click).
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}

/** An antd button that is a link of the app (one element: no button nested in an anchor). */
export function LinkButton({ to, ...rest }: { to: string } & Omit<ButtonProps, 'href' | 'onClick'>) {
  return (
    <Button
      {...rest}
      href={to}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
