import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianLoop } from '../../../src/toolkit/collapse/index.js';
import { gaussianW2 } from '../../../src/toolkit/metrics/gaussian-w2.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';

// With the MLE, σ̂²_g = σ² ∏_{i=0}^{g} χ²_{n−1,i}/n, independent factors, so E σ̂²_g = ((n−1)/n)^{g+1} and
// E σ̂⁴_g = (((n−1)² + 2(n−1))/n²)^{g+1}: the test checks the seed average within 4 exact standard errors.
test('gaussianLoop replace: mean variance over seeds decays as ((n−1)/n)^(g+1)', () => {
  const n = 10, generations = 12, seeds = 600;
  const sum = new Float64Array(generations + 1);
  for (let seed = 0; seed < seeds; seed++) {
    const run = gaussianLoop({ n, generations, seed });
    run.metrics.variance.forEach((v, g) => { sum[g] += v; });
  }
  const k = n - 1;
  for (const g of [0, 3, 6, 12]) {
    const expected = (k / n) ** (g + 1);
    const second = ((k * k + 2 * k) / (n * n)) ** (g + 1);
    const se = Math.sqrt((second - expected ** 2) / seeds);
    const mean = sum[g]! / seeds;
    assert.ok(Math.abs(mean - expected) < 4 * se, `g=${g}: mean ${mean} vs ${expected} ± ${4 * se}`);
  }
});

test('gaussianLoop: unbiased estimator keeps E σ̂² = 1 (the martingale case of Shumailov et al.)', () => {
  const n = 10, generations = 6, seeds = 600;
  let sum = 0, sumSq = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const v = gaussianLoop({ n, generations, seed, estimator: 'unbiased' }).metrics.variance[generations]!;
    sum += v; sumSq += v * v;
  }
  const mean = sum / seeds;
  const se = Math.sqrt((sumSq / seeds - mean * mean) / seeds);
  assert.ok(Math.abs(mean - 1) < 4 * se, `${mean} ± ${4 * se}`);
});

test('gaussianLoop: replace collapses while accumulate stays bounded (20 seeds, n=10, 300 generations)', () => {
  let replace = 0, accumulate = 0, minAccumulate = Infinity;
  for (let seed = 0; seed < 20; seed++) {
    replace += gaussianLoop({ n: 10, generations: 300, seed }).metrics.variance[300]! / 20;
    const acc = gaussianLoop({ n: 10, generations: 300, seed, mode: 'accumulate' }).metrics.variance;
    accumulate += acc[300]! / 20;
    minAccumulate = Math.min(minAccumulate, ...acc);
  }
  // Replace: E σ̂² = 0.9^301 ≈ 1.7e-14, and the typical run is far smaller still.
  assert.ok(replace < 1e-6, `replace ${replace}`);
  assert.ok(accumulate > 0.5 && accumulate < 1.5, `accumulate ${accumulate}`);
  assert.ok(minAccumulate > 0.1, `accumulate min ${minAccumulate}`);
});

test('gaussianLoop: recorded W2 equals the closed form of the recorded fit (2-D, general truth)', () => {
  const trueCov = [[2, 0.5], [0.5, 1]];
  const run = gaussianLoop({ dim: 2, n: 30, generations: 5, trueMean: [1, -1], trueCov, seed: 4 });
  for (let g = 0; g <= 5; g++) {
    const direct = gaussianW2({ mean: run.means[g]!, cov: run.covariances[g]! }, { mean: [1, -1], cov: trueCov });
    assert.ok(Math.abs(direct.w2Squared - run.metrics.w2Squared[g]!) < 1e-10);
    assert.ok(Math.abs(run.metrics.w2Mean[g]! + run.metrics.w2Cov[g]! - run.metrics.w2Squared[g]!) < 1e-12);
  }
});

test('gaussianLoop: fresh with realFraction 1 and full correction both refit to real data each generation', () => {
  const n = 10, seeds = 400;
  for (const options of [{ mode: 'fresh' as const, realFraction: 1 }, { correction: 1e12 }]) {
    let sum = 0;
    for (let seed = 0; seed < seeds; seed++) sum += gaussianLoop({ n, generations: 8, seed, ...options }).metrics.variance[8]!;
    const mean = sum / seeds;
    // Each generation is an MLE fit to n true draws: E = (n−1)/n, sd = √(2(n−1))/n per run.
    const se = Math.sqrt(2 * (n - 1)) / n / Math.sqrt(seeds);
    assert.ok(Math.abs(mean - 0.9) < 4 * se, `${JSON.stringify(options)}: ${mean}`);
  }
});

test('gaussianLoop: sampling bias λ scales the next variance by λ in expectation', () => {
  const n = 20, seeds = 400, lambda = 0.5;
  let sum = 0;
  for (let seed = 0; seed < seeds; seed++) sum += gaussianLoop({ n, generations: 1, seed, samplingBias: lambda }).metrics.variance[1]!;
  const expected = lambda * ((n - 1) / n) ** 2;
  const k = n - 1;
  const se = Math.sqrt((lambda ** 2 * ((k * k + 2 * k) / (n * n)) ** 2 - expected ** 2) / seeds);
  assert.ok(Math.abs(sum / seeds - expected) < 4 * se, `${sum / seeds} vs ${expected}`);
});

test('gaussianLoop: curation keeps the best of k draws (reward x shifts the mean up)', () => {
  const run = gaussianLoop({ n: 200, generations: 5, seed: 1, curation: { reward: (x) => x[0]!, k: 2 } });
  // E max of two N(μ, σ²) = μ + σ/√π per generation: the mean climbs by about 0.56 per generation at σ ≈ 1.
  assert.ok(run.metrics.mean0[5]! > 1.5, `mean ${run.metrics.mean0[5]}`);
});

test('gaussianLoop: seeded, displays a table, and names bad options', () => {
  const a = gaussianLoop({ n: 5, generations: 3, seed: 9 });
  const b = gaussianLoop({ n: 5, generations: 3, seed: 9 });
  assert.deepEqual(a.metrics, b.metrics);
  assert.equal(a.rows().length, 4);
  const bundle = a[JUPYTER_DISPLAY]();
  assert.match(String(bundle['text/plain']), /gaussianLoop \(replace\)/);
  assert.throws(() => gaussianLoop({ mode: 'swap' as never }), /gaussianLoop: mode must be one of 'replace', 'accumulate', 'augment', 'fresh' \(got "swap"\)/);
  assert.throws(() => gaussianLoop({ n: 1 }), /gaussianLoop: n must be ≥ 2 \(got n=1\)/);
  assert.throws(() => gaussianLoop({ dim: 2, trueMean: [0] }), /gaussianLoop: trueMean must have length dim \(got 1, dim=2\)/);
});

test('gaussianLoop: augment (fixed real half) and fresh (new real half) stay bounded where replace collapses', () => {
  let augment = 0, fresh = 0;
  for (let seed = 0; seed < 20; seed++) {
    augment += gaussianLoop({ n: 20, generations: 200, seed, mode: 'augment', realFraction: 0.5 }).metrics.variance[200]! / 20;
    fresh += gaussianLoop({ n: 20, generations: 200, seed, mode: 'fresh', realFraction: 0.5 }).metrics.variance[200]! / 20;
  }
  // Both mix ≥ 10 real points into every fit, so the variance cannot shrink geometrically (replace: E ≈ 0.95^201 ≈ 3e-5).
  assert.ok(augment > 0.3 && augment < 2, `augment ${augment}`);
  assert.ok(fresh > 0.3 && fresh < 2, `fresh ${fresh}`);
});

test('gaussianLoop: edge cases — zero generations, NaN truth, collapsed covariance still samples', () => {
  assert.equal(gaussianLoop({ generations: 0 }).rows().length, 1);
  assert.throws(() => gaussianLoop({ trueMean: [NaN] }), /gaussianLoop: trueMean\[0\] is NaN/);
  const run = gaussianLoop({ dim: 2, n: 5, generations: 400, seed: 3 });
  assert.ok(run.metrics.variance.every((v) => Number.isFinite(v) && v >= 0));
  assert.ok(run.metrics.variance[400]! < 1e-6);
});
