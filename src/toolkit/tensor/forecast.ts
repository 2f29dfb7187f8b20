/**
 * The start-up forecast: which backend `tensor.init()` will keep, decided in a millisecond or two without importing
 * tfjs, so the kernel's first kernel_info_reply can name it while tfjs (~0.5 s) is still loading. A backend that a
 * precheck rules out is skipped with the reason its probe would give; one that passes them (an installed native
 * package, or Dawn with a GPU device node) is expected to load. The kernel replaces the forecast with the report of
 * the real `init()` as soon as it has it, so a wrong forecast lasts only until tfjs has loaded.
 */
import { existsSync } from 'node:fs';
import { BACKEND_ORDER, candidates, DEVICE, packageReason, wasmSimdSupported, webgpuPrecheck, type BackendName } from './precheck.js';
import type { BackendInfo, InitOptions } from './select.js';

/**
 * The report `tensor.init(options)` is expected to return, from package resolution and device files alone.
 *
 * @example
 * forecast().backend                              // 'wasm' on a machine without a GPU or tfjs-node
 * formatBannerLine(forecast({ prefer: 'cpu' }))   // 'tensor backend: cpu on CPU, plain JavaScript (~50× slower than wasm)'
 */
export function forecast(options: InitOptions = {}): BackendInfo {
  const started = performance.now();
  const { order, prefer, skipped, source } = candidates(options, 'tensor.forecast');
  for (const name of order) {
    const reason = ruledOut(name);
    if (reason === undefined) {
      return {
        backend: name, device: expectedDevice(name), skipped,
        source: prefer.includes(name) ? source : 'default order', initMs: performance.now() - started,
      };
    }
    skipped.push({ backend: name, reason });
  }
  // Unreachable: nothing rules out the cpu backend, which ships with tfjs.
  throw new Error(`tensor.forecast: every backend was ruled out (${BACKEND_ORDER.join(', ')})`);
}

function ruledOut(name: BackendName): string | undefined {
  switch (name) {
    case 'tensorflow-gpu':
      return packageReason('@tensorflow/tfjs-node-gpu') ??
        (process.platform === 'linux' && !existsSync('/dev/nvidia0') ? 'no NVIDIA device node (/dev/nvidia0), so libtensorflow will find no CUDA device' : undefined);
    case 'webgpu':
      return webgpuPrecheck() ?? packageReason('webgpu') ?? packageReason('@tensorflow/tfjs-backend-webgpu');
    case 'tensorflow':
      return packageReason('@tensorflow/tfjs-node');
    case 'wasm':
    case 'cpu':
      return undefined;
  }
}

function expectedDevice(name: BackendName): string {
  switch (name) {
    case 'tensorflow-gpu': return DEVICE.tensorflow(true);
    case 'webgpu': return 'a GPU via Dawn (adapter not queried yet)';
    case 'tensorflow': return DEVICE.tensorflow(false);
    case 'wasm': return DEVICE.wasm(wasmSimdSupported());
    case 'cpu': return DEVICE.cpu;
  }
}

/**
 * One line for the kernel banner naming the backend, its device and the skipped candidates with their reasons
 * (`tensor.bannerLine` for the live report).
 *
 * @example
 * formatBannerLine(report) // "tensor backend: wasm on CPU, 1 thread, SIMD (XNNPACK) (skipped: tensorflow-gpu: ...)"
 */
export function formatBannerLine(report: BackendInfo): string {
  const skipped = report.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  return `tensor backend: ${report.backend} on ${report.device}${skipped ? ` (skipped: ${skipped})` : ''}`;
}
