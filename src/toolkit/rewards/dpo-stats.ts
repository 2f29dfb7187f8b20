/**
 * DPO diagnostics (Rafailov et al., arXiv 2305.18290) as TRL logs them: the implicit reward of a completion is
 * β·(log π(y|x) − log π_ref(y|x)); per pair, margin = reward(chosen) − reward(rejected), accuracy = share of pairs with
 * a positive margin, and three losses on h = Δlog(chosen) − Δlog(rejected): sigmoid −log σ(βh), IPO (h − 1/(2β))²
 * (Azar et al., arXiv 2310.12036) and hinge max(0, 1 − βh) (SLiC).
 */
import { check, type NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';

/** Sequence log-probs of each preference pair under the policy and the reference. */
export interface DpoPairs {
  chosen: NumericArray;
  rejected: NumericArray;
  refChosen: NumericArray;
  refRejected: NumericArray;
}

/** Options for {@link dpoStats}. */
export interface DpoStatsOptions {
  /** Inverse temperature of the implicit reward. Default: 0.1 (TRL). */
  beta?: number;
}

/** Per-pair implicit rewards and batch summaries. */
export interface DpoStats {
  rewardsChosen: Float64Array;
  rewardsRejected: Float64Array;
  margins: Float64Array;
  summary: { rewardChosen: number; rewardRejected: number; margin: number; accuracy: number; sigmoidLoss: number; ipoLoss: number; hingeLoss: number };
}

/**
 * Implicit rewards, margins, accuracy and the sigmoid / IPO / hinge losses for a batch of preference pairs.
 *
 * @example
 * const s = rewards.dpoStats({ chosen, rejected, refChosen, refRejected }, { beta: 0.1 })
 * s.summary.accuracy
 */
export function dpoStats(pairs: DpoPairs, options: DpoStatsOptions = {}): DpoStats {
  const fn = 'dpoStats';
  const beta = check.finite(options.beta ?? 0.1, 'beta', fn, { min: Number.MIN_VALUE });
  const c = check.numbers(pairs.chosen, 'chosen', fn);
  const r = check.numbers(pairs.rejected, 'rejected', fn);
  const rc = check.numbers(pairs.refChosen, 'refChosen', fn);
  const rr = check.numbers(pairs.refRejected, 'refRejected', fn);
  check.sameLength(c, 'chosen', r, 'rejected', fn);
  check.sameLength(c, 'chosen', rc, 'refChosen', fn);
  check.sameLength(c, 'chosen', rr, 'refRejected', fn);
  const n = c.length;
  const rewardsChosen = new Float64Array(n), rewardsRejected = new Float64Array(n), margins = new Float64Array(n);
  let sc = 0, sr = 0, sm = 0, acc = 0, sig = 0, ipo = 0, hinge = 0;
  for (let i = 0; i < n; i++) {
    const a = beta * (c[i]! - rc[i]!), b = beta * (r[i]! - rr[i]!);
    const h = (c[i]! - rc[i]!) - (r[i]! - rr[i]!);
    rewardsChosen[i] = a; rewardsRejected[i] = b; margins[i] = a - b;
    sc += a; sr += b; sm += a - b;
    acc += a > b ? 1 : 0;
    sig += softplus(-beta * h);
    ipo += (h - 1 / (2 * beta)) ** 2;
    hinge += Math.max(0, 1 - beta * h);
  }
  const summary = { rewardChosen: sc / n, rewardRejected: sr / n, margin: sm / n, accuracy: acc / n, sigmoidLoss: sig / n, ipoLoss: ipo / n, hingeLoss: hinge / n };
  return withTable({ rewardsChosen, rewardsRejected, margins, summary }, () => [summary], { caption: `DPO statistics over ${n} pairs (β=${beta})` });
}

/** log(1 + e^x) without overflow; −log σ(z) = softplus(−z). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
