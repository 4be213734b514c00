// Shared plumbing of the repositories: transactions that nest, an injectable clock, the error type.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Returns the current time as ISO-8601 UTC text (injectable so tests can pin it). */
export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();

/** Runs `fn` inside a transaction; when already inside one, joins it (so callers can group writes). */
export type Transactional = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

export function transactional(db: Kysely<Database>): Transactional {
  return (fn) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
}

/** Misuse of a repository (bad input that validation should have caught) or a storage-level refusal. */
export class RepositoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RepositoryError';
  }
}
