// API errors: the server's `{error: {code, message, details?}}` body as a typed error the pages can match on.

/** Codes the contract (docs/API.md) names; the server may add others, which stay plain strings. */
export type ApiErrorCode =
  | 'unauthenticated'
  | 'bad_credentials'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'locked'
  | 'too_many_attempts'
  | 'network'
  | 'http';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
    /** Seconds to wait before trying again (429 too_many_attempts). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const positiveNumber = (x: unknown): number | undefined => {
  const n = typeof x === 'string' ? Number(x) : x;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * The error a failed response stands for. The wait of a 429 is read from the error's details, the
 * error object, the body, or the Retry-After header, in that order (the contract names the field
 * `retryAfterSeconds` without saying where it sits).
 */
export function apiErrorFromResponse(
  status: number,
  body: unknown,
  retryAfterHeader: string | null,
): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : 'http';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details = error?.details;
  const retryAfter =
    positiveNumber(isRecord(details) ? details.retryAfterSeconds : undefined) ??
    positiveNumber(error?.retryAfterSeconds) ??
    positiveNumber(isRecord(body) ? body.retryAfterSeconds : undefined) ??
    positiveNumber(retryAfterHeader);
  return new ApiError(status, code, message, details, retryAfter);
}

export function apiErrorIs(e: unknown, code: ApiErrorCode): e is ApiError {
  return e instanceof ApiError && e.code === code;
}
