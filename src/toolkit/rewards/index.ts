/**
 * The `rewards` namespace: reward definitions and combination, verifiers, shaping, self-rewards, judges,
 * Bradley–Terry fits, and the advantages and objective statistics of GRPO, RLOO, pass@k, KL, DPO and PPO.
 * Preloaded in the kernel as `rewards`.
 */
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
