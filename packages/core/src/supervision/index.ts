// 督查督办 (issue 11): items, their rules and lights, daily digests, the unit ranking.
export * from './model.ts';
export * from './rules.ts';
export * from './digest.ts';
export * from './ranking.ts';
export * from './view.ts';
