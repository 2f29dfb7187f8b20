/**
 * The `metrics` namespace: diversity (distinct-n, self-BLEU, compression ratio, Vendi, MAUVE, PRDC, Zipf fit),
 * distances (Gaussian W2), and RL stability monitors (token entropy and its bounds, the entropy law, the
 * log-prob/advantage covariance with Clip-Cov / KL-Cov, the entropy alarm, group signal, completion stats and
 * reward-hacking detectors).
 */
export { distinctN } from './distinct-n.js';
export type { DistinctNOptions } from './distinct-n.js';
export { selfBLEU } from './self-bleu.js';
export type { SelfBleuOptions, SelfBleu } from './self-bleu.js';
export { compressionRatio } from './compression-ratio.js';
export type { CompressionRatioOptions } from './compression-ratio.js';
export { whitespaceTokenizer } from './tokens.js';
export type { Tokenizer } from './tokens.js';
export { vendi } from './vendi.js';
export type { VendiOptions, KernelInput } from './vendi.js';
export { ngramKernel } from './ngram-kernel.js';
export type { NgramKernelOptions } from './ngram-kernel.js';
export { mauve } from './mauve.js';
export type { MauveOptions, Mauve } from './mauve.js';
export { prdc } from './prdc.js';
export type { PrdcOptions, Prdc } from './prdc.js';
export { zipfFit } from './zipf-fit.js';
export type { ZipfFitOptions, ZipfFit } from './zipf-fit.js';
export { gaussianW2 } from './gaussian-w2.js';
export type { GaussianW2, GaussianParams } from './gaussian-w2.js';
export { symmetricEigen } from './eigen.js';
export type { SymmetricEigen, SymmetricEigenOptions } from './eigen.js';
export { tokenEntropy, entropyBounds } from './token-entropy.js';
export type { TokenEntropy, TokenEntropyOptions, EntropyBounds } from './token-entropy.js';
export { fitEntropyLaw } from './entropy-law.js';
export type { EntropyLawFit } from './entropy-law.js';
export { logpAdvantageCovariance, clipCovSelect, klCovSelect } from './logp-advantage-covariance.js';
export type { LogpAdvantageCovariance, ClipCovOptions } from './logp-advantage-covariance.js';
export { entropyAlarm } from './entropy-alarm.js';
export type { EntropyAlarm, EntropyAlarmOptions } from './entropy-alarm.js';
export { groupSignal } from './group-signal.js';
export type { GroupSignal } from './group-signal.js';
export { completionStats } from './completion-stats.js';
export type { CompletionStats, CompletionStatsOptions } from './completion-stats.js';
export { rewardHacking } from './reward-hacking.js';
export type { RewardLog, RewardHackingOptions, RewardHackingReport, DetectorResult } from './reward-hacking.js';
