/**
 * The network of `models.tinyTransformer`: a pre-LayerNorm causal decoder (GPT-2 layout, Radford et al. 2019) written
 * with raw tfjs ops, because tf.layers exports no attention layer (shared/research/compute.md §1). Two choices follow
 * the wasm measurements there: attention tensors stay 4-D (5-D transposes were a third of a step), and keys are
 * transposed once to [B, H, dh, T] so no matMul needs a transpose flag.
 */
import tf from '../../tensor/tfjs.cjs';
import { rng } from '../../util/random.js';

/** Shape of the network. */
export interface NetworkConfig {
  vocabSize: number;
  dModel: number;
  layers: number;
  heads: number;
  context: number;
}

/**
 * All trainable weights, keyed by stable names (`layer0.wq`, `tokEmbed`, ...). The tf.Variables themselves get tfjs's
 * automatic unique names, so several models can coexist.
 */
export type Params = Map<string, tf.Variable>;

/** Creates the weights from `seed` with the toolkit's generator, so initialisation is identical on every backend. */
export function initParams(config: NetworkConfig, seed: number): Params {
  const { vocabSize: v, dModel: d, layers, context } = config;
  const gen = rng(seed);
  const params: Params = new Map();
  const add = (name: string, shape: number[], std: number, fill?: number) => {
    const size = shape.reduce((p, x) => p * x, 1);
    const values = Float32Array.from({ length: size }, () => (fill !== undefined ? fill : gen.normal() * std));
    // The initial tensor is disposed: a variable keeps its own reference to the data.
    const initial = tf.tensor(values, shape);
    params.set(name, tf.variable(initial, true));
    initial.dispose();
  };
  add('tokEmbed', [v, d], 0.02);
  add('posEmbed', [context, d], 0.02);
  // Residual projections are scaled by 1/sqrt(2·layers) so the residual stream's variance does not grow with depth
  // (GPT-2's initialisation).
  const residualStd = 1 / Math.sqrt(d) / Math.sqrt(2 * layers);
  for (let l = 0; l < layers; l++) {
    const p = `layer${l}.`;
    add(p + 'ln1.gamma', [d], 0, 1);
    add(p + 'ln1.beta', [d], 0, 0);
    for (const m of ['wq', 'wk', 'wv']) add(p + m, [d, d], 1 / Math.sqrt(d));
    add(p + 'wo', [d, d], residualStd);
    add(p + 'bo', [d], 0, 0);
    add(p + 'ln2.gamma', [d], 0, 1);
    add(p + 'ln2.beta', [d], 0, 0);
    add(p + 'w1', [d, 4 * d], 1 / Math.sqrt(d));
    add(p + 'b1', [4 * d], 0, 0);
    add(p + 'w2', [4 * d, d], residualStd / 2);
    add(p + 'b2', [d], 0, 0);
  }
  add('lnf.gamma', [d], 0, 1);
  add('lnf.beta', [d], 0, 0);
  add('head', [d, v], 1 / Math.sqrt(d));
  add('headBias', [v], 0, 0);
  return params;
}

/**
 * Additive causal mask [T, start + T] for T new positions after `start` cached ones: 0 where key j ≤ start + i,
 * −1e9 elsewhere (a large finite value keeps softmax NaN-free). Default start: 0, the square mask.
 */
export function causalMask(t: number, start = 0): tf.Tensor2D {
  const width = start + t;
  const values = new Float32Array(t * width);
  for (let i = 0; i < t; i++) for (let j = start + i + 1; j < width; j++) values[i * width + j] = -1e9;
  return tf.tensor2d(values, [t, width]);
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
}

/** x [N, a] · w [a, b] + bias, as 2-D products (tfjs's matMul gradient does not reduce broadcast batch axes). */
function dense(x: tf.Tensor2D, w: tf.Tensor, bias?: tf.Tensor): tf.Tensor2D {
  const y = tf.matMul(x, w as tf.Tensor2D) as tf.Tensor2D;
  return bias ? tf.add<tf.Tensor2D>(y, bias) : y;
}

/** Keys (transposed, [B, H, dh, T]) and values ([B, H, T, dh]) of every layer for the T positions seen so far. */
export interface KvCache {
  kT: tf.Tensor4D[];
  v: tf.Tensor4D[];
}

/**
 * The transformer blocks for ids [B, S] at positions start … start+S−1, attending to `cache` (positions before start)
 * and causally to themselves. Returns the residual stream [B·S, d] and the cache extended by these positions.
 */
function blocks(params: Params, config: NetworkConfig, ids: tf.Tensor2D, start: number, mask: tf.Tensor2D, cache?: KvCache): { x: tf.Tensor2D; cache: KvCache } {
  const [b, t] = ids.shape;
  const { dModel: d, heads: h, layers } = config;
  const dh = d / h;
  const get = (name: string) => params.get(name)!;
  const pos = tf.slice(get('posEmbed'), [start, 0], [t, d]);
  // [B·T, d]: every dense layer works on 2-D rows.
  let x = tf.reshape(tf.add(tf.gather(get('tokEmbed'), ids), pos), [b * t, d]) as tf.Tensor2D;
  const scale = tf.scalar(1 / Math.sqrt(dh));
  const next: KvCache = { kT: [], v: [] };
  for (let l = 0; l < layers; l++) {
    const p = `layer${l}.`;
    const a = layerNorm(x, get(p + 'ln1.gamma'), get(p + 'ln1.beta')) as tf.Tensor2D;
    const split = (w: string, perm: number[]) => tf.transpose(tf.reshape(dense(a, get(p + w)), [b, t, h, dh]), perm) as tf.Tensor4D;
    const q = split('wq', [0, 2, 1, 3]); // [B, H, T, dh]
    let kT = split('wk', [0, 2, 3, 1]); // [B, H, dh, T]
    let v = split('wv', [0, 2, 1, 3]); // [B, H, T, dh]
    if (cache) {
      kT = tf.concat([cache.kT[l]!, kT], 3);
      v = tf.concat([cache.v[l]!, v], 2);
    }
    next.kT.push(kT);
    next.v.push(v);
    const weights = tf.softmax(tf.add(tf.mul(tf.matMul(q, kT), scale), mask));
    const attended = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D;
    x = tf.add(x, dense(attended, get(p + 'wo'), get(p + 'bo')));
    const m = layerNorm(x, get(p + 'ln2.gamma'), get(p + 'ln2.beta')) as tf.Tensor2D;
    x = tf.add(x, dense(tf.relu(dense(m, get(p + 'w1'), get(p + 'b1'))), get(p + 'w2'), get(p + 'b2')));
  }
  return { x, cache: next };
}

function head(params: Params, x: tf.Tensor2D): tf.Tensor2D {
  const out = layerNorm(x, params.get('lnf.gamma')!, params.get('lnf.beta')!) as tf.Tensor2D;
  return dense(out, params.get('head')!, params.get('headBias')!);
}

/**
 * Logits [B, T, V] for token ids [B, T] (int32). `mask` is `causalMask(T)`. Call inside `tf.tidy`.
 */
export function forward(params: Params, config: NetworkConfig, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
  const [b, t] = ids.shape;
  return tf.reshape(head(params, blocks(params, config, ids, 0, mask).x), [b, t, config.vocabSize]);
}

/**
 * Incremental decoding: logits [B, V] of the last of the new positions ids [B, S] (at start … start+S−1) and the
 * extended key/value cache. Without `cache`, start must be 0 (the prompt). Sampling costs one position per token
 * instead of the whole prefix. Call inside `tf.tidy` and keep what it returns.
 */
export function forwardCached(params: Params, config: NetworkConfig, ids: tf.Tensor2D, start: number, cache?: KvCache): { logits: tf.Tensor2D; cache: KvCache } {
  const [b, t] = ids.shape;
  const run = blocks(params, config, ids, start, causalMask(t, start), cache);
  const last = tf.reshape(tf.slice(tf.reshape(run.x, [b, t, config.dModel]), [0, t - 1, 0], [b, 1, config.dModel]), [b, config.dModel]) as tf.Tensor2D;
  return { logits: head(params, last), cache: run.cache };
}

/** Number of trainable scalars. */
export function countParams(params: Params): number {
  let n = 0;
  for (const v of params.values()) n += v.size;
  return n;
}
