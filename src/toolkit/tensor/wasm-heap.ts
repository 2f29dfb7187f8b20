/**
 * Shared plumbing for Whetstone's wasm kernels: the slice of tfjs-backend-wasm's backend they touch, zero-copy views
 * of the wasm heap, and calling another registered wasm kernel from inside a kernel (issue 6).
 */
import tf from './tfjs.cjs';

export type TensorInfo = tf.TensorInfo;
export type Attrs = Record<string, unknown>;
export type KernelArgs = { inputs: Record<string, TensorInfo | undefined>; backend: unknown; attrs?: Attrs };
export type KernelFunc = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** The subset of tfjs-backend-wasm's BackendWasm that Whetstone's kernels touch. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): TensorInfo;
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number }; delete(dataId: object): boolean };
  wasm: { HEAPU8: Uint8Array; tfjs: { disposeData(id: number): void } };
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

/** Product of a shape's dimensions. */
export const prod = (dims: number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * A tensor registered over part of another tensor's heap memory (no copy). It must be released with `releaseView`,
 * never `disposeData`, which would free an interior pointer.
 */
export function heapView(backend: WasmBackendLike, offset: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', offset);
}

/** Unregisters a `heapView` without freeing the memory it points into. */
export function releaseView(backend: WasmBackendLike, view: TensorInfo): void {
  backend.wasm.tfjs.disposeData(backend.dataIdMap.get(view.dataId).id);
  backend.dataIdMap.delete(view.dataId);
}

/** Runs a registered wasm kernel by name. */
export function runKernel(name: string, inputs: Record<string, TensorInfo>, backend: unknown, attrs: Attrs = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernels: the wasm backend has no ${name} kernel`);
  return (kernel.kernelFunc as unknown as KernelFunc)({ inputs, backend, attrs }) as TensorInfo;
}

