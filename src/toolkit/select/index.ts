/**
 * The `select` namespace: exact selection estimators (pass@k, pass^k, maj@k, BoN@k), votes, answer entropy,
 * selection curves with bootstrap intervals, and early-stopping self-consistency. Preloaded in the kernel as `select`.
 */
export { passAtK, passHatK, passAtKCurve } from './pass-at-k.js';
export type { Counts, PassAtKCurve, PassAtKCurveOptions } from './pass-at-k.js';
export { majAtK } from './maj-at-k.js';
export { bonAtK } from './bon-at-k.js';
export type { SampleValues } from './bon-at-k.js';
export type { Answer, Answers, Correctness } from './answers.js';
export { weightedVote, majorityVote, bordaVote, answerEntropy } from './vote.js';
export type { VoteResult, AnswerEntropyOptions, BordaVoteOptions } from './vote.js';
export { kCurve, kCrossover } from './k-curve.js';
export type { KCrossover, KCurve, KCurveOptions, KCurveRow, CurveProblem, CurveEstimator } from './k-curve.js';
export { earlyStopVote, earlyStopSample } from './early-stop.js';
export type { EarlyStopOptions, EarlyStopResult } from './early-stop.js';
