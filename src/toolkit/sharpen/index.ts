/**
 * The `sharpen` namespace: self-improvement by sharpening a policy onto its own high-reward outputs (arXiv
 * 2412.01951): best-of-N at inference time, SFT on best-of-N picks, the exact KL optimum and its policy-gradient
 * route, iterative self-training with B-STaR diagnostics, and the metrics that measure sharpening.
 */
export { bestOfN, bestOfNDistribution } from './best-of-n.js';
export type { BestOfNOptions, BestOfNPick, BestOfNResult } from './best-of-n.js';
export { sft } from './sft.js';
export type { SftOptions } from './sft.js';
export { klSharpen } from './kl-sharpen.js';
export { rlhfSharpen } from './rlhf-sharpen.js';
export type { RlhfSharpenOptions, RlhfSharpenResult, RlhfSharpenStep } from './rlhf-sharpen.js';
export { exactGradient, reinforceGradient } from './rlhf-gradient.js';
export { modeMass, coverage, greedyAccuracy, bestOfNAccuracy } from './metrics.js';
export type { Correctness, PromptsOption } from './metrics.js';
export { selfTrain } from './self-train.js';
export type { SelfTrainOptions, SelfTrainResult, SelfTrainRound } from './self-train.js';
export { selfLogLikelihood } from './reward.js';
export type { SampleReward } from './reward.js';
