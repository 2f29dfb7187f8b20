// Property tests (issue 3, "Correctness"): invariants of the sharpening closed forms over random distributions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { categorical } from '../../../src/toolkit/models/categorical.js';
import { klSharpen } from '../../../src/toolkit/sharpen/kl-sharpen.js';
import { bestOfNDistribution } from '../../../src/toolkit/sharpen/best-of-n.js';
import { selfLogLikelihood } from '../../../src/toolkit/sharpen/reward.js';

const weights = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 });
const params = { numRuns: 100, seed: 42 };

test('klSharpen: normalized, order-preserving, and more peaked as β shrinks', () => {
  fc.assert(fc.property(weights, fc.double({ min: 0.05, max: 20, noNaN: true }), (w, beta) => {
    const s = klSharpen(w, beta);
    const t = klSharpen(w, beta * 2);
    assert.ok(Math.abs(s.reduce((a, b) => a + b, 0) - 1) < 1e-12);
    for (let i = 0; i < w.length; i++) for (let j = 0; j < w.length; j++) if (w[i]! > w[j]!) assert.ok(s[i]! >= s[j]!);
    const m = w.indexOf(Math.max(...w));
    assert.ok(s[m]! >= t[m]! - 1e-12, 'smaller β puts at least as much mass on the mode');
  }), params);
});

test('best-of-N: a distribution, and the mode probability grows with N', async () => {
  await fc.assert(fc.asyncProperty(weights, fc.integer({ min: 1, max: 16 }), async (w, N) => {
    const pi = categorical({ q: Object.fromEntries(w.map((x, i) => [`a${i}`, x])) });
    const d = await bestOfNDistribution(pi, 'q', N, selfLogLikelihood);
    const d2 = await bestOfNDistribution(pi, 'q', N + 1, selfLogLikelihood);
    assert.ok(Math.abs(Object.values(d).reduce((a, b) => a + b, 0) - 1) < 1e-9);
    const mode = pi.mode('q').answer;
    assert.ok(d2[mode]! >= d[mode]! - 1e-12);
  }), params);
});
