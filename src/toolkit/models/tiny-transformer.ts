/**
 * `models.tinyTransformer`: a small character-level causal transformer in TensorFlow.js that trains in a notebook
 * (`fit`) and implements `Policy` (sample with temperature / top-p / seed, per-token log-probabilities, top-k
 * alternatives, `logProb`, `scoreText`), so sharpening and collapse experiments can run on a real network on any
 * tensor backend (issue 6). The network and training loop live in `./transformer/`.
 */
import tf from '../tensor/tfjs.cjs';
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { rng } from '../util/random.js';
import { readDecoding, decodeWeights, drawIndex, topAlternatives } from './decoding.js';
import type { Policy, Sample, SampleOptions, ScoredText } from './policy.js';
import { causalMask, countParams, forward, forwardCached, initParams, type KvCache, type NetworkConfig, type Params } from './transformer/network.js';
import { EOS_ID, FIT_DEFAULTS, trainLoop, type FitOptions, type FitResult } from './transformer/train.js';

export type { FitOptions, FitResult } from './transformer/train.js';

/** Options for `tinyTransformer`. Give `vocab` or `corpus` (or both: the union of their characters). */
export interface TinyTransformerOptions {
  /** Characters the model knows, e.g. '0123456789+='. Default: none. */
  vocab?: string | readonly string[];
  /** Texts whose distinct characters form the vocabulary. Default: none. */
  corpus?: readonly string[];
  /** Width of the residual stream. Default: 64. */
  dModel?: number;
  /** Transformer blocks. Default: 2. */
  layers?: number;
  /** Attention heads; must divide dModel. Default: 4. */
  heads?: number;
  /** Longest sequence in tokens, the start token included. Default: 64. */
  context?: number;
  /** Seed for the initial weights. Default: 0. */
  seed?: number;
  /** Name shown in tables. Default: 'tinyTransformer'. */
  name?: string;
}

const DEFAULTS = { dModel: 64, layers: 2, heads: 4, context: 64, seed: 0, name: 'tinyTransformer' } as const;
const EOS_NAME = '</s>';
const FN = 'tinyTransformer';

/** One completion being generated: its prompt index, tokens so far (start token and prompt included), and outputs. */
interface Row {
  p: number;
  seq: number[];
  out: number[];
  logProbs: number[];
  top: Sample['topLogProbs'];
  finish: Sample['finishReason'] | undefined;
}

/** A trainable character-level transformer policy. Create it after `tensor.init()`: weights live on that backend. */
export class TinyTransformer implements Policy {
  readonly name: string;
  /** Token strings by id; id 0 is the end-of-text token '</s>', which also starts every sequence. */
  readonly vocabulary: readonly string[];
  readonly config: Readonly<NetworkConfig>;
  readonly #params: Params;
  readonly #ids: Map<string, number>;
  #disposed = false;

  constructor(chars: readonly string[], config: NetworkConfig, seed: number, name: string) {
    this.name = name;
    this.vocabulary = [EOS_NAME, ...chars];
    this.#ids = new Map(chars.map((c, i) => [c, i + 1]));
    this.config = Object.freeze({ ...config });
    this.#params = initParams(config, seed);
  }

  /** Trainable scalars. */
  get numParams(): number {
    return countParams(this.#params);
  }

  /**
   * Trains on `texts` (each is one sequence ending with the end token) and returns the loss curve.
   * @example
   * const run = model.fit(['1+2=3', '2+2=4'], { steps: 300, batchSize: 32, lr: 3e-3 }); // run.losses.at(-1) ≈ 0
   */
  fit(texts: readonly string[], options: FitOptions = {}): FitResult & Displayable {
    const fn = `${FN}.fit`;
    this.#alive(fn);
    if (!Array.isArray(texts) || texts.length === 0) fail(fn, 'texts must be a non-empty array of strings');
    const encoded = texts.map((text, i) => {
      const ids = this.#encode(text, `texts[${i}]`, fn);
      if (ids.length + 1 > this.config.context) fail(fn, `texts[${i}] has ${ids.length} characters but context is ${this.config.context} (a text plus its start token must fit)`);
      return ids;
    });
    const result = trainLoop(this.#params, this.config, encoded, {
      steps: check.int(options.steps ?? FIT_DEFAULTS.steps, 'steps', fn, { min: 1 }),
      batchSize: check.int(options.batchSize ?? FIT_DEFAULTS.batchSize, 'batchSize', fn, { min: 1 }),
      lr: check.finite(options.lr ?? FIT_DEFAULTS.lr, 'lr', fn, { min: 0 }),
      seed: check.finite(options.seed ?? FIT_DEFAULTS.seed, 'seed', fn),
      onStep: options.onStep,
    });
    const every = Math.max(1, Math.floor(result.steps / 10));
    return withTable(result, () => result.losses.flatMap((loss, i) => (i % every === 0 || i === result.steps - 1 ? [{ step: i + 1, loss }] : [])),
      { caption: `${this.name}: ${result.steps} steps, ${result.ms.toFixed(0)} ms, ${result.tokensPerSecond.toFixed(0)} tokens/s` });
  }

  /**
   * Samples `n` completions per prompt until the end token, `maxTokens`, or the context is full. `tokenIds` and
   * `tokenLogProbs` include the end token when generation stopped on it (its token string is ''), so their sum equals
   * `logProb(prompt, text)`. Default maxTokens: whatever fits in the context.
   * @example
   * const [[s]] = await model.sample(['3+4='], { temperature: 0 }); // s.text === '7'
   */
  async sample(prompts: readonly string[], options: SampleOptions = {}): Promise<Sample[][]> {
    const fn = `${FN}.sample`;
    this.#alive(fn);
    const d = readDecoding(options, fn);
    const maxTokens = check.int(options.maxTokens ?? this.config.context, 'maxTokens', fn, { min: 1 });
    const gen = rng(d.seed);
    const rows = prompts.flatMap((prompt, p) => {
      const ids = this.#encode(prompt, `prompts[${p}]`, fn);
      if (ids.length + 1 > this.config.context) fail(fn, `prompts[${p}] has ${ids.length} characters but context is ${this.config.context}`);
      return Array.from({ length: d.n }, (): Row => ({ p, seq: [EOS_ID, ...ids], out: [], logProbs: [], top: [], finish: undefined }));
    });
    const names = this.vocabulary.map((t, i) => (i === EOS_ID ? '' : t));
    // Rows whose prompts have the same length decode in lockstep, sharing one key/value cache.
    const groups = new Map<number, Row[]>();
    for (const r of rows) {
      const group = groups.get(r.seq.length);
      if (group) group.push(r);
      else groups.set(r.seq.length, [r]);
    }
    for (const group of groups.values()) {
      await this.#decode(group, maxTokens, (logp, r) => {
        const probs = Float64Array.from(logp, Math.exp);
        // Plain sampling (temperature 1, no nucleus) draws from the probabilities themselves.
        const weights = d.temperature === 1 && d.topP === 1 ? probs : decodeWeights(probs, d);
        let total = 0;
        for (const w of weights) total += w;
        const id = drawIndex(weights, total, gen.next());
        r.out.push(id);
        r.logProbs.push(logp[id]!);
        r.top.push(topAlternatives(probs, names, Math.min(d.topK, logp.length)));
        if (id === EOS_ID) r.finish = 'stop';
        else r.seq.push(id);
      });
    }
    const result: Sample[][] = prompts.map(() => []);
    for (const r of rows) {
      const tokens = r.out.map((id) => names[id]!);
      result[r.p]!.push({
        prompt: prompts[r.p]!, text: tokens.join(''), tokenIds: r.out, tokenLogProbs: r.logProbs,
        topLogProbs: d.topK > 0 ? r.top : r.out.map(() => []), finishReason: r.finish!, tokens,
      });
    }
    return result;
  }

  /**
   * Log-probability of `completion` as a finished answer to `prompt` (its characters, then the end token).
   * Characters outside the vocabulary have probability 0, so the result is −Infinity.
   * @example
   * await model.logProb('3+4=', '7'); // close to 0 after training on addition
   */
  async logProb(prompt: string, completion: string): Promise<number> {
    return (await this.tokenLogProbs(prompt, completion)).logProbs.reduce((a, b) => a + b, 0);
  }

  /**
   * Per-token log-probabilities of `completion` after `prompt`, end token included (as token '').
   * @example
   * (await model.tokenLogProbs('3+4=', '7')).logProbs; // [log p('7'), log p(</s>)]
   */
  async tokenLogProbs(prompt: string, completion: string): Promise<{ tokens: string[]; logProbs: number[] }> {
    const fn = `${FN}.tokenLogProbs`;
    this.#alive(fn);
    const p = this.#encode(prompt, 'prompt', fn);
    const chars = [...completion];
    const c = chars.map((ch) => this.#ids.get(ch) ?? -1);
    const scored = await this.#score([...p, ...c], fn);
    return { tokens: [...chars, ''], logProbs: scored.slice(p.length) };
  }

  /**
   * Scores `text` from the start of a sequence, character by character, end token included (OpenAI `echo` shape).
   * @example
   * (await model.scoreText('1+1=2')).logProbs.length; // 6
   */
  async scoreText(text: string): Promise<ScoredText> {
    const fn = `${FN}.scoreText`;
    this.#alive(fn);
    const chars = [...text];
    const logProbs = await this.#score(chars.map((ch) => this.#ids.get(ch) ?? -1), fn);
    const offsets: number[] = [];
    let at = 0;
    for (const ch of chars) { offsets.push(at); at += ch.length; }
    return { tokens: [...chars, ''], offsets: [...offsets, text.length], logProbs };
  }

  /** Frees the weights. The model cannot be used afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    for (const v of this.#params.values()) v.dispose();
    this.#disposed = true;
  }

  /** Log-probabilities of each token of `ids` (−1 = unknown: −Infinity) and then of the end token. */
  async #score(ids: number[], fn: string): Promise<number[]> {
    if (ids.length + 1 > this.config.context) fail(fn, `text has ${ids.length} tokens but context is ${this.config.context} (start token included)`);
    const seq = [EOS_ID, ...ids.map((id) => Math.max(id, 0))];
    const t = seq.length, v = this.vocabulary.length;
    const logp = tf.tidy(() => {
      const mask = causalMask(t);
      return tf.logSoftmax(tf.reshape(forward(this.#params, this.config, tf.tensor2d(seq, [1, t], 'int32'), mask), [t, v]));
    });
    const values = (await logp.data()) as Float32Array;
    logp.dispose();
    return [...ids, EOS_ID].map((id, i) => (id < 0 ? -Infinity : values[i * v + id]!));
  }

  /**
   * Decodes a group of rows with equal-length prompts: one forward over the prompts, then one position per step with
   * the key/value cache (forwardCached), calling `pick` with each active row's next-token log-probabilities.
   */
  async #decode(group: Row[], maxTokens: number, pick: (logp: Float32Array, row: Row) => void): Promise<void> {
    const v = this.vocabulary.length;
    let cache: KvCache | undefined;
    let input = group.map((r) => r.seq);
    let start = 0;
    try {
      for (;;) {
        for (const r of group) if (!r.finish && (r.out.length >= maxTokens || r.seq.length >= this.config.context)) r.finish = 'length';
        if (group.every((r) => r.finish)) return;
        const width = input[0]!.length;
        const ids = Int32Array.from(input.flat());
        const previous = cache;
        const step = tf.tidy(() => {
          const out = forwardCached(this.#params, this.config, tf.tensor2d(ids, [group.length, width], 'int32'), start, previous);
          return { logp: tf.logSoftmax(out.logits), kT: out.cache.kT, v: out.cache.v };
        });
        if (previous) tf.dispose([...previous.kT, ...previous.v]);
        cache = { kT: step.kT, v: step.v };
        start += width;
        const logp = (await step.logp.data()) as Float32Array;
        step.logp.dispose();
        group.forEach((r, i) => { if (!r.finish) pick(logp.subarray(i * v, (i + 1) * v), r); });
        // Finished rows ride along with a placeholder token; their outputs are ignored.
        input = group.map((r) => [r.finish ? EOS_ID : r.seq.at(-1)!]);
      }
    } finally {
      if (cache) tf.dispose([...cache.kT, ...cache.v]);
    }
  }

  #encode(text: unknown, name: string, fn: string): Int32Array {
    if (typeof text !== 'string') fail(fn, `${name} must be a string (got ${typeof text})`);
    const chars = [...text];
    return Int32Array.from(chars, (ch) => {
      const id = this.#ids.get(ch);
      if (id === undefined) fail(fn, `${name} contains ${JSON.stringify(ch)}, which is not in the vocabulary (${this.vocabulary.length - 1} characters)`);
      return id;
    });
  }

  #alive(fn: string): void {
    if (this.#disposed) fail(fn, 'the model was disposed');
  }
}

/**
 * Creates a small causal transformer over characters. Defaults: dModel 64, layers 2, heads 4, context 64, seed 0.
 * Runs on the active tensor backend (call `tensor.init()` first; wasm trains a 2-layer d64 model at a few thousand
 * tokens per second on one core).
 * @example
 * const model = tinyTransformer({ corpus: data, dModel: 32, layers: 2, heads: 2, context: 16 });
 * model.fit(data, { steps: 400 }); const [[s]] = await model.sample(['3+4='], { temperature: 0 });
 */
export function tinyTransformer(options: TinyTransformerOptions = {}): TinyTransformer & Displayable {
  const chars = new Set<string>();
  if (options.vocab !== undefined) for (const c of typeof options.vocab === 'string' ? [...options.vocab] : options.vocab) chars.add(c);
  if (options.corpus !== undefined) {
    if (!Array.isArray(options.corpus)) fail(FN, 'corpus must be an array of strings');
    for (const text of options.corpus) for (const c of String(text)) chars.add(c);
  }
  if (chars.size === 0) fail(FN, 'give vocab or corpus (got no characters)');
  const dModel = check.int(options.dModel ?? DEFAULTS.dModel, 'dModel', FN, { min: 1 });
  const heads = check.int(options.heads ?? DEFAULTS.heads, 'heads', FN, { min: 1, max: dModel, maxName: 'dModel' });
  if (dModel % heads !== 0) fail(FN, `heads must divide dModel (got heads=${heads}, dModel=${dModel})`);
  const config: NetworkConfig = {
    vocabSize: chars.size + 1,
    dModel,
    heads,
    layers: check.int(options.layers ?? DEFAULTS.layers, 'layers', FN, { min: 1 }),
    context: check.int(options.context ?? DEFAULTS.context, 'context', FN, { min: 2 }),
  };
  const seed = check.finite(options.seed ?? DEFAULTS.seed, 'seed', FN);
  const model = new TinyTransformer([...chars].sort(), config, seed, options.name ?? DEFAULTS.name);
  return withTable(model, () => [{ name: model.name, backend: tf.getBackend(), vocabulary: config.vocabSize, dModel, layers: config.layers, heads, context: config.context, parameters: model.numParams }]);
}
