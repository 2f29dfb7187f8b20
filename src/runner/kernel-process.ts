/**
 * Starts a Whetstone kernel as a child process and talks to it the way every Jupyter client does: a connection
 * file with fresh ports and a random key, then signed messages over ZeroMQ. Used by `whetstone run`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectionInfo } from '../kernel/connection.js';
import { childMessage, newSender, type Message, type Sender } from '../kernel/message.js';
import { ClientSockets } from '../kernel/sockets.js';
import { decode, encode, Signer } from '../kernel/wire.js';

/**
 * `count` distinct ports that are free right now. The listeners stay open until all are chosen: closed one by one,
 * the system may hand the same port out again (2 sets of 5 in 2000 here), and a kernel given one port twice cannot
 * bind its sockets.
 */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(servers.map((server) => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    })));
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Everything one request produced: its reply and its iopub messages up to idle. */
export interface RequestResult {
  reply: Message;
  iopub: Message[];
}

export interface RequestOptions {
  /** Called with each iopub message the request produces (status messages aside). */
  onIopub?: (message: Message) => void;
  /** Called when the reply arrives, which may be before idle (or, from a faulty kernel, instead of it). */
  onReply?: (reply: Message) => void;
  /** Settle on the reply alone (start-up, when iopub may not be subscribed yet). */
  replyOnly?: boolean;
}

interface Pending extends RequestOptions {
  reply?: Message;
  iopub: Message[];
  idle: boolean;
  resolve: (result: RequestResult) => void;
}

export class KernelProcess {
  private readonly sender: Sender = newSender();
  private readonly pending = new Map<string, Pending>();
  private child!: ChildProcess;
  private sockets!: ClientSockets;
  private signer!: Signer;
  private directory!: string;
  private exited = false;
  stderr = '';
  /** Milliseconds from spawning the kernel to its first kernel_info_reply. */
  firstReplyMs = NaN;

  /** Process id of the kernel (for signal-mode interrupts). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts a kernel in `cwd` and waits until it answers kernel_info. `argv` is a kernel spec's command line with
   * `{connection_file}` in it; default: this package's own kernel.
   */
  async start(options: { argv?: string[]; kernelMain?: string; cwd: string; startupTimeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<Record<string, unknown>> {
    this.directory = mkdtempSync(join(tmpdir(), 'whetstone-run-'));
    const [shell, iopub, stdin, control, hb] = await freePorts(5);
    const info: ConnectionInfo = {
      transport: 'tcp', ip: '127.0.0.1', key: randomBytes(16).toString('hex'), signature_scheme: 'hmac-sha256',
      shell_port: shell!, iopub_port: iopub!, stdin_port: stdin!, control_port: control!, hb_port: hb!, kernel_name: 'whetstone',
    };
    const connectionFile = join(this.directory, 'kernel.json');
    writeFileSync(connectionFile, JSON.stringify(info));
    this.signer = new Signer(info.key);
    const argv = (options.argv ?? [process.execPath, options.kernelMain ?? KERNEL_MAIN, 'kernel', '--connection-file', '{connection_file}'])
      .map((arg) => arg.replace('{connection_file}', connectionFile));
    this.child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'], env: options.env ?? process.env });
    this.child.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-20000); });
    this.child.on('exit', () => { this.exited = true; });
    this.sockets = new ClientSockets(info, () => undefined);
    this.sockets.connect();
    void this.sockets.receive('shell', (frames) => this.onShell(frames));
    void this.sockets.receive('control', (frames) => this.onShell(frames));
    void this.sockets.receive('iopub', (frames) => this.onIopub(frames));
    const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
    const startedAt = performance.now();
    // A PUB socket drops messages until the subscription arrives: retry kernel_info until a full round trip works.
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the kernel exited during start-up:\n${this.stderr.trim()}`);
      const result = await Promise.race([this.request('shell', 'kernel_info_request', {}, { replyOnly: true }), sleep(250).then(() => undefined)]);
      if (result) {
        this.firstReplyMs = performance.now() - startedAt;
        // Now make sure iopub is subscribed (a PUB socket drops messages until then): wait for a full round trip.
        while (Date.now() < deadline) {
          const full = await Promise.race([this.request('shell', 'kernel_info_request', {}), sleep(1000).then(() => undefined)]);
          if (full) return full.reply.content;
        }
        break;
      }
    }
    throw new Error('the kernel did not answer kernel_info within the start-up timeout');
  }

  /** Sends a request and resolves once both its reply and its idle status have arrived. */
  request(channel: 'shell' | 'control', type: string, content: Record<string, unknown>, options: RequestOptions = {}): Promise<RequestResult> {
    const message = childMessage(this.sender, undefined, type, content);
    return new Promise((resolve) => {
      this.pending.set(message.header.msg_id, { ...options, iopub: [], idle: false, resolve });
      void this.sockets.send(channel, encode(message, this.signer));
    });
  }

  private onShell(frames: Buffer[]): void {
    const decoded = decode(frames, this.signer);
    if (!decoded.ok) return;
    const pending = this.pending.get(String(decoded.message.parent_header.msg_id));
    if (!pending) return;
    pending.reply = decoded.message;
    pending.onReply?.(decoded.message);
    this.settle(String(decoded.message.parent_header.msg_id), pending);
  }

  private onIopub(frames: Buffer[]): void {
    const decoded = decode(frames, this.signer);
    if (!decoded.ok) return;
    const message = decoded.message;
    const id = String(message.parent_header.msg_id);
    const pending = this.pending.get(id);
    if (!pending) return;
    if (message.header.msg_type === 'status') {
      if (message.content['execution_state'] === 'idle') pending.idle = true;
    } else {
      pending.iopub.push(message);
      pending.onIopub?.(message);
    }
    this.settle(id, pending);
  }

  private settle(id: string, pending: Pending): void {
    // Control replies (interrupt) carry no idle on our subscription until later; shell replies wait for idle.
    if (pending.reply && (pending.idle || pending.replyOnly)) {
      this.pending.delete(id);
      pending.resolve({ reply: pending.reply, iopub: pending.iopub });
    }
  }

  async interrupt(): Promise<void> {
    await Promise.race([this.request('control', 'interrupt_request', {}), sleep(5000)]);
  }

  async shutdown(): Promise<void> {
    if (!this.exited) {
      await Promise.race([this.request('control', 'shutdown_request', { restart: false }), sleep(3000)]);
      await Promise.race([new Promise((r) => this.child.once('exit', r)), sleep(3000)]);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    this.sockets.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

const KERNEL_MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.js');

/** A delay for deadlines; unref'd so a pending deadline (e.g. --timeout 600) never keeps the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
