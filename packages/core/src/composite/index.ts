// Public surface of the composite-index engine (科技创新指数): spec, pipeline, explanations, uncertainty.
export * from './spec.ts';
export {
  frameworkCompile,
  frameworkAggregateCodes,
  type CompiledFramework,
  type IndexError,
} from './framework.ts';
export * from './dataset.ts';
export {
  indexCompute,
  indexComputeFrom,
  type IndexResult,
  type IndexStageLog,
  type IndexStageName,
  type IndexWeights,
} from './pipeline.ts';
export { indexComputePanel, type IndexPeriodResult } from './panel.ts';
export * from './contributions.ts';
export * from './growth.ts';
export * from './uncertainty.ts';
export * from './coinr.ts';
export * from './plan-index.ts';
export { aggregateColumn, type AggregationFailure } from './aggregate.ts';
export { normaliseColumn, normaliseEfficacyValue, type NormaliseContext } from './normalise.ts';
export {
  treatmentApply,
  treatmentLogCT,
  treatmentPasses,
  treatmentWinsorise,
  type TreatmentLog,
} from './treat.ts';
export { imputeColumnByGroup, imputeColumnLocf, imputeColumnMean, imputeColumnMedian } from './impute.ts';
export {
  AHP_RANDOM_INDEX,
  weightsAhp,
  weightsEntropy,
  weightsEqual,
  weightsNormalise,
  weightsPca,
  type AhpResult,
} from './weights.ts';
export { prngMulberry32, prngUniform, type Prng } from './prng.ts';
export { statsKurtosis, statsSkewness, statsQuantileSorted, statsRank, type SdType } from './stats.ts';
