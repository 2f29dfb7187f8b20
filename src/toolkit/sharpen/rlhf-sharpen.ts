/**
 * RLHF-sharpening for categorical policies: policy-gradient ascent on E_π[r] − β·KL(π ‖ π_base) over softmax logits,
 * with r = log π_base by default (arXiv 2412.01951 "RLHF-Sharpening"). Its fixed point is the closed form
 * π ∝ π_base·exp(r/β) (= `klSharpen(π_base, β)` for the default reward), which the history tracks as the total
 * variation distance to that optimum, so a notebook can show the RL loop converging to the exact answer.
 */
import { check, fail } from '../util/check.js';
import { rng } from '../util/random.js';
import { withTable, type Displayable } from '../util/display.js';
import { CategoricalPolicy } from '../models/categorical.js';
import { exactGradient, reinforceGradient } from './rlhf-gradient.js';

/** Options for `rlhfSharpen`. */
export interface RlhfSharpenOptions {
  /** KL coefficient β > 0. Default: 1. */
  beta?: number;
  /** Reward of an answer; must be finite where π_base > 0. Default: log π_base(answer) (self-reward). */
  reward?: (prompt: string, answer: string, baseProb: number) => number;
  /** Gradient steps. Default: 300. */
  steps?: number;
  /** Step size on the logits. Default: 1. */
  lr?: number;
  /** 'exact' (full expectation) or 'reinforce' (RLOO estimate from `batch` draws per prompt). Default: 'exact'. */
  gradient?: 'exact' | 'reinforce';
  /** Draws per prompt and step for 'reinforce'. Default: 16. */
  batch?: number;
  /** Seed for 'reinforce'. Default: 0. */
  seed?: number;
  /** Log every this many steps (and the last). Default: max(1, steps / 10). */
  logEvery?: number;
}

/** One logged step, each value averaged over prompts. */
export interface RlhfSharpenStep {
  step: number;
  /** E_π[r] − β·KL(π ‖ π_base). */
  objective: number;
  /** KL(π ‖ π_base). */
  kl: number;
  /** π(mode of π_base). */
  modeMass: number;
  /** Total variation distance to the closed-form optimum ∝ π_base·exp(r/β). */
  tvToOptimum: number;
}

/** Result of `rlhfSharpen`; displays its history. */
export interface RlhfSharpenResult {
  policy: CategoricalPolicy;
  /** The closed-form optimum the loop converges to. */
  optimum: CategoricalPolicy;
  history: RlhfSharpenStep[];
}

const DEFAULTS = { beta: 1, steps: 300, lr: 1, gradient: 'exact' as const, batch: 16, seed: 0 };

interface PromptState { support: number[]; logBase: Float64Array; r: Float64Array; theta: Float64Array; optimum: Float64Array; modeIdx: number }

/**
 * Sharpens a categorical policy by policy gradient with a KL penalty to itself.
 * @example
 *   const { policy, history } = sharpen.rlhfSharpen(pi, { beta: 0.5, steps: 500 });
 *   history.at(-1)!.tvToOptimum; // → 0: the same distribution as sharpen.klSharpen(pi, 0.5)
 */
export function rlhfSharpen(base: CategoricalPolicy, options: RlhfSharpenOptions = {}): RlhfSharpenResult & Displayable {
  const fn = 'rlhfSharpen';
  if (!(base instanceof CategoricalPolicy)) fail(fn, 'base must be a categorical policy (models.categorical)');
  const beta = check.finite(options.beta ?? DEFAULTS.beta, 'beta', fn, { min: 0 });
  if (beta === 0) fail(fn, 'beta must be > 0 (got beta=0); the KL term keeps the solution inside the base support');
  const steps = check.int(options.steps ?? DEFAULTS.steps, 'steps', fn, { min: 0 });
  const lr = check.finite(options.lr ?? DEFAULTS.lr, 'lr', fn, { min: 0 });
  const gradient = check.oneOf(options.gradient ?? DEFAULTS.gradient, ['exact', 'reinforce'] as const, 'gradient', fn);
  const batch = check.int(options.batch ?? DEFAULTS.batch, 'batch', fn, { min: 2 });
  const logEvery = check.int(options.logEvery ?? Math.max(1, Math.floor(steps / 10)), 'logEvery', fn, { min: 1 });
  const reward = options.reward ?? ((_p: string, _a: string, prob: number) => Math.log(prob));
  const gen = rng(options.seed ?? DEFAULTS.seed);

  const states = new Map<string, PromptState>();
  for (const prompt of base.prompts) {
    const probs = base.probVector(prompt);
    const answers = base.answers(prompt);
    // Answers outside the base support stay at 0: any mass there has infinite KL.
    const support = answers.map((_, i) => i).filter((i) => probs[i]! > 0);
    const logBase = Float64Array.from(support, (i) => Math.log(probs[i]!));
    const r = Float64Array.from(support, (i) => {
      const v = reward(prompt, answers[i]!, probs[i]!);
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, `reward must be finite on the base support (got ${v} for prompt ${JSON.stringify(prompt)}, answer ${JSON.stringify(answers[i])})`);
      return v;
    });
    const optimum = softmax(logBase.map((lb, j) => lb + r[j]! / beta));
    let modeIdx = 0;
    for (let j = 1; j < support.length; j++) if (logBase[j]! > logBase[modeIdx]!) modeIdx = j;
    states.set(prompt, { support, logBase, r, theta: logBase.slice(), optimum, modeIdx });
  }

  const history: RlhfSharpenStep[] = [];
  const log = (step: number) => {
    let objective = 0, kl = 0, modeMass = 0, tv = 0;
    for (const s of states.values()) {
      const pi = softmax(s.theta);
      for (let j = 0; j < pi.length; j++) {
        const lp = Math.log(pi[j]!);
        if (pi[j]! > 0) { kl += pi[j]! * (lp - s.logBase[j]!); objective += pi[j]! * s.r[j]!; }
        tv += Math.abs(pi[j]! - s.optimum[j]!) / 2;
      }
      modeMass += pi[s.modeIdx]!;
    }
    const m = states.size;
    history.push({ step, objective: (objective - beta * kl) / m, kl: kl / m, modeMass: modeMass / m, tvToOptimum: tv / m });
  };

  log(0);
  for (let step = 1; step <= steps; step++) {
    for (const s of states.values()) {
      const pi = softmax(s.theta);
      const f = Float64Array.from(pi, (p, j) => s.r[j]! - beta * (Math.log(p) - s.logBase[j]!));
      const g = gradient === 'exact' ? exactGradient(pi, f) : reinforceGradient(pi, f, Array.from({ length: batch }, () => gen.categorical(pi)));
      for (let j = 0; j < g.length; j++) s.theta[j] = s.theta[j]! + lr * g[j]!;
    }
    if (step % logEvery === 0 || step === steps) log(step);
  }

  const expand = (prompt: string, values: (s: PromptState) => Float64Array, n: number) => {
    const s = states.get(prompt)!;
    const out = new Float64Array(n);
    const v = values(s);
    s.support.forEach((i, j) => (out[i] = v[j]!));
    return out;
  };
  const policy = base.map((prompt, p) => expand(prompt, (s) => softmax(s.theta), p.length), { name: `${base.name} rlhfSharpen(β=${beta})` });
  const optimum = base.map((prompt, p) => expand(prompt, (s) => s.optimum, p.length), { name: `${base.name} optimum(β=${beta})` });
  return withTable({ policy, optimum, history }, () => history.map((h) => ({ ...h })), { caption: `RLHF-sharpening (${gradient} gradient, β=${beta}, lr=${lr})` });
}

function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  const out = Float64Array.from(logits, (x) => Math.exp(x - max));
  let total = 0;
  for (const x of out) total += x;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}
