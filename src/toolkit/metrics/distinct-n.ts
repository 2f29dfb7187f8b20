/**
 * distinct-n (Li et al. 2016, arXiv 1510.03055): unique n-grams over total n-grams. N-grams never span two
 * documents; `per: 'document'` averages the ratio within each document instead of pooling (a repetition measure).
 */
import { check } from '../util/check.js';
import { checkOrder, ngramKeyer, toIds, tokenizeAll, type Tokenizer } from './tokens.js';

/** Options for {@link distinctN}. */
export interface DistinctNOptions {
  /** N-gram order. Default: 2. */
  n?: number;
  /** 'corpus': pool n-grams of all documents (never across them); 'document': mean of per-document ratios. Default: 'corpus'. */
  per?: 'corpus' | 'document';
  /** Tokenizer. Default: whitespace. */
  tokenize?: Tokenizer;
}

/**
 * Fraction of distinct n-grams. Documents shorter than n contribute no n-grams (and are skipped by 'document').
 * Returns 0 when there are no n-grams at all.
 *
 * @example
 * metrics.distinctN(['a b a b', 'a b c'], { n: 2 }); // n-grams ab ba ab | ab bc: 3 unique / 5 = 0.6
 */
export function distinctN(texts: readonly string[], options: DistinctNOptions = {}): number {
  const fn = 'distinctN';
  const n = checkOrder(options.n ?? 2, fn);
  const per = check.oneOf(options.per ?? 'corpus', ['corpus', 'document'] as const, 'per', fn);
  const docs = toIds(tokenizeAll(texts, fn, options.tokenize));
  const key = ngramKeyer(n, docs.vocabSize);
  if (per === 'corpus') {
    const seen = new Set<number | string>();
    let total = 0;
    for (const ids of docs) {
      for (let s = 0; s + n <= ids.length; s++) { seen.add(key(ids, s)); total++; }
    }
    return total === 0 ? 0 : seen.size / total;
  }
  let sum = 0, counted = 0;
  for (const ids of docs) {
    if (ids.length < n) continue;
    const seen = new Set<number | string>();
    for (let s = 0; s + n <= ids.length; s++) seen.add(key(ids, s));
    sum += seen.size / (ids.length - n + 1);
    counted++;
  }
  return counted === 0 ? 0 : sum / counted;
}
