/**
 * Replacements for the wasm `BatchMatMul` and `_FusedMatMul` kernels (issue 6; shared/research/compute.md §1):
 *
 * - With a transpose flag both take XNNPACK's slow path on wasm (11–29× slower at 512²), and matMul's gradient always
 *   sets those flags. The flagged operand is transposed explicitly with the wasm `Transpose` kernel and the original
 *   kernel runs without flags: the same arithmetic in the same order, so results are identical, and an MLP step gets
 *   ~11× faster.
 * - A `BatchMatMul` with more than one matrix in the batch also takes the slow loop (~1.5 GFLOP/s against ~25 for a
 *   single matrix: attention's [16,4,64,32]×[16,4,32,64] took 10–15 ms, ~2 ms after). The replacement runs the
 *   single-matrix kernel once per batch entry on zero-copy views of the wasm heap.
 * - `_FusedMatMul` adds the bias wrongly when the batch is larger than 1 (tfjs 4.22: a [2,7,5]×[2,5,9] product with
 *   bias is off by ~0.8 everywhere; batch 1 is right). The replacement runs the plain product, then bias and
 *   activation with their own wasm kernels, in that case.
 */
import { heapView, prod, releaseView, runKernel, type Attrs, type KernelArgs, type KernelFunc, type TensorInfo, type WasmBackendLike } from './wasm-heap.js';

/** Perm that swaps the two innermost axes of a rank-`rank` tensor. */
function innerSwap(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Smallest per-entry product (m·k·n) for which the per-batch loop beats the stock batched kernel. */
const PER_BATCH_MIN_MACS = 32 * 32 * 32;

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
export function explicitTranspose(original: KernelFunc, transposeFn: KernelFunc, perBatch: boolean): KernelFunc {
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

/**
 * Wraps `_FusedMatMul` so that batched products with a bias are computed as product, then Add, then activation: the
 * fused wasm kernel gets the bias wrong when the batch is larger than 1.
 */
export function unfusedBiasWhenBatched(fused: KernelFunc): KernelFunc {
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

