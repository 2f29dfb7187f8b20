/**
 * The only module that touches zeromq (STYLE.md: sockets.ts is the only importer). The kernel's five channels live on
 * two threads: shell and iopub on the main thread, beside the code that answers and produces them (MainSockets);
 * control, stdin and heartbeat on the protocol thread, which stays responsive while a cell blocks the main thread
 * (ThreadSockets). The client side is ClientSockets.
 */
import { createRequire } from 'node:module';
import type * as Zmq from 'zeromq';
import { endpoint, type Channel, type ConnectionInfo } from './connection.js';
import type { Frame } from './wire.js';

// Loaded with require: zeromq is CommonJS, and importing it as ESM makes Node lex its re-exports first, ~15 ms more
// on the way to binding the sockets (start-up → first kernel_info_reply).
const zmq = createRequire(import.meta.url)('zeromq') as typeof Zmq;

export type RouterChannel = 'shell' | 'control' | 'stdin';
export type SendChannel = RouterChannel | 'iopub';

/**
 * A kernel socket sends at once, synchronously: with a send timeout of 0 zeromq hands each message to its I/O
 * thread within the call, instead of resolving only on a later event-loop turn (at most one send may be in flight
 * per socket otherwise). Output printed by a cell that never yields still leaves while the cell runs. ROUTER and PUB
 * never block: a peer that is gone or too far behind loses the message, as with any Jupyter kernel.
 */
function immediate<T extends Zmq.Socket & Zmq.Writable>(socket: T): T {
  socket.sendTimeout = 0;
  return socket;
}

/** Sends on an `immediate` socket; a failure (the socket closed by a shutdown, say) is reported, never thrown. */
function sendNow(socket: Zmq.Writable & Zmq.Socket, frames: Frame[], onError: (error: Error) => void): void {
  try {
    socket.send(frames).catch(onError);
  } catch (error) {
    onError(error as Error);
  }
}

/** Calls `onFrames` for every multipart message arriving on `socket`, until it is closed. */
async function receiveAll(socket: Zmq.Readable & Zmq.Socket, onFrames: (frames: Buffer[]) => void, onStop: (error: Error) => void): Promise<void> {
  try {
    for await (const frames of socket) onFrames(frames);
  } catch (error) {
    if (!socket.closed) onStop(error as Error);
  }
}

/**
 * Binds every socket, then reports the first failure. All binds settle first: closing a socket while its bind is
 * still in flight makes zeromq abort the whole process when the bind completes.
 */
async function bindAll(info: ConnectionInfo, sockets: [Channel, Zmq.Socket][]): Promise<void> {
  const results = await Promise.allSettled(sockets.map(([channel, socket]) => socket.bind(endpoint(info, channel))));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Closing with linger lets queued messages (a shutdown_reply, the last outputs) leave first. */
function closeAll(sockets: Zmq.Socket[]): void {
  for (const socket of sockets) {
    try {
      socket.linger = 200;
      socket.close();
    } catch {
      // Already closed.
    }
  }
}

/** Shell and iopub, on the main thread: requests arrive where they are handled, replies and outputs leave from there. */
export class MainSockets {
  private readonly shell = immediate(new zmq.Router());
  private readonly iopub = immediate(new zmq.Publisher());

  constructor(private readonly info: ConnectionInfo, private readonly log: (line: string) => void) {}

  bind(): Promise<void> {
    return bindAll(this.info, [['shell', this.shell], ['iopub', this.iopub]]);
  }

  /** Calls `onFrames` for every shell request, until closed. */
  receiveShell(onFrames: (frames: Buffer[]) => void): void {
    void receiveAll(this.shell, onFrames, (error) => this.log(`shell receive stopped: ${error.message}`));
  }

  send(channel: 'shell' | 'iopub', frames: Frame[]): void {
    sendNow(channel === 'shell' ? this.shell : this.iopub, frames, (error) => this.log(`send on ${channel} failed: ${error.message}`));
  }

  close(): void {
    closeAll([this.shell, this.iopub]);
  }
}

/** Control, stdin and heartbeat, on the protocol thread: answered even while user code blocks the main thread. */
export class ThreadSockets {
  private readonly routers = { control: immediate(new zmq.Router()), stdin: immediate(new zmq.Router()) };
  private readonly heartbeat = new zmq.Reply();

  constructor(private readonly info: ConnectionInfo, private readonly log: (line: string) => void) {}

  bind(): Promise<void> {
    return bindAll(this.info, [['control', this.routers.control], ['stdin', this.routers.stdin], ['hb', this.heartbeat]]);
  }

  /** Echoes heartbeat pings until closed. */
  async serveHeartbeat(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch (error) {
      if (!this.heartbeat.closed) this.log(`heartbeat stopped: ${(error as Error).message}`);
    }
  }

  /** Calls `onFrames` for every multipart message arriving on control or stdin, until closed. */
  receive(channel: 'control' | 'stdin', onFrames: (frames: Buffer[]) => void): void {
    void receiveAll(this.routers[channel], onFrames, (error) => this.log(`${channel} receive stopped: ${error.message}`));
  }

  send(channel: 'control' | 'stdin', frames: Frame[]): void {
    sendNow(this.routers[channel], frames, (error) => this.log(`send on ${channel} failed: ${error.message}`));
  }

  close(): void {
    closeAll([this.routers.control, this.routers.stdin, this.heartbeat]);
  }
}

/** Sends multipart messages one at a time, in call order (a client's sockets keep zeromq's default timeout). */
class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: Zmq.Writable & Zmq.Socket, private readonly onError: (error: Error) => void) {}

  send(frames: Frame[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.socket.send(frames),
    ).catch((error: Error) => this.onError(error));
    return this.tail;
  }
}

/** How often a client retries a refused connect (see ClientSockets.connect); zeromq's default is 100 ms. */
const CLIENT_RECONNECT_MS = 2;

/** The client side of the five channels, for the notebook runner (it talks to a kernel as Jupyter clients do). */
export class ClientSockets {
  readonly shell = new zmq.Dealer();
  readonly control = new zmq.Dealer();
  readonly stdin = new zmq.Dealer();
  readonly iopub = new zmq.Subscriber();
  private readonly senders: Record<'shell' | 'control' | 'stdin', SerialSender>;

  constructor(private readonly info: ConnectionInfo, log: (line: string) => void) {
    const onError = (error: Error) => log(`send failed: ${error.message}`);
    this.senders = {
      shell: new SerialSender(this.shell, onError),
      control: new SerialSender(this.control, onError),
      stdin: new SerialSender(this.stdin, onError),
    };
  }

  connect(): void {
    // A client connects as it spawns the kernel, before anything is bound, and zeromq retries a refused connect
    // after its reconnect interval plus a random share of one more (100-200 ms by default): a kernel that binds in
    // 90 ms would answer at a random moment in that window. Retrying every few milliseconds instead, the first
    // reply comes when the kernel can give it (the start of `whetstone run`, and the start-up figure of
    // bench/kernel.bench.ts, which would otherwise time zeromq's retry rather than the kernel).
    for (const socket of [this.shell, this.control, this.stdin, this.iopub]) socket.reconnectInterval = CLIENT_RECONNECT_MS;
    this.shell.connect(endpoint(this.info, 'shell'));
    this.control.connect(endpoint(this.info, 'control'));
    this.stdin.connect(endpoint(this.info, 'stdin'));
    this.iopub.connect(endpoint(this.info, 'iopub'));
    this.iopub.subscribe();
  }

  send(channel: 'shell' | 'control' | 'stdin', frames: Frame[]): Promise<void> {
    return this.senders[channel].send(frames);
  }

  /** Calls `onFrames` for each message on a channel until closed. */
  async receive(channel: 'shell' | 'control' | 'iopub', onFrames: (frames: Buffer[]) => void): Promise<void> {
    const socket = channel === 'iopub' ? this.iopub : this[channel];
    try {
      for await (const frames of socket) onFrames(frames);
    } catch {
      // Closed.
    }
  }

  close(): void {
    for (const socket of [this.shell, this.control, this.stdin, this.iopub]) {
      socket.linger = 0;
      socket.close();
    }
  }
}
