import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exactMatch, numericMatch, regexFormat, boxedAnswer, extractBoxed, extractNumber, parseNumber,
  softOverlong, cosineScaled, repetitionPenalty,
} from '../../../src/toolkit/rewards/index.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('extraction: last balanced boxed answer, last number, number parsing', () => {
  assert.equal(extractBoxed('first \\boxed{1} then \\boxed{\\frac{1}{2}}.'), '\\frac{1}{2}');
  assert.equal(extractBoxed('\\boxed{unclosed'), null);
  assert.equal(extractNumber('x = 3, so 1,024 apples'), '1,024');
  assert.equal(extractNumber('ratio -3/4'), '-3/4');
  assert.equal(extractNumber('none'), null);
  assert.equal(parseNumber('1,024'), 1024);
  assert.equal(parseNumber('-3/4'), -0.75);
  assert.equal(parseNumber('2e-3'), 0.002);
  assert.ok(Number.isNaN(parseNumber('abc')));
});

test('verifiers return 1/0, null without gold, and the extracted answer', async () => {
  const batch = { completions: ['… \\boxed{ 42 }', 'no box', '\\boxed{7}'], answer: ['42', '42', null] };
  const boxed = await boxedAnswer().score(batch);
  assert.deepEqual(Array.from(boxed.values), [1, 0, NaN]);
  assert.deepEqual(boxed.extracted, ['42', null, '7']);
  const num = await numericMatch(1e-3).score({ completions: ['pi is 3.1416', 'pi is 3.2', 'x'], answer: [Math.PI, Math.PI, 'n/a'] });
  assert.deepEqual(Array.from(num.values), [1, 0, NaN]);
  assert.deepEqual(num.extracted, ['3.1416', '3.2', null]);
  const big = await numericMatch(1e-6).score({ completions: ['1,000,000.5'], answer: ['1000000'] });
  assert.deepEqual(Array.from(big.values), [1]); // relative tolerance: |Δ| = 0.5 ≤ 1e-6·1e6
  const exact = await exactMatch({ ignoreCase: true }).score({ completions: [' Paris. ', 'London'], answer: ['paris', 'Paris'] });
  assert.deepEqual(Array.from(exact.values), [1, 0]);
  const fmt = await regexFormat(/<answer>(.*?)<\/answer>/s).score({ completions: ['<answer>5</answer>', 'five'] });
  assert.deepEqual(Array.from(fmt.values), [1, 0]);
  assert.deepEqual(fmt.extracted, ['5', null]);
});

test('softOverlong follows DAPO Eq. 13', () => {
  const out = softOverlong([100, 3072, 3500, 4096, 5000], { maxLength: 4096, cacheLength: 1024 });
  assert.deepEqual(Array.from(out), [0, 0, (3072 - 3500) / 1024, -1, -1]);
  assert.throws(() => softOverlong([1], { maxLength: 10, cacheLength: 20 }), { message: 'softOverlong: cacheLength must be ≤ maxLength (got cacheLength=20, maxLength=10)' });
});

test('cosineScaled: endpoints and midpoint of the cosine schedule', () => {
  const out = cosineScaled([0, 500, 1000, 2000, 0, 500, 1000], [1, 1, 1, 1, 0, 0, 0], { maxLength: 1000 });
  const expected = [1, 0.75, 0.5, 0.5, -1, -0.75, -0.5];
  expected.forEach((v, i) => close(out[i]!, v));
});

test('repetitionPenalty = p·(1 − unique/total n-grams)', () => {
  // 'a b c a b c' bigrams: ab bc ca ab bc → 3 unique of 5.
  const out = repetitionPenalty(['a b c a b c', 'a b c d', 'a', [1, 1, 1, 1]], { n: 2 });
  close(out[0]!, -(1 - 3 / 5));
  assert.equal(Object.is(out[1], 0), true);
  assert.equal(out[2], 0);
  close(out[3]!, -(1 - 1 / 3));
});
