/** The main thread's end of the protocol thread: start it, send messages through it, hear from it. */
import { Worker } from 'node:worker_threads';
import type { Message } from './message.js';
import type { SendChannel } from './sockets.js';
import type { ProtocolThreadData, ToMain, ToProtocol } from './bridge.js';

export class ProtocolChannel {
  private readonly worker: Worker;

  constructor(data: ProtocolThreadData, onMessage: (message: ToMain) => void, onExit: (code: number) => void) {
    this.worker = new Worker(new URL('./protocol-thread.js', import.meta.url), { workerData: data });
    this.worker.on('message', onMessage);
    this.worker.on('error', (error) => onMessage({ kind: 'log', line: `protocol thread failed: ${error.stack ?? error.message}` }));
    this.worker.on('exit', onExit);
  }

  send(channel: SendChannel, message: Message<unknown>): void {
    this.post({ kind: 'send', channel, message });
  }

  post(message: ToProtocol): void {
    this.worker.postMessage(message);
  }

  /** Asks the protocol thread to close its sockets and waits for it to end (terminate() aborts zeromq mid-call). */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.post({ kind: 'close' });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([exited, timeout]);
  }
}
