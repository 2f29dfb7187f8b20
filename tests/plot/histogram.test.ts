import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogram } from '../../src/plot/histogram.js';
import { autoBins, binCounts, binEdges } from '../../src/plot/stats.js';
import { rng } from '../../src/toolkit/util/random.js';
import { matchSnapshot } from './snapshot.js';

type T = Record<string, unknown>;

function sample(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => r.normal());
}

test('binCounts: matches brute force over the edges, the maximum lands in the last bin', () => {
  const values = sample(2000, 1);
  const edges = binEdges(Math.min(...values), Math.max(...values), 17);
  const counts = binCounts(values, edges);
  const brute = edges.slice(0, -1).map((lo, i) => values.filter((v) => v >= lo && (i === 16 ? v <= edges[17]! : v < edges[i + 1]!)).length);
  assert.deepEqual(counts, brute);
  assert.equal(counts.reduce((a, b) => a + b, 0), 2000);
});

test('autoBins: Freedman–Diaconis width 2·IQR·n^(−1/3), clamped to [5, 100]', () => {
  const values = Array.from({ length: 1000 }, (_, i) => i / 999); // uniform grid: IQR = 0.5 exactly
  assert.equal(autoBins(values), Math.ceil(1 / (2 * 0.5 * 1000 ** (-1 / 3))));
  assert.equal(autoBins([1, 2, 3]), 5);
  assert.equal(autoBins([4, 4, 4]), 1);
});

test('histogram: counts, probability (sums to 1) and density (integrates to 1) on shared bins', () => {
  const a = sample(500, 2);
  const b = sample(300, 3).map((v) => v + 1);
  const counts = histogram([{ name: 'a', values: a }, { name: 'b', values: b }], { bins: 20 });
  const [ta, tb] = counts.data as T[];
  assert.deepEqual(ta!['x'], tb!['x']);
  assert.equal((ta!['y'] as number[]).reduce((s, v) => s + v, 0), 500);
  const prob = histogram([{ values: a }, { values: b }], { bins: 20, normalize: 'probability' }).data as T[];
  assert.ok(Math.abs((prob[1]!['y'] as number[]).reduce((s, v) => s + v, 0) - 1) < 1e-12);
  const dens = histogram(a, { bins: 20, normalize: 'density' }).data[0] as T;
  const area = (dens['y'] as number[]).reduce((s, v) => s + v * (dens['width'] as number), 0);
  assert.ok(Math.abs(area - 1) < 1e-12);
  assert.equal(counts.layout['barmode'], 'overlay');
  assert.equal(ta!['opacity'], 0.55);
});

test('histogram: NaN values are dropped, a constant sample gets one unit bin', () => {
  const fig = histogram([1, NaN, 1, 1]);
  const t = fig.data[0] as T;
  assert.deepEqual(t['y'], [3]);
  assert.deepEqual(t['x'], [1]);
});

test('histogram: errors name the option', () => {
  assert.throws(() => histogram([1, 2], { bins: 0 }), { message: 'plot.histogram: bins must be ≥ 1 (got bins=0)' });
  assert.throws(() => histogram([1, 2], { normalize: 'pdf' as never }), { message: `plot.histogram: normalize must be one of 'count', 'probability', 'density' (got "pdf")` });
  assert.throws(() => histogram([NaN]), { message: 'plot.histogram: data has no values (all empty or NaN)' });
  assert.throws(() => histogram([{ name: 'r', values: [1, Infinity] }]), { message: 'plot.histogram: series "r": values[1] must be finite (got Infinity)' });
});

test('snapshot: histogram-overlay', () => {
  const fig = histogram([{ name: 'step 0', values: sample(400, 4) }, { name: 'step 500', values: sample(400, 5).map((v) => 0.5 * v + 1) }],
    { bins: 24, normalize: 'density', title: 'advantage distribution', xLabel: 'advantage' });
  matchSnapshot('histogram-overlay', fig.toJSON());
});
