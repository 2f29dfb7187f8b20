/**
 * `models.ngram`: a character- or word-level n-gram language model with add-k smoothing,
 *   P(w | c) = (count(c, w) + k) / (count(c) + k·V),
 * where c is the previous n − 1 tokens (padded with a start symbol) and V counts the vocabulary plus the
 * end-of-sequence token (Jurafsky & Martin, SLP3 ch. 3). It is the smallest LM that trains, samples and reports
 * per-token log-probabilities, the substrate for collapse and self-training loops (arXiv 2412.01951 "TinyLM").
 */
import { check, describe, fail } from '../util/check.js';
import { rng } from '../util/random.js';
import { withTable, type Displayable } from '../util/display.js';
import { decodeWeights, drawIndex, promptSeed, readDecoding, topAlternatives } from './decoding.js';
import type { Policy, Sample, SampleOptions, ScoredText, TokenAlternative } from './policy.js';
import { detokenize, joinDocument, tokenize, type NgramLevel } from './tokenize.js';

/** Options for `ngram`. */
export interface NgramOptions {
  /** Order: each token is conditioned on the previous n − 1. Default: 3. */
  n?: number;
  /** 'char' (code points) or 'token' (whitespace-separated words). Default: 'char'. */
  level?: NgramLevel;
  /** Add-k pseudo-count; 0 is maximum likelihood (unseen contexts then fall back to uniform). Default: 1 (Laplace). */
  smoothing?: number;
  /** Generated tokens per sample when `sample` gets no `maxTokens`. Default: 64. */
  maxTokens?: number;
  /** Name shown in tables. Default: 'ngram'. */
  name?: string;
}

/** Options for `NgramModel.fit`. */
export interface NgramFitOptions {
  /** Add the new counts to this model's counts instead of starting over. Default: false (replace). */
  accumulate?: boolean;
}

const DEFAULTS = { n: 3, level: 'char' as NgramLevel, smoothing: 1, maxTokens: 64, name: 'ngram' };
const BOS = -1;
const UNKNOWN = -2;
/** The end-of-sequence token's id, and how it is listed in `vocabulary`; in sample text and tokens it is ''. */
const EOS = 0;
const EOS_NAME = '</s>';
const CACHE_LIMIT = 100_000;

interface State {
  config: Required<Omit<NgramOptions, 'name'>> & { name: string };
  vocab: string[];
  counts: Map<string, Map<number, number>>;
  totals: Map<string, number>;
  trainedTokens: number;
}

/** An n-gram LM; build it with `ngram(corpus, options)`. Immutable: `fit` returns a new model. */
export class NgramModel implements Policy {
  readonly name: string;
  readonly n: number;
  readonly level: NgramLevel;
  readonly smoothing: number;
  /** Token strings by id; id 0 is the end-of-sequence token '</s>'. */
  readonly vocabulary: readonly string[];
  /** Tokens counted in training, end-of-sequence tokens included. */
  readonly trainedTokens: number;
  readonly #state: State;
  readonly #ids: Map<string, number>;
  readonly #cache = new Map<string, Float64Array>();

  /** Use `ngram(corpus, options)` instead. */
  constructor(state: State) {
    this.#state = state;
    this.name = state.config.name;
    this.n = state.config.n;
    this.level = state.config.level;
    this.smoothing = state.config.smoothing;
    this.vocabulary = state.vocab;
    this.trainedTokens = state.trainedTokens;
    this.#ids = new Map(state.vocab.map((t, i) => [t, i]));
  }

  /** Number of distinct contexts seen in training. */
  get contexts(): number {
    return this.#state.totals.size;
  }

  /**
   * A model trained on `corpus` with the same options; the vocabulary is this one's plus new tokens, so add-k mass
   * stays on tokens the model knew. `{accumulate: true}` adds to the current counts (Gerstgrasser et al. 2404.01413
   * "accumulate"), the default replaces them ("replace").
   * @example
   *   const lm2 = lm.fit(['2+2=4'], { accumulate: true });
   */
  fit(corpus: readonly string[], options: NgramFitOptions = {}): NgramModel & Displayable {
    const { counts, totals } = this.#state;
    const base: State = options.accumulate
      ? { ...this.#state, counts: new Map([...counts].map(([k, m]) => [k, new Map(m)])), totals: new Map(totals), vocab: [...this.#state.vocab] }
      : { ...this.#state, counts: new Map(), totals: new Map(), vocab: [...this.#state.vocab], trainedTokens: 0 };
    return displayable(new NgramModel(train(base, corpus, 'ngram.fit')));
  }

  /** Next-token probabilities after `prefix` (a whole text from the start of a sequence), by vocabulary id. */
  nextTokenProbs(prefix: string): Float64Array {
    return this.#distribution(this.#key(this.#contextIds(prefix))).slice();
  }

  /** The `k` most likely next tokens after `prefix`, with log-probabilities ('' is end of sequence). */
  topLogProbs(prefix: string, k: number): TokenAlternative[] {
    check.int(k, 'k', 'ngram.topLogProbs', { min: 0 });
    return topAlternatives(this.nextTokenProbs(prefix), this.#emitted(), Math.min(k, this.vocabulary.length));
  }

  /** Per-token log-probabilities of `completion` after `prompt`, ending with the end-of-sequence token ''. */
  tokenLogProbs(prompt: string, completion: string): { tokens: string[]; logProbs: number[] } {
    const ctx = this.#contextIds(prompt);
    const tokens = tokenize(completion, this.level).tokens;
    const logProbs: number[] = [];
    for (const tok of [...tokens, '']) {
      const id = tok === '' ? EOS : this.#ids.get(tok) ?? UNKNOWN;
      const dist = this.#distribution(this.#key(ctx));
      logProbs.push(id === UNKNOWN ? -Infinity : Math.log(dist[id]!));
      ctx.push(id);
    }
    return { tokens: [...tokens, ''], logProbs };
  }

  /** log π(completion | prompt), the end-of-sequence term included, so probabilities over completions sum to 1. */
  async logProb(prompt: string, completion: string): Promise<number> {
    return this.tokenLogProbs(prompt, completion).logProbs.reduce((a, b) => a + b, 0);
  }

  /** Scores a whole text from the start symbol, end-of-sequence token included (for OpenAI `echo` in `serve`). */
  async scoreText(text: string): Promise<ScoredText> {
    const { tokens, offsets } = tokenize(text, this.level);
    const scored = this.tokenLogProbs('', text);
    // Display strings slice the original text so they concatenate back to it.
    const shown = tokens.map((_, i) => text.slice(i === 0 ? 0 : offsets[i]!, offsets[i + 1] ?? text.length));
    return { tokens: [...shown, ''], offsets: [...offsets.map((o, i) => (i === 0 ? 0 : o)), text.length], logProbs: scored.logProbs };
  }

  /**
   * Perplexity exp(−Σ log p / #tokens) of `texts`, each scored from the start symbol with its end-of-sequence token.
   * @example
   *   lm.perplexity(['abc']); // ≥ 1; Infinity if a text has a token outside the vocabulary
   */
  perplexity(texts: readonly string[]): number {
    if (texts.length === 0) fail('ngram.perplexity', 'texts must not be empty');
    let sum = 0;
    let count = 0;
    for (const text of texts) {
      const lp = this.tokenLogProbs('', text).logProbs;
      for (const x of lp) sum += x;
      count += lp.length;
    }
    return Math.exp(-sum / count);
  }

  /** Samples `n` continuations of each prompt until the end-of-sequence token or `maxTokens` (default 64). */
  async sample(prompts: readonly string[], options: SampleOptions = {}): Promise<Sample[][]> {
    const fn = 'ngram.sample';
    const d = readDecoding(options, fn);
    const maxTokens = check.int(options.maxTokens ?? this.#state.config.maxTokens, 'maxTokens', fn, { min: 1 });
    const emitted = this.#emitted();
    return prompts.map((prompt, p) => {
      const gen = rng(promptSeed(d.seed, p));
      return Array.from({ length: d.n }, () => {
        const ctx = this.#contextIds(prompt);
        const ids: number[] = [];
        const logProbs: number[] = [];
        const top: TokenAlternative[][] = [];
        let finishReason: 'stop' | 'length' = 'length';
        while (ids.length < maxTokens) {
          const dist = this.#distribution(this.#key(ctx));
          const weights = decodeWeights(dist, d);
          let total = 0;
          for (const w of weights) total += w;
          const id = drawIndex(weights, total, gen.next());
          ids.push(id);
          logProbs.push(Math.log(dist[id]!));
          top.push(topAlternatives(dist, emitted, Math.min(d.topK, emitted.length)));
          ctx.push(id);
          if (id === EOS) { finishReason = 'stop'; break; }
        }
        const words = ids.filter((id) => id !== EOS).map((id) => this.vocabulary[id]!);
        const tokens = ids.map((id, i) => (id === EOS ? '' : this.level === 'token' && i > 0 ? ` ${this.vocabulary[id]}` : this.vocabulary[id]!));
        return { prompt, text: detokenize(words, this.level), tokenIds: ids, tokenLogProbs: logProbs, topLogProbs: top, finishReason, tokens };
      });
    });
  }

  /** The training document for a prompt and completion (word level puts a space between them). */
  document(prompt: string, completion: string): string {
    return joinDocument(prompt, completion, this.level);
  }

  /** Token strings as emitted in samples: the vocabulary with '' for end of sequence. */
  #emitted(): string[] {
    return this.vocabulary.map((t, i) => (i === EOS ? '' : t));
  }

  #contextIds(prefix: string): number[] {
    const ids = tokenize(prefix, this.level).tokens.map((t) => this.#ids.get(t) ?? UNKNOWN);
    return [...new Array<number>(this.n - 1).fill(BOS), ...ids];
  }

  #key(ctx: readonly number[]): string {
    return this.n === 1 ? '' : ctx.slice(ctx.length - (this.n - 1)).join(',');
  }

  #distribution(key: string): Float64Array {
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const v = this.vocabulary.length;
    const k = this.smoothing;
    const total = this.#state.totals.get(key) ?? 0;
    const dist = new Float64Array(v);
    const denom = total + k * v;
    if (denom === 0) dist.fill(1 / v);
    else {
      dist.fill(k / denom);
      for (const [id, c] of this.#state.counts.get(key) ?? []) dist[id] = (c + k) / denom;
    }
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(key, dist);
    return dist;
  }
}

/**
 * Trains an n-gram LM on `corpus` (one document per entry; each gets start padding and an end-of-sequence token).
 * @example
 *   const lm = models.ngram(['2+2=4', '2+3=5'], { n: 3, level: 'char', smoothing: 0.1 });
 *   await lm.sample(['2+2='], { n: 2, seed: 0 }); lm.perplexity(['2+2=4']);
 */
export function ngram(corpus: readonly string[], options: NgramOptions = {}): NgramModel & Displayable {
  const fn = 'ngram';
  const config = {
    n: check.int(options.n ?? DEFAULTS.n, 'n', fn, { min: 1 }),
    level: check.oneOf(options.level ?? DEFAULTS.level, ['char', 'token'] as const, 'level', fn),
    smoothing: check.finite(options.smoothing ?? DEFAULTS.smoothing, 'smoothing', fn, { min: 0 }),
    maxTokens: check.int(options.maxTokens ?? DEFAULTS.maxTokens, 'maxTokens', fn, { min: 1 }),
    name: options.name ?? DEFAULTS.name,
  };
  const empty: State = { config, vocab: [EOS_NAME], counts: new Map(), totals: new Map(), trainedTokens: 0 };
  return displayable(new NgramModel(train(empty, corpus, fn)));
}

/** Adds the counts of `corpus` to `state` (mutating it) and returns it. */
function train(state: State, corpus: readonly string[], fn: string): State {
  if (!Array.isArray(corpus)) fail(fn, `corpus must be an array of strings (got ${describe(corpus)})`);
  const n = state.config.n;
  const ids = new Map(state.vocab.map((t, i) => [t, i]));
  let trained = state.trainedTokens;
  corpus.forEach((doc, d) => {
    if (typeof doc !== 'string') fail(fn, `corpus[${d}] must be a string (got ${describe(doc)})`);
    const seq = new Array<number>(n - 1).fill(BOS);
    for (const tok of tokenize(doc, state.config.level).tokens) {
      let id = ids.get(tok);
      if (id === undefined) { id = state.vocab.length; state.vocab.push(tok); ids.set(tok, id); }
      seq.push(id);
    }
    seq.push(EOS);
    for (let i = n - 1; i < seq.length; i++) {
      const key = n === 1 ? '' : seq.slice(i - (n - 1), i).join(',');
      let row = state.counts.get(key);
      if (!row) { row = new Map(); state.counts.set(key, row); }
      row.set(seq[i]!, (row.get(seq[i]!) ?? 0) + 1);
      state.totals.set(key, (state.totals.get(key) ?? 0) + 1);
      trained++;
    }
  });
  state.trainedTokens = trained;
  return state;
}

function displayable(model: NgramModel): NgramModel & Displayable {
  return withTable(model, () => [{ name: model.name, n: model.n, level: model.level, smoothing: model.smoothing, vocabulary: model.vocabulary.length, contexts: model.contexts, 'trained tokens': model.trainedTokens }]);
}
