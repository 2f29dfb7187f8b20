// The checker warm-up: its samples exercise the same paths as real cells, and it never runs while a cell does.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { QuietPeriod, SAMPLES, warmUp } from '../../src/executor/warm-up.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const require = createRequire(import.meta.url);
const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
checker.preloadModule(dirname(require.resolve('@tensorflow/tfjs/package.json')), [], 'tf');

test('every warm-up sample checks clean, so warming up exercises the same paths as real cells', () => {
  for (const sample of SAMPLES) assert.deepEqual(checker.check(sample.replaceAll('@', '1')).diagnostics, [], sample);
});

test('after its first rounds the warm-up checks nothing while cells run, and goes on in a pause', async () => {
  let idle = false;
  const before = checker.liveChecks;
  const done = warmUp((code) => checker.check(code), () => idle, 10_000, 2, 1);
  assert.equal(checker.liveChecks, before + SAMPLES.length, 'the first round runs at once');
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(checker.liveChecks, before + SAMPLES.length, 'a sample was checked while cells ran');
  idle = true;
  await done;
  assert.equal(checker.liveChecks, before + 2 * SAMPLES.length);
  // Samples are never recorded: their names stay unknown to later cells.
  assert.deepEqual(checker.check('scale0([1])').diagnostics.map((d) => d.code), [2304]);
});

test('the kernel counts as quiet only once nothing has run for the quiet period', () => {
  let now = 1000;
  const quiet = new QuietPeriod(150, () => now);
  assert.equal(quiet.isQuiet(), true, 'nothing has happened yet');
  quiet.begin();
  now += 500;
  assert.equal(quiet.isQuiet(), false, 'a cell that runs long is still running');
  quiet.end();
  now += 149;
  assert.equal(quiet.isQuiet(), false, 'a cell sent right after the last one ended would meet a sample');
  now += 1;
  assert.equal(quiet.isQuiet(), true);
  quiet.touch();
  now += 100;
  assert.equal(quiet.isQuiet(), false, 'a completion is activity too');
  quiet.begin();
  quiet.begin();
  quiet.end();
  now += 1000;
  assert.equal(quiet.isQuiet(), false, 'one of two overlapping requests is still running');
  quiet.end();
  now += 150;
  assert.equal(quiet.isQuiet(), true);
});
