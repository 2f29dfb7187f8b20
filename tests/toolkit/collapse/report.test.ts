import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianLoop, report } from '../../../src/toolkit/collapse/index.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';

test('report: bands are the mean and quantiles of the metric over seeds', () => {
  const runs = [1, 2, 3, 4, 5].map((seed) => gaussianLoop({ n: 10, generations: 4, seed }));
  const rep = report({ replace: runs }, { metric: 'w2', interval: 1 });
  const band = rep.bands[0]!;
  for (let g = 0; g <= 4; g++) {
    const values = runs.map((r) => r.metrics.w2[g]!).sort((a, b) => a - b);
    assert.ok(Math.abs(band.mean[g]! - values.reduce((s, v) => s + v, 0) / 5) < 1e-12);
    assert.equal(band.lo[g], values[0]);
    assert.equal(band.hi[g], values[4]);
    assert.equal(band.median[g], values[2]);
  }
  assert.equal(rep.rows().length, 5);
  const series = rep.series();
  assert.equal(series.length, 1);
  assert.deepEqual(series[0]!.y[2], runs[2]!.metrics.w2);
  assert.match(String(rep[JUPYTER_DISPLAY]()['text/plain']), /w2: mean and 100% band over seeds \(replace: 5\)/);
});

test('report: an array of runs is grouped by label; unknown metrics are named', () => {
  const runs = [gaussianLoop({ n: 5, generations: 2 }), gaussianLoop({ n: 5, generations: 2, mode: 'accumulate' })];
  assert.deepEqual(report(runs).bands.map((b) => b.name), ['replace', 'accumulate']);
  assert.throws(() => report(runs, { metric: 'fid' }), /report: run 'replace'\[0\] has no metric 'fid'/);
});
