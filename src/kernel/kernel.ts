/**
 * Starts a kernel on the main thread: shell and iopub first, then the protocol thread for control, stdin and
 * heartbeat, then the session (output routing, comms, the shell dispatcher: session.ts), tfjs with its backend, and
 * the executor with its preloaded globals. Faults in user code (late timer errors, unhandled rejections) are
 * reported to a cell and never stop the process.
 *
 * Start-up → first kernel_info_reply is a figure Jupyter users wait on (bench/kernel.bench.ts). Shell is bound
 * before anything else loads, and the first kernel_info_request is answered at once (startup-shell.ts), with a banner
 * whose tensor backend is forecast without tfjs (toolkit/tensor/forecast.ts); the real backend replaces the forecast
 * in the banner once tfjs has loaded. Loading the rest (tfjs ~0.5 s, TypeScript) blocks this thread, so it waits for that first request
 * (a client sends it as soon as it connects), or FIRST_REQUEST_WAIT_MS at most. This module imports only what
 * answering it needs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../executor/executor.js';
import type { KernelState } from './context.js';
import { lowerBackgroundThreads } from './background-priority.js';
import { INPUT_BUFFER_BYTES, RUN_STATE, type ToMain } from './bridge.js';
import { readConnectionFile } from './connection.js';
import { newSender } from './message.js';
import { ProtocolChannel } from './protocol-channel.js';
import { StartupShell } from './startup-shell.js';
import type { KernelSession } from './session.js';

/** The package root (…/dist/src/kernel → …). */
export const KERNEL_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(KERNEL_ROOT, 'package.json'));

/**
 * How long the kernel waits, once bound, for a first shell request before loading the rest anyway. A client's
 * first connect is refused (nothing is bound yet when it spawns the kernel) and zeromq retries after 100-200 ms.
 */
const FIRST_REQUEST_WAIT_MS = 300;

export interface KernelOptions {
  connectionFile: string;
  /** The notebook's directory. Default: the process's working directory. */
  cwd?: string;
}

export async function startKernel(options: KernelOptions): Promise<void> {
  // First, before any thread of the kernel's own exists (zeromq's, the protocol thread): see background-priority.ts.
  lowerBackgroundThreads();
  const cwd = options.cwd ?? process.cwd();
  const sender = newSender();
  const inputBuffer = new SharedArrayBuffer(INPUT_BUFFER_BYTES);
  const runState = new Int32Array(new SharedArrayBuffer(8));
  process.on('SIGINT', () => Atomics.store(runState, RUN_STATE.interruptSeen, 1));
  let session: KernelSession | undefined;
  const log = (line: string) => (session ? session.log(line) : process.stderr.write(`[whetstone] ${line}\n`));

  const info = readConnectionFile(options.connectionFile);
  const channel = new ProtocolChannel(info, log);
  await channel.bind().catch(async (error: Error) => {
    await channel.stop();
    throw new Error(`cannot bind the kernel's sockets on ${info.ip}: ${error.message}`);
  });

  const shell = new StartupShell(channel, sender);
  const [{ forecast, formatBannerLine }, { kernelInfoContent }] = await Promise.all([import('../toolkit/tensor/forecast.js'), import('./kernel-info.js')]);
  const forecastLine = formatBannerLine(forecast());
  const { version } = require('./package.json') as { version: string };
  const kernelInfo = kernelInfoContent(version, forecastLine);
  shell.setKernelInfo(kernelInfo);
  await Promise.race([shell.firstRequest, new Promise((resolve) => setTimeout(resolve, FIRST_REQUEST_WAIT_MS))]);

  // Messages from the protocol thread before the session exists: its log lines go straight to stderr, a shutdown
  // waits for the session.
  const pending: Exclude<ToMain, { kind: 'publish' | 'log' }>[] = [];
  channel.startThread(
    { connection: info, session: sender.session, username: sender.username, inputBuffer, runState: runState.buffer as SharedArrayBuffer },
    (message) => {
      if (session) session.onMessage(message);
      else if (message.kind === 'log') log(message.line);
      else pending.push(message);
    },
    (code) => {
      if (!session?.stopping) log(`protocol thread exited (${code})`);
      process.exit(code === 0 ? 0 : 1);
    },
  );
  channel.post({ kind: 'kernel-info', content: kernelInfo });
  const { KernelSession: Session } = await import('./session.js');
  session = new Session({ channel, sender, inputBuffer, runState, kernelInfo });
  shell.handOver(session);
  for (const message of pending.splice(0)) session.onMessage(message);

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
