import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bradleyTerry, preferenceAccuracy, proxyGoldGap } from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-8) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const sigma = (x: number) => 1 / (1 + Math.exp(-x));

test('two items: the maximum-likelihood gap is log(wins/losses)', () => {
  const pairs: [string, string][] = [...Array(6).fill(['a', 'b']), ...Array(2).fill(['b', 'a'])];
  const bt = bradleyTerry(pairs);
  close(bt.scores.get('a')! - bt.scores.get('b')!, Math.log(3));
  close(bt.scores.get('a')! + bt.scores.get('b')!, 0);
  close(bt.accuracy, 6 / 8, 1e-12);
  close(bt.margin, (6 * Math.log(3) - 2 * Math.log(3)) / 8);
});

test('three items: the fit satisfies the likelihood equations (expected wins = observed wins)', () => {
  const pairs: [number, number][] = [[0, 1], [0, 1], [1, 0], [1, 2], [1, 2], [2, 1], [0, 2], [2, 0], [2, 0], [0, 2], [0, 2]];
  const bt = bradleyTerry(pairs);
  for (const k of [0, 1, 2]) {
    let observed = 0, expected = 0;
    for (const [w, l] of pairs) {
      if (w === k) observed++;
      if (w === k || l === k) {
        const other = w === k ? l : w;
        expected += sigma(bt.scores.get(k)! - bt.scores.get(other)!);
      }
    }
    close(expected, observed, 1e-7);
  }
});

test('prior keeps unbeaten items finite and matches its own stationarity condition', () => {
  assert.throws(() => bradleyTerry([['a', 'b']]), { message: 'bradleyTerry: item "a" never loses, so its maximum-likelihood score is infinite; pass prior > 0 (e.g. 0.5)' });
  // Two items with prior α: each plays α wins and α losses against a virtual item of strength 1 (score 0 before
  // centering). Stationarity for item a: wins_a + α = Σ over its games of P(a wins).
  const alpha = 0.5;
  const bt = bradleyTerry([['a', 'b'], ['a', 'b']], { prior: alpha });
  const d = bt.scores.get('a')! - bt.scores.get('b')!;
  assert.ok(d > 0 && Number.isFinite(d));
  // Recover uncentered log-strengths: the virtual item sits at −center; solve for it from item a's equation.
  const sa = bt.scores.get('a')!, sb = bt.scores.get('b')!;
  const residual = (v: number) => 2 + alpha - (2 * sigma(sa - sb) + 2 * alpha * sigma(sa - v));
  let lo = -20, hi = 20;
  for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (residual(mid) > 0) hi = mid; else lo = mid; }
  const v = (lo + hi) / 2;
  close(0 + alpha - (2 * sigma(sb - sa) + 2 * alpha * sigma(sb - v)), 0, 1e-6);
});

test('preferenceAccuracy: accuracy, margin and BT loss by hand', () => {
  const r = preferenceAccuracy([2, 0.5, 1], [1, 1, 1]);
  close(r.accuracy, (1 + 0 + 0.5) / 3, 1e-15);
  close(r.margin, (1 - 0.5 + 0) / 3, 1e-15);
  close(r.loss, (-Math.log(sigma(1)) - Math.log(sigma(-0.5)) - Math.log(sigma(0))) / 3, 1e-12);
});

test('proxyGoldGap: gap series, slopes and the divergence flag', () => {
  const g = proxyGoldGap([0.2, 0.5, 0.8], [0.3, 0.3, 0.25]);
  assert.deepEqual(Array.from(g.gap).map((x) => Math.round(x * 1e12) / 1e12), [0, 0.3, 0.65]);
  close(g.proxySlope, 0.3, 1e-12);
  close(g.goldSlope, -0.025, 1e-12);
  assert.equal(g.diverging, true);
  assert.equal(proxyGoldGap([0, 1, 2], [0, 1, 2]).diverging, false);
  close(proxyGoldGap([0, 1, 2], [0, 1, 2]).correlation, 1, 1e-12);
  assert.throws(() => proxyGoldGap([1, 2], [1]), { message: 'proxyGoldGap: proxy and gold must have the same length (got 2 and 1)' });
});
