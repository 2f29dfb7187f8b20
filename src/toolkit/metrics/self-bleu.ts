/**
 * Self-BLEU (Zhu et al. 2018, Texygen, arXiv 1802.01886): the mean over documents of sentence BLEU of each document
 * against all the others as references. Texygen's implementation reused references across hypotheses (issue #27);
 * here every document is scored against exactly the other n − 1.
 *
 * Exact and O(total n-grams): clipping against many references needs max_{j≠i} count_j(g), which is the
 * largest count of g unless document i alone holds it, then the second largest. The brevity penalty uses the
 * closest other length (ties to the shorter, as NLTK's closest_ref_length).
 */
import { check, fail } from '../util/check.js';
import { checkOrder, ngramKeyer, toIds, tokenizeAll, type Tokenizer } from './tokens.js';

/** Options for {@link selfBLEU}. */
export interface SelfBleuOptions {
  /** Maximum n-gram order N (uniform weights 1/N). Default: 4. */
  n?: number;
  /**
   * Zero-precision handling: 'none' (BLEU is 0 if some order has no match), 'epsilon' (0.1 matches instead of 0;
   * NLTK method1) or 'add1' ((m+1)/(t+1) for orders ≥ 2; Lin & Och 2004, NLTK method2). Default: 'epsilon'.
   */
  smoothing?: 'none' | 'epsilon' | 'add1';
  /** Tokenizer. Default: whitespace. */
  tokenize?: Tokenizer;
}

/** Per-document BLEU against the others, and their mean. */
export interface SelfBleu {
  /** Mean of `perDocument`. */
  value: number;
  perDocument: Float64Array;
}

/**
 * Self-BLEU of a corpus (needs at least two documents). Documents shorter than N use the orders they have
 * (effective order, as sacreBLEU's sentence BLEU); empty documents score 0.
 *
 * @example
 * metrics.selfBLEU(['a b c d', 'a b c d', 'a b c d']).value; // 1: every document is repeated
 */
export function selfBLEU(texts: readonly string[], options: SelfBleuOptions = {}): SelfBleu {
  const fn = 'selfBLEU';
  const maxOrder = checkOrder(options.n ?? 4, fn);
  const smoothing = check.oneOf(options.smoothing ?? 'epsilon', ['none', 'epsilon', 'add1'] as const, 'smoothing', fn);
  const docs = toIds(tokenizeAll(texts, fn, options.tokenize));
  const D = docs.length;
  if (D < 2) fail(fn, `texts must hold at least 2 documents, since each is scored against the others (got ${D})`);

  const logPrecisionSum = new Float64Array(D);
  const ordersUsed = new Int32Array(D);
  const zeroMatch = new Uint8Array(D);
  for (let order = 1; order <= maxOrder; order++) {
    // Per n-gram: the largest count in any document, how many documents reach it, and the second largest.
    type Key = number | string;
    const keyOf = ngramKeyer(order, docs.vocabSize);
    const top1 = new Map<Key, number>();
    const top1Docs = new Map<Key, number>();
    const top2 = new Map<Key, number>();
    const perDoc: Map<Key, number>[] = [];
    for (const ids of docs) {
      const counts = new Map<Key, number>();
      for (let s = 0; s + order <= ids.length; s++) {
        const key = keyOf(ids, s);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      perDoc.push(counts);
      for (const [key, c] of counts) {
        const t1 = top1.get(key) ?? 0;
        if (c > t1) {
          top2.set(key, t1);
          top1.set(key, c);
          top1Docs.set(key, 1);
        } else if (c === t1) {
          top1Docs.set(key, top1Docs.get(key)! + 1);
        } else if (c > (top2.get(key) ?? 0)) {
          top2.set(key, c);
        }
      }
    }
    for (let i = 0; i < D; i++) {
      const total = docs[i]!.length - order + 1;
      if (total <= 0) continue;
      let matched = 0;
      for (const [key, c] of perDoc[i]!) {
        const t1 = top1.get(key)!;
        const other = c === t1 && top1Docs.get(key) === 1 ? top2.get(key) ?? 0 : t1;
        matched += Math.min(c, other);
      }
      let p: number;
      if (matched > 0) p = matched / total;
      else if (smoothing === 'epsilon') p = 0.1 / total;
      else if (smoothing === 'add1' && order >= 2) p = 1 / (total + 1);
      else { p = 0; zeroMatch[i] = 1; }
      if (smoothing === 'add1' && order >= 2 && matched > 0) p = (matched + 1) / (total + 1);
      if (p > 0) logPrecisionSum[i] += Math.log(p);
      ordersUsed[i]++;
    }
  }

  const lengths = docs.map((d) => d.length);
  const sorted = Int32Array.from(lengths).sort();
  const perDocument = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    const c = lengths[i]!;
    if (c === 0 || ordersUsed[i] === 0 || zeroMatch[i]) continue;
    const r = closestOtherLength(sorted, c);
    const bp = c >= r ? 1 : Math.exp(1 - r / c);
    perDocument[i] = bp * Math.exp(logPrecisionSum[i]! / ordersUsed[i]!);
  }
  let sum = 0;
  for (const v of perDocument) sum += v;
  return { value: sum / D, perDocument };
}

/**
 * Closest length to c among all lengths except one copy of c itself (the hypothesis), ties to the shorter.
 * `sorted` holds every document's length in ascending order.
 */
function closestOtherLength(sorted: Int32Array, c: number): number {
  // First index with length ≥ c; c itself is present at least once (the hypothesis).
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < c) lo = mid + 1; else hi = mid; }
  const firstGe = lo;
  // Another document of the same length exists if the run of c has length ≥ 2.
  if (firstGe + 1 < sorted.length && sorted[firstGe + 1] === c) return c;
  const below = firstGe > 0 ? sorted[firstGe - 1]! : undefined;
  const above = firstGe + 1 < sorted.length ? sorted[firstGe + 1]! : undefined;
  if (below === undefined) return above!;
  if (above === undefined) return below;
  return c - below <= above - c ? below : above;
}
