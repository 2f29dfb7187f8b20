/**
 * Backend selection: `init` walks tensorflow-gpu → webgpu → tensorflow → wasm → cpu and keeps the first that works,
 * `use` switches to one by name, and `info` reports which backend runs, on which device, and why each earlier
 * candidate was skipped, so a notebook never silently trains on a slow backend (issue 6).
 */
import tf from './tfjs.cjs';
import { check } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';
import { probe, tfName } from './backends.js';
import { formatBannerLine } from './forecast.js';
import { BACKEND_ORDER, candidates, type BackendName } from './precheck.js';

/** Options for `tensor.init`. */
export interface InitOptions {
  /**
   * Backends to try first, in order; the default order follows for whatever fails. Default: the
   * `WHETSTONE_BACKEND` environment variable when set, otherwise none.
   */
  prefer?: BackendName | readonly BackendName[];
}

/** A backend that was tried and not kept. */
export interface SkippedBackend {
  backend: string;
  reason: string;
}

/** What `tensor.info()` reports. */
export interface BackendInfo {
  /** The active backend (a Whetstone name such as 'wasm'), or the bare tfjs name when none was chosen through us. */
  backend: string;
  /** The device it runs on, in words. */
  device: string;
  /** The candidates tried before it, each with the reason it was skipped. */
  skipped: SkippedBackend[];
  /** How the backend was chosen. */
  source: 'default order' | 'prefer option' | 'WHETSTONE_BACKEND' | 'tensor.use' | 'not initialised';
  /** Milliseconds the selection took (imports and probes). */
  initMs: number;
}

let current: BackendInfo | undefined;

const FN_INIT = 'tensor.init';

/**
 * Chooses the tensor backend: the preferred ones first, then tensorflow-gpu → webgpu → tensorflow → wasm → cpu,
 * keeping the first that loads. Never throws for a missing optional package: its reason is recorded instead. The
 * kernel calls it at start-up; with no GPU and no tfjs-node it costs ~10–20 ms after tfjs itself is imported.
 *
 * @example
 * const report = await tensor.init();            // e.g. { backend: 'wasm', device: 'CPU, 1 thread, SIMD (XNNPACK)', ... }
 * await tensor.init({ prefer: 'cpu' });          // force the reference backend for a test
 */
export async function init(options: InitOptions = {}): Promise<BackendInfo & Displayable> {
  const started = performance.now();
  const { order, prefer, skipped, ...chosen } = candidates(options, FN_INIT);
  let source = chosen.source;
  for (const name of order) {
    const result = await probe(name);
    if (result.ok) {
      // A preference that failed leaves the choice to the default order.
      if (!prefer.includes(name)) source = 'default order';
      current = { backend: name, device: result.device, skipped, source, initMs: performance.now() - started };
      return display(current);
    }
    skipped.push({ backend: name, reason: result.reason });
  }
  // Unreachable in practice: the cpu backend ships with tfjs. Kept so the failure names every reason.
  throw new Error(`${FN_INIT}: no tensor backend could start (${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})`);
}

/**
 * Switches to one backend by name, or throws with the reason it cannot run. Variables live on one backend: create
 * models after switching.
 *
 * @example
 * await tensor.use('cpu');    // reference results
 * await tensor.use('webgpu'); // throws "tensor.use: backend 'webgpu' is unavailable: Dawn found no WebGPU adapter ..."
 */
export async function use(name: BackendName): Promise<BackendInfo & Displayable> {
  check.oneOf(name, BACKEND_ORDER, 'name', 'tensor.use');
  const started = performance.now();
  const result = await probe(name);
  if (!result.ok) throw new Error(`tensor.use: backend '${name}' is unavailable: ${result.reason}`);
  current = { backend: name, device: result.device, skipped: [], source: 'tensor.use', initMs: performance.now() - started };
  return display(current);
}

/**
 * Which backend runs, on which device, and why the candidates before it were skipped; displays as a table.
 * Before any `init`/`use` it reports tfjs's own default with source 'not initialised'.
 *
 * @example
 * tensor.info().backend   // 'wasm'
 * tensor.info()           // in a notebook: a table of backend, status and reason
 */
export function info(): BackendInfo & Displayable {
  const active = tf.getBackend();
  if (current && tfName(current.backend as BackendName) === active) return display({ ...current, skipped: [...current.skipped] });
  const base: BackendInfo = { backend: active ?? 'none', device: 'unknown (selected outside tensor.init/use)', skipped: [], source: 'not initialised', initMs: 0 };
  return display(base);
}

function display(report: BackendInfo): BackendInfo & Displayable {
  const rows = () => [
    ...report.skipped.map((s) => ({ backend: s.backend, status: 'skipped', detail: s.reason })),
    { backend: report.backend, status: 'active', detail: `${report.device} (${report.source}, ${report.initMs.toFixed(0)} ms)` },
  ];
  return withTable(report, rows, { caption: 'tensor backend' });
}

/**
 * One line for the kernel banner naming the backend, its device and the skipped candidates with their reasons.
 * Default report: the current `info()`.
 *
 * @example
 * bannerLine() // "tensor backend: wasm on CPU, 1 thread, SIMD (XNNPACK) (skipped: tensorflow-gpu: ... is not installed; ...)"
 */
export function bannerLine(report: BackendInfo = info()): string {
  return formatBannerLine(report);
}
