/**
 * Tensor benchmark cases shared by bench/tensor.bench.ts (wasm vs PyTorch-CPU) and bench/gpu/gpu.bench.ts (webgpu vs
 * wasm on a GPU machine). Shapes follow shared/research/compute.md §1 so numbers compare with the measured ones.
 * Every case ends by reading a value back, so asynchronous (GPU) backends are timed to completion.
 */
import * as tf from '@tensorflow/tfjs';
import { initParams, causalMask, type NetworkConfig } from '../../src/toolkit/models/transformer/network.js';
import { sequenceLoss } from '../../src/toolkit/models/transformer/train.js';
import { tinyTransformer } from '../../src/toolkit/models/tiny-transformer.js';
import { trainStep } from '../../src/toolkit/tensor/helpers.js';
import { rng } from '../../src/toolkit/util/random.js';

/** A prepared case: `run` does one repetition; `dispose` frees what setup allocated. */
export interface BenchCase {
  run(): Promise<unknown>;
  dispose(): void;
}

/** The transformer of the "transformer step" case: 2 layers, d128, 4 heads, T64, B16, V512 (~0.5M parameters). */
export const TRANSFORMER: NetworkConfig & { batch: number } = { vocabSize: 512, dModel: 128, layers: 2, heads: 4, context: 64, batch: 16 };

function randomTensor(shape: number[], seed: number, std = 1): tf.Tensor {
  const gen = rng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => gen.normal() * std), shape);
}

/** Reads one element, which waits for asynchronous backends to finish the op. */
async function readOne(t: tf.Tensor): Promise<number> {
  const one = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), [0], [1]));
  const v = (await one.data())[0]!;
  one.dispose();
  return v;
}

/** n × n float32 matMul. */
export function matMulCase(n = 1024): BenchCase {
  const a = randomTensor([n, n], 1), b = randomTensor([n, n], 2);
  return {
    run: async () => { const c = tf.matMul(a, b); const v = await readOne(c); c.dispose(); return v; },
    dispose: () => tf.dispose([a, b]),
  };
}

/** batch 256, 512 → 512 (relu) → 10, softmax cross-entropy, Adam via optimizer.minimize. */
export function mlpCase(): BenchCase {
  const w1 = tf.variable(randomTensor([512, 512], 3, 0.04)), b1 = tf.variable(tf.zeros([512]));
  const w2 = tf.variable(randomTensor([512, 10], 4, 0.04)), b2 = tf.variable(tf.zeros([10]));
  const x = randomTensor([256, 512], 5);
  const gen = rng(6);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 256 }, () => gen.int(10)), 'int32'), 10);
  const optimizer = tf.train.adam(1e-3);
  const loss = () => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)) as tf.Scalar;
  return {
    run: async () => trainStep(optimizer, loss, [w1, b1, w2, b2]),
    dispose: () => { optimizer.dispose(); tf.dispose([w1, b1, w2, b2, x, y]); },
  };
}

/** One Adam step of the tinyTransformer network on random tokens (embedding gather, causal attention, ReLU MLP). */
export function transformerStepCase(): BenchCase {
  const { batch, context: t, vocabSize } = TRANSFORMER;
  const params = initParams(TRANSFORMER, 0);
  const gen = rng(7);
  const inputs = Int32Array.from({ length: batch * t }, () => gen.int(vocabSize));
  const targets = Int32Array.from({ length: batch * t }, () => gen.int(vocabSize));
  const weights = new Float32Array(batch * t).fill(1);
  const mask = causalMask(t);
  const optimizer = tf.train.adam(1e-3);
  const vars = [...params.values()];
  return {
    run: async () => trainStep(optimizer, () => sequenceLoss(params, TRANSFORMER, { inputs, targets, weights, rows: batch, t }, mask), vars),
    dispose: () => { optimizer.dispose(); mask.dispose(); tf.dispose(vars); },
  };
}

/** Softmax over the last axis of a rows × cols matrix. */
export function softmaxCase(rows = 4096, cols = 8192): BenchCase {
  const x = randomTensor([rows, cols], 8);
  return {
    run: async () => { const p = tf.softmax(x); const v = await readOne(p); p.dispose(); return v; },
    dispose: () => x.dispose(),
  };
}

/** One draw per row; tf.multinomial normalises the logits itself (softmax + inverse-CDF sampling). */
export function multinomialCase(rows = 4096, cols = 8192): BenchCase {
  const x = randomTensor([rows, cols], 9);
  let seed = 0;
  return {
    run: async () => { const s = tf.multinomial(x as tf.Tensor2D, 1, seed++); const v = await readOne(s); s.dispose(); return v; },
    dispose: () => x.dispose(),
  };
}

/** tinyTransformer.sample: 64 sequences × 32 new tokens from an untrained TRANSFORMER-shaped model (key/value cache). */
export function samplingCase(): BenchCase {
  const vocab = Array.from({ length: TRANSFORMER.vocabSize - 1 }, (_, i) => String.fromCodePoint(0x100 + i));
  const model = tinyTransformer({ vocab, dModel: TRANSFORMER.dModel, layers: TRANSFORMER.layers, heads: TRANSFORMER.heads, context: TRANSFORMER.context, seed: 0 });
  let seed = 0;
  return {
    run: () => model.sample([vocab[0]!], { n: 64, maxTokens: 32, seed: seed++ }),
    dispose: () => model.dispose(),
  };
}

/** Median milliseconds of `c.run()` after two warm-up runs, repeating for at least `minSeconds` (3–200 runs). */
export async function timeCase(c: BenchCase, minSeconds: number): Promise<number> {
  await c.run();
  await c.run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < minSeconds * 1000 && times.length < 200)) {
    const t0 = performance.now();
    await c.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}
