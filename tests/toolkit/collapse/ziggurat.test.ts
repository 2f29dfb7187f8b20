import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zigguratNormal, ZIGGURAT_EDGES } from '../../../src/toolkit/collapse/ziggurat.js';
import { rng } from '../../../src/toolkit/util/random.js';

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

test('ziggurat: every layer, the top one included, has the same area V', () => {
  const f = (x: number) => Math.exp(-0.5 * x * x);
  const V = 9.91256303526217e-3;
  for (let k = 1; k < 127; k++) assert.ok(Math.abs(ZIGGURAT_EDGES[k]! * (f(ZIGGURAT_EDGES[k + 1]!) - f(ZIGGURAT_EDGES[k]!)) - V) < 1e-12, `layer ${k}`);
  assert.ok(Math.abs(ZIGGURAT_EDGES[127]! * (1 - f(ZIGGURAT_EDGES[127]!)) - V) < 1e-9, 'top layer');
});

test('ziggurat: 400k draws pass Kolmogorov–Smirnov at 1% and match tail probabilities beyond R', () => {
  const N = 400_000;
  const draw = zigguratNormal(rng(12));
  const xs = new Float64Array(N);
  let tail = 0;
  for (let i = 0; i < N; i++) { xs[i] = draw(); if (Math.abs(xs[i]!) > 3.5) tail++; }
  xs.sort();
  let d = 0;
  for (let i = 0; i < N; i++) { const c = phi(xs[i]!); d = Math.max(d, Math.abs(c - i / N), Math.abs((i + 1) / N - c)); }
  assert.ok(d < 1.63 / Math.sqrt(N), `KS D = ${d}`);
  // P(|Z| > 3.5) = 4.6525e-4; 4 binomial standard errors.
  const p = 2 * (1 - phi(3.5));
  assert.ok(Math.abs(tail / N - p) < 4 * Math.sqrt((p * (1 - p)) / N), `tail ${tail / N} vs ${p}`);
});

test('ziggurat: bulk fill draws the same distribution and returns the sum', () => {
  const N = 400_000;
  const source = zigguratNormal(rng(13));
  const xs = new Float64Array(N);
  const sum = source.fill(xs, 0, N, 2, 0.5);
  let direct = 0;
  for (const x of xs) direct += x;
  assert.ok(Math.abs(sum - direct) < 1e-6);
  const z = Float64Array.from(xs, (x) => (x - 2) / 0.5).sort();
  let d = 0;
  for (let i = 0; i < N; i++) { const c = phi(z[i]!); d = Math.max(d, Math.abs(c - i / N), Math.abs((i + 1) / N - c)); }
  assert.ok(d < 1.63 / Math.sqrt(N), `KS D = ${d}`);
  // Single draws and fills share one stream: interleaving them stays reproducible.
  const a = zigguratNormal(rng(1)), b = zigguratNormal(rng(1));
  const bufA = new Float64Array(3);
  a.fill(bufA, 0, 3, 0, 1);
  assert.deepEqual(Array.from(bufA), [b(), b(), b()]);
  assert.equal(a(), b());
});
