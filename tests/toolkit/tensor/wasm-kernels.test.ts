// Issue 6: the wasm matMul kernels transpose explicitly with identical results, and gather has a gradient on wasm.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { use, tf } from '../../../src/toolkit/tensor/index.js';
import { rng } from '../../../src/toolkit/util/random.js';

type Nested = number | Nested[];

function randomArray(shape: number[], seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => r.normal());
}

/** Runs `fn` on a backend with fresh tensors built from the given values and returns plain arrays. */
async function on(backend: 'wasm' | 'cpu', inputs: { values: Float32Array | Int32Array; shape: number[] }[], fn: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[]): Promise<Nested[]> {
  await use(backend);
  return tf.tidy(() => {
    const xs = inputs.map((x) => tf.tensor(x.values, x.shape, x.values instanceof Int32Array ? 'int32' : 'float32'));
    const out = fn(...xs);
    return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync() as Nested);
  });
}

function assertClose(actual: Nested, expected: Nested, tol: number, path = ''): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `shape differs at ${path}`);
    expected.forEach((e, i) => assertClose((actual as Nested[])[i]!, e, tol, `${path}[${i}]`));
    return;
  }
  const a = actual as number;
  assert.ok(Math.abs(a - expected) <= tol * Math.max(1, Math.abs(expected)), `${path}: ${a} vs ${expected}`);
}

before(async () => {
  await use('wasm');
});

const SHAPES: [number[], number[]][] = [
  [[7, 5], [5, 9]],
  [[3, 7, 5], [3, 5, 9]],
  [[2, 3, 7, 5], [2, 3, 5, 9]],
  [[3, 7, 5], [1, 5, 9]], // batch broadcast
  // Entries of ≥ 32³ multiply-adds go through the per-batch loop over heap views: equal batches and both broadcasts.
  [[2, 3, 40, 33], [2, 3, 33, 30]],
  [[4, 40, 33], [1, 33, 30]],
  [[1, 40, 33], [4, 33, 30]],
];

test('flagged matMul on wasm equals an explicit transpose bit for bit, for every flag and rank', async () => {
  for (const [sa, sb] of SHAPES) {
    for (const [ta, tb] of [[false, true], [true, false], [true, true]] as const) {
      const shapeA = ta ? [...sa.slice(0, -2), sa.at(-1)!, sa.at(-2)!] : sa;
      const shapeB = tb ? [...sb.slice(0, -2), sb.at(-1)!, sb.at(-2)!] : sb;
      const inputs = [{ values: randomArray(shapeA, 1), shape: shapeA }, { values: randomArray(shapeB, 2), shape: shapeB }];
      const swap = (x: tf.Tensor) => {
        const perm = x.shape.map((_, i) => i);
        [perm[perm.length - 2], perm[perm.length - 1]] = [perm.length - 1, perm.length - 2];
        return tf.transpose(x, perm);
      };
      const [flagged, explicit] = await on('wasm', inputs, (a, b) => [
        tf.matMul(a!, b!, ta, tb),
        tf.matMul(ta ? swap(a!) : a!, tb ? swap(b!) : b!),
      ]);
      assert.deepEqual(flagged, explicit, `shapes ${shapeA} × ${shapeB}, transposeA=${ta}, transposeB=${tb}`);
      const [reference] = await on('cpu', inputs, (a, b) => tf.matMul(a!, b!, ta, tb));
      assertClose(flagged!, reference!, 1e-5);
    }
  }
});

test('fused matMul with a batched bias and each activation matches cpu, with and without transpose flags', async () => {
  // tfjs-backend-wasm 4.22 adds the bias wrongly in _FusedMatMul when the batch is larger than 1.
  const inputs = [
    { values: randomArray([2, 5, 7], 3), shape: [2, 5, 7] },
    { values: randomArray([2, 9, 5], 4), shape: [2, 9, 5] },
    { values: randomArray([9], 5), shape: [9] },
  ];
  for (const activation of ['linear', 'relu', 'elu', 'sigmoid', 'leakyrelu'] as const) {
    for (const flags of [true, false]) {
      const fn = (a: tf.Tensor, b: tf.Tensor, bias: tf.Tensor) => tf.fused.matMul({
        a: (flags ? a : tf.transpose(a, [0, 2, 1])) as tf.Tensor3D, b: (flags ? b : tf.transpose(b, [0, 2, 1])) as tf.Tensor3D,
        transposeA: flags, transposeB: flags, bias, activation, leakyreluAlpha: 0.1,
      });
      const [wasm] = await on('wasm', inputs, (a, b, c) => fn(a!, b!, c!));
      const [cpu] = await on('cpu', inputs, (a, b, c) => fn(a!, b!, c!));
      assertClose(wasm!, cpu!, 1e-5, `${activation} flags=${flags}`);
    }
  }
});

test('matMul gradients on wasm match cpu', async () => {
  // Same-rank operands: tfjs's BatchMatMul gradient does not reduce over broadcast batch axes on any backend.
  const inputs = [{ values: randomArray([4, 6, 8], 6), shape: [4, 6, 8] }, { values: randomArray([4, 8, 3], 7), shape: [4, 8, 3] }];
  const grads = (a: tf.Tensor, b: tf.Tensor) => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([a, b]);
  const wasm = await on('wasm', inputs, (a, b) => grads(a!, b!));
  const cpu = await on('cpu', inputs, (a, b) => grads(a!, b!));
  assertClose(wasm, cpu, 1e-4);
});

test('gather has a gradient on wasm: a scatter-add of the upstream gradient, checked by hand', async () => {
  const vocab = 6, dim = 4;
  const ids = Int32Array.from([1, 3, 1, 5, 0, 1, 3]);
  const upstream = randomArray([ids.length, dim], 8);
  const table = randomArray([vocab, dim], 9);
  const inputs = [{ values: table, shape: [vocab, dim] }, { values: ids, shape: [ids.length] }, { values: upstream, shape: [ids.length, dim] }];
  const [wasm] = await on('wasm', inputs, (t, i, u) => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, i as tf.Tensor1D), u!)))(t!));
  const expected = Array.from({ length: vocab }, () => new Array<number>(dim).fill(0));
  ids.forEach((id, row) => { for (let j = 0; j < dim; j++) expected[id]![j]! += upstream[row * dim + j]!; });
  assertClose(wasm!, expected, 1e-6);
  const [cpu] = await on('cpu', inputs, (t, i, u) => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, i as tf.Tensor1D), u!)))(t!));
  assertClose(wasm!, cpu!, 1e-6);
});

test('unsortedSegmentSum on wasm: 2-D segment ids, ids out of range dropped, empty segments zero', async () => {
  const x = randomArray([2, 3, 2], 10);
  const ids = Int32Array.from([0, 2, -1, 2, 7, 0]);
  const [wasm] = await on('wasm', [{ values: x, shape: [2, 3, 2] }, { values: ids, shape: [2, 3] }], (a, i) => tf.unsortedSegmentSum(a!, i as tf.Tensor1D, 4));
  const expected = Array.from({ length: 4 }, () => [0, 0]);
  ids.forEach((s, row) => { if (s >= 0 && s < 4) for (let j = 0; j < 2; j++) expected[s]![j]! += x[row * 2 + j]!; });
  assertClose(wasm!, expected, 1e-6);
});

test('NaN propagates through the patched matMul', async () => {
  const a = randomArray([3, 4], 11);
  a[5] = NaN;
  const [out] = await on('wasm', [{ values: a, shape: [3, 4] }, { values: randomArray([5, 4], 12), shape: [5, 4] }], (x, y) => tf.matMul(x!, y!, false, true));
  assert.ok((out as number[][])[1]!.every(Number.isNaN));
  assert.ok((out as number[][])[0]!.every(Number.isFinite));
});

test('the per-batch path frees its heap views: backend data ids stay constant over repeated gradients', async () => {
  await use('wasm');
  const a = tf.tensor(randomArray([4, 40, 33], 13), [4, 40, 33]);
  const b = tf.tensor(randomArray([4, 33, 30], 14), [4, 33, 30]);
  const step = () => tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)))([a, b]).map((g) => g.dataSync()));
  step();
  const ids = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
  const before = ids();
  for (let i = 0; i < 50; i++) step();
  assert.equal(ids(), before);
  tf.dispose([a, b]);
});

test('sum over leading axes (the product with a row of ones) matches a hand-computed sum, with keepDims', async () => {
  const shape = [70, 3, 5];
  const x = randomArray(shape, 15);
  const cases: [number | number[], boolean][] = [[0, false], [[0, 1], false], [[1, 0], true], [-3, true], [2, false]];
  for (const [axis, keepDims] of cases) {
    const [wasm] = await on('wasm', [{ values: x, shape }], (t) => tf.sum(t!, axis, keepDims));
    const [cpu] = await on('cpu', [{ values: x, shape }], (t) => tf.sum(t!, axis, keepDims));
    assertClose(wasm!, cpu!, 1e-5, `axis ${axis} keepDims ${keepDims}`);
  }
  // Axis 0 by hand: out[j][k] = Σ_i x[i][j][k].
  const [byHand] = await on('wasm', [{ values: x, shape }], (t) => tf.sum(t!, 0));
  const expected = Array.from({ length: 3 }, (_, j) => Array.from({ length: 5 }, (_, k) => {
    let s = 0;
    for (let i = 0; i < 70; i++) s += x[i * 15 + j * 5 + k]!;
    return s;
  }));
  assertClose(byHand!, expected, 1e-5);
  const ints = Int32Array.from({ length: 140 }, (_, i) => i);
  const [intSum] = await on('wasm', [{ values: ints, shape: [70, 2] }], (t) => tf.sum(t!, 0));
  assert.deepEqual(intSum, [70 * 69, 70 * 70]);
});
