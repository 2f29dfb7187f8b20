/**
 * The `models` namespace: policies that sample completions with log-probabilities. `categorical` is an exact toy,
 * `ngram` a small LM that trains, `openai` any OpenAI-compatible server, and `serve` exposes any policy through that
 * same API. `sampleCategorical` draws from many categorical rows at once.
 */
export type { Policy, Sample, SampleOptions, ScoredText, TokenAlternative, FinishReason } from './policy.js';
export { categorical, CategoricalPolicy } from './categorical.js';
export type { CategoricalTable, CategoricalOptions } from './categorical.js';
export { ngram, NgramModel } from './ngram.js';
export type { NgramOptions, NgramFitOptions } from './ngram.js';
export type { NgramLevel } from './tokenize.js';
export { openai, OpenAIPolicy } from './openai.js';
export type { OpenAIOptions, OpenAIStats } from './openai.js';
export { serve } from './serve.js';
export type { ServeOptions, PolicyServer } from './serve.js';
export { sampleCategorical } from './sample-categorical.js';
export type { SampleCategoricalOptions } from './sample-categorical.js';
export { tinyTransformer, TinyTransformer } from './tiny-transformer.js';
export type { TinyTransformerOptions, FitOptions, FitResult } from './tiny-transformer.js';
