import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gmmLoop } from '../../../src/toolkit/collapse/index.js';
import { mixtureL2Squared } from '../../../src/toolkit/collapse/gmm-fit.js';
import { parseMixture, percentileSorted } from '../../../src/toolkit/collapse/gmm-loop.js';

const pdf = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

test('mixtureL2Squared: closed form matches numerical ∫(f − g)² in 1-D', () => {
  const f = { weights: [0.3, 0.7], means: [[-1], [2]], covs: [[[0.5]], [[1.5]]] };
  const g = { weights: [0.6, 0.4], means: [[0], [2.5]], covs: [[[1]], [[0.3]]] };
  const closed = mixtureL2Squared(parseMixture(f, 't'), parseMixture(g, 't'));
  let integral = 0;
  const h = 1e-3;
  for (let x = -15; x <= 15; x += h) {
    const fx = 0.3 * pdf(x, -1, 0.5) + 0.7 * pdf(x, 2, 1.5);
    const gx = 0.6 * pdf(x, 0, 1) + 0.4 * pdf(x, 2.5, 0.3);
    integral += (fx - gx) ** 2 * h;
  }
  assert.ok(Math.abs(closed - integral) < 1e-8, `${closed} vs ${integral}`);
});

test('mixtureL2Squared: 2-D product mixture equals the product of 1-D integrals for one component', () => {
  const f = parseMixture({ weights: [1], means: [[0, 0]], covs: [[[1, 0], [0, 2]]] }, 't');
  const g = parseMixture({ weights: [1], means: [[1, 0]], covs: [[[1, 0], [0, 2]]] }, 't');
  // ∫f² = 1/(4π√(det Σ)); ∫fg = N(Δ; 0, 2Σ).
  const self = 1 / (4 * Math.PI * Math.sqrt(2));
  const cross = self * Math.exp(-0.25);
  assert.ok(Math.abs(mixtureL2Squared(f, g) - (2 * self - 2 * cross)) < 1e-12);
});

test('percentileSorted: NumPy linear interpolation', () => {
  assert.equal(percentileSorted([1, 2, 3, 4], 50), 2.5);
  assert.equal(percentileSorted([1, 2, 3, 4, 5], 90), 4.6);
});

test('gmmLoop: starts near the truth and loses its tails when replacing small samples (8 seeds)', () => {
  let p99Start = 0, p99End = 0, l2Start = 0, l2End = 0;
  for (let seed = 0; seed < 8; seed++) {
    const run = gmmLoop({ n: 100, generations: 150, seed, emIterations: 10 });
    p99Start += run.metrics.p99![0]! / 8; p99End += run.metrics.p99![150]! / 8;
    l2Start += run.metrics.l2![0]! / 8; l2End += run.metrics.l2![150]! / 8;
  }
  assert.ok(p99End < p99Start - 0.3, `p99 ${p99Start} → ${p99End}`);
  assert.ok(l2End > 2 * l2Start, `l2 ${l2Start} → ${l2End}`);
});

test('gmmLoop: records a fit per generation, is seeded, names bad truths', () => {
  const a = gmmLoop({ dim: 2, n: 200, generations: 3, seed: 2 });
  const b = gmmLoop({ dim: 2, n: 200, generations: 3, seed: 2 });
  assert.deepEqual(a.metrics, b.metrics);
  assert.equal(a.fits.length, 4);
  assert.ok(Math.abs(a.fits[3]!.weights.reduce((s, w) => s + w, 0) - 1) < 1e-9);
  assert.throws(() => gmmLoop({ truth: { weights: [0.5, 0.6], means: [[0], [1]], covs: [[[1]], [[1]]] } }), /gmmLoop: truth.weights must sum to 1 \(got 1.1\)/);
});
