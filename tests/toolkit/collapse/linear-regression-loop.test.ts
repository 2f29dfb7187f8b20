import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearRegressionLoop } from '../../../src/toolkit/collapse/index.js';

test('linearRegressionLoop: replace matches σ²d/(T−d−1)·(g+1) and accumulate σ²d/(T−d−1)·Σ1/k²', () => {
  const d = 5, T = 20, sigma = 0.7;
  const base = (sigma ** 2 * d) / (T - d - 1);
  for (const mode of ['replace', 'accumulate'] as const) {
    const run = linearRegressionLoop({ d, T, sigma, generations: 6, mode, trials: 1500, seed: 3 });
    for (let g = 0; g <= 6; g++) {
      let s = 0;
      for (let k = 1; k <= g + 1; k++) s += 1 / (k * k);
      const expected = mode === 'replace' ? base * (g + 1) : base * s;
      assert.ok(Math.abs(run.metrics.theory[g]! - expected) < 1e-12);
      // Stated tolerance: 4 standard errors of the trial mean.
      assert.ok(Math.abs(run.metrics.error[g]! - expected) < 4 * run.metrics.stdError[g]!, `${mode} g=${g}: ${run.metrics.error[g]} vs ${expected}`);
    }
    if (mode === 'accumulate') assert.ok(run.metrics.theory.every((v) => v <= (base * Math.PI ** 2) / 6));
  }
});

test('linearRegressionLoop: T ≤ d + 1 is rejected with the reason', () => {
  assert.throws(() => linearRegressionLoop({ d: 10, T: 11 }), /linearRegressionLoop: T must be > d \+ 1 for a well-posed fit and the closed form \(got T=11, d=10\)/);
});
