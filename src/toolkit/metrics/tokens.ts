/**
 * Tokenization shared by the text metrics. The default splits on whitespace, so results match the usual
 * distinct-n and self-BLEU tables; pass `tokenize` to use characters or a real tokenizer. N-grams are always taken
 * inside one document: cshaib/diversity joins documents first, so its n-grams cross boundaries (toolkit-anchors §2).
 */
import { check, describe, fail } from '../util/check.js';

/** A function from text to tokens. */
export type Tokenizer = (text: string) => string[];

/** Splits on runs of whitespace. */
export const whitespaceTokenizer: Tokenizer = (text) => {
  const out = text.split(/\s+/);
  if (out.length > 0 && out[0] === '') out.shift();
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
};

/** Validates texts (a non-empty array of strings) and tokenizes each. */
export function tokenizeAll(texts: unknown, fn: string, tokenize: Tokenizer | undefined, options: { allowEmpty?: boolean } = {}): string[][] {
  if (!Array.isArray(texts)) fail(fn, `texts must be an array of strings (got ${describe(texts)})`);
  if (texts.length === 0 && !options.allowEmpty) fail(fn, 'texts must not be empty');
  const tok = tokenize ?? whitespaceTokenizer;
  if (typeof tok !== 'function') fail(fn, `tokenize must be a function (text) => string[] (got ${describe(tok)})`);
  return texts.map((t, i) => {
    if (typeof t !== 'string') fail(fn, `texts[${i}] must be a string (got ${describe(t)})`);
    return tok(t);
  });
}

/** Checks an n-gram order. */
export function checkOrder(n: unknown, fn: string, name = 'n'): number {
  return check.int(n, name, fn, { min: 1 });
}

/**
 * Maps tokens to dense integer ids (one shared vocabulary), so n-grams can be keyed by numbers or short strings of
 * ids instead of joined text.
 */
export function toIds(docs: string[][]): Int32Array[] & { vocabSize: number } {
  const vocab = new Map<string, number>();
  const out = docs.map((doc) => Int32Array.from(doc, (t) => {
    let id = vocab.get(t);
    if (id === undefined) { id = vocab.size; vocab.set(t, id); }
    return id;
  }));
  return Object.assign(out, { vocabSize: vocab.size });
}

/**
 * A key function for n-grams of ids: the base-V number id₀·V^(n−1) + … + id_(n−1) when V^n fits in a double's
 * 53-bit integer range (fast Map/Set keys), else the ids joined by commas.
 */
export function ngramKeyer(n: number, vocabSize: number): (ids: Int32Array, start: number) => number | string {
  const base = Math.max(vocabSize, 1);
  if (Math.pow(base, n) < Number.MAX_SAFE_INTEGER) {
    return (ids, start) => {
      let key = 0;
      for (let k = 0; k < n; k++) key = key * base + ids[start + k]!;
      return key;
    };
  }
  return (ids, start) => ngramKey(ids, start, n);
}

/** Key of the n-gram of `ids` starting at `start` (ids joined by commas; unambiguous for integers). */
export function ngramKey(ids: Int32Array, start: number, n: number): string {
  if (n === 1) return String(ids[start]);
  let key = String(ids[start]);
  for (let k = 1; k < n; k++) key += ',' + ids[start + k];
  return key;
}
