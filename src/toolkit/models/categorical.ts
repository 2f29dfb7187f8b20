/**
 * `models.categorical`: a per-prompt distribution over whole answers with exact probabilities. It is the substrate on
 * which sharpening results are exact (arXiv 2412.01951: best-of-N mode probability 1 − (1 − p*)^N, KL optimum
 * ∝ p^(1+1/β)), so it exposes its probabilities as well as sampling them.
 */
import { check, describe, fail } from '../util/check.js';
import { rng } from '../util/random.js';
import { withTable, type Displayable } from '../util/display.js';
import { decodeWeights, drawIndex, readDecoding, topAlternatives, argmax, promptSeed } from './decoding.js';
import type { Policy, Sample, SampleOptions } from './policy.js';

/** prompt → answer → weight (non-negative; each prompt's weights are normalized to probabilities). */
export type CategoricalTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Options for `categorical`. */
export interface CategoricalOptions {
  /** Name shown in tables. Default: 'categorical'. */
  name?: string;
}

interface Row {
  answers: string[];
  probs: Float64Array;
  /** Vocabulary id of each answer. */
  ids: number[];
}

/**
 * A Policy whose completions are whole answers drawn from a fixed distribution per prompt. Build it with
 * `categorical(table)`. Every sample has one token (the answer) and finish reason 'stop'.
 */
export class CategoricalPolicy implements Policy {
  readonly name: string;
  /** Every prompt the policy knows, in table order. */
  readonly prompts: readonly string[];
  /** Every answer over all prompts, in first-seen order; token ids index this list. */
  readonly vocabulary: readonly string[];
  readonly #rows: Map<string, Row>;

  /** Use `categorical(table, options)` instead. */
  constructor(rows: Map<string, { answers: string[]; probs: Float64Array }>, name: string) {
    this.name = name;
    this.prompts = [...rows.keys()];
    const vocab = new Map<string, number>();
    this.#rows = new Map();
    for (const [prompt, row] of rows) {
      const ids = row.answers.map((a) => {
        if (!vocab.has(a)) vocab.set(a, vocab.size);
        return vocab.get(a)!;
      });
      this.#rows.set(prompt, { answers: row.answers, probs: row.probs, ids });
    }
    this.vocabulary = [...vocab.keys()];
  }

  /** The answers of `prompt`, in table order. */
  answers(prompt: string): readonly string[] {
    return this.#row(prompt, 'answers').answers;
  }

  /** Exact probabilities of `prompt`'s answers as a copy, aligned with `answers(prompt)`. */
  probVector(prompt: string): Float64Array {
    return this.#row(prompt, 'probVector').probs.slice();
  }

  /** Exact probabilities of `prompt`'s answers as an answer → probability record. */
  probs(prompt: string): Record<string, number> {
    const row = this.#row(prompt, 'probs');
    return Object.fromEntries(row.answers.map((a, i) => [a, row.probs[i]!]));
  }

  /** The most likely answer of `prompt` (first in table order on ties) and its probability. */
  mode(prompt: string): { answer: string; prob: number } {
    const row = this.#row(prompt, 'mode');
    const i = argmax(row.probs);
    return { answer: row.answers[i]!, prob: row.probs[i]! };
  }

  /**
   * A new policy with the same prompts and answers and new weights per prompt from `reweight(prompt, probs)`;
   * prompts for which it returns undefined keep their distribution. Used by `sharpen.klSharpen` and `sharpen.sft`.
   */
  map(reweight: (prompt: string, probs: Float64Array) => ArrayLike<number> | undefined, options: CategoricalOptions = {}): CategoricalPolicy {
    const rows = new Map<string, { answers: string[]; probs: Float64Array }>();
    for (const [prompt, row] of this.#rows) {
      const w = reweight(prompt, row.probs.slice());
      if (w === undefined) rows.set(prompt, { answers: row.answers, probs: row.probs });
      else {
        check.sameLength(w, 'weights', row.answers, 'answers', 'CategoricalPolicy.map');
        rows.set(prompt, { answers: row.answers, probs: normalize(w, `weights for prompt ${describe(prompt)}`, 'CategoricalPolicy.map') });
      }
    }
    return displayable(new CategoricalPolicy(rows, options.name ?? this.name));
  }

  /**
   * Samples `n` answers per prompt. Temperature and top-p reshape the distribution; `tokenLogProbs` always report the
   * temperature-1 log-probability, as the Policy contract says.
   */
  async sample(prompts: readonly string[], options: SampleOptions = {}): Promise<Sample[][]> {
    const d = readDecoding(options, 'categorical.sample');
    return prompts.map((prompt, p) => {
      const gen = rng(promptSeed(d.seed, p));
      const row = this.#row(prompt, 'sample');
      const weights = decodeWeights(row.probs, d);
      let total = 0;
      for (const w of weights) total += w;
      const top = topAlternatives(row.probs, row.answers, Math.min(d.topK, row.answers.length));
      return Array.from({ length: d.n }, () => {
        const i = drawIndex(weights, total, gen.next());
        return {
          prompt,
          text: row.answers[i]!,
          tokenIds: [row.ids[i]!],
          tokenLogProbs: [Math.log(row.probs[i]!)],
          topLogProbs: [top],
          finishReason: 'stop' as const,
          tokens: [row.answers[i]!],
        };
      });
    });
  }

  /** log π(completion | prompt); −Infinity for an answer outside the table. */
  async logProb(prompt: string, completion: string): Promise<number> {
    const row = this.#row(prompt, 'logProb');
    const i = row.answers.indexOf(completion);
    return i < 0 ? -Infinity : Math.log(row.probs[i]!);
  }

  #row(prompt: string, method: string): Row {
    const row = this.#rows.get(prompt);
    if (row === undefined) {
      const known = this.prompts.slice(0, 3).map((p) => describe(p)).join(', ');
      fail(`categorical.${method}`, `unknown prompt ${describe(prompt)} (the policy knows ${this.prompts.length} prompts: ${known}${this.prompts.length > 3 ? ', …' : ''})`);
    }
    return row;
  }
}

/**
 * Builds a categorical policy from prompt → answer → weight. Weights must be finite and non-negative with a positive
 * sum per prompt; they are normalized. The result displays as a table of each prompt's mode and its probability.
 * @example
 *   const pi = models.categorical({ '2+2=': { '4': 0.6, '5': 0.3, '22': 0.1 } });
 *   pi.probs('2+2=');                                   // { '4': 0.6, '5': 0.3, '22': 0.1 }
 *   await pi.sample(['2+2='], { n: 4, seed: 1 });        // 4 answers drawn from that row
 */
export function categorical(table: CategoricalTable, options: CategoricalOptions = {}): CategoricalPolicy & Displayable {
  const fn = 'categorical';
  if (table === null || typeof table !== 'object' || Array.isArray(table)) fail(fn, `table must be an object of prompt → answer → weight (got ${describe(table)})`);
  const rows = new Map<string, { answers: string[]; probs: Float64Array }>();
  for (const [prompt, answers] of Object.entries(table)) {
    if (answers === null || typeof answers !== 'object') fail(fn, `table[${describe(prompt)}] must be an object of answer → weight (got ${describe(answers)})`);
    const names = Object.keys(answers);
    if (names.length === 0) fail(fn, `table[${describe(prompt)}] must have at least one answer`);
    rows.set(prompt, { answers: names, probs: normalize(names.map((a) => answers[a]!), `table[${describe(prompt)}]`, fn) });
  }
  if (rows.size === 0) fail(fn, 'table must have at least one prompt');
  return displayable(new CategoricalPolicy(rows, options.name ?? 'categorical'));
}

/** Attaches the mode table display to a categorical policy. */
export function displayable(policy: CategoricalPolicy): CategoricalPolicy & Displayable {
  return withTable(policy, () => policy.prompts.map((prompt) => {
    const m = policy.mode(prompt);
    return { prompt, answers: policy.answers(prompt).length, mode: m.answer, 'π(mode)': m.prob };
  }), { caption: `${policy.name}: ${policy.prompts.length} prompts` });
}

function normalize(weights: ArrayLike<number>, name: string, fn: string): Float64Array {
  const out = Float64Array.from(weights);
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const w = out[i]!;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) fail(fn, `${name}[${i}] must be a finite non-negative weight (got ${w})`);
    total += w;
  }
  if (!(total > 0)) fail(fn, `${name} must have a positive total weight (got ${total})`);
  for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}
