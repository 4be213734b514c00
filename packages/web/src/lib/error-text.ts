// The text to show for a failed call: the server's own message (already in the UI language), or ours.
import { ApiError } from '../api/errors.ts';

export function errorText(e: unknown, fallback: { network: string; generic: string }): string {
  if (e instanceof ApiError) {
    if (e.code === 'network') return fallback.network;
    return e.message || fallback.generic;
  }
  return e instanceof Error && e.message ? e.message : fallback.generic;
}
