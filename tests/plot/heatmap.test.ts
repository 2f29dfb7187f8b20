import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmap } from '../../src/plot/heatmap.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

test('heatmap: NaN cells become null gaps, rows read top to bottom, small matrices are annotated', () => {
  const fig = heatmap([[1, NaN], [3, 4]], { x: ['a', 'b'], y: ['r0', 'r1'], zLabel: 'score' });
  const t = fig.data[0] as T;
  assert.equal(t['type'], 'heatmap');
  assert.deepEqual(t['z'], [[1, null], [3, 4]]);
  assert.equal((fig.layout['yaxis'] as T)['autorange'], 'reversed');
  assert.equal((fig.layout['xaxis'] as T)['type'], 'category');
  assert.equal(t['texttemplate'], '%{z:.3g}');
  const big = heatmap(Array.from({ length: 30 }, () => Array.from({ length: 30 }, () => 0)));
  assert.equal((big.data[0] as T)['texttemplate'], undefined);
});

test('heatmap: zDomain sets zmin/zmax; errors name the mismatch', () => {
  const t = heatmap([[0, 1]], { zDomain: [0, 2] }).data[0] as T;
  assert.deepEqual([t['zmin'], t['zmax']], [0, 2]);
  assert.throws(() => heatmap([[1, 2], [3]]), { message: 'plot.heatmap: z must be rectangular (z[0] has 2 columns, z[1] has 1)' });
  assert.throws(() => heatmap([[1, 2]], { x: ['a'] }), { message: 'plot.heatmap: x must have one label per column (got 1 labels, 2 columns)' });
  assert.throws(() => heatmap([]), { message: 'plot.heatmap: z must be a non-empty array of rows (got array of length 0)' });
});

test('snapshot: heatmap-sweep', () => {
  const z = [1, 2, 4, 8].map((k) => [0.1, 0.3, 0.5].map((p) => 1 - (1 - p) ** k));
  matchSnapshot('heatmap-sweep', heatmap(z, { x: ['p=0.1', 'p=0.3', 'p=0.5'], y: ['k=1', 'k=2', 'k=4', 'k=8'], zLabel: 'pass@k', title: '1 − (1 − p)^k' }).toJSON());
});
