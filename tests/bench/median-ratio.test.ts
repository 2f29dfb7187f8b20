import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, medianRatioInterval } from '../../bench/median-ratio.js';

test('median leaves failed samples out and takes the upper middle of an even count', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 3);
  assert.equal(median([NaN, 5, NaN, 1, 3]), 3);
  assert.ok(Number.isNaN(median([NaN])));
});

/** Samples around `level`, spread evenly by ±`spread` (a deterministic stand-in for noisy timings). */
const around = (level: number, n: number, spread = 0.1) => Array.from({ length: n }, (_, i) => level * (1 + spread * ((i * 7919) % n / n - 0.5)));

/** The samples cut into turns of `size`. */
const inTurns = (samples: number[], size: number) => Array.from({ length: Math.ceil(samples.length / size) }, (_, i) => samples.slice(i * size, (i + 1) * size));

test('two kernels measured alike give an interval that holds 1', () => {
  const a = inTurns(around(1, 80), 10);
  const b = inTurns(around(1, 80).reverse(), 10);
  const r = medianRatioInterval(a, b);
  assert.ok(Math.abs(r.ratio - 1) < 1e-9);
  assert.ok(r.low <= 1 && r.high >= 1, `${r.low}–${r.high}`);
});

test('a kernel twice as fast gives an interval well below 1, around the point ratio', () => {
  const r = medianRatioInterval(inTurns(around(1, 60), 10), inTurns(around(2, 60), 10));
  assert.ok(r.high < 0.6, `${r.low}–${r.high}`);
  assert.ok(r.low <= r.ratio && r.ratio <= r.high);
});

test('blocks slowed together widen the interval beyond what independent samples would give', () => {
  // Eight blocks of ten, each block at its own level: what a stretch of background load does to a turn.
  const levels = [1, 1.4, 0.9, 1.3, 1, 1.5, 0.95, 1.2];
  const samples = levels.flatMap((level) => around(level, 10, 0.02));
  const steady = inTurns(around(1.1, 80), 10);
  const asBlocks = medianRatioInterval(inTurns(samples, 10), steady);
  const asSingles = medianRatioInterval(inTurns(samples, 1), steady);
  assert.ok(asBlocks.high - asBlocks.low > 1.5 * (asSingles.high - asSingles.low), `blocks ${asBlocks.low}–${asBlocks.high}, singles ${asSingles.low}–${asSingles.high}`);
});

test('the interval is the same for the same seed and needs samples on both sides', () => {
  const a = inTurns(around(1, 40), 10);
  const b = inTurns(around(1.2, 40), 10);
  assert.deepEqual(medianRatioInterval(a, b, { seed: 7 }), medianRatioInterval(a, b, { seed: 7 }));
  const empty = medianRatioInterval(a, [[NaN], [NaN]]);
  assert.ok(Number.isNaN(empty.low) && Number.isNaN(empty.high));
});
