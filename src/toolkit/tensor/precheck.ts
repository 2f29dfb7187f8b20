/**
 * What can be known about the tensor backends without importing tfjs (~0.5 s): the order `init` tries them in, and
 * the cheap checks that rule a backend out (a missing or aliased package, no Vulkan loader, no GPU device node).
 * The probes in backends.ts and the start-up forecast in forecast.ts share these, so both give the same reasons.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { check } from '../util/check.js';
import type { BackendInfo, InitOptions, SkippedBackend } from './select.js';

/**
 * The backends Whetstone knows, in the order `tensor.init()` tries them.
 *
 * @example
 * tensor.BACKEND_ORDER // ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']
 */
export const BACKEND_ORDER = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** A backend name accepted by `tensor.use` and `WHETSTONE_BACKEND`. */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** The order to try, how it was chosen, and the `WHETSTONE_BACKEND` typo (if any) that start-up must survive. */
export interface Candidates {
  order: BackendName[];
  prefer: BackendName[];
  source: BackendInfo['source'];
  skipped: SkippedBackend[];
}

/** Reads `options.prefer`, else `WHETSTONE_BACKEND`, and puts those backends first; `fn` names the caller in errors. */
export function candidates(options: InitOptions, fn: string): Candidates {
  const skipped: SkippedBackend[] = [];
  let prefer = parsePreference(options.prefer, 'prefer', fn);
  let source: BackendInfo['source'] = prefer.length ? 'prefer option' : 'default order';
  const fromEnv = process.env['WHETSTONE_BACKEND']?.trim();
  if (!prefer.length && fromEnv) {
    if ((BACKEND_ORDER as readonly string[]).includes(fromEnv)) {
      prefer = [fromEnv as BackendName];
      source = 'WHETSTONE_BACKEND';
    } else {
      // Start-up must not fail on a typo; the reason shows in the banner and in tensor.info().
      skipped.push({ backend: fromEnv, reason: `WHETSTONE_BACKEND='${fromEnv}' is not one of ${BACKEND_ORDER.join(', ')}` });
    }
  }
  return { order: [...new Set([...prefer, ...BACKEND_ORDER])], prefer, source, skipped };
}

function parsePreference(value: InitOptions['prefer'], name: string, fn: string): BackendName[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : [...value];
  return list.map((v, i) => check.oneOf(v, BACKEND_ORDER, typeof value === 'string' ? name : `${name}[${i}]`, fn));
}

const require = createRequire(import.meta.url);

/**
 * Importers registered under this symbol by a bundled build (bench/gpu/pack.sh) replace the runtime import, so a
 * bundled optional package shares the bundle's single tfjs-core instead of loading a second one from disk.
 */
const BUNDLED = Symbol.for('whetstone.bundledImports');

/** The bundled build's importer for `pkg`, if there is one. */
export function bundledImporter(pkg: string): (() => Promise<unknown>) | undefined {
  return ((globalThis as Record<symbol, unknown>)[BUNDLED] as Record<string, () => Promise<unknown>> | undefined)?.[pkg];
}

/**
 * Why `pkg` cannot be the native package it names: package.json overrides can alias a native package to pure tfjs
 * (danfojs-node needs that here), so the import succeeds but brings no native binding. Undefined when it is the
 * real package, or when its `exports` hide package.json (the name check is skipped for those).
 */
export function aliasReason(pkg: string): string | undefined {
  let manifest: { name?: string; version?: string };
  try {
    manifest = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
  if (manifest.name && manifest.name !== pkg) {
    return `${pkg} is an alias of ${manifest.name}@${manifest.version ?? '?'} (package.json overrides), not the native package`;
  }
  return undefined;
}

/** Why `import(pkg)` would not bring the real package (not installed, or an alias), without importing it. */
export function packageReason(pkg: string): string | undefined {
  if (bundledImporter(pkg)) return undefined;
  try {
    import.meta.resolve(pkg);
  } catch {
    return `${pkg} is not installed`;
  }
  return aliasReason(pkg);
}

/** Directories where the Vulkan loader could live: Dawn needs libvulkan.so.1 to see an NVIDIA or AMD GPU on Linux. */
export function vulkanLoaderFound(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [...(process.env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/usr/local/lib'];
  return dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')));
}

/** On Linux a usable GPU shows up as /dev/nvidia0 (NVIDIA) or a DRM render node (AMD, Intel). */
export function gpuDeviceNodeFound(): boolean {
  if (process.platform !== 'linux') return true;
  if (existsSync('/dev/nvidia0')) return true;
  try {
    return readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
}

/** The checks that rule WebGPU out before Dawn is loaded, or undefined when Dawn may find an adapter. */
export function webgpuPrecheck(): string | undefined {
  const allowSoftware = process.env['WHETSTONE_WEBGPU_SOFTWARE'] === '1';
  // They keep Dawn from printing Vulkan warnings on every CPU-only start, and with a Vulkan loader but no GPU,
  // Dawn's adapter enumeration alone took ~0.5 s here.
  if (!vulkanLoaderFound()) return 'no Vulkan loader (libvulkan.so.1), so Dawn cannot reach a GPU';
  if (!allowSoftware && !gpuDeviceNodeFound()) return 'no GPU device node (/dev/nvidia0 or /dev/dri/renderD*)';
  return undefined;
}

/**
 * Whether this runtime's WebAssembly has SIMD: the same module tfjs-backend-wasm validates for its
 * WASM_HAS_SIMD_SUPPORT flag (flags_wasm.ts), so the answer agrees with the backend's.
 */
export function wasmSimdSupported(): boolean {
  // The ES2023 lib has no WebAssembly declarations; Node has the global.
  const wasm = (globalThis as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
  try {
    return wasm?.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11])) ?? false;
  } catch {
    return false;
  }
}

/** Device descriptions shared by the probes and the forecast, so a forecast that comes true reads like the result. */
export const DEVICE = {
  tensorflow: (onGpu: boolean) => (onGpu ? 'CUDA GPU (libtensorflow)' : `CPU, ${cpus().length} cores (libtensorflow)`),
  // Threads stay off in Node (tfjs issue #3830), so wasm uses one core whatever the machine has.
  wasm: (simd: boolean) => `CPU, 1 thread, ${simd ? 'SIMD' : 'no SIMD'} (XNNPACK)`,
  cpu: 'CPU, plain JavaScript (~50× slower than wasm)',
} as const;
