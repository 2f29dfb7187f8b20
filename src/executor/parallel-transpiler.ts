/**
 * Transpiles a cell with TypeScript's emit (the cells the quick transpiler, blanking-transpile.ts, leaves to it:
 * imports, enums, …) on a thread of its own while the main thread type-checks it: the two take about the same time,
 * so a cell waits for the longer of them instead of their sum. The thread also keeps the transpiler's code hot in
 * V8 (the main thread runs the checker and user code, which push it out). Until the thread has warmed up, or if it
 * ever fails, cells are transpiled on the main thread as before.
 */
import { Worker } from 'node:worker_threads';
import type { TranspileRequest, TranspileResponse } from './transpile-thread.js';
import { transpileCell, type TranspiledCell } from './transpile.js';

interface Pending {
  resolve(cell: TranspiledCell): void;
  reject(error: Error): void;
  code: string;
  label: string;
}

export class ParallelTranspiler {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  /**
   * Starts the thread. The kernel does this once its type environment is loaded: warming the thread up takes CPU
   * that the start-up work before it needs more.
   */
  start(): void {
    if (this.worker || this.failed) return;
    try {
      this.worker = new Worker(new URL('./transpile-thread.js', import.meta.url));
    } catch {
      this.failed = true;
      return;
    }
    this.worker.unref();
    this.worker.on('message', (response: TranspileResponse) => this.onResponse(response));
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  /** Starts transpiling `code`; the promise settles as `transpileCell(code, label)` would return or throw. */
  transpile(code: string, label: string): Promise<TranspiledCell> {
    if (!this.ready || this.failed || !this.worker) return local(code, label);
    const id = this.nextId++;
    return new Promise<TranspiledCell>((resolve, reject) => {
      // Held while an answer is owed, so the process waits for it; otherwise the thread never keeps it running.
      if (this.pending.size === 0) this.worker!.ref();
      this.pending.set(id, { resolve, reject, code, label });
      this.worker!.postMessage({ id, code, label } satisfies TranspileRequest);
    });
  }

  private onResponse(response: TranspileResponse): void {
    if (response.kind === 'ready') {
      this.ready = true;
      return;
    }
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker!.unref();
    if (response.kind === 'done') {
      pending.resolve({ js: response.js, sourceMap: response.sourceMap, names: response.names });
    } else {
      pending.reject(Object.assign(new Error(response.message), { name: response.name }));
    }
  }

  /** The thread is gone: what it still owed is transpiled here, and so is every later cell. */
  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const { resolve, reject, code, label } of this.pending.values()) local(code, label).then(resolve, reject);
    this.pending.clear();
  }

  /** Ends the thread (tests; a kernel just exits). */
  async close(): Promise<void> {
    await this.worker?.terminate();
    this.fail();
  }
}

function local(code: string, label: string): Promise<TranspiledCell> {
  try {
    return Promise.resolve(transpileCell(code, label));
  } catch (error) {
    return Promise.reject(error);
  }
}
