// The screen's calls to the server: its payload, the trace of a number, the operator's towns map. Plain
// fetch (the wall loads nothing of the admin app's client); a failure says whether the server was
// unreachable (offline: keep the last good data and retry) or answered with a refusal (show it).
import type { ScreenPayload, TraceKey, TraceResult } from '@ding/core';
import type { ScreenLang } from '../lib/format.ts';
import { screenRouteApi, type ScreenRoute } from '../lib/route.ts';

export class ScreenFetchError extends Error {
  constructor(
    /** 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScreenFetchError';
  }

  /** Unreachable, or a server or gateway failure (5xx) that a retry may cure: the wall keeps its last data. */
  get offline(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** A server that does not answer within this time is taken as unreachable (a cut network hangs, it does not refuse). */
export const FETCH_TIMEOUT_MS = 10_000;

async function getJson<T>(url: string, lang: ScreenLang, signal?: AbortSignal): Promise<T> {
  // Our own controller: aborted by the caller's signal, or by the timeout (then it is a network failure).
  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, FETCH_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        Accept: 'application/json',
        'Accept-Language': lang === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9',
      },
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    });
  } catch (e) {
    if (timedOut) throw new ScreenFetchError(0, 'timeout', `no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ScreenFetchError(0, 'network', e instanceof Error ? e.message : String(e));
  } finally {
    window.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ScreenFetchError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'http',
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
    );
  }
  if (body === undefined) throw new ScreenFetchError(response.status, 'bad_body', 'the server sent no JSON');
  return body as T;
}

export function screenPayloadFetch(
  route: ScreenRoute,
  period: string | undefined,
  lang: ScreenLang,
  signal?: AbortSignal,
): Promise<ScreenPayload> {
  const q = period ? `?period=${encodeURIComponent(period)}` : '';
  return getJson<ScreenPayload>(`${screenRouteApi(route)}${q}`, lang, signal);
}

// GET /api/trace (core's TraceResult).
export function traceFetch(key: TraceKey, lang: ScreenLang, signal?: AbortSignal): Promise<TraceResult> {
  const q = new URLSearchParams({ indicator: key.indicator, region: key.region, period: key.period });
  return getJson<TraceResult>(`/api/trace?${q.toString()}`, lang, signal);
}

/** The operator's towns GeoJSON, or null when there is none (404: the schematic tile map is drawn). */
export async function geojsonFetch(lang: ScreenLang, signal?: AbortSignal): Promise<unknown> {
  try {
    return await getJson<unknown>('/api/map/geojson', lang, signal);
  } catch (e) {
    if (e instanceof ScreenFetchError && e.status === 404) return null;
    throw e;
  }
}
