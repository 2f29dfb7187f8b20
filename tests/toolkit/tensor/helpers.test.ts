// Issue 6: 1,000 training steps (embedding via gather, matMul, Adam) leak no tensors on wasm and on cpu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { use, tf, trainStep, readTensor, tensorDelta } from '../../../src/toolkit/tensor/index.js';

/** A tiny bag-of-embeddings classifier: gather (needs the wasm UnsortedSegmentSum kernel) then two matMuls. */
function tinyModel(seed: number) {
  const embed = tf.variable(tf.randomNormal([12, 8], 0, 0.3, 'float32', seed));
  const w = tf.variable(tf.randomNormal([8, 3], 0, 0.3, 'float32', seed + 1));
  const b = tf.variable(tf.zeros([3]));
  const ids = tf.tensor2d([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 0]], [4, 3], 'int32');
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
  const loss = () => tf.tidy(() => {
    const h = tf.mean(tf.gather(embed, ids), 1) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(h, w), b)) as tf.Scalar;
  });
  const dispose = () => tf.dispose([embed, w, b, ids, labels]);
  return { loss, dispose, vars: [embed, w, b] };
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`1,000 training steps on ${backend} keep tf.memory().numTensors constant and lower the loss`, async () => {
    await use(backend);
    const model = tinyModel(1);
    const optimizer = tf.train.adam(0.05);
    const first = trainStep(optimizer, model.loss, model.vars); // creates Adam's 2 slots per variable
    const afterFirst = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 1000; i++) {
      last = trainStep(optimizer, model.loss, model.vars);
      if (i % 100 === 0) assert.equal(tf.memory().numTensors, afterFirst, `step ${i} leaked`);
    }
    assert.equal(tf.memory().numTensors, afterFirst);
    // 4 separable examples: the cross-entropy falls from ~ln 3 towards 0.
    assert.ok(first > 0.9 && last < 0.05, `loss ${first} → ${last}`);
    optimizer.dispose();
    model.dispose();
  });
}

test('readTensor returns the values and frees every tensor it made', async () => {
  await use('wasm');
  const x = tf.tensor1d([1, 2, 3]);
  const { leaked, result } = await tensorDelta(() => readTensor(() => tf.softmax(tf.mul(x, 2))));
  assert.equal(leaked, 0);
  const z = Math.exp(2) + Math.exp(4) + Math.exp(6);
  [Math.exp(2) / z, Math.exp(4) / z, Math.exp(6) / z].forEach((p, i) => assert.ok(Math.abs(result[i]! - p) < 1e-6));
  x.dispose();
});

test('tensorDelta counts tensors left behind', async () => {
  await use('wasm');
  const { leaked, result } = await tensorDelta(() => [tf.ones([2]), tf.zeros([3])]);
  assert.equal(leaked, 2);
  tf.dispose(result);
});
