/**
 * Starts a kernel on the main thread: the protocol thread for sockets, then the executor with its preloaded
 * globals, then the shell dispatcher. Faults in user code (late timer errors, unhandled rejections) are reported
 * to a cell and never stop the process.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setOutputSink } from '../display/output-sink.js';
import type { Executor } from '../executor/executor.js';
import { setDisplayHook } from '../toolkit/util/display-hook.js';
import { INPUT_BUFFER_BYTES, RUN_STATE, type ToMain } from './bridge.js';
import { CommManager } from './comms.js';
import type { KernelState } from './context.js';
import { Dispatcher } from './dispatcher.js';
import { shellHandlers } from './handlers/index.js';
import { History } from './history.js';
import { kernelInfoContent } from './kernel-info.js';
import { newSender } from './message.js';
import { OutputRouter } from './output-router.js';
import { ProtocolChannel } from './protocol-channel.js';
import { StdinReader } from './stdin.js';
import { bindUserApi } from './user-api.js';

/** The package root (…/dist/src/kernel → …). */
export const KERNEL_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(KERNEL_ROOT, 'package.json'));
const manifest = require('./package.json') as { version: string };

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
  let outputs: OutputRouter | undefined;
  const log = (line: string) => (outputs?.originalStderrWrite ?? process.stderr.write.bind(process.stderr))(`[whetstone] ${line}\n`);

  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let resolveInfoReady!: () => void;
  const infoReady = new Promise<void>((resolve) => (resolveInfoReady = resolve));
  let dispatcher: Dispatcher | undefined;
  let stopping = false;
  let cellSequence = 0;
  const onMessage = (message: ToMain) => {
    switch (message.kind) {
      case 'shell': dispatcher?.enqueue(message.message, message.receivedAt); break;
      case 'shutdown': state.shutdown(message.restart); break;
      case 'log': log(message.line); break;
      case 'ready': break;
    }
  };
  const channel = new ProtocolChannel(
    { connectionFile: options.connectionFile, session: sender.session, username: sender.username, inputBuffer, runState: runState.buffer as SharedArrayBuffer },
    onMessage,
    (code) => {
      if (!stopping) log(`protocol thread exited (${code})`);
      process.exit(code === 0 ? 0 : 1);
    },
  );
  outputs = new OutputRouter(channel, sender);
  const router = outputs;
  setOutputSink(router);
  setDisplayHook({
    display: (bundle, opts) => router.displayData(bundle, {}, opts?.displayId),
    update: (bundle, displayId) => router.updateDisplayData(bundle, {}, displayId),
  });
  const comms = new CommManager({
    publish: (type, content, metadata, buffers) => {
      const run = router.target();
      if (run) router.publish(run, type, content, metadata, buffers);
    },
  });
  bindUserApi({ comms, stdin: new StdinReader(inputBuffer, channel, router) });

  let info: Record<string, unknown> = kernelInfoContent(manifest.version, 'tensor backend: starting');
  const state: KernelState = {
    // Set below once TypeScript has loaded; only kernel_info is answered before that (the dispatcher waits).
    executor: undefined as unknown as Executor,
    outputs: router,
    history: new History(),
    comms,
    kernelInfo: () => info,
    setCellRunning: (running) => Atomics.store(runState, RUN_STATE.cellRunning, running ? ++cellSequence : 0),
    executionCount: 0,
    pendingErrors: [],
    abortQueuedBefore: (time) => dispatcher?.abortBefore(time),
    shutdown: (restart) => {
      log(`shutting down${restart ? ' for restart' : ''}`);
      stopping = true;
      router.flush();
      void channel.stop().finally(() => process.exit(0));
    },
    log,
  };
  dispatcher = new Dispatcher(shellHandlers, channel, sender, () => state, { info: infoReady, all: ready });

  // Globals every cell sees without an import.
  const tensor = await import('../toolkit/tensor/index.js');
  const backend = await tensor.init();
  info = kernelInfoContent(manifest.version, tensor.bannerLine(backend));
  channel.post({ kind: 'kernel-info', content: info });
  resolveInfoReady();
  const { Executor: ExecutorClass } = await import('../executor/executor.js');
  const executor = new ExecutorClass({ cwd, kernelRoot: KERNEL_ROOT });
  state.executor = executor;
  await preloadGlobals(executor);
  installFaultHandlers(state);
  resolveReady();
  // Build the first type-checking program now, so the first cell does not pay for it.
  setImmediate(() => executor.checker.check(''));
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
  executor.preload({ specifier: tfPackage, module: (await import('@tensorflow/tfjs')) as Record<string, unknown>, names: [], alias: 'tf' });
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
