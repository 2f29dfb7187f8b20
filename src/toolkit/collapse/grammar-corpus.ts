/**
 * A corpus the project generates itself, so retraining loops need no download: sentences from a small seeded
 * probabilistic context-free grammar whose word choices follow Zipf weights, giving a frequent head and a long tail
 * that collapse erodes first (Shumailov et al. 2305.17493).
 */
import { check } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';

/** Options for {@link grammarCorpus}. */
export interface GrammarCorpusOptions {
  /** Number of sentences. Default: 1000. */
  sentences?: number;
  /** Zipf exponent for word choice within each part of speech. Default: 1. */
  zipf?: number;
  /** Probability that a noun phrase takes a prepositional phrase (recursion, capped at depth 3). Default: 0.25. */
  ppProbability?: number;
  /** Seed. Default: 0. */
  seed?: number;
}

const LEXICON = {
  det: ['the', 'a', 'every', 'some', 'this', 'that'],
  noun: ['dog', 'cat', 'child', 'teacher', 'river', 'house', 'garden', 'bird', 'tree', 'friend', 'city', 'book', 'road',
    'farmer', 'window', 'horse', 'storm', 'letter', 'doctor', 'village', 'boat', 'mountain', 'singer', 'kitchen', 'lamp',
    'engine', 'painter', 'island', 'clock', 'forest', 'sailor', 'bridge', 'candle', 'market', 'violin', 'desert', 'mirror',
    'owl', 'harbor', 'lantern'],
  verb: ['sees', 'likes', 'finds', 'follows', 'visits', 'watches', 'helps', 'paints', 'remembers', 'carries', 'calls',
    'hears', 'draws', 'guards', 'chases', 'greets', 'admires', 'avoids', 'studies', 'describes', 'repairs', 'forgets',
    'praises', 'imitates', 'questions'],
  intransitive: ['sleeps', 'waits', 'laughs', 'sings', 'runs', 'rests', 'wanders', 'listens', 'hesitates', 'dreams'],
  adj: ['small', 'old', 'quiet', 'red', 'happy', 'tall', 'young', 'bright', 'strange', 'gentle', 'clever', 'distant',
    'broken', 'golden', 'silent', 'wooden', 'curious', 'ancient', 'restless', 'pale'],
  adv: ['often', 'quickly', 'rarely', 'slowly', 'suddenly', 'quietly', 'gladly', 'seldom'],
  prep: ['near', 'behind', 'with', 'under', 'beside', 'across', 'beyond', 'inside'],
} as const;
type Part = keyof typeof LEXICON;

/**
 * Generates `sentences` sentences such as "the old dog sees a cat near the river ." (whitespace-tokenized, final
 * period as its own token).
 *
 * @example
 * const corpus = collapse.grammarCorpus({ sentences: 2000, seed: 1 });
 */
export function grammarCorpus(options: GrammarCorpusOptions = {}): string[] {
  const fn = 'grammarCorpus';
  const sentences = check.int(options.sentences ?? 1000, 'sentences', fn, { min: 1 });
  const zipf = check.finite(options.zipf ?? 1, 'zipf', fn, { min: 0 });
  const pp = check.probability(options.ppProbability ?? 0.25, 'ppProbability', fn);
  const r = makeRng(options.seed ?? DEFAULT_SEED);
  const weights = Object.fromEntries(Object.entries(LEXICON).map(([k, words]) => [k, words.map((_, i) => (i + 1) ** -zipf)])) as Record<Part, number[]>;
  const word = (part: Part): string => LEXICON[part][r.categorical(weights[part])]!;
  const nounPhrase = (depth: number, out: string[]): void => {
    out.push(word('det'));
    // Zero, one or two adjectives with probabilities 0.55, 0.35, 0.10.
    const u = r.next();
    const adjectives = u < 0.55 ? 0 : u < 0.9 ? 1 : 2;
    for (let i = 0; i < adjectives; i++) out.push(word('adj'));
    out.push(word('noun'));
    if (depth < 3 && r.next() < pp) { out.push(word('prep')); nounPhrase(depth + 1, out); }
  };
  const sentence = (): string => {
    const out: string[] = [];
    nounPhrase(0, out);
    const u = r.next();
    if (u < 0.15) {
      out.push(word('intransitive'));
    } else {
      if (u < 0.3) out.push(word('adv'));
      out.push(word('verb'));
      nounPhrase(1, out);
    }
    out.push('.');
    return out.join(' ');
  };
  return Array.from({ length: sentences }, () => sentence());
}
