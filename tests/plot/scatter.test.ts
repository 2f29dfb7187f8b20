import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scatter, WEBGL_THRESHOLD } from '../../src/plot/scatter.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

test('scatter: SVG trace up to the threshold, WebGL above it; typed arrays become JSON arrays', () => {
  const pts = (n: number) => ({ x: new Float64Array(n).map((_, i) => i), y: new Float32Array(n) });
  assert.equal(scatter(pts(WEBGL_THRESHOLD)).data[0]!['type'], 'scatter');
  const gl = scatter(pts(WEBGL_THRESHOLD + 1));
  assert.equal(gl.data[0]!['type'], 'scattergl');
  assert.ok(Array.isArray(gl.data[0]!['x']));
  assert.equal(JSON.parse(JSON.stringify(gl.toJSON())).data[0].x.length, WEBGL_THRESHOLD + 1);
  assert.equal(scatter(pts(10), { webglThreshold: 5 }).data[0]!['type'], 'scattergl');
});

test('scatter: dense clouds get smaller, lighter markers; NaN is null', () => {
  const sparse = scatter({ x: [1, 2], y: [NaN, 2] }).data[0] as T & { marker: T };
  assert.deepEqual(sparse['y'], [null, 2]);
  assert.equal(sparse.marker['size'], 6);
  const dense = scatter({ x: new Array(3000).fill(0), y: new Array(3000).fill(0) }).data[0] as T & { marker: T };
  assert.deepEqual([dense.marker['size'], dense.marker['opacity']], [3, 0.4]);
});

test('scatter: errors name the series', () => {
  assert.throws(() => scatter({ name: 's', x: [1, 2], y: [1] }), { message: 'plot.scatter: series "s": x and y must have the same length (got 2 and 1)' });
  assert.throws(() => scatter([{ x: [1] } as never]), { message: 'plot.scatter: data[0] must be {name?, x, y} (got object)' });
  assert.throws(() => scatter({ x: [1], y: [1] }, { opacity: 2 }), { message: 'plot.scatter: opacity must be ≤ 1 (got opacity=2)' });
});

test('snapshot: scatter-two-clouds', () => {
  const a = Array.from({ length: 12 }, (_, i) => i);
  matchSnapshot('scatter-two-clouds', scatter([{ name: 'correct', x: a, y: a.map((v) => v * 0.5) }, { name: 'wrong', x: a, y: a.map((v) => 6 - v * 0.3) }],
    { xLabel: 'tokens', yLabel: 'reward', title: 'reward vs length' }).toJSON());
});
