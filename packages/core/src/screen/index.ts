// The big screens (数字大屏): payload types, the pure builders, and the trace of one number.
export * from './types.ts';
export * from './screen.ts';
export * from './trace.ts';
export * from './index-explain.ts';
