// 督查督办 (issue 11): items, their rules and lights, daily digests, the unit ranking, the printed tables and
// the monthly 督查通报.
export * from './model.ts';
export * from './rules.ts';
export * from './digest.ts';
export * from './ranking.ts';
export * from './view.ts';
export * from './present.ts';
export * from './bulletin.ts';
