import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prdc, zipfFit, mauve } from '../../../src/toolkit/metrics/index.js';
import { divergenceCurve } from '../../../src/toolkit/metrics/mauve.js';
import { rng } from '../../../src/toolkit/util/random.js';

test('prdc: hand-computed 1-D example', () => {
  const real = [[0], [1], [2], [3], [4]];
  const fake = [[0.1], [10]];
  // Real radii (1-NN) are 1; fake radii are 9.9. Fake 0.1 lies in the balls of reals 0 and 1.
  const r = prdc(real, fake, { k: 1 });
  assert.equal(r.precision, 0.5);
  assert.equal(r.recall, 1);
  assert.equal(r.density, 1);
  assert.equal(r.coverage, 0.4);
  assert.throws(() => prdc(real, fake, { k: 2 }), /prdc: k must be < the number of real and fake samples \(got k=2, real=5, fake=2\)/);
});

test('zipfFit: recovers the exponent of exact power-law counts', () => {
  const counts = Array.from({ length: 50 }, (_, i) => 1000 * (i + 1) ** -1.3);
  const fit = zipfFit(counts);
  assert.ok(Math.abs(fit.exponent - 1.3) < 1e-10 && Math.abs(fit.intercept - Math.log(1000)) < 1e-9 && Math.abs(fit.r2 - 1) < 1e-12);
  const text = zipfFit(['a a a a b b c', 'a a b']);
  assert.deepEqual(text.frequencies, [6, 3, 1]);
});

test('mauve: identical sets score 1 with zero frontier integral', () => {
  const r = rng(1);
  const P = Array.from({ length: 60 }, () => [r.normal(), r.normal(), r.normal()]);
  const m = mauve(P, P.map((x) => x.slice()), { seeds: [0, 1] });
  assert.ok(Math.abs(m.mauve - 1) < 1e-9, `${m.mauve}`);
  assert.ok(Math.abs(m.frontierIntegral) < 1e-12);
});

test('mauve: separated clusters give the closed-form disjoint-support curve', () => {
  const r = rng(2);
  const P = Array.from({ length: 40 }, () => [1 + 0.01 * r.normal(), 0.01 * r.normal()]);
  const Q = Array.from({ length: 40 }, () => [0.01 * r.normal(), 1 + 0.01 * r.normal()]);
  const m = mauve(P, Q, { buckets: 2, seeds: [0, 1, 2] });
  // Disjoint histograms: KL(q‖r_w) = −log(1 − w), KL(p‖r_w) = −log w, so the points are ((1 − w)^c, w^c).
  const disc = 25, c = 5;
  const pts: number[][] = [[0, 1], [1, 0]];
  for (let i = 0; i < disc; i++) { const w = 1e-6 + ((1 - 2e-6) * i) / (disc - 1); pts.push([(1 - w) ** c, w ** c]); }
  pts.sort((a, b) => a[0]! - b[0]!);
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += ((pts[i]![0]! - pts[i - 1]![0]!) * (pts[i]![1]! + pts[i - 1]![1]!)) / 2;
  assert.ok(Math.abs(m.mauve - area) < 1e-9, `${m.mauve} vs ${area}`);
  assert.ok(m.mauve < 0.05);
  const curve = divergenceCurve(Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5), 5, 25);
  assert.ok(Math.abs(curve.area - 1) < 1e-12);
});

test('mauve: the XXᵀ route (d > n) and the XᵀX route (d ≤ n) give the same score', () => {
  const r = rng(9);
  const P = Array.from({ length: 50 }, () => [1 + r.normal(), r.normal(), 0.5 * r.normal()]);
  const Q = Array.from({ length: 50 }, () => [r.normal(), 1 + r.normal(), 0.5 * r.normal()]);
  const pad = (x: number[]) => [...x, ...new Array<number>(197).fill(0)];
  const small = mauve(P, Q, { seeds: [0, 1] });
  const wide = mauve(P.map(pad), Q.map(pad), { seeds: [0, 1] });
  assert.ok(Math.abs(small.mauve - wide.mauve) < 1e-9, `${small.mauve} vs ${wide.mauve}`);
  assert.ok(small.mauve > 0 && small.mauve < 1);
});
