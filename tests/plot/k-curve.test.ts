import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kCurve } from '../../src/plot/k-curve.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

// pass@k of a single problem with n samples and c correct: 1 − C(n−c, k)/C(n, k) (arXiv:2107.03374, eq. 1).
function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
}

test('kCurve: log-x axis with one tick per k, y in [0, 1] for rates, band traces before the curve', () => {
  const k = [1, 2, 4, 8, 16];
  const value = k.map((kk) => passAtK(16, 3, kk));
  const fig = kCurve({ name: 'base', k, value, lower: value.map((v) => v * 0.9), upper: value.map((v) => Math.min(1, v * 1.1)) });
  const x = fig.layout['xaxis'] as T;
  assert.equal(x['type'], 'log');
  assert.deepEqual(x['tickvals'], k);
  assert.deepEqual(x['ticktext'], ['1', '2', '4', '8', '16']);
  assert.deepEqual((fig.layout['yaxis'] as T)['range'], [0, 1]);
  assert.equal(fig.data.length, 3);
  assert.equal((fig.data[1] as T)['fill'], 'tonexty');
  assert.deepEqual((fig.data[2] as T)['y'], value);
  assert.equal((fig.data[2] as T)['mode'], 'lines+markers');
  assert.equal(((fig.layout['yaxis'] as T)['title'] as T)['text'], 'pass@k');
});

test('kCurve: metric names the y axis; values outside [0, 1] get an automatic range; many k use plotly ticks', () => {
  const fig = kCurve({ k: [1, 2], value: [1.5, 2.5] }, { metric: 'reward@k' });
  assert.equal((fig.layout['yaxis'] as T)['range'], undefined);
  assert.equal(((fig.layout['yaxis'] as T)['title'] as T)['text'], 'reward@k');
  const many = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.equal((kCurve({ k: many, value: many.map(() => 0.5) }).layout['xaxis'] as T)['tickvals'], undefined);
});

test('kCurve: errors name the curve and the field', () => {
  assert.throws(() => kCurve({ name: 'a', k: [0, 1], value: [0, 1] }), { message: 'plot.kCurve: curve "a": k[0] must be > 0 on the log axis (got 0)' });
  assert.throws(() => kCurve({ name: 'a', k: [1, 2], value: [0.1] }), { message: 'plot.kCurve: curve "a": k and value must have the same length (got 2 and 1)' });
  assert.throws(() => kCurve({ name: 'a', k: [1], value: [0.1], lower: [0] }), { message: 'plot.kCurve: curve "a": give both lower and upper for a band, or neither' });
  assert.throws(() => kCurve([]), { message: 'plot.kCurve: data must contain at least one curve' });
});

test('snapshot: k-curve-pass-maj', () => {
  const k = [1, 2, 4, 8, 16, 32, 64];
  const base = k.map((kk) => passAtK(64, 5, kk));
  const rl = k.map((kk) => passAtK(64, 12, kk));
  const fig = kCurve([
    { name: 'base', k, value: base, lower: base.map((v) => Math.max(0, v - 0.05)), upper: base.map((v) => Math.min(1, v + 0.05)) },
    { name: 'RL', k, value: rl },
  ], { title: 'pass@k, base vs RL' });
  matchSnapshot('k-curve-pass-maj', fig.toJSON());
});
