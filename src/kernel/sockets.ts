/**
 * The only module that touches zeromq (STYLE.md: sockets.ts is the only importer). It binds the five channels and
 * exposes them as: a receive loop per ROUTER, a serialized sender per socket (zeromq 6 allows one send in flight per
 * socket), and a heartbeat echo that runs on this thread's event loop.
 */
import * as zmq from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection.js';

export type RouterChannel = 'shell' | 'control' | 'stdin';
export type SendChannel = RouterChannel | 'iopub';

/** Sends multipart messages one at a time, in call order. */
class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: zmq.Writable & zmq.Socket, private readonly onError: (error: Error) => void) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.socket.send(frames),
    ).catch((error: Error) => this.onError(error));
    return this.tail;
  }
}

export class KernelSockets {
  private readonly routers: Record<RouterChannel, zmq.Router>;
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
