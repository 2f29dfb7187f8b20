/**
 * Retraining a language model on its own samples (Shumailov et al. 2305.17493 §LLM; "Collapse of self-trained
 * language models"; Gerstgrasser et al. 2404.01413 replace vs accumulate; Alemohammad et al. 2307.01850 synthetic
 * augmentation). Per generation it records perplexity on held-out real text, distinct-n, within-sample repetition,
 * duplicate samples and unigram entropy: the signatures of a collapsing LM.
 */
import { check, describe, fail } from '../util/check.js';
import { rng as makeRng, DEFAULT_SEED } from '../util/random.js';
import type { Policy } from '../models/policy.js';
import { distinctN } from '../metrics/distinct-n.js';
import { whitespaceTokenizer, type Tokenizer } from '../metrics/tokens.js';
import { loopResult, type LoopSeries } from './loop-result.js';
import type { Displayable } from '../util/display.js';

/** Options for {@link retrainLoop}. */
export interface RetrainLoopOptions {
  /** Generations after the model trained on real text. Default: 5. */
  generations?: number;
  /**
   * 'replace': train on the newest samples only. 'accumulate': on the real text and every sample so far.
   * 'augment': on the real text plus the newest samples. Default: 'replace'.
   */
  mode?: 'replace' | 'accumulate' | 'augment';
  /** Samples per generation as a multiple of the real training set size. Default: 1. */
  synthRatio?: number;
  /** Keeps a sample when true (curation / verification). Default: keep all. */
  filter?: (text: string) => boolean;
  /** Share of `corpus` held out for perplexity (ignored when `heldOut` is given). Default: 0.1. */
  heldOutFraction?: number;
  /** Held-out real texts for perplexity. Default: a seeded split of `corpus`. */
  heldOut?: readonly string[];
  /** Prompt to sample from. Default: '' (unconditional). */
  prompt?: string;
  /** Sampling temperature. Default: 1. */
  temperature?: number;
  /** Maximum tokens per sample. Default: 64. */
  maxTokens?: number;
  /** Tokenizer for the text metrics and, without `scoreText`, for counting perplexity tokens. Default: whitespace. */
  tokenize?: Tokenizer;
  /** Seed. Default: 0. */
  seed?: number;
  /** Label for tables and `report`. Default: the mode. */
  label?: string;
  /**
   * Extra per-generation series, computed from each generation's samples and model, e.g.
   * `{vendi: (s) => metrics.vendi({K: metrics.ngramKernel(s, {n: 2})})}`. Default: none.
   */
  extraMetrics?: Record<string, (samples: string[], policy: Policy) => number | Promise<number>>;
}

/** Result of {@link retrainLoop}. */
export interface RetrainLoopResult extends LoopSeries {
  /**
   * `perplexity` (held-out real text), `distinct1`, `distinct2` (pooled over samples, never across them),
   * `repetition` (mean within-sample share of repeated bigrams), `duplicates` (share of samples identical to an
   * earlier one), `unigramEntropy` (nats), `meanLength` (tokens), `accepted` (share passing `filter`), and one
   * series per `extraMetrics` entry.
   */
  metrics: Record<'perplexity' | 'distinct1' | 'distinct2' | 'repetition' | 'duplicates' | 'unigramEntropy' | 'meanLength' | 'accepted', number[]> & Record<string, number[]>;
  /** Samples drawn from each generation's model (before filtering). */
  samples: string[][];
  /** The last generation's model. */
  final: Policy;
}

/**
 * Trains with `train` on real text, then repeatedly on the model's own samples.
 *
 * @example
 * const corpus = collapse.grammarCorpus({ sentences: 2000 });
 * const base = models.ngram(corpus, { level: 'token', n: 3, smoothing: 0.01 });
 * const run = await collapse.retrainLoop((texts) => base.fit(texts), corpus, { generations: 8 });
 */
export async function retrainLoop(train: (texts: string[]) => Policy | Promise<Policy>, corpus: readonly string[], options: RetrainLoopOptions = {}): Promise<RetrainLoopResult & Displayable> {
  const fn = 'retrainLoop';
  if (typeof train !== 'function') fail(fn, `train must be a function (texts) => Policy (got ${describe(train)})`);
  if (!Array.isArray(corpus) || corpus.length < 2) fail(fn, `corpus must be an array of at least 2 texts (got ${describe(corpus)})`);
  corpus.forEach((t, i) => { if (typeof t !== 'string') fail(fn, `corpus[${i}] must be a string (got ${describe(t)})`); });
  const generations = check.int(options.generations ?? 5, 'generations', fn, { min: 0 });
  const mode = check.oneOf(options.mode ?? 'replace', ['replace', 'accumulate', 'augment'] as const, 'mode', fn);
  const synthRatio = check.finite(options.synthRatio ?? 1, 'synthRatio', fn, { min: 0 });
  const heldOutFraction = check.finite(options.heldOutFraction ?? 0.1, 'heldOutFraction', fn, { min: 0, max: 0.9 });
  const temperature = check.finite(options.temperature ?? 1, 'temperature', fn, { min: 0 });
  const maxTokens = check.int(options.maxTokens ?? 64, 'maxTokens', fn, { min: 1 });
  const seed = check.finite(options.seed ?? DEFAULT_SEED, 'seed', fn);
  const filter = options.filter;
  if (filter !== undefined && typeof filter !== 'function') fail(fn, `filter must be a function (text) => boolean (got ${describe(filter)})`);
  const tokenize = options.tokenize ?? whitespaceTokenizer;
  const prompt = options.prompt ?? '';
  const label = options.label ?? mode;
  const extra = Object.entries(options.extraMetrics ?? {});
  for (const [name, f] of extra) if (typeof f !== 'function') fail(fn, `extraMetrics.${name} must be a function (samples, policy) => number (got ${describe(f)})`);

  // Seeded split: a Fisher–Yates shuffle of indices, the first share held out.
  let real: string[];
  let heldOut: string[];
  if (options.heldOut !== undefined) {
    heldOut = [...options.heldOut];
    real = [...corpus];
  } else {
    const order = Array.from({ length: corpus.length }, (_, i) => i);
    const r = makeRng(seed);
    for (let i = order.length - 1; i > 0; i--) { const j = r.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
    const cut = Math.max(1, Math.round(heldOutFraction * corpus.length));
    heldOut = order.slice(0, cut).map((i) => corpus[i]!);
    real = order.slice(cut).map((i) => corpus[i]!);
  }
  if (heldOut.length === 0) fail(fn, 'heldOut must not be empty');
  const perGeneration = Math.max(1, Math.round(synthRatio * real.length));

  const metrics: RetrainLoopResult['metrics'] = { perplexity: [], distinct1: [], distinct2: [], repetition: [], duplicates: [], unigramEntropy: [], meanLength: [], accepted: [] };
  for (const [name] of extra) metrics[name] = [];
  const samples: string[][] = [];
  let training = real;
  let policy = await train([...training]);
  for (let g = 0; ; g++) {
    metrics.perplexity.push(await perplexity(policy, heldOut, tokenize));
    const drawn = (await policy.sample([prompt], { n: perGeneration, temperature, maxTokens, seed: seed + 7919 * (g + 1) }))[0]!.map((s) => s.text);
    samples.push(drawn);
    const kept = filter ? drawn.filter((t) => filter(t)) : drawn;
    recordText(metrics, drawn, tokenize);
    metrics.accepted.push(kept.length / drawn.length);
    for (const [name, f] of extra) metrics[name]!.push(await f(drawn, policy));
    if (g === generations) break;
    if (kept.length === 0) fail(fn, `filter rejected every sample at generation ${g}; loosen the filter or raise synthRatio`);
    training = mode === 'replace' ? kept : mode === 'augment' ? [...real, ...kept] : [...training, ...kept];
    policy = await train([...training]);
  }
  return loopResult('retrainLoop', label, metrics, { samples, final: policy, options: { generations, mode, synthRatio, heldOutFraction, temperature, maxTokens, seed, label } }) as unknown as RetrainLoopResult & Displayable;
}

/**
 * exp(−Σ log p / #tokens) over texts. Uses `scoreText` when the policy has it (exact token count); otherwise
 * `logProb('', text)` with tokens counted by `tokenize` plus one end-of-sequence token.
 */
async function perplexity(policy: Policy, texts: readonly string[], tokenize: Tokenizer): Promise<number> {
  let sum = 0, count = 0;
  for (const text of texts) {
    if (policy.scoreText) {
      const scored = await policy.scoreText(text);
      for (const lp of scored.logProbs) sum += lp;
      count += scored.logProbs.length;
    } else {
      sum += await policy.logProb('', text);
      count += tokenize(text).length + 1;
    }
  }
  return Math.exp(-sum / count);
}

function recordText(metrics: RetrainLoopResult['metrics'], texts: string[], tokenize: Tokenizer): void {
  metrics.distinct1.push(distinctN(texts, { n: 1, tokenize }));
  metrics.distinct2.push(distinctN(texts, { n: 2, tokenize }));
  const docs = texts.map((t) => tokenize(t));
  let rep = 0, repDocs = 0, tokens = 0;
  const unigram = new Map<string, number>();
  for (const doc of docs) {
    tokens += doc.length;
    for (const t of doc) unigram.set(t, (unigram.get(t) ?? 0) + 1);
    if (doc.length < 3) continue;
    const seen = new Set<string>();
    for (let i = 0; i + 1 < doc.length; i++) seen.add(doc[i] + '\u0000' + doc[i + 1]);
    rep += 1 - seen.size / (doc.length - 1);
    repDocs++;
  }
  metrics.repetition.push(repDocs === 0 ? 0 : rep / repDocs);
  const unique = new Set(texts).size;
  metrics.duplicates.push(1 - unique / texts.length);
  let h = 0;
  for (const c of unigram.values()) { const p = c / tokens; h -= p * Math.log(p); }
  metrics.unigramEntropy.push(tokens === 0 ? 0 : h);
  metrics.meanLength.push(tokens / texts.length);
}
