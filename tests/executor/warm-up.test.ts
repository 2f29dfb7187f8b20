// The checker warm-up: its samples exercise the same paths as real cells, and it never runs while a cell does.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { LiveChecker } from '../../src/executor/live-checker.js';
import { QuietPeriod, REHEARSALS, SAMPLES, rehearse, warmUp } from '../../src/executor/warm-up.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const require = createRequire(import.meta.url);
const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
checker.preloadModule(dirname(require.resolve('@tensorflow/tfjs/package.json')), [], 'tf');

test('every warm-up sample and rehearsal checks clean, so warming up exercises the same paths as real cells', () => {
  for (const sample of [...SAMPLES, ...REHEARSALS]) assert.deepEqual(checker.check(sample.replaceAll('@', '1')).diagnostics, [], sample);
});

test('rehearsals run only while the kernel is quiet, in short slices, until their count is done', async () => {
  let idle = false;
  const seen: string[] = [];
  const slices: number[] = [];
  const done = rehearse((code) => {
    seen.push(code);
    return true;
  }, () => {
    if (idle) slices.push(seen.length);
    return idle;
  }, { count: 7, sliceMs: 0 });
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(seen.length, 0, 'a rehearsal ran while cells did');
  idle = true;
  await done;
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7, 'each rehearsal is a new cell (a repeated one would be checked once)');
  // A zero-length slice still takes one rehearsal: the kernel is asked whether it is quiet before every one.
  assert.deepEqual(slices, [0, 1, 2, 3, 4, 5, 6]);
});

test('rehearsing stops at once when a rehearsal cannot take the path real cells take', async () => {
  let calls = 0;
  await rehearse(() => {
    calls++;
    return false;
  }, () => true, { count: 100 });
  assert.equal(calls, 1);
});

test('a rehearsal is checked but never recorded, and does not use up the live base', () => {
  const saved = { cells: LiveChecker.cellsPerBase, over: LiveChecker.over };
  let bases = 0;
  LiveChecker.over = (...args) => {
    bases++;
    return saved.over.apply(LiveChecker, args);
  };
  LiveChecker.cellsPerBase = 3;
  try {
    const fresh = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
    const checks = fresh.liveChecks;
    for (let i = 0; i < 10; i++) assert.equal(fresh.rehearse(REHEARSALS[0]!.replaceAll('@', String(i))), true);
    assert.equal(fresh.rehearsals, 10);
    assert.equal(bases, 1, 'rehearsals retired the base they were checked on');
    assert.equal(fresh.liveChecks, checks, 'a rehearsal counted as a cell');
    assert.deepEqual(fresh.check('rehearsal3(1)').diagnostics.map((d) => d.code), [2304], 'a rehearsal declared its name');
    fresh.liveChecking = false;
    assert.equal(fresh.rehearse(REHEARSALS[0]!.replaceAll('@', '11')), false, 'without the live checker there is nothing to rehearse');
    assert.equal(fresh.rehearsals, 10);
  } finally {
    LiveChecker.cellsPerBase = saved.cells;
    LiveChecker.over = saved.over;
  }
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
