/**
 * The main thread's end of the protocol thread: start it, send messages through it, hear from it. Every crossing
 * wakes the other thread, so the dispatcher's own messages (status, replies, results) are queued and cross together:
 * when the dispatcher flushes after idle, when anything is sent directly, or at the latest at the end of this
 * event-loop turn, before a cell's code runs. The queue keeps their order with everything else.
 */
import { Worker } from 'node:worker_threads';
import type { Message } from './message.js';
import type { SendChannel } from './sockets.js';
import type { Outgoing, ProtocolThreadData, ToMain, ToProtocol } from './bridge.js';

export class ProtocolChannel {
  private readonly worker: Worker;
  private queued: Outgoing[] = [];
  private flushScheduled = false;

  constructor(data: ProtocolThreadData, onMessage: (message: ToMain) => void, onExit: (code: number) => void) {
    this.worker = new Worker(new URL('./protocol-thread.js', import.meta.url), { workerData: data });
    this.worker.on('message', onMessage);
    this.worker.on('error', (error) => onMessage({ kind: 'log', line: `protocol thread failed: ${error.stack ?? error.message}` }));
    this.worker.on('exit', onExit);
  }

  /** Sends a message now (after those queued before it): output that must not wait for user code to yield. */
  send(channel: SendChannel, message: Message<unknown>): void {
    this.queued.push({ channel, message });
    this.flush();
  }

  /** Sends a message with the next flush (at the latest when this event-loop turn ends). */
  queue(channel: SendChannel, message: Message<unknown>): void {
    this.queued.push({ channel, message });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Sends everything queued, in one crossing. */
  flush(): void {
    if (this.queued.length === 0) return;
    const messages = this.queued;
    this.queued = [];
    this.worker.postMessage({ kind: 'send', messages } satisfies ToProtocol);
  }

  post(message: ToProtocol): void {
    this.flush();
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
