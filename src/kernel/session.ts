/**
 * The main thread's side of a running kernel: output routing, comms, stdin, the state every handler sees, and the
 * shell dispatcher. kernel.ts builds it once the first shell request has come (or start-up has waited long enough for
 * it, see startup-shell.ts), hands it every shell request from then on, and tells it when the kernel_info content
 * changes (the real tensor backend replacing the forecast) and when the executor is ready.
 */
import { setOutputSink } from '../display/output-sink.js';
import type { Executor } from '../executor/executor.js';
import { setDisplayHook } from '../toolkit/util/display-hook.js';
import { RUN_STATE, type ToMain } from './bridge.js';
import { CommManager } from './comms.js';
import type { KernelState } from './context.js';
import { Dispatcher } from './dispatcher.js';
import { shellHandlers } from './handlers/index.js';
import { History } from './history.js';
import type { Message, Sender } from './message.js';
import { OutputRouter } from './output-router.js';
import type { ProtocolChannel } from './protocol-channel.js';
import { StdinReader } from './stdin.js';
import { bindUserApi } from './user-api.js';

/** What the session needs from start-up: the channel (sockets and protocol thread) and the memory shared with it. */
export interface SessionOptions {
  channel: ProtocolChannel;
  sender: Sender;
  inputBuffer: SharedArrayBuffer;
  /** Shared with the protocol thread: see RUN_STATE. */
  runState: Int32Array;
  /** kernel_info content, as already posted to the protocol thread (and answered on shell during start-up). */
  kernelInfo: Record<string, unknown>;
}

/**
 * Built once per kernel process; handlers reach everything through `state`.
 *
 * @example
 * const session = new KernelSession({ channel, sender, inputBuffer, runState, kernelInfo });
 * session.setExecutor(executor); session.ready(); // execute requests now run
 */
export class KernelSession {
  readonly state: KernelState;
  /** True once shutdown has begun, so the protocol thread's exit is expected. */
  stopping = false;
  private readonly router: OutputRouter;
  private readonly dispatcher: Dispatcher;
  private info: Record<string, unknown>;
  private resolveReady!: () => void;
  private cellSequence = 0;

  constructor(private readonly options: SessionOptions) {
    const { channel, sender, inputBuffer, runState } = options;
    this.info = options.kernelInfo;

    const router = new OutputRouter(channel, sender);
    this.router = router;
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

    this.state = {
      // Set by ready() once TypeScript has loaded; only kernel_info is answered before that (the dispatcher waits).
      executor: undefined as unknown as Executor,
      outputs: router,
      history: new History(),
      comms,
      kernelInfo: () => this.info,
      setCellRunning: (running) => Atomics.store(runState, RUN_STATE.cellRunning, running ? ++this.cellSequence : 0),
      executionCount: 0,
      pendingErrors: [],
      abortQueued: () => this.dispatcher.abortQueued(),
      shutdown: (restart) => this.shutdown(restart),
      log: (line) => this.log(line),
    };
    const ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
    this.dispatcher = new Dispatcher(shellHandlers, channel, sender, () => this.state, ready);
  }

  /** Takes a shell request: the dispatcher runs them one at a time, in arrival order. */
  onShell(request: Message, receivedAt: number): void {
    this.dispatcher.enqueue(request, receivedAt);
  }

  /** Takes a message from the protocol thread (the channel publishes its statuses itself). */
  onMessage(message: Exclude<ToMain, { kind: 'publish' }>): void {
    switch (message.kind) {
      case 'shutdown': this.shutdown(message.restart); break;
      case 'log': this.log(message.line); break;
    }
  }

  /** Every later kernel_info reply, on shell (dispatcher) and control (protocol thread), carries `content`. */
  setKernelInfo(content: Record<string, unknown>): void {
    this.info = content;
    this.options.channel.post({ kind: 'kernel-info', content });
  }

  /** Gives handlers the executor; shell requests other than kernel_info run only after `ready()`. */
  setExecutor(executor: Executor): void {
    this.state.executor = executor;
  }

  /** Lets the dispatcher run the requests it holds: call once the executor's preloads are in place. */
  ready(): void {
    this.resolveReady();
  }

  /** A kernel log line on the real stderr (not a cell's output). */
  log(line: string): void {
    this.router.originalStderrWrite(`[whetstone] ${line}\n`);
  }

  private shutdown(restart: boolean): void {
    this.log(`shutting down${restart ? ' for restart' : ''}`);
    this.stopping = true;
    this.router.flush();
    // The history's queued records go out while the sockets close (see History.persist).
    void Promise.allSettled([this.state.history.flush(), this.options.channel.stop()]).finally(() => process.exit(0));
  }
}
