// Data collection (issue 3 §3–5): rounds, templates, uploads with located checks, review, publication, locks.
export * from './checks.ts';
export * from './outcome.ts';
export * from './parse.ts';
export * from './rates.ts';
export * from './reference.ts';
export * from './review.ts';
export * from './round-management.ts';
export * from './rounds.ts';
export * from './submit.ts';
export * from './submitters.ts';
export * from './template.ts';
