/**
 * KL-regularized sharpening in closed form. For the self-reward r(y) = log π_base(y), the maximizer of
 *   E_π[r] − β·KL(π ‖ π_base)
 * is π_β(y) ∝ π_base(y)·exp(r(y)/β) = π_base(y)^(1 + 1/β) (Huang et al., "Self-Improvement in Language Models: The
 * Sharpening Mechanism", arXiv 2412.01951). β → ∞ returns π_base; β → 0 puts all mass on the mode.
 */
import { check, fail } from '../util/check.js';
import { CategoricalPolicy } from '../models/categorical.js';

/**
 * The exact KL-sharpened distribution ∝ p^(1+1/β), for a probability vector or for every prompt of a categorical
 * policy. Computed in log space relative to the maximum, so small β does not underflow; zeros stay zero.
 * `beta` must be > 0 (Infinity allowed: returns the normalized input).
 * @example
 *   sharpen.klSharpen([0.5, 0.3, 0.2], 1);   // ∝ [0.25, 0.09, 0.04] → [0.658, 0.237, 0.105]
 *   sharpen.klSharpen(policy, 0.5);          // a new CategoricalPolicy, each prompt ∝ p^3
 */
export function klSharpen(probs: ArrayLike<number>, beta: number): Float64Array;
export function klSharpen(policy: CategoricalPolicy, beta: number): CategoricalPolicy;
export function klSharpen(input: ArrayLike<number> | CategoricalPolicy, beta: number): Float64Array | CategoricalPolicy {
  const fn = 'klSharpen';
  if (typeof beta !== 'number' || Number.isNaN(beta) || !(beta > 0)) fail(fn, `beta must be > 0 (got ${beta}); use a large beta for little sharpening and a small one for much`);
  if (input instanceof CategoricalPolicy) {
    return input.map((_prompt, p) => sharpenVector(p, beta), { name: `${input.name} klSharpen(β=${beta})` });
  }
  const p = check.numbers(input, 'probs', fn);
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i]! < 0) fail(fn, `probs[${i}] must be ≥ 0 (got ${p[i]})`);
    total += p[i]!;
  }
  if (!(total > 0)) fail(fn, 'probs must have a positive sum');
  return sharpenVector(p, beta);
}

function sharpenVector(p: ArrayLike<number>, beta: number): Float64Array {
  const exponent = 1 + 1 / beta;
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  const out = new Float64Array(p.length);
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const w = p[i]! > 0 ? Math.exp(exponent * Math.log(p[i]! / max)) : 0;
    out[i] = w;
    total += w;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}
