// Retrying an unreachable server: exponential backoff with "equal jitter" (half fixed, half random), so that
// the walls of a building do not all come back at the same instant after a network cut.

export interface BackoffOptions {
  /** First wait, in ms. */
  baseMs: number;
  /** Longest wait, in ms. */
  maxMs: number;
}

export const SCREEN_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 30_000 };

/** The wait before retry number `attempt` (0 = the first retry): between half and all of min(max, base·2^attempt). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = SCREEN_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 0));
  // 2^n overflows nothing: capped before it grows (n ≥ 31 is far past any max).
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n, 30));
  const r = Math.max(0, Math.min(1, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
