import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line } from '../../src/plot/line.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;
const close = (a: unknown, b: number, tol = 1e-12) => assert.ok(Math.abs((a as number) - b) <= tol, `${a} vs ${b}`);

test('line: seeds give a mean line with a ±sd band (lower, upper filled to it, then the line)', () => {
  const fig = line({ name: 'grpo', y: [[1, 2, 3], [3, 4, 7]] });
  assert.equal(fig.data.length, 3);
  const [lower, upper, mean] = fig.data as T[];
  assert.deepEqual(mean!['y'], [2, 3, 5]);
  assert.deepEqual(mean!['x'], [0, 1, 2]);
  // Sample sd of two values a, b is |a − b| / √2.
  const sds = [2, 2, 4].map((d) => d / Math.SQRT2);
  (lower!['y'] as number[]).forEach((v, i) => close(v, [2, 3, 5][i]! - sds[i]!));
  (upper!['y'] as number[]).forEach((v, i) => close(v, [2, 3, 5][i]! + sds[i]!));
  assert.equal(upper!['fill'], 'tonexty');
  assert.equal(lower!['fill'], undefined);
  assert.equal(lower!['legendgroup'], 'grpo');
  assert.equal(upper!['showlegend'], false);
  assert.equal((fig.layout['xaxis'] as T)['title'] !== undefined, true);
});

test('line: ci95 uses Student t with n − 1 degrees of freedom; se and minmax', () => {
  const runs = [[0], [1], [5]];
  const m = 2;
  const s = Math.sqrt(((0 - m) ** 2 + (1 - m) ** 2 + (5 - m) ** 2) / 2);
  const ci = line({ y: runs }, { band: 'ci95' }).data as T[];
  close((ci[1]!['y'] as number[])[0], m + (4.303 * s) / Math.sqrt(3), 1e-9);
  const se = line({ y: runs }, { band: 'se' }).data as T[];
  close((se[0]!['y'] as number[])[0], m - s / Math.sqrt(3), 1e-9);
  const mm = line({ y: runs }, { band: 'minmax' }).data as T[];
  assert.deepEqual([(mm[0]!['y'] as number[])[0], (mm[1]!['y'] as number[])[0]], [0, 5]);
  assert.equal(line({ y: runs }, { band: 'none' }).data.length, 1);
});

test('line: NaN pads runs of different length; the mean uses the seeds present, all-NaN is a gap (null)', () => {
  const fig = line({ x: [10, 20, 30], y: [[1, 2, NaN], [3, NaN, NaN]] });
  const mean = fig.data[2] as T;
  assert.deepEqual(mean['y'], [2, 2, null]);
  assert.deepEqual(mean['x'], [10, 20, 30]);
});

test('line: a single run has no band, and several series get distinct colours and a legend', () => {
  const fig = line([{ name: 'a', y: [1, 2] }, { name: 'b', y: [2, 1] }]);
  assert.equal(fig.data.length, 2);
  assert.notEqual((fig.data[0] as T & { line: T }).line['color'], (fig.data[1] as T & { line: T }).line['color']);
  assert.equal(fig.layout['showlegend'], true);
  assert.equal(line({ y: [1, 2] }).layout['showlegend'], false);
});

test('line: record form groups by z and treats repeated (z, x) rows as seeds, sorted by x', () => {
  const rows = [
    { step: 1, reward: 0.5, method: 'ppo' },
    { step: 0, reward: 0.1, method: 'ppo' },
    { step: 0, reward: 0.3, method: 'ppo' },
    { step: 0, reward: 0.2, method: 'grpo' },
  ];
  const fig = line(rows, { x: 'step', y: 'reward', z: 'method' });
  const ppo = fig.data.find((t) => t['name'] === 'ppo' && t['mode'] === 'lines') as T;
  assert.deepEqual(ppo['x'], [0, 1]);
  close((ppo['y'] as number[])[0], 0.2);
  const grpo = fig.data.find((t) => t['name'] === 'grpo') as T;
  assert.deepEqual(grpo['y'], [0.2]);
});

test('line: errors name the option or the series', () => {
  assert.throws(() => line({ y: [1] }, { band: 'iqr' as never }), { message: `plot.line: band must be one of 'sd', 'se', 'ci95', 'minmax', 'none' (got "iqr")` });
  assert.throws(() => line({ name: 'a', x: [1, 2], y: [1, 2, 3] }), { message: 'plot.line: series "a": x and y must have the same length (got 2 and 3)' });
  assert.throws(() => line({ name: 'a', y: [[1, 2], [1]] }), { message: 'plot.line: series "a": every run must have the same length (y[0] has 2, y[1] has 1); pad with NaN' });
  assert.throws(() => line([{ step: 1, r: 2 }] as never), { message: "plot.line: data looks like rows of records: pass the keys as options, e.g. {x: 'step', y: 'reward', z: 'run'}" });
  assert.throws(() => line([{ step: 'a', r: 1 }], { x: 'step', y: 'r' }), { message: 'plot.line: rows[0].step must be a finite number (got "a")' });
  assert.throws(() => line({ y: [1, Infinity] }), { message: 'plot.line: series "series 0": y[1] must be finite (got Infinity)' });
  assert.throws(() => line({ y: [1] }, { width: 10 }), { message: 'plot.line: width must be ≥ 50 (got width=10)' });
  assert.throws(() => line({ y: [1] }, { yDomain: [1, 0] }), { message: 'plot.line: yDomain must have min < max (got [1, 0])' });
});

test('snapshot: line-seeds', () => {
  const fig = line([{ name: 'GRPO', x: [0, 100, 200, 300], y: [[0.1, 0.3, 0.45, 0.5], [0.12, 0.28, 0.4, 0.52], [0.09, 0.33, 0.42, 0.49]] },
    { name: 'SFT', x: [0, 100, 200, 300], y: [0.1, 0.2, 0.25, 0.27] }], { title: 'pass@1 over training', yLabel: 'pass@1', band: 'ci95' });
  matchSnapshot('line-seeds', fig.toJSON());
});
