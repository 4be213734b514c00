// Public surface of @ding/core: domain types, plan schema and validation, regions, the engine.
export * from './types.ts';
export * from './period.ts';
export * from './observation.ts';
export * from './regions.ts';
export * from './plan/schema.ts';
export * from './plan/validate.ts';
export * from './plan/consistency.ts';
export * from './engine/observation-store.ts';
export * from './engine/values.ts';
export * from './engine/targets.ts';
export * from './engine/progress-rules.ts';
export * from './engine/progress.ts';
export * from './report/progress-table.ts';
export * from './report/document.ts';
export * from './collection/scope.ts';
export * from './composite/index.ts';
export * from './screen/index.ts';
