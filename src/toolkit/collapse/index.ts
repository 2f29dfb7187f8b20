/**
 * The `collapse` namespace: self-consuming loop simulators for the published model-collapse setups, with
 * per-generation series that display as tables and band over seeds with `report`.
 */
export { gaussianLoop } from './gaussian-loop.js';
export type { GaussianLoopOptions, GaussianLoopResult, LoopMode, Curation } from './gaussian-loop.js';
export { linearRegressionLoop, linearRegressionTheory } from './linear-regression-loop.js';
export type { LinearRegressionLoopOptions, LinearRegressionLoopResult } from './linear-regression-loop.js';
export { gmmLoop } from './gmm-loop.js';
export type { GmmLoopOptions, GmmLoopResult, MixtureSpec } from './gmm-loop.js';
export { categoricalLoop, temperTopP } from './categorical-loop.js';
export type { CategoricalLoopOptions, CategoricalLoopResult } from './categorical-loop.js';
export { report } from './report.js';
export type { ReportOptions, ReportBand, LoopReport } from './report.js';
export type { LoopSeries } from './loop-result.js';
export { grammarCorpus } from './grammar-corpus.js';
export type { GrammarCorpusOptions } from './grammar-corpus.js';
export { retrainLoop } from './retrain-loop.js';
export type { RetrainLoopOptions, RetrainLoopResult } from './retrain-loop.js';
