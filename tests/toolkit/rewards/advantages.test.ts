import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupAdvantages, rlooAdvantages, passKAdvantages } from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const allClose = (a: ArrayLike<number>, b: number[], tol = 1e-12) => {
  assert.equal(a.length, b.length);
  b.forEach((v, i) => close(a[i]!, v, tol));
};

test('groupAdvantages: hand-computed GRPO values with sample std (ddof 1) and eps 1e-4', () => {
  // Group [1, 0]: mean 0.5, sample std √0.5; group [3, 3]: std 0 → advantages 0.
  const s = Math.sqrt(0.5) + 1e-4;
  allClose(groupAdvantages([1, 0, 3, 3], 2), [0.5 / s, -0.5 / s, 0, 0]);
  // Group [1, 2, 3, 6]: mean 3, squared deviations 4+1+0+9 = 14.
  const sd1 = Math.sqrt(14 / 3), sd0 = Math.sqrt(14 / 4);
  allClose(groupAdvantages([1, 2, 3, 6], 4), [-2, -1, 0, 3].map((d) => d / (sd1 + 1e-4)));
  allClose(groupAdvantages([1, 2, 3, 6], 4, { ddof: 0, eps: 0 }), [-2, -1, 0, 3].map((d) => d / sd0));
});

test('groupAdvantages scale: none subtracts the group mean; batch divides by the batch std', () => {
  allClose(groupAdvantages([1, 0, 5, 7], 2, { scale: 'none' }), [0.5, -0.5, -1, 1]);
  const r = [1, 0, 5, 7];
  const mu = 13 / 4;
  const sd = Math.sqrt(r.reduce((a, v) => a + (v - mu) ** 2, 0) / 3);
  allClose(groupAdvantages(r, 2, { scale: 'batch' }), [0.5, -0.5, -1, 1].map((d) => d / (sd + 1e-4)));
});

test('groupAdvantages: group of one gives 0; NaN rows are rejected or ignored', () => {
  allClose(groupAdvantages([3, 5], 1), [0, 0]);
  assert.throws(() => groupAdvantages([1, NaN], 2), { message: "groupAdvantages: rewards[1] is NaN (pass nan: 'ignore' to give such rows advantage 0)" });
  assert.throws(() => groupAdvantages([1, Infinity], 2, { nan: 'ignore' }), { message: 'groupAdvantages: rewards[1] must be finite (got Infinity)' });
  // Ignoring: NaN row gets 0, the rest is normalized as group [1, 0] (and group [2, NaN, ...]).
  const s = Math.sqrt(0.5) + 1e-4;
  allClose(groupAdvantages([1, NaN, 0, 4, 4, 4], 3, { nan: 'ignore' }), [0.5 / s, 0, -0.5 / s, 0, 0, 0]);
  assert.throws(() => groupAdvantages([1, 2, 3], 2), { message: 'groupAdvantages: rewards length must be a multiple of groupSize (got 3 rewards, groupSize=2)' });
  assert.throws(() => groupAdvantages([], 2), { message: 'groupAdvantages: rewards must not be empty' });
  assert.throws(() => groupAdvantages([1, 2], 0), { message: 'groupAdvantages: groupSize must be ≥ 1 (got groupSize=0)' });
  assert.throws(() => groupAdvantages([1, 2], 2, { scale: 'std' as never }), { message: "groupAdvantages: scale must be one of 'group', 'batch', 'none' (got \"std\")" });
});

test('property: group advantages have zero mean per group and (ddof 1, eps 0) unit sample std', () => {
  const arb = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 8, maxLength: 8 });
  fc.assert(fc.property(arb, (r) => {
    const a = groupAdvantages(r, 4, { eps: 0 });
    for (let g = 0; g < 8; g += 4) {
      const grp = Array.from(a.subarray(g, g + 4));
      close(grp.reduce((x, y) => x + y, 0), 0, 1e-9);
      const spread = Math.max(...r.slice(g, g + 4)) - Math.min(...r.slice(g, g + 4));
      if (spread > 1e-6) close(grp.reduce((x, y) => x + y * y, 0) / 3, 1, 1e-9);
    }
  }), { seed: 2, numRuns: 100 });
});

test('rlooAdvantages: r_i minus the mean of the others', () => {
  allClose(rlooAdvantages([1, 0, 0, 0], 4), [1, -1 / 3, -1 / 3, -1 / 3]);
  allClose(rlooAdvantages([2, 4, 1, 1], 2), [-2, 2, 0, 0]);
  assert.throws(() => rlooAdvantages([1, 2], 1), { message: 'rlooAdvantages: groupSize must be ≥ 2 (got groupSize=1)' });
});

test('passKAdvantages: only the group best gets r_max − r_second', () => {
  allClose(passKAdvantages([0.2, 0.9, 0.5, 0.1], 4), [0, 0.4, 0, 0], 1e-15);
  allClose(passKAdvantages([1, 1, 0, 0, 0, 1], 3), [0, 0, 0, 0, 0, 1]);
  const r = [0, 1, 0, 0];
  const sd = Math.sqrt(0.75 / 3 * 4 / 4 * 1); // sample std of [0,1,0,0] = √(0.75/3)
  allClose(passKAdvantages(r, 4, { normalize: true, eps: 0 }), [0, 1 / sd, 0, 0]);
});

test('groupSignal: zero-std share, solve-rate split, and the batch std that hides it', async () => {
  const { groupSignal } = await import('../../../src/toolkit/rewards/index.js');
  const s = groupSignal([1, 1, 0, 1, 0, 0], 2);
  close(s.fracZeroStd, 2 / 3);
  assert.equal(s.effectiveGroups, 1);
  assert.deepEqual(s.solveRate, { none: 1 / 3, mixed: 1 / 3, all: 1 / 3 });
  close(s.meanGroupStd, Math.sqrt(0.5) / 3);
  close(s.batchStd, Math.sqrt((6 * 0.25) / 5));
  // trl#3857: every group constant, yet the batch std is large.
  const flat = groupSignal([5, 5, 0, 0], 2);
  assert.equal(flat.fracZeroStd, 1);
  assert.ok(flat.batchStd > 2);
  assert.equal(flat.solveRate, null);
});
