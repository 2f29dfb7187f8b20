import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTensorValues, formatValue, isTensorLike, tensorBundle, type TensorLike } from '../../../src/display/formatters/index.js';

function fake(data: number[], shape: number[], dtype = 'float32', extra: Partial<TensorLike> = {}): TensorLike & { dataId: object } {
  return { shape, dtype, size: data.length, dataSync: () => Float32Array.from(data), dataId: {}, ...extra };
}

test('formatTensorValues: nested rows like numpy, with blank lines between matrices', () => {
  assert.equal(formatTensorValues([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), '[[1, 2, 3],\n [4, 5, 6]]');
  assert.equal(formatTensorValues([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'int32'), '[[[1, 2],\n  [3, 4]],\n\n [[5, 6],\n  [7, 8]]]');
  assert.equal(formatTensorValues([0.5], [], 'float32'), '0.5');
  assert.equal(formatTensorValues([1, 0], [2], 'bool'), '[true, false]');
  assert.equal(formatTensorValues(['a', 'b'], [2], 'string'), '["a", "b"]');
});

test('formatTensorValues: above 1000 elements each axis shows 3 items at each end', () => {
  const data = Array.from({ length: 2000 }, (_, i) => i);
  assert.equal(formatTensorValues(data, [2000], 'int32'), '[0, 1, 2, …, 1997, 1998, 1999]');
  const text = formatTensorValues(data, [100, 20], 'int32');
  const lines = text.split('\n');
  assert.equal(lines.length, 7);
  assert.equal(lines[0], '[[0, 1, 2, …, 17, 18, 19],');
  assert.equal(lines[3], ' …,');
  assert.equal(lines[6], ' [1980, 1981, 1982, …, 1997, 1998, 1999]]');
});

test('tensorBundle: header with dtype and shape, HTML escaped, disposed tensors are not read', () => {
  const bundle = tensorBundle(fake([1.5, 2.25], [2]));
  assert.equal(bundle['text/plain'], 'Tensor float32 [2]\n[1.5, 2.25]');
  assert.ok((bundle['text/html'] as string).includes('<code>float32</code> shape <code>[2]</code>'));
  const disposed = fake([1], [1], 'float32', { isDisposed: true, dataSync: () => assert.fail('read a disposed tensor') });
  assert.equal(tensorBundle(disposed)['text/plain'], 'Tensor float32 [1]\n(disposed)');
  assert.equal(isTensorLike({ shape: [1], dtype: 'float32' }), false);
});

test('formatValue: real tfjs tensors (numeric, bool, string)', async () => {
  const tf = await import('@tensorflow/tfjs');
  const t = tf.tensor2d([[1, 2], [3, 4]]);
  assert.equal(formatValue(t)!['text/plain'], 'Tensor float32 [2, 2]\n[[1, 2],\n [3, 4]]');
  assert.equal(formatValue(tf.tensor1d([true, false], 'bool'))!['text/plain'], 'Tensor bool [2]\n[true, false]');
  assert.equal(formatValue(tf.tensor1d(['ab', 'c'], 'string'))!['text/plain'], 'Tensor string [2]\n["ab", "c"]');
  const v = tf.variable(tf.zeros([2]));
  assert.equal(formatValue(v)!['text/plain'], 'Tensor float32 [2]\n[0, 0]');
  t.dispose();
  assert.equal(formatValue(t)!['text/plain'], 'Tensor float32 [2, 2]\n(disposed)');
});
