/**
 * The only module that touches zeromq (STYLE.md: sockets.ts is the only importer). It binds the five channels and
 * exposes them as: a receive loop per ROUTER, a serialized sender per socket (zeromq 6 allows one send in flight per
 * socket), and a heartbeat echo that runs on this thread's event loop.
 */
import { createRequire } from 'node:module';
import type * as Zmq from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection.js';

// Loaded with require: zeromq is CommonJS, and importing it as ESM makes Node lex its re-exports first, ~15 ms more
// on the protocol thread's way to binding the sockets (start-up → first kernel_info_reply).
const zmq = createRequire(import.meta.url)('zeromq') as typeof Zmq;

export type RouterChannel = 'shell' | 'control' | 'stdin';
export type SendChannel = RouterChannel | 'iopub';

/** Sends multipart messages one at a time, in call order. */
class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: Zmq.Writable & Zmq.Socket, private readonly onError: (error: Error) => void) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.socket.send(frames),
    ).catch((error: Error) => this.onError(error));
    return this.tail;
  }
}

export class KernelSockets {
  private readonly routers: Record<RouterChannel, Zmq.Router>;
  private readonly iopub = new zmq.Publisher();
  private readonly heartbeat = new zmq.Reply();
  private readonly senders: Record<SendChannel, SerialSender>;
  private closed = false;

  constructor(private readonly info: ConnectionInfo, private readonly log: (line: string) => void) {
    this.routers = { shell: new zmq.Router(), control: new zmq.Router(), stdin: new zmq.Router() };
    const onError = (error: Error) => this.log(`send failed: ${error.message}`);
    this.senders = {
      shell: new SerialSender(this.routers.shell, onError),
      control: new SerialSender(this.routers.control, onError),
      stdin: new SerialSender(this.routers.stdin, onError),
      iopub: new SerialSender(this.iopub, onError),
    };
  }

  /** Binds every channel to the connection file's address. */
  async bind(): Promise<void> {
    await Promise.all([
      this.routers.shell.bind(endpoint(this.info, 'shell')),
      this.routers.control.bind(endpoint(this.info, 'control')),
      this.routers.stdin.bind(endpoint(this.info, 'stdin')),
      this.iopub.bind(endpoint(this.info, 'iopub')),
      this.heartbeat.bind(endpoint(this.info, 'hb')),
    ]);
  }

  /** Echoes heartbeat pings until closed. */
  async serveHeartbeat(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch (error) {
      if (!this.closed) this.log(`heartbeat stopped: ${(error as Error).message}`);
    }
  }

  /** Calls `onFrames` for every multipart message arriving on a ROUTER channel, until closed. */
  async receive(channel: RouterChannel, onFrames: (frames: Buffer[]) => void): Promise<void> {
    try {
      for await (const frames of this.routers[channel]) onFrames(frames);
    } catch (error) {
      if (!this.closed) this.log(`${channel} receive stopped: ${(error as Error).message}`);
    }
  }

  send(channel: SendChannel, frames: Buffer[]): Promise<void> {
    return this.senders[channel].send(frames);
  }

  close(): void {
    this.closed = true;
    for (const socket of [...Object.values(this.routers), this.iopub, this.heartbeat]) {
      try {
        socket.linger = 200;
        socket.close();
      } catch {
        // Already closed.
      }
    }
  }
}

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
    this.shell.connect(endpoint(this.info, 'shell'));
    this.control.connect(endpoint(this.info, 'control'));
    this.stdin.connect(endpoint(this.info, 'stdin'));
    this.iopub.connect(endpoint(this.info, 'iopub'));
    this.iopub.subscribe();
  }

  send(channel: 'shell' | 'control' | 'stdin', frames: Buffer[]): Promise<void> {
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
