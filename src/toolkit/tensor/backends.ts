/**
 * One probe per tensor backend. A probe either activates its backend and says which device it runs on, or returns
 * the reason it could not, in words a researcher can act on. Optional packages (`@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node`, `webgpu`, `@tensorflow/tfjs-backend-webgpu`) are imported dynamically, so a machine
 * without them loses only that backend (issue 6; traps measured in shared/research/compute.md §1). The checks that
 * need no tfjs live in precheck.ts, shared with the start-up forecast.
 */
import tf from './tfjs.cjs';
import './wasm-backend.cjs';
import { installWasmKernels } from './wasm-kernels.js';
import { aliasReason, bundledImporter, DEVICE, webgpuPrecheck, type BackendName } from './precheck.js';

export { BACKEND_ORDER, type BackendName } from './precheck.js';

/** What a probe found. */
export type ProbeResult = { ok: true; device: string } | { ok: false; reason: string };

/** Imports an optional package, or returns why it is unusable (missing, or a stand-in for another package). */
async function importOptional(pkg: string): Promise<{ module: unknown } | { reason: string }> {
  const bundled = bundledImporter(pkg);
  if (bundled) return { module: await bundled() };
  const alias = aliasReason(pkg);
  if (alias) return { reason: alias };
  try {
    return { module: await import(pkg) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return { reason: `${pkg} is not installed` };
    return { reason: `${pkg} failed to load: ${firstLine(error)}` };
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200);
}

async function activate(name: string): Promise<string | undefined> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return `tf.setBackend('${name}') threw: ${firstLine(error)}`;
  }
}

/** The native TensorFlow backend from tfjs-node(-gpu); `gpu` asks that it run on a CUDA device. */
async function probeTensorflow(pkg: string, gpu: boolean): Promise<ProbeResult> {
  const loaded = await importOptional(pkg);
  if ('reason' in loaded) return { ok: false, reason: loaded.reason };
  if (!tf.findBackendFactory('tensorflow')) return { ok: false, reason: `${pkg} loaded but registered no 'tensorflow' backend` };
  const failed = await activate('tensorflow');
  if (failed) return { ok: false, reason: failed };
  const binding = (tf.backend() as { binding?: { isUsingGpuDevice?: () => boolean } }).binding;
  const onGpu = binding?.isUsingGpuDevice?.() ?? false;
  if (gpu && !onGpu) return { ok: false, reason: `${pkg} loaded but libtensorflow found no CUDA device (needs CUDA 11.2 + cuDNN 8)` };
  return { ok: true, device: DEVICE.tensorflow(onGpu) };
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; type?: string; isFallbackAdapter?: boolean };
}

/** WebGPU through Dawn (npm `webgpu`), only when a hardware adapter exists: a software adapter is slower than wasm. */
async function probeWebgpu(): Promise<ProbeResult> {
  const allowSoftware = process.env['WHETSTONE_WEBGPU_SOFTWARE'] === '1';
  const ruledOut = webgpuPrecheck();
  if (ruledOut) return { ok: false, reason: ruledOut };
  const dawn = await importOptional('webgpu');
  if ('reason' in dawn) return { ok: false, reason: dawn.reason };
  const { create, globals } = dawn.module as { create(flags: string[]): { requestAdapter(o?: object): Promise<GpuAdapterLike | null> }; globals: object };
  let adapter: GpuAdapterLike | null;
  const gpu = create([]);
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { ok: false, reason: `Dawn requestAdapter failed: ${firstLine(error)}` };
  }
  if (!adapter) return { ok: false, reason: 'Dawn found no WebGPU adapter (no GPU with a Vulkan driver)' };
  const info = adapter.info ?? {};
  // WHETSTONE_WEBGPU_SOFTWARE=1 accepts a software adapter (Mesa lavapipe, SwiftShader): slow, but it lets CI check
  // the Dawn + tfjs-webgpu path on a machine without a GPU.
  const named = `${info.type ?? ''} ${info.description ?? ''} ${info.device ?? ''} ${info.architecture ?? ''}`;
  const software = Boolean(adapter.isFallbackAdapter || info.isFallbackAdapter) || /\bcpu\b|swiftshader|llvmpipe|lavapipe/i.test(named);
  if (software && !allowSoftware) {
    return { ok: false, reason: `only a software WebGPU adapter (${info.description || info.device || 'CPU'}); wasm is faster` };
  }
  // tfjs-backend-webgpu looks for navigator.gpu and the GPU* constants on globalThis (Node 20 has neither).
  Object.assign(globalThis, globals);
  const nav = ((globalThis as { navigator?: object }).navigator ?? {}) as Record<string, unknown>;
  if (!('gpu' in nav)) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  if (!(globalThis as { navigator?: object }).navigator) Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  const backend = await importOptional('@tensorflow/tfjs-backend-webgpu');
  if ('reason' in backend) return { ok: false, reason: backend.reason };
  const failed = await activate('webgpu');
  if (failed) return { ok: false, reason: failed };
  const name = [info.vendor, info.architecture, info.device || info.description].filter(Boolean).join(' ');
  return { ok: true, device: `GPU ${name || '(unnamed adapter)'} via Dawn` };
}

async function probeWasm(): Promise<ProbeResult> {
  installWasmKernels();
  const failed = await activate('wasm');
  if (failed) return { ok: false, reason: failed };
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return { ok: true, device: DEVICE.wasm(Boolean(simd)) };
}

async function probeCpu(): Promise<ProbeResult> {
  const failed = await activate('cpu');
  return failed ? { ok: false, reason: failed } : { ok: true, device: DEVICE.cpu };
}

/** Tries to activate `name`; on success tfjs runs on it. */
export function probe(name: BackendName): Promise<ProbeResult> {
  switch (name) {
    case 'tensorflow-gpu': return probeTensorflow('@tensorflow/tfjs-node-gpu', true);
    case 'webgpu': return probeWebgpu();
    case 'tensorflow': return probeTensorflow('@tensorflow/tfjs-node', false);
    case 'wasm': return probeWasm();
    case 'cpu': return probeCpu();
  }
}

/** The tfjs backend name a Whetstone backend registers under. */
export function tfName(name: BackendName): string {
  return name === 'tensorflow-gpu' ? 'tensorflow' : name;
}
