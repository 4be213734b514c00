// The one way the web app talks to the server: fetch under /api with the session cookie, the CSRF token
// on every non-GET, Accept-Language from the UI language, and failures turned into typed ApiErrors.
import { ApiError, apiErrorFromResponse } from './errors.ts';
import { queryString, type Query } from './query.ts';

export type UiLanguage = 'zh-CN' | 'en-US';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Session-wide settings: the token from login or /auth/me, the UI language, the expiry handler. */
export const apiSettings: {
  csrfToken: string | undefined;
  language: UiLanguage;
  onUnauthenticated: (() => void) | undefined;
} = { csrfToken: undefined, language: 'zh-CN', onUnauthenticated: undefined };

/** Absolute path of an API resource, for fetch and for download links (<a href>). */
export function apiPath(path: string, query: Query = {}): string {
  return `/api${path}${queryString(query)}`;
}

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** Sees the response headers of a successful call (e.g. X-Plan-Version). */
  onHeaders?: (headers: Headers) => void;
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': apiSettings.language === 'en-US' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9',
  };
  if (method !== 'GET' && apiSettings.csrfToken) headers['X-CSRF-Token'] = apiSettings.csrfToken;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form; // the browser sets the multipart boundary
  }
  let response: Response;
  try {
    response = await fetch(apiPath(path, options.query), {
      method,
      headers,
      body,
      // The session cookie goes to our own origin only.
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = apiErrorFromResponse(response.status, parsed, response.headers.get('Retry-After'));
    // An expired session on any page sends the user back to the login (not for the login call itself).
    if (error.status === 401 && path !== '/auth/login' && path !== '/auth/me')
      apiSettings.onUnauthenticated?.();
    throw error;
  }
  options.onHeaders?.(response.headers);
  return parsed as T;
}
