import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { klSharpen } from '../../../src/toolkit/sharpen/kl-sharpen.js';
import { rlhfSharpen } from '../../../src/toolkit/sharpen/rlhf-sharpen.js';
import { exactGradient, reinforceGradient } from '../../../src/toolkit/sharpen/rlhf-gradient.js';
import { rng } from '../../../src/toolkit/util/random.js';

const tv = (p: ArrayLike<number>, q: ArrayLike<number>) => Array.from(p).reduce((s, x, i) => s + Math.abs(x - q[i]!) / 2, 0);
const softmax = (t: number[]) => { const m = Math.max(...t); const e = t.map((x) => Math.exp(x - m)); const z = e.reduce((a, b) => a + b, 0); return e.map((x) => x / z); };
const base = [0.45, 0.3, 0.15, 0.1];
const logB = base.map(Math.log);

/** J(θ) = Σ π (r − β(log π − log b)) with r = log b, π = softmax(θ). */
function J(theta: number[], beta: number): number {
  const pi = softmax(theta);
  return pi.reduce((s, p, i) => s + p * (logB[i]! - beta * (Math.log(p) - logB[i]!)), 0);
}

test('exactGradient matches central finite differences of the KL-regularized objective', () => {
  const theta = [0.3, -0.2, 0.5, -1];
  const beta = 0.7;
  const pi = Float64Array.from(softmax(theta));
  const f = pi.map((p, i) => logB[i]! - beta * (Math.log(p) - logB[i]!));
  const g = exactGradient(pi, f);
  const h = 1e-6;
  theta.forEach((_, j) => {
    const up = [...theta]; up[j]! += h;
    const down = [...theta]; down[j]! -= h;
    const fd = (J(up, beta) - J(down, beta)) / (2 * h);
    assert.ok(Math.abs(g[j]! - fd) < 1e-8, `j=${j}: ${g[j]} vs ${fd}`);
  });
});

test('reinforceGradient (RLOO) is unbiased: its mean over many batches matches the exact gradient (seed 6)', () => {
  const pi = Float64Array.from([0.5, 0.2, 0.2, 0.1]);
  const f = Float64Array.from([1, -0.5, 2, 0.25]);
  const exact = exactGradient(pi, f);
  const gen = rng(6);
  const reps = 20_000;
  const mean = new Float64Array(4);
  for (let t = 0; t < reps; t++) {
    const g = reinforceGradient(pi, f, Array.from({ length: 4 }, () => gen.categorical(pi)));
    for (let i = 0; i < 4; i++) mean[i] = mean[i]! + g[i]! / reps;
  }
  // Per-coordinate |ĝ| ≤ max|f − f'| ≈ 2.5, so the standard error is below 2.5/√reps ≈ 0.018: 0.05 is about 3σ.
  exact.forEach((x, i) => assert.ok(Math.abs(mean[i]! - x) < 0.05, `i=${i}: ${mean[i]} vs ${x}`));
});

test('rlhfSharpen with the exact gradient converges to the klSharpen optimum', () => {
  const pi = categorical({ q1: { a: 0.45, b: 0.3, c: 0.15, d: 0.1 }, q2: { x: 0.7, y: 0.3, z: 0 } });
  for (const beta of [0.5, 1, 2]) {
    const { policy, history, optimum } = rlhfSharpen(pi, { beta, steps: 2000, lr: 2 });
    const target = klSharpen(pi, beta);
    for (const prompt of pi.prompts) {
      assert.ok(tv(policy.probVector(prompt), target.probVector(prompt)) < 1e-6, `β=${beta} ${prompt}`);
      assert.ok(tv(optimum.probVector(prompt), target.probVector(prompt)) < 1e-12);
    }
    assert.equal(policy.probs('q2').z, 0, 'answers outside the base support stay at 0');
    assert.ok(history.at(-1)!.tvToOptimum < 1e-6);
    assert.ok(history.at(-1)!.modeMass > history[0]!.modeMass);
    // The objective never decreases along exact gradient ascent with this step size.
    for (let i = 1; i < history.length; i++) assert.ok(history[i]!.objective >= history[i - 1]!.objective - 1e-12);
  }
});

test('rlhfSharpen with REINFORCE gets close to the optimum (seed 2, TV < 0.05) and honours a custom reward', () => {
  const pi = categorical({ q: { a: 0.45, b: 0.3, c: 0.15, d: 0.1 } });
  const { policy } = rlhfSharpen(pi, { beta: 1, steps: 400, lr: 0.5, gradient: 'reinforce', batch: 16, seed: 2 });
  assert.ok(tv(policy.probVector('q'), klSharpen(pi, 1).probVector('q')) < 0.05);
  // Reward 1 on 'c' only: optimum ∝ b·exp(r/β).
  const beta = 0.5;
  const { policy: custom } = rlhfSharpen(pi, { beta, steps: 3000, lr: 2, reward: (_p, a) => (a === 'c' ? 1 : 0) });
  const w = base.map((b, i) => b * Math.exp((i === 2 ? 1 : 0) / beta));
  const z = w.reduce((a, b) => a + b, 0);
  assert.ok(tv(custom.probVector('q'), w.map((x) => x / z)) < 1e-6);
});

test('rlhfSharpen names bad input', () => {
  const pi = categorical({ q: { a: 0.5, b: 0.5 } });
  assert.throws(() => rlhfSharpen(pi, { beta: 0 }), /rlhfSharpen: beta must be > 0 \(got beta=0\)/);
  assert.throws(() => rlhfSharpen(pi, { gradient: 'adam' as 'exact' }), /rlhfSharpen: gradient must be one of 'exact', 'reinforce'/);
  assert.throws(() => rlhfSharpen(pi, { reward: () => NaN }), /rlhfSharpen: reward must be finite on the base support \(got NaN for prompt "q", answer "a"\)/);
  assert.throws(() => rlhfSharpen(pi, { batch: 1, gradient: 'reinforce' }), /rlhfSharpen: batch must be ≥ 2/);
});
