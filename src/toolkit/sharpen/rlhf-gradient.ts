/**
 * Gradients of the KL-regularized objective for one categorical distribution π = softmax(θ):
 *   J(θ) = Σ_y π(y)·f(y),   f(y) = r(y) − β·(log π(y) − log π_base(y)).
 * Because Σ_y π·∂f/∂θ = −β·Σ_y ∂π/∂θ = 0, the exact gradient is ∂J/∂θ_j = π_j·(f_j − E_π[f]) (the policy-gradient
 * theorem with the per-sample KL k1 folded into the reward, as RLOO does; research/toolkit-anchors.md §1.1).
 * Kept apart from the training loop (STYLE.md §8).
 */

/**
 * Exact gradient π ⊙ (f − E_π f) with respect to the logits.
 * @example
 *   sharpen.exactGradient(Float64Array.of(0.5, 0.5), Float64Array.of(1, 0)); // [0.25, −0.25]
 */
export function exactGradient(pi: Float64Array, f: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < pi.length; i++) mean += pi[i]! * f[i]!;
  const g = new Float64Array(pi.length);
  for (let i = 0; i < pi.length; i++) g[i] = pi[i]! * (f[i]! - mean);
  return g;
}

/**
 * REINFORCE estimate from draws `ys` with the leave-one-out baseline (RLOO, Ahmadian et al. 2402.14740):
 *   ĝ = (1/B)·Σ_k (f(y_k) − mean_{j≠k} f(y_j))·(e_{y_k} − π),
 * unbiased for the exact gradient when B ≥ 2.
 * @example
 *   sharpen.reinforceGradient(pi, f, [0, 2, 0, 1]); // one 4-draw estimate of exactGradient(pi, f)
 */
export function reinforceGradient(pi: Float64Array, f: Float64Array, ys: ArrayLike<number>): Float64Array {
  const B = ys.length;
  let sum = 0;
  for (let k = 0; k < B; k++) sum += f[ys[k]!]!;
  const g = new Float64Array(pi.length);
  let advTotal = 0;
  for (let k = 0; k < B; k++) {
    const adv = B > 1 ? f[ys[k]!]! - (sum - f[ys[k]!]!) / (B - 1) : f[ys[k]!]!;
    g[ys[k]!] = g[ys[k]!]! + adv / B;
    advTotal += adv / B;
  }
  // The −π term of every ∇log π(y_k) = e_{y_k} − π, summed with its advantage.
  for (let i = 0; i < pi.length; i++) g[i] = g[i]! - advTotal * pi[i]!;
  return g;
}
