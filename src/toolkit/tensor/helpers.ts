/**
 * `tf.tidy`-safe helpers for training loops. Untidied op chains leak (50 softmax calls held 400 MB, and the wasm heap
 * never shrinks: shared/research/compute.md §1); these wrap the three patterns a loop needs so that only the
 * optimizer's own slots outlive a step.
 */
import tf from './tfjs.cjs';

/**
 * Runs one optimizer step on `lossFn` and returns the loss as a number. Gradients, intermediates and the returned
 * loss tensor are all disposed; only variables and optimizer slots (Adam: 2 per variable, created on the first
 * step) remain. `varList` defaults to every trainable variable `lossFn` touches.
 *
 * @example
 * const opt = tf.train.adam(1e-3);
 * for (let i = 0; i < 100; i++) losses.push(trainStep(opt, () => tf.losses.meanSquaredError(y, model(x))));
 */
export function trainStep(optimizer: tf.Optimizer, lossFn: () => tf.Scalar, varList?: tf.Variable[]): number {
  const loss = optimizer.minimize(lossFn, true, varList);
  if (!loss) throw new Error('trainStep: optimizer.minimize returned no loss (lossFn must return a scalar tensor)');
  try {
    return loss.dataSync()[0]!;
  } finally {
    loss.dispose();
  }
}

/**
 * Computes a tensor inside `tf.tidy`, copies its values out and disposes it: nothing stays allocated.
 * Async so that GPU backends read back without blocking.
 *
 * @example
 * const probs = await readTensor(() => tf.softmax(logits)); // Float32Array
 */
export async function readTensor(fn: () => tf.Tensor): Promise<Float32Array | Int32Array | Uint8Array> {
  const t = tf.tidy(fn);
  try {
    return (await t.data()) as Float32Array | Int32Array | Uint8Array;
  } finally {
    t.dispose();
  }
}

/**
 * Runs `fn` and returns how many tensors it left allocated (`tf.memory().numTensors` after minus before), with
 * `fn`'s own result. 0 means no leak; use it in tests and when a notebook's memory grows.
 *
 * @example
 * const { leaked } = await tensorDelta(() => { for (let i = 0; i < 10; i++) trainStep(opt, loss); });
 * // leaked = 2 × variables after the first Adam step, then 0 for later calls
 */
export async function tensorDelta<T>(fn: () => T | Promise<T>): Promise<{ leaked: number; result: T }> {
  const before = tf.memory().numTensors;
  const result = await fn();
  return { leaked: tf.memory().numTensors - before, result };
}
