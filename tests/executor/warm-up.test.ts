// The checker warm-up: its samples exercise the same paths as real cells, and it never runs while a cell does.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { SAMPLES, warmUp } from '../../src/executor/warm-up.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const require = createRequire(import.meta.url);
const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
checker.preloadModule(dirname(require.resolve('@tensorflow/tfjs/package.json')), [], 'tf');

test('every warm-up sample checks clean, so warming up exercises the same paths as real cells', () => {
  for (const sample of SAMPLES) assert.deepEqual(checker.check(sample.replaceAll('@', '1')).diagnostics, [], sample);
});

test('the warm-up checks nothing while a cell runs, and goes on once it is idle', async () => {
  let idle = false;
  const before = checker.liveChecks;
  const done = warmUp(checker, () => idle, 10_000, 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(checker.liveChecks, before, 'a sample was checked while a cell ran');
  idle = true;
  await done;
  assert.equal(checker.liveChecks, before + SAMPLES.length);
  // Samples are never recorded: their names stay unknown to later cells.
  assert.deepEqual(checker.check('scale0([1])').diagnostics.map((d) => d.code), [2304]);
});
