import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenEntropy, entropyBounds, fitEntropyLaw, logpAdvantageCovariance, clipCovSelect, klCovSelect, entropyAlarm } from '../../../src/toolkit/metrics/index.js';
import { rng } from '../../../src/toolkit/util/random.js';

test('tokenEntropy: uniform logits give log V; a mask drops positions', () => {
  const e = tokenEntropy([[0, 0, 0, 0], [3, 3, 3, 3], [100, 0, 0, 0]], { mask: [1, 1, 0] });
  assert.ok(Math.abs(e.perToken[0]! - Math.log(4)) < 1e-12 && Math.abs(e.perToken[1]! - Math.log(4)) < 1e-12);
  assert.ok(e.perToken[2]! < 1e-40);
  assert.ok(Math.abs(e.mean - Math.log(4)) < 1e-12);
});

test('entropyBounds: bracket the true entropy of random distributions truncated to top-k', () => {
  const r = rng(8);
  const V = 50;
  for (let trial = 0; trial < 200; trial++) {
    // Mix peaked and flat distributions: Dirichlet-like via exponentials raised to a random power.
    const power = 0.2 + 4 * r.next();
    const w = Array.from({ length: V }, () => (-Math.log(1 - r.next())) ** power);
    const z = w.reduce((a, b) => a + b, 0);
    const p = w.map((v) => v / z).sort((a, b) => b - a);
    const H = -p.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
    const logits = p.map((v) => Math.log(v));
    assert.ok(Math.abs(tokenEntropy([logits]).perToken[0]! - H) < 1e-10);
    for (const k of [1, 3, 10, 49, 50]) {
      const b = entropyBounds([p.slice(0, k).map((v) => Math.log(v))], V);
      assert.ok(b.lower[0]! <= H + 1e-12 && H <= b.upper[0]! + 1e-12, `trial ${trial} k=${k}: ${b.lower[0]} ≤ ${H} ≤ ${b.upper[0]}`);
      if (k === V) assert.ok(Math.abs(b.upper[0]! - H) < 1e-9 && Math.abs(b.lower[0]! - H) < 1e-9);
    }
  }
});

test('entropyBounds: accepts Sample.topLogProbs entries and names bad rows', () => {
  const b = entropyBounds([[{ token: 'a', logProb: Math.log(0.5) }, { token: 'b', logProb: Math.log(0.3) }]], 4);
  const hk = -(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3));
  assert.ok(Math.abs(b.lower[0]! - (hk - 0.2 * Math.log(0.3))) < 1e-12);
  assert.ok(Math.abs(b.upper[0]! - (hk + 0.2 * Math.log(2 / 0.2))) < 1e-12);
  assert.throws(() => entropyBounds([[0.5]], 4), /entropyBounds: topLogProbs\[0\]\[0\] must be a log-probability ≤ 0 \(got 0.5\)/);
});

test('fitEntropyLaw: recovers a and b exactly without noise and within 0.05 with seeded noise', () => {
  const a = 0.35, b = 0.9;
  const H = Array.from({ length: 40 }, (_, i) => 1.2 * Math.exp(-i / 10));
  const exact = fitEntropyLaw(H, H.map((h) => -a * Math.exp(h) + b));
  assert.ok(Math.abs(exact.a - a) < 1e-10 && Math.abs(exact.b - b) < 1e-10 && Math.abs(exact.ceiling - (b - a)) < 1e-10);
  const r = rng(4);
  const noisy = fitEntropyLaw(H, H.map((h) => -a * Math.exp(h) + b + 0.005 * r.normal()));
  assert.ok(Math.abs(noisy.a - a) < 0.05 && Math.abs(noisy.b - b) < 0.05, `${noisy.a}, ${noisy.b}`);
  assert.throws(() => fitEntropyLaw([1, 1], [0, 1]), /fitEntropyLaw: H must take at least 2 distinct values/);
});

test('logpAdvantageCovariance: mean is the population covariance over active tokens', () => {
  const lp = [-0.1, -2, -0.2, -3, -9];
  const adv = [1, -1, 1, -1, 5];
  const c = logpAdvantageCovariance(lp, adv, { mask: [1, 1, 1, 1, 0] });
  const mLp = (-0.1 - 2 - 0.2 - 3) / 4, mA = 0;
  const direct = [0, 1, 2, 3].reduce((s, i) => s + (adv[i]! - mA) * (lp[i]! - mLp), 0) / 4;
  assert.ok(Math.abs(c.mean - direct) < 1e-12 && c.active === 4 && c.perToken[4] === 0);
});

test('clipCovSelect and klCovSelect: bounds, counts and top-k', () => {
  const cov = [0.5, 1.5, 2, 6, 4, -1, 3, 0];
  const clip = clipCovSelect(cov, { ratio: 0.25, seed: 2 });
  assert.equal(clip.length, 2);
  for (const i of clip) assert.ok(cov[i]! > 1 && cov[i]! < 5);
  assert.deepEqual(klCovSelect(cov, { k: 0.25 }), [3, 4]);
  assert.deepEqual(klCovSelect(cov, { k: 1e-6 }), [3]);
});

test('entropyAlarm: fires on collapse and explosion, stays quiet on stationary noise', () => {
  const r = rng(6);
  const flat = Array.from({ length: 60 }, () => 2 + 0.05 * r.normal());
  const quiet = entropyAlarm(flat);
  assert.equal(quiet.collapseAt, null);
  assert.equal(quiet.explosionAt, null);
  const falling = flat.map((v, t) => (t < 20 ? v : v - 0.05 * (t - 20)));
  const alarm = entropyAlarm(falling);
  assert.ok(alarm.collapseAt !== null && alarm.collapseAt > 20 && alarm.collapseAt < 30, `collapseAt ${alarm.collapseAt}`);
  assert.ok(entropyAlarm(flat.map((v, t) => (t < 20 ? v : v + 0.5))).explosionAt === 20);
});
