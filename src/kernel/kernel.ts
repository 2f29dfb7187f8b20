/**
 * Starts a kernel on the main thread: the protocol thread for sockets first, then the session (output routing,
 * comms, the shell dispatcher: session.ts), tfjs with its backend, and the executor with its preloaded globals.
 * Faults in user code (late timer errors, unhandled rejections) are reported to a cell and never stop the process.
 *
 * Start-up → first kernel_info_reply is a figure Jupyter users wait on (bench/kernel.bench.ts). The protocol thread
 * answers that first request itself with a banner whose tensor backend is forecast without tfjs
 * (toolkit/tensor/forecast.ts), so the reply waits only for the thread to bind its sockets, not for tfjs (~0.5 s)
 * or TypeScript; the real backend replaces the forecast in the banner once tfjs has loaded. This module imports
 * only what starting the thread needs, and the rest of the kernel loads once the sockets are bound.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../executor/executor.js';
import type { KernelState } from './context.js';
import { INPUT_BUFFER_BYTES, RUN_STATE, type ToMain } from './bridge.js';
import { newSender } from './message.js';
import { ProtocolChannel } from './protocol-channel.js';
import type { KernelSession } from './session.js';

/** The package root (…/dist/src/kernel → …). */
export const KERNEL_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(KERNEL_ROOT, 'package.json'));

export interface KernelOptions {
  connectionFile: string;
  /** The notebook's directory. Default: the process's working directory. */
  cwd?: string;
}

export async function startKernel(options: KernelOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const sender = newSender();
  const inputBuffer = new SharedArrayBuffer(INPUT_BUFFER_BYTES);
  const runState = new Int32Array(new SharedArrayBuffer(8));
  process.on('SIGINT', () => Atomics.store(runState, RUN_STATE.interruptSeen, 1));
  const log = (line: string) => (session ? session.log(line) : process.stderr.write(`[whetstone] ${line}\n`));

  // The protocol thread starts before the rest of the kernel is even imported. Until the session exists, requests
  // and shutdowns from it wait here; log lines go straight to stderr (a failed bind is reported before exiting).
  let session: KernelSession | undefined;
  const early: ToMain[] = [];
  let resolveBound!: () => void;
  const bound = new Promise<void>((resolve) => (resolveBound = resolve));
  const channel = new ProtocolChannel(
    { connectionFile: options.connectionFile, session: sender.session, username: sender.username, inputBuffer, runState: runState.buffer as SharedArrayBuffer },
    (message) => {
      if (message.kind === 'ready') resolveBound();
      if (session) session.onMessage(message);
      else if (message.kind === 'log') log(message.line);
      else early.push(message);
    },
    (code) => {
      if (!session?.stopping) log(`protocol thread exited (${code})`);
      process.exit(code === 0 ? 0 : 1);
    },
  );
  // Posted before the thread can have bound its sockets, so even the first kernel_info_reply carries it.
  const [{ forecast, formatBannerLine }, { kernelInfoContent }] = await Promise.all([import('../toolkit/tensor/forecast.js'), import('./kernel-info.js')]);
  const forecastLine = formatBannerLine(forecast());
  // Read here, not at import: nothing before the protocol thread starts waits on the file system.
  const { version } = require('./package.json') as { version: string };
  const kernelInfo = kernelInfoContent(version, forecastLine);
  channel.post({ kind: 'kernel-info', content: kernelInfo });
  // Nothing below is needed for the first reply, and loading it beside the booting thread slows the bind on a busy
  // machine (thread start → bound: 60–100 ms when this waits, 120–130 ms when not, on two shared cores).
  await bound;
  const { KernelSession: Session } = await import('./session.js');
  session = new Session({ channel, sender, inputBuffer, runState, kernelInfo });
  for (const message of early.splice(0)) session.onMessage(message);

  // Globals every cell sees without an import.
  const tensor = await import('../toolkit/tensor/index.js');
  const backendLine = tensor.bannerLine(await tensor.init());
  if (backendLine !== forecastLine) log(`tensor backend differs from the start-up forecast; kernel_info now says: ${backendLine}`);
  session.setKernelInfo(kernelInfoContent(version, backendLine));
  // From here on V8 compiles each function with its baseline compiler on first call instead of interpreting it until
  // it is hot. TypeScript's checker and transformers are large and mostly megamorphic: interpreted, a kernel's first
  // cells are checked much more slowly than later ones (bench/kernel.bench.ts, "function cell, cells 1-20"). Not
  // earlier: compiling everything the start-up runs once would delay the first kernel_info_reply.
  (await import('node:v8')).setFlagsFromString('--always-sparkplug');
  const { Executor: ExecutorClass } = await import('../executor/executor.js');
  const executor = new ExecutorClass({ cwd, kernelRoot: KERNEL_ROOT });
  session.setExecutor(executor);
  await preloadGlobals(executor);
  installFaultHandlers(session.state);
  session.ready();
  // Build the first type-checking program and warm the checker now, so the first cells do not pay for it.
  setImmediate(() => void executor.warmUp().catch((error: Error) => log(`checker warm-up failed: ${error.message}`)));
}

async function preloadGlobals(executor: Executor): Promise<void> {
  const src = join(KERNEL_ROOT, 'dist', 'src');
  const modules: { file: string; names?: string[] }[] = [
    { file: join(src, 'toolkit', 'index.js') },
    { file: join(src, 'display', 'index.js'), names: ['display', 'newDisplay', 'clearOutput', 'mimeBundle'] },
    { file: join(src, 'toolkit', 'util', 'progress.js'), names: ['progress'] },
    { file: join(src, 'kernel', 'user-api.js'), names: ['comms', 'input', 'prompt'] },
  ];
  for (const { file, names } of modules) {
    const module = (await import(file)) as Record<string, unknown>;
    executor.preload({ specifier: file, module, names });
  }
  const tfPackage = dirname(require.resolve('@tensorflow/tfjs/package.json'));
  // The same module object the toolkit uses, through its CommonJS shim (an ESM import would lex the bundle again).
  const tf = (await import('../toolkit/tensor/tfjs.cjs')).default as unknown as Record<string, unknown>;
  executor.preload({ specifier: tfPackage, module: tf, names: [], alias: 'tf' });
}

/**
 * Late errors go to the cell that started them while it runs, otherwise to the next cell. Installed after the
 * preloads because Emscripten-built modules (tfjs' wasm backend) register listeners that rethrow, which would turn
 * any stray timer error into a crash: those are removed.
 */
function installFaultHandlers(state: KernelState): void {
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
  const report = (kind: string, error: unknown) => {
    const cellError = state.executor.stack.toCellError(error);
    const text = `${kind}: ${cellError.traceback.join('\n')}\n`;
    if (state.outputs.running()) state.outputs.write('stderr', text);
    else state.pendingErrors.push(text);
  };
  process.on('uncaughtException', (error) => report('Uncaught exception', error));
  process.on('unhandledRejection', (reason) => report('Unhandled promise rejection', reason));
}
