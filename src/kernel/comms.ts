/**
 * Comms (messaging spec "Custom Messages"): targets registered from user code receive frontend `comm_open`s;
 * user code can open comms to the frontend. Unknown targets are answered with `comm_close`.
 */
import { randomUUID } from 'node:crypto';

export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

/** One open comm. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  send(data: Record<string, unknown>, options?: { metadata?: Record<string, unknown>; buffers?: Uint8Array[] }): void;
  close(data?: Record<string, unknown>): void;
  /** Called for each message from the frontend. */
  onMsg(handler: (message: CommMessage) => void): void;
  /** Called when the frontend closes the comm. */
  onClose(handler: (message: CommMessage) => void): void;
}

export type CommTarget = (comm: Comm, open: CommMessage) => void;

/** How comms reach the wire: the kernel publishes these as iopub messages. */
export interface CommPublisher {
  publish(type: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>, metadata: Record<string, unknown>, buffers: Uint8Array[]): void;
}

class OpenComm implements Comm {
  readonly msgHandlers: ((m: CommMessage) => void)[] = [];
  readonly closeHandlers: ((m: CommMessage) => void)[] = [];
  closed = false;

  constructor(readonly commId: string, readonly targetName: string, private readonly manager: CommManager) {}

  send(data: Record<string, unknown>, options: { metadata?: Record<string, unknown>; buffers?: Uint8Array[] } = {}): void {
    if (this.closed) throw new Error(`comm ${this.commId} (${this.targetName}) is closed`);
    this.manager.publisher.publish('comm_msg', { comm_id: this.commId, data }, options.metadata ?? {}, options.buffers ?? []);
  }

  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.manager.forget(this.commId);
    this.manager.publisher.publish('comm_close', { comm_id: this.commId, data }, {}, []);
  }

  onMsg(handler: (message: CommMessage) => void): void {
    this.msgHandlers.push(handler);
  }

  onClose(handler: (message: CommMessage) => void): void {
    this.closeHandlers.push(handler);
  }
}

export class CommManager {
  private readonly targets = new Map<string, CommTarget>();
  private readonly comms = new Map<string, OpenComm>();

  constructor(readonly publisher: CommPublisher) {}

  registerTarget(name: string, target: CommTarget): void {
    this.targets.set(name, target);
  }

  unregisterTarget(name: string): void {
    this.targets.delete(name);
  }

  /** Opens a comm from the kernel side. */
  open(targetName: string, data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Comm {
    const comm = new OpenComm(randomUUID(), targetName, this);
    this.comms.set(comm.commId, comm);
    this.publisher.publish('comm_open', { comm_id: comm.commId, target_name: targetName, data }, metadata, []);
    return comm;
  }

  /** A frontend comm_open: hand it to the target, or close it if no target has that name. */
  handleOpen(commId: string, targetName: string, message: CommMessage): void {
    const target = this.targets.get(targetName);
    if (!target) {
      this.publisher.publish('comm_close', { comm_id: commId, data: {} }, {}, []);
      return;
    }
    const comm = new OpenComm(commId, targetName, this);
    this.comms.set(commId, comm);
    target(comm, message);
  }

  handleMsg(commId: string, message: CommMessage): boolean {
    const comm = this.comms.get(commId);
    if (!comm) return false;
    for (const handler of comm.msgHandlers) handler(message);
    return true;
  }

  handleClose(commId: string, message: CommMessage): boolean {
    const comm = this.comms.get(commId);
    if (!comm) return false;
    comm.closed = true;
    this.comms.delete(commId);
    for (const handler of comm.closeHandlers) handler(message);
    return true;
  }

  /** Open comms, optionally of one target (comm_info_reply). */
  list(targetName?: string): Record<string, { target_name: string }> {
    const result: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (!targetName || comm.targetName === targetName) result[comm.commId] = { target_name: comm.targetName };
    }
    return result;
  }

  forget(commId: string): void {
    this.comms.delete(commId);
  }
}
