/**
 * Kernels that make the tfjs `wasm` backend fit for training (issue 6; measurements in
 * shared/research/compute.md §1):
 *
 * - `BatchMatMul` and `_FusedMatMul` with a transpose flag take XNNPACK's slow path on wasm (11–29× slower at 512²),
 *   and matMul's gradient always sets those flags. The replacements transpose the flagged operand explicitly with the
 *   wasm `Transpose` kernel and call the original kernel without flags: the same arithmetic in the same order, so
 *   results are identical, and an MLP step gets ~11× faster.
 * - A `BatchMatMul` with more than one matrix in the batch also takes the slow loop (~1.5 GFLOP/s against ~25 for a
 *   single matrix: attention's [16,4,64,32]×[16,4,32,64] took 10–15 ms). The replacement runs the single-matrix kernel
 *   once per batch entry on zero-copy views of the wasm heap.
 * - `_FusedMatMul` on wasm adds the bias wrongly when the batch is larger than 1 (tfjs 4.22: a [2,7,5]×[2,5,9] product
 *   with bias is off by ~0.8 everywhere; batch 1 is right). The replacement runs the plain product and applies bias
 *   and activation with their own wasm kernels in that case.
 * - `UnsortedSegmentSum` is missing on wasm, and `tf.gather`'s gradient (so every embedding) needs it. The kernel
 *   here is a plain loop over the wasm heap: the scatter-add of a gather gradient is memory-bound and small.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

type TensorInfo = tf.TensorInfo;
type Attrs = Record<string, unknown>;
type KernelArgs = { inputs: Record<string, TensorInfo | undefined>; backend: unknown; attrs?: Attrs };
type KernelFunc = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** The subset of tfjs-backend-wasm's BackendWasm that the kernels below touch. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): TensorInfo;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number }; delete(dataId: object): boolean };
  wasm: { HEAPU8: Uint8Array; tfjs: { disposeData(id: number): void } };
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

const PATCHED = Symbol.for('whetstone.wasmKernelsInstalled');

/** Perm that swaps the two innermost axes of a rank-`rank` tensor. */
function innerSwap(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Smallest per-entry product (m·k·n) for which the per-batch loop beats the stock batched kernel. */
const PER_BATCH_MIN_MACS = 32 * 32 * 32;

const prod = (dims: number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * A tensor registered over part of another tensor's heap memory (no copy). It must be released with `releaseView`,
 * never `disposeData`, which would free an interior pointer.
 */
function heapView(backend: WasmBackendLike, offset: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', offset);
}

function releaseView(backend: WasmBackendLike, view: TensorInfo): void {
  backend.wasm.tfjs.disposeData(backend.dataIdMap.get(view.dataId).id);
  backend.dataIdMap.delete(view.dataId);
}

/**
 * Runs an unflagged float32 BatchMatMul whose batch is larger than 1 as one single-matrix product per batch entry,
 * writing each into its slice of the output. Returns undefined for shapes it does not handle (general broadcasting),
 * which then go to the original kernel.
 */
function perBatchMatMul(original: KernelFunc, args: KernelArgs): TensorInfo | undefined {
  const backend = args.backend as WasmBackendLike;
  const a = args.inputs['a']!, b = args.inputs['b']!;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const batchA = prod(a.shape.slice(0, -2)), batchB = prod(b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  if (batch <= 1 || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return undefined;
  const outBatch = (batchA >= batchB ? a : b).shape.slice(0, -2);
  if (a.shape.length !== b.shape.length && batchA === batchB) return undefined;
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape.at(-1)!;
  // Each entry costs a kernel call (~10 µs): below ~32³ multiply-adds the stock loop wins (measured A/B: 4×4×4
  // entries 3× slower per batch, 32³ 1.2× faster, 64×32×64 2× faster).
  if (m * k * n < PER_BATCH_MIN_MACS) return undefined;
  const out = backend.makeOutput([...outBatch, m, n], 'float32');
  const aOff = backend.dataIdMap.get(a.dataId).memoryOffset;
  const bOff = backend.dataIdMap.get(b.dataId).memoryOffset;
  const outOff = backend.dataIdMap.get(out.dataId).memoryOffset;
  const attrs = { ...(args.attrs ?? {}), transposeA: false, transposeB: false };
  // A shared operand keeps one view, so the kernel packs its weights once.
  const sharedA = batchA === 1 ? heapView(backend, aOff, [m, k]) : undefined;
  const sharedB = batchB === 1 ? heapView(backend, bOff, [k, n]) : undefined;
  try {
    for (let i = 0; i < batch; i++) {
      const av = sharedA ?? heapView(backend, aOff + i * m * k * 4, [m, k]);
      const bv = sharedB ?? heapView(backend, bOff + i * k * n * 4, [k, n]);
      const r = original({ inputs: { a: av, b: bv }, backend, attrs }) as TensorInfo;
      const rOff = backend.dataIdMap.get(r.dataId).memoryOffset;
      // Read HEAPU8 afresh: the product may have grown the heap and replaced the buffer.
      backend.wasm.HEAPU8.copyWithin(outOff + i * m * n * 4, rOff, rOff + m * n * 4);
      backend.disposeData(r.dataId);
      if (!sharedA) releaseView(backend, av);
      if (!sharedB) releaseView(backend, bv);
    }
  } finally {
    if (sharedA) releaseView(backend, sharedA);
    if (sharedB) releaseView(backend, sharedB);
  }
  return out;
}

/**
 * Wraps a matMul kernel so that flagged operands are transposed first. The transposed copies are intermediate
 * tensor infos owned by this call and freed before it returns (the engine never sees them).
 */
function explicitTranspose(original: KernelFunc, transposeFn: KernelFunc, perBatch: boolean): KernelFunc {
  const plain: KernelFunc = perBatch ? (args) => perBatchMatMul(original, args) ?? original(args) : original;
  return (args) => {
    const attrs = (args.attrs ?? {}) as Attrs & { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return plain(args);
    const backend = args.backend as WasmBackendLike;
    const temps: TensorInfo[] = [];
    const flip = (x: TensorInfo): TensorInfo => {
      const t = transposeFn({ inputs: { x }, backend, attrs: { perm: innerSwap(x.shape.length) } }) as TensorInfo;
      temps.push(t);
      return t;
    };
    const inputs = { ...args.inputs };
    if (attrs.transposeA) inputs['a'] = flip(inputs['a']!);
    if (attrs.transposeB) inputs['b'] = flip(inputs['b']!);
    try {
      return plain({ inputs, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
}

const ACTIVATION_KERNELS: Record<string, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid', leakyrelu: 'LeakyRelu', prelu: 'Prelu' };

/** Runs a registered wasm kernel by name. */
function runKernel(name: string, inputs: Record<string, TensorInfo>, backend: unknown, attrs: Attrs = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`_FusedMatMul: the wasm backend has no ${name} kernel`);
  return (kernel.kernelFunc as unknown as KernelFunc)({ inputs, backend, attrs }) as TensorInfo;
}

/**
 * Wraps `_FusedMatMul` so that batched products with a bias are computed as product, then Add, then activation: the
 * fused wasm kernel gets the bias wrong when the batch is larger than 1.
 */
function unfusedBiasWhenBatched(fused: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs;
    const batch = Math.max(a!.shape.slice(0, -2).reduce((p, d) => p * d, 1), b!.shape.slice(0, -2).reduce((p, d) => p * d, 1));
    if (!bias || batch <= 1) return fused(args);
    const backend = args.backend as WasmBackendLike;
    const attrs = (args.attrs ?? {}) as Attrs & { activation?: string; leakyreluAlpha?: number };
    const product = fused({ inputs: { a, b }, backend, attrs: { ...attrs, activation: 'linear' } }) as TensorInfo;
    const biased = runKernel('Add', { a: product, b: bias }, backend);
    backend.disposeData(product.dataId);
    const activation = attrs.activation ?? 'linear';
    if (activation === 'linear') return biased;
    const kernelName = ACTIVATION_KERNELS[activation];
    if (!kernelName) throw new Error(`_FusedMatMul: activation '${activation}' is not supported on wasm`);
    const inputs: Record<string, TensorInfo> = activation === 'prelu' ? { x: biased, alpha: preluActivationWeights! } : { x: biased };
    const out = runKernel(kernelName, inputs, backend, activation === 'leakyrelu' ? { alpha: attrs.leakyreluAlpha ?? 0.2 } : {});
    backend.disposeData(biased.dataId);
    return out;
  };
}

/**
 * Sums rows of `x` into `numSegments` buckets: out[s] = Σ x[i] over i with segmentIds[i] = s. `segmentIds` covers a
 * prefix of `x`'s shape; ids outside [0, numSegments) are dropped, as TensorFlow does.
 */
function unsortedSegmentSum(args: KernelArgs): TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const x = args.inputs['x']!;
  const ids = args.inputs['segmentIds']!;
  const numSegments = (args.attrs as { numSegments: number }).numSegments;
  const rows = ids.shape.reduce((p, d) => p * d, 1);
  const tail = x.shape.slice(ids.shape.length);
  const inner = tail.reduce((p, d) => p * d, 1);
  const out = backend.makeOutput([numSegments, ...tail], x.dtype);
  // Views are taken after makeOutput: an allocation can grow the wasm heap and detach older views.
  const xv = backend.typedArrayFromHeap(x);
  const iv = backend.typedArrayFromHeap(ids);
  const ov = backend.typedArrayFromHeap(out);
  ov.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = iv[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner, dst = s * inner;
    for (let j = 0; j < inner; j++) ov[dst + j]! += xv[src + j]!;
  }
  return out;
}

/**
 * Registers Whetstone's wasm training kernels (explicit-transpose `BatchMatMul` and `_FusedMatMul`, a correct
 * batched bias for `_FusedMatMul`, and the missing `UnsortedSegmentSum`). Idempotent, and safe before or after `tf.setBackend('wasm')`: the wrapped kernels keep the
 * originals' setup functions. `tensor.init()` and `tensor.use('wasm')` call it; call it yourself only if you select
 * wasm with `tf.setBackend` directly.
 *
 * @example
 * installWasmKernels();
 * await tf.setBackend('wasm'); // matMul gradients and tf.gather gradients now run fast and work
 */
export function installWasmKernels(): void {
  const registry = globalThis as Record<symbol, unknown>;
  if (registry[PATCHED]) return;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('installWasmKernels: the wasm backend has no Transpose kernel (is @tensorflow/tfjs-backend-wasm loaded?)');
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(name, 'wasm');
    let kernelFunc = explicitTranspose(original.kernelFunc as unknown as KernelFunc, transpose.kernelFunc as unknown as KernelFunc, name === 'BatchMatMul');
    if (name === '_FusedMatMul') kernelFunc = unfusedBiasWhenBatched(kernelFunc);
    tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc });
  }
  registry[PATCHED] = true;
}

/**
 * True once `installWasmKernels()` has run in this process.
 *
 * @example
 * if (!tensor.wasmKernelsInstalled()) tensor.installWasmKernels();
 */
export function wasmKernelsInstalled(): boolean {
  return Boolean((globalThis as Record<symbol, unknown>)[PATCHED]);
}
