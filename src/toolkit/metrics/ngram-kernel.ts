/**
 * An n-gram similarity kernel for texts: cosine similarity of n-gram count vectors (n-grams within each document).
 * It gives `vendi` a text input without embeddings (Friedman & Dieng 2210.02410 use an n-gram kernel for text), so a
 * retraining loop can report an effective number of distinct samples per generation.
 */
import { check } from '../util/check.js';
import { checkOrder, ngramKeyer, toIds, tokenizeAll, type Tokenizer } from './tokens.js';

/** Options for {@link ngramKernel}. */
export interface NgramKernelOptions {
  /** N-gram order. Default: 1. */
  n?: number;
  /** Tokenizer. Default: whitespace. */
  tokenize?: Tokenizer;
}

/**
 * K[i][j] = cos(c_i, c_j) for n-gram count vectors c; K[i][i] = 1 (also for texts shorter than n, which are
 * orthogonal to everything else).
 *
 * @example
 * metrics.vendi({ K: metrics.ngramKernel(samples, { n: 2 }) }); // effective number of distinct samples
 */
export function ngramKernel(texts: readonly string[], options: NgramKernelOptions = {}): number[][] {
  const fn = 'ngramKernel';
  const n = checkOrder(options.n ?? 1, fn);
  const docs = toIds(tokenizeAll(texts, fn, options.tokenize));
  check.int(docs.length, 'texts.length', fn, { min: 1 });
  const keyOf = ngramKeyer(n, docs.vocabSize);
  // Inverted index n-gram → [(doc, count)], so dot products only touch pairs that share an n-gram.
  const postings = new Map<number | string, number[]>();
  const norms = new Float64Array(docs.length);
  docs.forEach((ids, d) => {
    const counts = new Map<number | string, number>();
    for (let s = 0; s + n <= ids.length; s++) { const k = keyOf(ids, s); counts.set(k, (counts.get(k) ?? 0) + 1); }
    for (const [k, c] of counts) {
      norms[d] += c * c;
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push(d, c);
    }
  });
  const D = docs.length;
  const dot = new Float64Array(D * D);
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a += 2) {
      const i = list[a]!, ci = list[a + 1]!;
      for (let b = a + 2; b < list.length; b += 2) dot[i * D + list[b]!] += ci * list[b + 1]!;
    }
  }
  const K: number[][] = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  for (let i = 0; i < D; i++) {
    K[i]![i] = 1;
    for (let j = i + 1; j < D; j++) {
      const v = norms[i]! > 0 && norms[j]! > 0 ? dot[i * D + j]! / Math.sqrt(norms[i]! * norms[j]!) : 0;
      K[i]![j] = v;
      K[j]![i] = v;
    }
  }
  return K;
}
