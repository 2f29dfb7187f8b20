/**
 * Training for `models.tinyTransformer`: next-token cross-entropy over sequences `</s> text </s>`, padded per batch
 * and masked, optimised with Adam. Each step disposes everything but the weights and Adam's slots (the leak test in
 * tests/toolkit/tensor/helpers.test.ts checks the same pattern for 1,000 steps).
 */
import tf from '../../tensor/tfjs.cjs';
import { rng } from '../../util/random.js';
import { trainStep } from '../../tensor/helpers.js';
import { causalMask, forward, type NetworkConfig, type Params } from './network.js';

/** Options for `fit`. */
export interface FitOptions {
  /** Optimizer steps. Default: 200. */
  steps?: number;
  /** Texts per step, drawn uniformly with replacement. Default: 32. */
  batchSize?: number;
  /** Adam learning rate. Default: 3e-3. */
  lr?: number;
  /** Seed for batch draws; same seed, same batches. Default: 0. */
  seed?: number;
  /** Called after each step with its 0-based index and loss (e.g. to update a live plot). Default: none. */
  onStep?: (step: number, loss: number) => void;
}

/** Defaults for `FitOptions`, declared once. */
export const FIT_DEFAULTS = { steps: 200, batchSize: 32, lr: 3e-3, seed: 0 } as const;

/** What `fit` returns. */
export interface FitResult {
  /** Mean token cross-entropy (nats) after each step. */
  losses: number[];
  steps: number;
  /** Wall-clock milliseconds for all steps. */
  ms: number;
  /** Trained tokens per second (end tokens included, padding excluded). */
  tokensPerSecond: number;
}

/** End-of-text id; it also starts every sequence. */
export const EOS_ID = 0;

/** One padded batch: row-major [rows × t] token ids, next-token targets, and per-position loss weights. */
export interface Batch {
  inputs: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  rows: number;
  t: number;
}

/**
 * Weighted mean next-token cross-entropy (nats) of a batch; `mask` is `causalMask(batch.t)`. Tidy: returns only the
 * scalar.
 */
export function sequenceLoss(params: Params, config: NetworkConfig, batch: Batch, mask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const { rows, t } = batch;
    const logits = forward(params, config, tf.tensor2d(batch.inputs, [rows, t], 'int32'), mask);
    const logp = tf.logSoftmax(tf.reshape(logits, [rows * t, config.vocabSize]));
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(batch.targets, 'int32'), config.vocabSize)), 1);
    const w = tf.tensor1d(batch.weights);
    return tf.div(tf.neg(tf.sum(tf.mul(picked, w))), tf.sum(w)) as tf.Scalar;
  });
}

/** Runs `steps` Adam steps on `encoded` (token ids of each text, without boundary tokens). */
export function trainLoop(params: Params, config: NetworkConfig, encoded: readonly Int32Array[], options: Required<Omit<FitOptions, 'onStep'>> & Pick<FitOptions, 'onStep'>): FitResult {
  const gen = rng(options.seed);
  const optimizer = tf.train.adam(options.lr);
  const masks = new Map<number, tf.Tensor2D>();
  const vars = [...params.values()];
  const losses: number[] = [];
  let tokens = 0;
  const started = performance.now();
  try {
    for (let step = 0; step < options.steps; step++) {
      const batch = Array.from({ length: options.batchSize }, () => encoded[gen.int(encoded.length)]!);
      const t = Math.max(...batch.map((s) => s.length)) + 1;
      const inputs = new Int32Array(batch.length * t).fill(EOS_ID);
      const targets = new Int32Array(batch.length * t).fill(EOS_ID);
      const weights = new Float32Array(batch.length * t);
      batch.forEach((seq, r) => {
        inputs.set(seq, r * t + 1);
        targets.set(seq, r * t);
        weights.fill(1, r * t, r * t + seq.length + 1); // the text and its end token; padding has weight 0
        tokens += seq.length + 1;
      });
      let mask = masks.get(t);
      if (!mask) masks.set(t, (mask = causalMask(t)));
      const loss = trainStep(optimizer, () => sequenceLoss(params, config, { inputs, targets, weights, rows: batch.length, t }, mask!), vars);
      losses.push(loss);
      options.onStep?.(step, loss);
    }
  } finally {
    optimizer.dispose();
    for (const m of masks.values()) m.dispose();
  }
  const ms = performance.now() - started;
  return { losses, steps: options.steps, ms, tokensPerSecond: ms > 0 ? (tokens / ms) * 1000 : 0 };
}
