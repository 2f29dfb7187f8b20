import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ridgeline } from '../../src/plot/ridgeline.js';
import { kde, silvermanBandwidth, sd } from '../../src/plot/stats.js';
import { rng } from '../../src/toolkit/util/random.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

test('kde: equals the Gaussian kernel sum and integrates to 1 (trapezoid, tolerance 1e-4)', () => {
  const values = [0, 1, 3];
  const h = 0.7;
  const [d] = kde(values, [0.5], h);
  const direct = values.reduce((s, v) => s + Math.exp(-0.5 * ((0.5 - v) / h) ** 2), 0) / (3 * h * Math.sqrt(2 * Math.PI));
  assert.ok(Math.abs(d! - direct) < 1e-15);
  const grid = Array.from({ length: 2001 }, (_, i) => -6 + (i * 15) / 2000);
  const dens = kde(values, grid, h);
  let area = 0;
  for (let i = 1; i < grid.length; i++) area += ((dens[i]! + dens[i - 1]!) / 2) * (grid[i]! - grid[i - 1]!);
  assert.ok(Math.abs(area - 1) < 1e-4, `area ${area}`);
});

test('silvermanBandwidth: 0.9·min(sd, IQR/1.34)·n^(−1/5)', () => {
  const values = [1, 2, 3, 4, 100];
  // type-7 quartiles of 1,2,3,4,100 are 2 and 4, so IQR = 2 < sd.
  assert.ok(Math.abs(silvermanBandwidth(values) - 0.9 * Math.min(sd(values), 2 / 1.34) * 5 ** -0.2) < 1e-12);
});

test('ridgeline: first row on top, baselines at integer rows, tallest ridge = overlap', () => {
  const r = rng(7);
  const rows = [0, 1, 2].map((step) => ({ name: `step ${step}`, values: Array.from({ length: 200 }, () => r.normal() / (step + 1)) }));
  const fig = ridgeline(rows, { overlap: 2, points: 50 });
  const y = fig.layout['yaxis'] as T;
  assert.deepEqual(y['tickvals'], [2, 1, 0]);
  assert.deepEqual(y['ticktext'], ['step 0', 'step 1', 'step 2']);
  const traces = fig.data as T[];
  assert.equal(traces.length, 3);
  traces.forEach((t, i) => {
    const ys = t['y'] as number[];
    assert.equal(ys[0], 2 - i);
    assert.equal(ys[ys.length - 1], 2 - i);
    assert.equal(ys.length, 52);
    assert.equal(t['fill'], 'toself');
  });
  const peak = Math.max(...traces.map((t, i) => Math.max(...(t['y'] as number[])) - (2 - i)));
  assert.ok(Math.abs(peak - 2) < 1e-12);
});

test('ridgeline: errors name the row and option', () => {
  assert.throws(() => ridgeline([]), { message: 'plot.ridgeline: rows must be a non-empty array of {name, values} (got array of length 0)' });
  assert.throws(() => ridgeline([{ name: 0, values: [NaN] }]), { message: 'plot.ridgeline: rows[0].values has no non-NaN values' });
  assert.throws(() => ridgeline([{ name: 0, values: [1] }], { overlap: 0 }), { message: 'plot.ridgeline: overlap must be ≥ 0.1 (got overlap=0)' });
});

test('snapshot: ridgeline-steps', () => {
  const r = rng(11);
  const rows = [0, 100, 200, 300].map((step, i) => ({ name: step, values: Array.from({ length: 100 }, () => 0.2 * i + r.normal() / (1 + i)) }));
  matchSnapshot('ridgeline-steps', ridgeline(rows, { points: 30, title: 'reward by step', xLabel: 'reward' }).toJSON());
});
