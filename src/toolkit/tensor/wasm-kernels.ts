/**
 * Kernels that make the tfjs `wasm` backend fit for training (issue 6; measurements in
 * shared/research/compute.md §1):
 *
 * - `BatchMatMul` and `_FusedMatMul` with a transpose flag take XNNPACK's slow path on wasm (11–29× slower at 512²),
 *   and matMul's gradient always sets those flags. The replacements transpose the flagged operand explicitly with the
 *   wasm `Transpose` kernel and call the original kernel without flags: the same arithmetic in the same order, so
 *   results are identical, and an MLP step gets ~11× faster.
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
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
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

/**
 * Wraps a matMul kernel so that flagged operands are transposed first. The transposed copies are intermediate
 * tensor infos owned by this call and freed before it returns (the engine never sees them).
 */
function explicitTranspose(original: KernelFunc, transposeFn: KernelFunc): KernelFunc {
  return (args) => {
    const attrs = (args.attrs ?? {}) as Attrs & { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
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
      return original({ inputs, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
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
    let kernelFunc = explicitTranspose(original.kernelFunc as unknown as KernelFunc, transpose.kernelFunc as unknown as KernelFunc);
    if (name === '_FusedMatMul') kernelFunc = unfusedBiasWhenBatched(kernelFunc);
    tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc });
  }
  registry[PATCHED] = true;
}

/** True once `installWasmKernels()` has run in this process. */
export function wasmKernelsInstalled(): boolean {
  return Boolean((globalThis as Record<symbol, unknown>)[PATCHED]);
}
