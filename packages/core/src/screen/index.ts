// The big screens (数字大屏): payload types, the pure builders, the trace of one number and of an index score,
// the 重点任务推进 panel.
export * from './types.ts';
export * from './screen.ts';
export * from './trace.ts';
export * from './index-explain.ts';
export * from './supervision.ts';
