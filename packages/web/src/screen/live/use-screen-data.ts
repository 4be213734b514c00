// The payload of the screen on show, kept live: fetched on navigation, refetched within moments of a
// `published` server-sent event (GET /api/events), and when the server is unreachable the last good
// payload stays on the wall with the time the connection was lost while retries back off (1 s … 30 s).
// The event stream alone cannot tell a dead server (a cut network sends no error), so the payload is also
// re-read every 10 s: an unchanged payload keeps its object, and nothing on the wall redraws. (The server
// now also sends a named `ping` event every 15 s; a watchdog on it could replace this polling.)
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ScreenPayload } from '@ding/core';
import { backoffDelay } from '../lib/backoff.ts';
import type { ScreenLang } from '../lib/format.ts';
import { screenRouteKey, type ScreenRoute } from '../lib/route.ts';
import { screenPayloadFetch, ScreenFetchError } from './api.ts';

/** A cached payload younger than this is shown without asking the server again (a carousel round). */
const FRESH_MS = 60_000;
/** Re-read the payload at this interval: how soon a dead server shows as offline, or a missed event is caught up. */
const POLL_MS = 10_000;
/** Events coming in a burst (several periods published at once) make one refetch. */
const EVENT_DEBOUNCE_MS = 200;

interface CacheEntry {
  payload: ScreenPayload;
  at: number;
  /** Data were published since it was fetched. */
  stale: boolean;
}

export interface ScreenData {
  /** The payload of the screen on show (the last good one when offline); null before the first arrives. */
  payload: ScreenPayload | null;
  /** A refusal of the server for this screen (404 unknown town, 401 sign-in required). */
  error: ScreenFetchError | null;
  /** When the server stopped answering; null while it answers. */
  offlineSince: Date | null;
  /** The event stream is open: a publication shows within moments. */
  live: boolean;
  /** The city payload, when known (the title's home name and the carousel's towns on a town screen). */
  city: ScreenPayload | null;
  /** Fetch a screen ahead (the carousel's next page), so that it shows at once. */
  prefetch: (route: ScreenRoute) => void;
}

export function useScreenData(route: ScreenRoute, period: string | undefined, lang: ScreenLang): ScreenData {
  const keyOf = useCallback(
    (r: ScreenRoute) => `${screenRouteKey(r)}|${period ?? ''}|${lang}`,
    [period, lang],
  );
  const key = keyOf(route);
  const cache = useRef(new Map<string, CacheEntry>());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [error, setError] = useState<{ key: string; error: ScreenFetchError } | null>(null);
  const [offlineSince, setOfflineSince] = useState<Date | null>(null);
  const [live, setLive] = useState(false);
  const offline = useRef(false);
  const attempt = useRef(0);
  const retryTimer = useRef<number | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);
  const current = useRef({ route, period, lang, key });
  current.current = { route, period, lang, key };

  /** Keep a payload; one equal to the cached one keeps the cached object (nothing redraws). Whether it changed. */
  const store = useCallback((k: string, payload: ScreenPayload): boolean => {
    const before = cache.current.get(k)?.payload;
    const same = before !== undefined && JSON.stringify(before) === JSON.stringify(payload);
    cache.current.set(k, { payload: same ? before : payload, at: Date.now(), stale: false });
    return !same;
  }, []);

  /** (Re)load the screen on show; on failure keep what is shown and retry with backoff. */
  const load = useRef<() => void>(() => {});
  load.current = () => {
    const { route: r, period: p, lang: l, key: k } = current.current;
    window.clearTimeout(retryTimer.current);
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    screenPayloadFetch(r, p, l, controller.signal).then(
      (payload) => {
        if (controller.signal.aborted) return;
        const changed = store(k, payload);
        attempt.current = 0;
        offline.current = false;
        setOfflineSince(null);
        setError(null);
        if (changed) rerender();
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const failure = e instanceof ScreenFetchError ? e : new ScreenFetchError(0, 'network', String(e));
        if (!failure.offline) {
          // The server answered: the wall is online, this screen is refused (unknown town, sign-in).
          offline.current = false;
          setOfflineSince(null);
          setError({ key: k, error: failure });
          return;
        }
        if (!offline.current) {
          offline.current = true;
          setOfflineSince(new Date());
        }
        retryTimer.current = window.setTimeout(() => load.current(), backoffDelay(attempt.current++));
      },
    );
  };

  const prefetch = useCallback(
    (r: ScreenRoute) => {
      const k = keyOf(r);
      const entry = cache.current.get(k);
      if (offline.current || (entry && !entry.stale && Date.now() - entry.at < FRESH_MS)) return;
      screenPayloadFetch(r, period, lang).then(
        (payload) => {
          if (store(k, payload)) rerender();
        },
        () => undefined, // the page itself will retry when it is shown
      );
    },
    [keyOf, period, lang, store],
  );

  // A new screen: show it from the cache when fresh, else fetch it.
  useEffect(() => {
    const entry = cache.current.get(key);
    if (!entry || entry.stale || Date.now() - entry.at > FRESH_MS) load.current();
  }, [key]);

  // A town screen names its city in the title and cycles through the city's towns: fetch the city too.
  const cityKey = keyOf({ kind: 'city' });
  const townShown = route.kind === 'town' && cache.current.has(key);
  useEffect(() => {
    if (townShown) prefetch({ kind: 'city' });
  }, [townShown, prefetch]);

  // Live updates: refetch on `published`; after the stream drops and comes back, refetch what was missed.
  useEffect(() => {
    let source: EventSource | null = null;
    let reconnectTimer: number | undefined;
    let debounceTimer: number | undefined;
    let reconnects = 0;
    let dropped = false;
    const markStale = () => cache.current.forEach((entry) => (entry.stale = true));
    const connect = () => {
      source = new EventSource('/api/events');
      source.addEventListener('open', () => {
        reconnects = 0;
        setLive(true);
        if (dropped) {
          dropped = false;
          markStale();
          load.current();
        }
      });
      source.addEventListener('published', () => {
        markStale();
        window.clearTimeout(debounceTimer);
        debounceTimer = window.setTimeout(() => load.current(), EVENT_DEBOUNCE_MS);
      });
      source.addEventListener('error', () => {
        setLive(false);
        dropped = true;
        // Is the server gone, or only the stream? A fetch tells (and starts the backoff if gone).
        if (!offline.current) load.current();
        // The browser retries a dropped stream by itself; one it gave up on (an HTTP error) is ours to retry.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reconnectTimer = window.setTimeout(connect, backoffDelay(reconnects++));
        }
      });
    };
    connect();
    const poll = window.setInterval(() => {
      if (offline.current) return; // the backoff is already retrying
      load.current();
    }, POLL_MS);
    return () => {
      source?.close();
      window.clearTimeout(reconnectTimer);
      window.clearTimeout(debounceTimer);
      window.clearInterval(poll);
    };
  }, []);

  // Leaving the page: stop any fetch and retry.
  useEffect(
    () => () => {
      inflight.current?.abort();
      window.clearTimeout(retryTimer.current);
    },
    [],
  );

  const payload = cache.current.get(key)?.payload ?? null;
  return {
    payload,
    error: error?.key === key ? error.error : null,
    offlineSince,
    live,
    city: cache.current.get(cityKey)?.payload ?? null,
    prefetch,
  };
}
