import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kCurve, passAtK, majAtK, bonAtK } from '../../../src/toolkit/select/index.js';
import { rng } from '../../../src/toolkit/util/random.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('kCurve mean is the average of the per-problem estimator', () => {
  const problems = [{ n: 16, c: 3 }, { n: 16, c: 0 }, { n: 20, c: 20 }];
  const curve = kCurve(problems, { ks: [1, 4, 16], bootstrap: 0 });
  curve.rows.forEach((row, j) => {
    const k = [1, 4, 16][j]!;
    close(row.mean, (passAtK(16, 3, k) + 0 + 1) / 3);
    assert.equal(row.lo, row.mean);
    assert.equal(row.hi, row.mean);
  });
  const flags = kCurve([{ correct: [true, false, false, true] }], { estimator: 'passHatK', ks: [2], bootstrap: 0 });
  close(flags.rows[0]!.mean, 1 / 6);
});

test('kCurve default ks are powers of two up to the smallest n', () => {
  assert.deepEqual(kCurve([{ n: 12, c: 1 }], { bootstrap: 0 }).ks, [1, 2, 4, 8]);
});

test('kCurve with majAtK and bonAtK uses the exact estimators', () => {
  const answers = ['a', 'b', 'a', 'c', 'b'];
  const m = kCurve([{ answers, correct: 'a' }], { estimator: 'majAtK', ks: [3], bootstrap: 0 });
  close(m.rows[0]!.mean, majAtK(answers, 'a', 3));
  const b = kCurve([{ scores: [3, 1, 2], correct: [0, 1, 1] }], { estimator: 'bonAtK', ks: [2], bootstrap: 0 });
  close(b.rows[0]!.mean, bonAtK([3, 1, 2], [0, 1, 1], 2));
});

test('kCurve bootstrap: seeded, reproducible, interval brackets the mean, close to the normal-theory interval', () => {
  // 400 problems with solve rates from a fixed generator; pass@1 = c/n, so the CI should be ≈ mean ± 1.96·sd/√P.
  const gen = rng(11);
  const problems = Array.from({ length: 400 }, () => ({ n: 10, c: gen.int(11) }));
  const a = kCurve(problems, { ks: [1], bootstrap: 2000, seed: 5 });
  const again = kCurve(problems, { ks: [1], bootstrap: 2000, seed: 5 });
  assert.deepEqual(a.rows, again.rows);
  const x = problems.map((p) => p.c / 10);
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
  const half = 1.96 * sd / Math.sqrt(x.length);
  const row = a.rows[0]!;
  close(row.mean, mean);
  assert.ok(row.lo < mean && mean < row.hi);
  // Tolerance: bootstrap percentile ends with B = 2000 wobble by a few % of the half-width.
  close(row.hi - row.lo, 2 * half, 0.15 * half);
});

test('kCurve errors name the problem or option', () => {
  assert.throws(() => kCurve([]), { message: 'kCurve: problems must be a non-empty array' });
  assert.throws(() => kCurve([{ n: 4, c: 1 }], { ks: [5] }), { message: 'kCurve: ks[0] must be ≤ the smallest n (got ks[0]=5, the smallest n=4)' });
  assert.throws(() => kCurve([{ n: 4, c: 1 }], { estimator: 'maj' as never }), { message: "kCurve: estimator must be one of 'passAtK', 'passHatK', 'majAtK', 'bonAtK' (got \"maj\")" });
  assert.throws(() => kCurve([{ n: 4 }], { estimator: 'majAtK' }), { message: 'kCurve: problems[0] needs answers and correct for majAtK' });
  assert.throws(() => kCurve([{ n: 4, c: 1 }, { n: 4, c: 5 }]), { message: 'kCurve: problems[1].c must be ≤ problems[1].n (got problems[1].c=5, problems[1].n=4)' });
});

test('kCurve and passAtKCurve display as HTML tables with one row per k', async () => {
  const { JUPYTER_DISPLAY } = await import('../../../src/toolkit/util/display.js');
  const { passAtKCurve } = await import('../../../src/toolkit/select/index.js');
  for (const value of [kCurve([{ n: 8, c: 2 }], { bootstrap: 10 }), passAtKCurve(8, [2], { ks: [1, 2, 4, 8] })]) {
    const bundle = (value as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]();
    const html = bundle['text/html']!;
    assert.match(html, /^<table class="whetstone-table">/);
    assert.equal(html.split('<tr>').length - 2, 4); // header row + 4 rows (k = 1, 2, 4, 8)
    assert.doesNotMatch(bundle['text/plain']!, /\u001b\[/);
  }
});

test('kCrossover finds where an RL-like curve (sharp, low coverage) falls below a base-like curve', async () => {
  const { kCrossover } = await import('../../../src/toolkit/select/index.js');
  // "RL": solves 6 of 10 problems with c = 12/16; "base": solves all 10 with c = 4/16.
  const rl = kCurve(Array.from({ length: 10 }, (_, i) => ({ n: 16, c: i < 6 ? 12 : 0 })), { bootstrap: 0 });
  const base = kCurve(Array.from({ length: 10 }, () => ({ n: 16, c: 4 })), { bootstrap: 0 });
  // pass@1: 0.45 vs 0.25 (RL leads); pass@2: 0.6·(1 − C(4,2)/C(16,2)) = 0.57 vs 1 − C(12,2)/C(16,2) = 0.45; pass@4: 0.6 vs 0.728.
  assert.deepEqual(kCrossover(rl, base), { k: 4, leaderAtStart: 'a' });
  assert.deepEqual(kCrossover(base, base), { k: null, leaderAtStart: 'tie' });
});
