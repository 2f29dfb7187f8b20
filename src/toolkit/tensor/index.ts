/**
 * The `tensor` namespace of the Whetstone toolkit: backend selection and reporting, wasm kernels that make training
 * fast and complete, and tidy-safe helpers for training loops. `tf` is the TensorFlow.js namespace itself; the kernel
 * preloads it as the global `tf` (issue 6).
 */
import tf from './tfjs.cjs';

export { tf };
export { init, use, info, bannerLine } from './select.js';
export type { InitOptions, BackendInfo, SkippedBackend } from './select.js';
export { BACKEND_ORDER } from './backends.js';
export type { BackendName } from './backends.js';
export { installWasmKernels, wasmKernelsInstalled } from './wasm-kernels.js';
export { trainStep, readTensor, tensorDelta } from './helpers.js';
