/**
 * The one place shell requests are processed, strictly in order: status busy → handler → flushed outputs →
 * status idle. It owns the parent header, catches handler faults (the kernel never dies of one), aborts queued
 * executions after an error when asked, and logs unknown message types.
 */
import type { Handler, HandlerContext, KernelState, ShellMsgType } from './context.js';
import { childMessage, replyType, type Message, type Sender } from './message.js';
import { epochNow } from './clock.js';
import type { ProtocolChannel } from './protocol-channel.js';

interface Queued {
  message: Message;
  receivedAt: number;
}

export class Dispatcher {
  private readonly queue: Queued[] = [];
  private running = false;
  /**
   * Resolves once the executor and its preloads are ready: everything but kernel_info waits for it. kernel_info needs
   * only the banner, which exists from the start (with a forecast tensor backend until tfjs has loaded).
   */
  private readonly ready: Promise<void>;
  /** Execute requests received at or before this time are aborted (stop_on_error). */
  private abortCutoff = -Infinity;

  constructor(
    private readonly handlers: Record<ShellMsgType, Handler>,
    private readonly channel: ProtocolChannel,
    private readonly sender: Sender,
    private readonly kernel: () => KernelState,
    ready: Promise<void>,
  ) {
    this.ready = ready;
  }

  enqueue(message: Message, receivedAt: number): void {
    this.queue.push({ message, receivedAt });
    if (!this.running) void this.drain();
  }

  /**
   * Answers every execute request that has reached the kernel by now with status 'aborted' (spec: stop_on_error),
   * also those that arrived while the failing cell blocked this thread and still wait in the socket. Call before
   * the failing cell's reply leaves: a request sent after the client saw the error is never aborted.
   */
  async abortQueued(): Promise<void> {
    await this.channel.settleIncoming();
    this.abortCutoff = epochNow();
  }

  private abort(message: Message): void {
    this.publish(message, 'status', { execution_state: 'busy' });
    this.send(message, 'execute_reply', { status: 'aborted', execution_count: this.kernel().executionCount, user_expressions: {}, payload: [] });
    this.publish(message, 'status', { execution_state: 'idle' });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        if (item.message.header.msg_type !== 'kernel_info_request') await this.ready;
        await this.process(item);
      }
    } finally {
      this.running = false;
    }
  }

  private async process({ message, receivedAt }: Queued): Promise<void> {
    const type = message.header.msg_type;
    if (type === 'execute_request' && receivedAt < this.abortCutoff) {
      this.abort(message);
      return;
    }
    const handler = (this.handlers as Record<string, Handler | undefined>)[type];
    if (!handler) {
      this.kernel().log(`unknown shell message type '${type}': ignored`);
      return;
    }
    const kernel = this.kernel();
    this.publish(message, 'status', { execution_state: 'busy' });
    const context: HandlerContext = {
      request: message,
      receivedAt,
      kernel,
      reply: (content, metadata) => this.send(message, replyType(type), content, metadata),
      publish: (msgType, content, metadata) => {
        kernel.outputs.flush();
        this.publish(message, msgType, content, metadata);
      },
    };
    try {
      await handler(context);
    } catch (error) {
      kernel.log(`handler for ${type} failed: ${(error as Error).stack ?? String(error)}`);
      if (type.endsWith('_request')) {
        context.reply({ status: 'error', ename: 'KernelError', evalue: (error as Error).message ?? String(error), traceback: [] });
      }
    }
    kernel.outputs.flush();
    this.publish(message, 'status', { execution_state: 'idle' });
  }

  private send(parent: Message, type: string, content: Record<string, unknown>, metadata?: Record<string, unknown>): void {
    this.channel.send('shell', childMessage(this.sender, parent, type, content, { metadata }));
  }

  private publish(parent: Message, type: string, content: unknown, metadata?: Record<string, unknown>): void {
    this.channel.send('iopub', childMessage(this.sender, parent, type, content, { metadata, identities: [] }));
  }
}
