/**
 * The main thread's end of the protocol: the shell and iopub sockets, which it owns, and the protocol thread, which
 * owns control, stdin and heartbeat. Shell requests arrive here verified and decoded; replies and outputs are signed
 * and sent from here at once. Keeping shell and iopub off the protocol thread spares every request two crossings
 * between threads (bench/kernel.bench.ts: `1+1` and function cells), and lets the first kernel_info_reply leave
 * before a second thread has even booted (start-up).
 */
import { Worker } from 'node:worker_threads';
import type { ConnectionInfo } from './connection.js';
import type { Message } from './message.js';
import { MainSockets } from './sockets.js';
import { decode, encode, Signer } from './wire.js';
import { epochNow } from './clock.js';
import { reviveBuffers, type ProtocolThreadData, type ToMain, type ToProtocol } from './bridge.js';

export class ProtocolChannel {
  private readonly sockets: MainSockets;
  private readonly signer: Signer;
  private worker: Worker | undefined;

  constructor(info: ConnectionInfo, private readonly log: (line: string) => void) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.sockets = new MainSockets(info, log);
  }

  /** Binds shell and iopub to the connection file's address. */
  bind(): Promise<void> {
    return this.sockets.bind();
  }

  /**
   * Calls `onRequest` with every verified shell request and when it was received; anything forged or malformed is
   * logged and dropped.
   */
  receiveShell(onRequest: (message: Message, receivedAt: number) => void): void {
    this.sockets.receiveShell((frames) => {
      const receivedAt = epochNow();
      const result = decode(frames, this.signer);
      if (!result.ok) {
        this.log(`dropped a message on shell: ${result.reason} (${result.detail})`);
        return;
      }
      onRequest(result.message, receivedAt);
    });
  }

  /**
   * Resolves once every shell request that had reached the socket when this was called has been passed to
   * `onRequest`. Requests that came while a cell blocked this thread wait in zeromq until the event loop next polls
   * it; two turns of the loop always include such a poll.
   */
  async settleIncoming(): Promise<void> {
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Signs and sends a message now, in call order (a cell that never yields still streams its output). */
  send(channel: 'shell' | 'iopub', message: Message<unknown>): void {
    this.sockets.send(channel, encode(message, this.signer));
  }

  /**
   * Starts the protocol thread (control, stdin, heartbeat). The statuses it asks to publish go out on iopub here;
   * `onMessage` hears everything else.
   */
  startThread(data: ProtocolThreadData, onMessage: (message: Exclude<ToMain, { kind: 'publish' }>) => void, onExit: (code: number) => void): void {
    this.worker = new Worker(new URL('./protocol-thread.js', import.meta.url), { workerData: data });
    this.worker.on('message', (message: ToMain) => {
      if (message.kind === 'publish') this.send('iopub', reviveBuffers(message.message));
      else onMessage(message);
    });
    this.worker.on('error', (error) => onMessage({ kind: 'log', line: `protocol thread failed: ${error.stack ?? error.message}` }));
    this.worker.on('exit', onExit);
  }

  post(message: ToProtocol): void {
    this.worker?.postMessage(message);
  }

  /**
   * Asks the protocol thread to close its sockets and waits for it to end (terminate() aborts zeromq mid-call), then
   * closes shell and iopub, letting what is queued on them leave first.
   */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      this.post({ kind: 'close' });
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([exited, timeout]);
    }
    this.sockets.close();
  }
}
