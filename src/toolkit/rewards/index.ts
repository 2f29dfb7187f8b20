/**
 * The `rewards` namespace: reward definitions and combination, verifiers, shaping, self-rewards, judges,
 * Bradley–Terry fits, the proxy–gold gap, and the advantages and objective statistics of GRPO, RLOO, pass@k, KL, DPO
 * and PPO. Preloaded in the kernel as `rewards`.
 */
export { define, fromSamples } from './define.js';
export type { Reward, RewardFn, RewardSample, RewardValue, RewardBatch, RewardScores, DefineOptions } from './define.js';
export { combine } from './combine.js';
export type { CombineMode, CombineOptions, CombinedReward, CombinedScores } from './combine.js';
export { exactMatch, numericMatch, regexFormat, boxedAnswer } from './verifiers.js';
export type { VerifierOptions, ExactMatchOptions, RegexFormatOptions } from './verifiers.js';
export { extractBoxed, extractNumber, parseNumber, normalizeAnswer } from './extract.js';
export { softOverlong, cosineScaled, repetitionPenalty } from './shaping.js';
export type { SoftOverlongOptions, CosineScaledOptions, RepetitionPenaltyOptions } from './shaping.js';
export { logLikelihood, selfCertainty } from './self-rewards.js';
export type { TokenLogProbs, LogLikelihoodOptions, SelfCertaintyOptions } from './self-rewards.js';
export { majorityAgreement, coReward } from './consensus.js';
export type { CoRewards } from './consensus.js';
export { pairwiseJudge, rankJudge, binaryJudge, positionBias } from './judges.js';
export type { JudgeOptions, PairwiseJudge, RankJudge, BinaryJudge, PairwiseJudgeFn, RankJudgeFn, BinaryJudgeFn, PositionBias } from './judges.js';
export { bradleyTerry, preferenceAccuracy } from './bradley-terry.js';
export type { BradleyTerryFit, BradleyTerryOptions, ItemId, PreferenceAccuracy } from './bradley-terry.js';
export { proxyGoldGap } from './proxy-gold-gap.js';
export type { ProxyGoldGap } from './proxy-gold-gap.js';
export { groupSignal } from './group-signal.js';
export type { GroupSignal } from './group-signal.js';
export { groupAdvantages } from './group-advantages.js';
export type { GroupAdvantageOptions, AdvantageScale } from './group-advantages.js';
export { rlooAdvantages } from './rloo-advantages.js';
export { passKAdvantages } from './pass-k-advantages.js';
export type { PassKAdvantageOptions } from './pass-k-advantages.js';
export { klEstimators } from './kl-estimators.js';
export type { KlEstimates, KlEstimatorOptions } from './kl-estimators.js';
export { dpoStats } from './dpo-stats.js';
export type { DpoPairs, DpoStats, DpoStatsOptions } from './dpo-stats.js';
export { ppoClipStats } from './ppo-clip-stats.js';
export type { PpoClipOptions, PpoClipStats } from './ppo-clip-stats.js';
