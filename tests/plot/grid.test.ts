import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grid } from '../../src/plot/grid.js';
import { line } from '../../src/plot/line.js';
import { kCurve } from '../../src/plot/k-curve.js';
import { histogram } from '../../src/plot/histogram.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

const panels = () => [
  line([{ name: 'a', y: [1, 2, 3] }, { name: 'b', y: [3, 2, 1] }], { title: 'reward' }),
  kCurve([{ name: 'a', k: [1, 4, 16], value: [0.2, 0.5, 0.8] }], { title: 'pass@k' }),
  histogram([1, 2, 2, 3], { bins: 3, title: 'lengths' }),
];

test('grid: each figure gets its own axes pair with its scale, non-overlapping domains and a title', () => {
  const fig = grid(panels(), { columns: 2 });
  assert.deepEqual(fig.data.map((t) => [t['xaxis'], t['yaxis']]), [['x', 'y'], ['x', 'y'], ['x2', 'y2'], ['x3', 'y3']]);
  assert.equal((fig.layout['xaxis2'] as T)['type'], 'log');
  assert.equal((fig.layout['xaxis2'] as T)['anchor'], 'y2');
  const d1 = (fig.layout['xaxis'] as T)['domain'] as number[];
  const d2 = (fig.layout['xaxis2'] as T)['domain'] as number[];
  assert.ok(d1[1]! < d2[0]!);
  const y3 = (fig.layout['yaxis3'] as T)['domain'] as number[];
  const y1 = (fig.layout['yaxis'] as T)['domain'] as number[];
  assert.ok(y3[1]! < y1[0]!, 'third panel is on the second row');
  for (const d of [d1, d2, y1, y3]) assert.ok(d[0]! >= 0 && d[1]! <= 1 && d[0]! < d[1]!);
  assert.deepEqual((fig.layout['annotations'] as T[]).map((a) => a['text']), ['<b>reward</b>', '<b>pass@k</b>', '<b>lengths</b>']);
  assert.equal(fig.layout['width'], 680);
  assert.equal(fig.layout['height'], 600);
});

test('grid: a series name appears in the legend once and groups its traces across panels', () => {
  const fig = grid(panels());
  const inLegend = fig.data.filter((t) => t['showlegend'] === true).map((t) => t['name']);
  assert.deepEqual(inLegend, ['a', 'b']);
  assert.ok(fig.data.filter((t) => t['name'] === 'a').every((t) => t['legendgroup'] === 'a'));
});

test('grid: shared axes and errors', () => {
  const fig = grid(panels(), { shareX: true, shareY: true });
  assert.equal((fig.layout['xaxis3'] as T)['matches'], 'x');
  assert.equal((fig.layout['yaxis2'] as T)['matches'], 'y');
  assert.throws(() => grid([]), { message: 'plot.grid: figures must be a non-empty array of figures (got array of length 0)' });
  assert.throws(() => grid([{} as never]), { message: 'plot.grid: figures[0] must be a Figure, e.g. from plot.line (got object)' });
  assert.throws(() => grid(panels(), { titles: ['a'] }), { message: 'plot.grid: titles must have one entry per figure (got 1 titles, 3 figures)' });
});

test('snapshot: grid-small-multiples', () => {
  matchSnapshot('grid-small-multiples', grid(panels(), { columns: 3, title: 'run summary' }).toJSON());
});
