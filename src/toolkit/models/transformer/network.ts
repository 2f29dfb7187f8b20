/**
 * The network of `models.tinyTransformer`: a pre-LayerNorm causal decoder (GPT-2 layout, Radford et al. 2019) written
 * with raw tfjs ops, because tf.layers exports no attention layer (shared/research/compute.md §1). Two choices follow
 * the wasm measurements there: attention tensors stay 4-D (5-D transposes were a third of a step), and keys are
 * transposed once to [B, H, dh, T] so no matMul needs a transpose flag.
 */
import * as tf from '@tensorflow/tfjs';
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

/** Additive causal mask [T, T]: 0 on and below the diagonal, −1e9 above (a large finite value keeps softmax NaN-free). */
export function causalMask(t: number): tf.Tensor2D {
  const values = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) values[i * t + j] = -1e9;
  return tf.tensor2d(values, [t, t]);
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

/**
 * Logits [B, T, V] for token ids [B, T] (int32). `mask` is `causalMask(T)`. Call inside `tf.tidy`.
 */
export function forward(params: Params, config: NetworkConfig, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D {
  const [b, t] = ids.shape;
  const { dModel: d, heads: h, layers } = config;
  const dh = d / h;
  const get = (name: string) => params.get(name)!;
  const pos = tf.slice(get('posEmbed'), [0, 0], [t, d]);
  // [B·T, d]: every dense layer works on 2-D rows.
  let x = tf.reshape(tf.add(tf.gather(get('tokEmbed'), ids), pos), [b * t, d]) as tf.Tensor2D;
  const scale = tf.scalar(1 / Math.sqrt(dh));
  for (let l = 0; l < layers; l++) {
    const p = `layer${l}.`;
    const a = layerNorm(x, get(p + 'ln1.gamma'), get(p + 'ln1.beta')) as tf.Tensor2D;
    const split = (w: string, perm: number[]) => tf.transpose(tf.reshape(dense(a, get(p + w)), [b, t, h, dh]), perm) as tf.Tensor4D;
    const q = split('wq', [0, 2, 1, 3]); // [B, H, T, dh]
    const kT = split('wk', [0, 2, 3, 1]); // [B, H, dh, T]
    const v = split('wv', [0, 2, 1, 3]); // [B, H, T, dh]
    const weights = tf.softmax(tf.add(tf.mul(tf.matMul(q, kT), scale), mask));
    const attended = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D;
    x = tf.add(x, dense(attended, get(p + 'wo'), get(p + 'bo')));
    const m = layerNorm(x, get(p + 'ln2.gamma'), get(p + 'ln2.beta')) as tf.Tensor2D;
    x = tf.add(x, dense(tf.relu(dense(m, get(p + 'w1'), get(p + 'b1'))), get(p + 'w2'), get(p + 'b2')));
  }
  const out = layerNorm(x, get('lnf.gamma'), get('lnf.beta')) as tf.Tensor2D;
  return tf.reshape(dense(out, get('head'), get('headBias')), [b, t, config.vocabSize]);
}

/** Number of trainable scalars. */
export function countParams(params: Params): number {
  let n = 0;
  for (const v of params.values()) n += v.size;
  return n;
}
