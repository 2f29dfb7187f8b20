import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distinctN, selfBLEU, compressionRatio } from '../../../src/toolkit/metrics/index.js';
import { rng } from '../../../src/toolkit/util/random.js';

test('distinctN: hand-built corpus, pooled and per document', () => {
  assert.equal(distinctN(['a b a b', 'a b c'], { n: 2 }), 3 / 5);
  assert.ok(Math.abs(distinctN(['a b a b', 'a b c'], { n: 2, per: 'document' }) - (2 / 3 + 1) / 2) < 1e-12);
  assert.equal(distinctN(['a b a b', 'a b c'], { n: 1 }), 3 / 7);
});

test('distinctN: n-grams never cross documents', () => {
  // Joined, "a b c d" would hold the bigram "b c"; per document there are only "a b" and "c d".
  assert.equal(distinctN(['a b', 'c d'], { n: 2 }), 1);
  assert.equal(distinctN(['a', 'a'], { n: 2 }), 0);
  assert.equal(distinctN(['x y', 'x y'], { n: 2 }), 0.5);
  assert.throws(() => distinctN([]), /distinctN: texts must not be empty/);
  assert.throws(() => distinctN(['a', 3 as never]), /distinctN: texts\[1\] must be a string \(got 3\)/);
});

/** Direct sentence BLEU of each text against all the others (quadratic; the definition, not the fast path). */
function bruteSelfBleu(texts: string[], N: number, smoothing: 'none' | 'epsilon'): number {
  const docs = texts.map((t) => t.split(/\s+/).filter(Boolean));
  const grams = (d: string[], n: number) => {
    const m = new Map<string, number>();
    for (let s = 0; s + n <= d.length; s++) { const k = d.slice(s, s + n).join(' '); m.set(k, (m.get(k) ?? 0) + 1); }
    return m;
  };
  let sum = 0;
  docs.forEach((hyp, i) => {
    const refs = docs.filter((_, j) => j !== i);
    let logSum = 0, used = 0, zero = false;
    for (let n = 1; n <= N; n++) {
      const total = hyp.length - n + 1;
      if (total <= 0) continue;
      let matched = 0;
      for (const [g, c] of grams(hyp, n)) matched += Math.min(c, Math.max(0, ...refs.map((r) => grams(r, n).get(g) ?? 0)));
      used++;
      if (matched > 0) logSum += Math.log(matched / total);
      else if (smoothing === 'epsilon') logSum += Math.log(0.1 / total);
      else zero = true;
    }
    if (hyp.length === 0 || zero || used === 0) return;
    const c = hyp.length;
    const r = refs.map((d) => d.length).sort((a, b) => Math.abs(a - c) - Math.abs(b - c) || a - b)[0]!;
    sum += (c >= r ? 1 : Math.exp(1 - r / c)) * Math.exp(logSum / used);
  });
  return sum / docs.length;
}

test('selfBLEU: identical documents score 1, disjoint ones 0 without smoothing', () => {
  assert.equal(selfBLEU(['a b c d', 'a b c d', 'a b c d']).value, 1);
  assert.equal(selfBLEU(['a b c d', 'e f g h'], { smoothing: 'none' }).value, 0);
});

test('selfBLEU: matches the quadratic definition on a random corpus (both smoothings)', () => {
  const r = rng(11);
  const words = ['the', 'cat', 'dog', 'sat', 'on', 'mat', 'a', 'ran'];
  const texts = Array.from({ length: 40 }, () => Array.from({ length: 1 + r.int(9) }, () => words[r.int(words.length)]!).join(' '));
  for (const smoothing of ['epsilon', 'none'] as const) {
    const fast = selfBLEU(texts, { n: 4, smoothing }).value;
    const slow = bruteSelfBleu(texts, 4, smoothing);
    assert.ok(Math.abs(fast - slow) < 1e-12, `${smoothing}: ${fast} vs ${slow}`);
  }
});

test('selfBLEU: clipping excludes the hypothesis itself when it alone holds the max count', () => {
  // "x x x" against ["x", "y"]: unigram matches min(3, 1) = 1 → p1 = 1/3; BP with r = 1 ≤ c is 1.
  const result = selfBLEU(['x x x', 'x', 'y'], { n: 1, smoothing: 'none' });
  assert.ok(Math.abs(result.perDocument[0]! - 1 / 3) < 1e-12);
  assert.throws(() => selfBLEU(['only one']), /selfBLEU: texts must hold at least 2 documents/);
});

test('compressionRatio: repetitive text compresses far more than varied text', () => {
  const repeated = compressionRatio(Array(200).fill('the cat sat on the mat'));
  const r = rng(3);
  const varied = compressionRatio(Array.from({ length: 200 }, () => Array.from({ length: 22 }, () => String.fromCharCode(33 + r.int(90))).join('')));
  assert.ok(repeated > 20, `repeated ${repeated}`);
  assert.ok(varied < 1.5, `varied ${varied}`);
  assert.throws(() => compressionRatio(['a'], { algorithm: 'xz' as never }), /compressionRatio: algorithm must be one of 'gzip', 'deflate' \(got "xz"\)/);
});
