/**
 * Voting over one problem's sampled answers: plain majority (self-consistency, arXiv 2203.11171), weighted votes
 * (by reward, log-probability or self-certainty; RLCCF and Soft-SC in seeds.md b1/a4), and the entropy of the answer
 * distribution (a label-free confidence signal).
 */
import { check, fail, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';
import { answerClasses, type Answer, type Answers } from './answers.js';

/** Result of a vote. */
export interface VoteResult {
  /** The winning answer (null when nobody voted). Ties go to the answer seen first, as lm-eval's majority_vote does. */
  answer: Answer;
  /** Winner's share of the total vote weight, in [0, 1]. */
  share: number;
  /** Every answer with its weight and share, in order of first appearance. */
  tally: { answer: Answer; votes: number; weight: number; share: number }[];
}

/**
 * Weighted plurality vote: each sample adds its weight to its answer; null answers abstain. Weights must be ≥ 0
 * (shift log-probabilities, e.g. use `Math.exp(logProb)`).
 *
 * @example
 * select.weightedVote(['a', 'b', 'b'], [0.9, 0.2, 0.3]).answer   // 'a'
 * select.weightedVote(answers, rewards).tally                    // per-answer weight
 */
export function weightedVote(answers: Answers, weights: NumericArray): VoteResult {
  const fn = 'weightedVote';
  const w = check.numbers(weights, 'weights', fn);
  const cls = answerClasses(answers, undefined, fn);
  check.sameLength(answers, 'answers', w, 'weights', fn);
  for (let i = 0; i < w.length; i++) if (w[i]! < 0) fail(fn, `weights[${i}] must be ≥ 0 (got ${w[i]})`);
  return tallyVotes(cls.labels, cls.classOf, w);
}

/**
 * Plain majority vote (self-consistency): the most common non-null answer and its share of the votes.
 *
 * @example
 * select.majorityVote(['4', '5', '4', null])   // { answer: '4', share: 0.6667, ... }
 */
export function majorityVote(answers: Answers): VoteResult {
  const cls = answerClasses(answers, undefined, 'majorityVote');
  return tallyVotes(cls.labels, cls.classOf, undefined);
}

function tallyVotes(labels: Answer[], classOf: Int32Array, w: Float64Array | undefined): VoteResult {
  const weight = new Float64Array(labels.length);
  const votes = new Int32Array(labels.length);
  let total = 0;
  for (let i = 0; i < classOf.length; i++) {
    const c = classOf[i]!;
    if (c < 0) continue;
    const wi = w ? w[i]! : 1;
    weight[c] += wi;
    votes[c]++;
    total += wi;
  }
  let best = -1;
  for (let c = 0; c < labels.length; c++) if (best < 0 || weight[c]! > weight[best]!) best = c;
  const share = (c: number) => (total > 0 ? weight[c]! / total : 0);
  const tally = labels.map((answer, c) => ({ answer, votes: votes[c]!, weight: weight[c]!, share: share(c) }));
  const result = { answer: best < 0 ? null : labels[best], share: best < 0 ? 0 : share(best), tally };
  return withTable(result, () => tally.map((t) => ({ ...t, answer: String(t.answer) })), { caption: `winner: ${String(result.answer)}` });
}

/** Options for {@link bordaVote}. */
export interface BordaVoteOptions {
  /** Exponent p of the rank weight (N − r + 1)^p; 0 is a plain majority vote. Default: 0.5 (arXiv 2502.18581). */
  power?: number;
}

/**
 * Borda vote (Kang et al., arXiv 2502.18581, used with self-certainty): rank samples by score (rank 1 = highest;
 * ties share the better rank), give each the weight (N − r + 1)^p, and take the weighted plurality answer.
 *
 * @example
 * select.bordaVote(['a', 'b', 'b'], rewards.selfCertainty(dists))          // p = 0.5
 * select.bordaVote(answers, logLik, { power: 1 }).answer
 */
export function bordaVote(answers: Answers, scores: NumericArray, options: BordaVoteOptions = {}): VoteResult {
  const fn = 'bordaVote';
  const s = check.numbers(scores, 'scores', fn);
  check.sameLength(answers, 'answers', s, 'scores', fn);
  const power = check.finite(options.power ?? 0.5, 'power', fn, { min: 0 });
  const cls = answerClasses(answers, undefined, fn);
  const N = s.length;
  const order = Array.from(s, (_, i) => i).sort((a, b) => s[b]! - s[a]!);
  const weights = new Float64Array(N);
  for (let pos = 0, rank = 1; pos < N; pos++) {
    if (pos > 0 && s[order[pos]!]! !== s[order[pos - 1]!]!) rank = pos + 1;
    weights[order[pos]!] = (N - rank + 1) ** power;
  }
  return tallyVotes(cls.labels, cls.classOf, weights);
}

/** Options for {@link answerEntropy}. */
export interface AnswerEntropyOptions {
  /** Logarithm base: Math.E gives nats, 2 gives bits. Default: Math.E. */
  base?: number;
}

/**
 * Shannon entropy of the empirical distribution of extracted answers, H = −Σ q log q over answer shares (null answers
 * ignored; 0 when every sample agrees or none answered). Low entropy = confident; compare with exp(H) answers.
 *
 * @example
 * select.answerEntropy(['a', 'a', 'b', 'b'])             // log 2 = 0.693
 * select.answerEntropy(['a', 'b'], { base: 2 })          // 1 bit
 */
export function answerEntropy(answers: Answers, options: AnswerEntropyOptions = {}): number {
  const fn = 'answerEntropy';
  const base = check.finite(options.base ?? Math.E, 'base', fn, { min: Number.MIN_VALUE });
  if (base === 1) fail(fn, 'base must not be 1 (got base=1)');
  const cls = answerClasses(answers, undefined, fn);
  const voted = answers.length - cls.abstain;
  if (voted === 0) return 0;
  let h = 0;
  for (let c = 0; c < cls.counts.length; c++) {
    const q = cls.counts[c]! / voted;
    h -= q * Math.log(q);
  }
  return h / Math.log(base);
}
