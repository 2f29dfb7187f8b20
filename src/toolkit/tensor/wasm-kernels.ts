/**
 * Installs the kernels that make the tfjs `wasm` backend fit for training (issue 6; measurements in
 * shared/research/compute.md §1): explicit-transpose and per-batch matMul plus a correct batched fused bias
 * (`wasm-matmul.ts`), the missing `UnsortedSegmentSum` and a fast leading-axis `Sum` (`wasm-reduce.ts`).
 */
import tf from './tfjs.cjs';
import './wasm-backend.cjs';
import type { KernelFunc } from './wasm-heap.js';
import { explicitTranspose, unfusedBiasWhenBatched } from './wasm-matmul.js';
import { leadingAxisSum, unsortedSegmentSum } from './wasm-reduce.js';

const PATCHED = Symbol.for('whetstone.wasmKernelsInstalled');

/**
 * Registers Whetstone's wasm training kernels (explicit-transpose and per-batch `BatchMatMul`, explicit-transpose
 * `_FusedMatMul` with a correct batched bias, leading-axis `Sum` as a product, and the missing `UnsortedSegmentSum`).
 * Idempotent, and safe before or after `tf.setBackend('wasm')`: the wrapped kernels keep the originals' setup
 * functions. `tensor.init()` and `tensor.use('wasm')` call it; call it yourself only if you select
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
  const sum = tf.getKernel('Sum', 'wasm');
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (sum && matMul) {
    tf.unregisterKernel('Sum', 'wasm');
    tf.registerKernel({ ...sum, kernelFunc: leadingAxisSum(sum.kernelFunc as unknown as KernelFunc, matMul.kernelFunc as unknown as KernelFunc) as unknown as tf.KernelFunc });
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
