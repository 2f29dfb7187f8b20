/**
 * Shell requests while the kernel starts, before its session (and dispatcher) exists: a kernel_info_request is
 * answered at once, as long as no other request waits before it (so shell replies keep request order); everything
 * else waits and is handed to the session when it takes over. Clients send kernel_info as soon as they connect and
 * wait for its reply (the start-up figure of bench/kernel.bench.ts), while the rest of the kernel is still loading.
 */
import type { ProtocolChannel } from './protocol-channel.js';
import { childMessage, type Message, type Sender } from './message.js';

/** Where shell requests go once start-up is over. */
export interface ShellTarget {
  onShell(request: Message, receivedAt: number): void;
}

export class StartupShell {
  private readonly waiting: { request: Message; receivedAt: number }[] = [];
  private content: Record<string, unknown> | undefined;
  private target: ShellTarget | undefined;
  private resolveFirst!: () => void;
  /** Resolves when the first shell request has arrived. */
  readonly firstRequest = new Promise<void>((resolve) => (this.resolveFirst = resolve));

  constructor(private readonly channel: ProtocolChannel, private readonly sender: Sender) {
    channel.receiveShell((request, receivedAt) => {
      if (this.target) return this.target.onShell(request, receivedAt);
      this.waiting.push({ request, receivedAt });
      this.answerKernelInfo();
      this.resolveFirst();
    });
  }

  /** The content of start-up kernel_info replies; requests that waited for it are answered now. */
  setKernelInfo(content: Record<string, unknown>): void {
    this.content = content;
    this.answerKernelInfo();
  }

  /** Hands the waiting requests, and every later one, to `target`. */
  handOver(target: ShellTarget): void {
    for (const { request, receivedAt } of this.waiting.splice(0)) target.onShell(request, receivedAt);
    this.target = target;
  }

  /** Bracketed by busy/idle like every request (spec "Kernel status"), as the dispatcher would. */
  private answerKernelInfo(): void {
    while (this.content && this.waiting[0]?.request.header.msg_type === 'kernel_info_request') {
      const { request } = this.waiting.shift()!;
      this.channel.send('iopub', childMessage(this.sender, request, 'status', { execution_state: 'busy' }, { identities: [] }));
      this.channel.send('shell', childMessage(this.sender, request, 'kernel_info_reply', this.content));
      this.channel.send('iopub', childMessage(this.sender, request, 'status', { execution_state: 'idle' }, { identities: [] }));
    }
  }
}
