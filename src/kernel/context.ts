/** What a handler gets: its request, a way to answer it, and the kernel's state. */
import type { Executor } from '../executor/executor.js';
import type { CommManager } from './comms.js';
import type { History } from './history.js';
import type { Message } from './message.js';
import type { OutputRouter } from './output-router.js';

export interface KernelState {
  executor: Executor;
  outputs: OutputRouter;
  history: History;
  comms: CommManager;
  kernelInfo(): Record<string, unknown>;
  /** Tells the protocol thread whether user code is executing (it decides how to interrupt). */
  setCellRunning(running: boolean): void;
  executionCount: number;
  /** Errors from timers or promises that settled while no cell was running, shown at the next cell. */
  pendingErrors: string[];
  /** Aborts every execute request received by now (stop_on_error); resolve it before the failing cell's reply. */
  abortQueued(): Promise<void>;
  shutdown(restart: boolean): void;
  log(line: string): void;
}

export interface HandlerContext {
  request: Message;
  /** When the kernel received the request (epochNow). */
  receivedAt: number;
  kernel: KernelState;
  /** Sends the reply (`<type>_reply`) on shell. */
  reply(content: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /** Publishes on iopub with this request as parent. */
  publish(type: string, content: unknown, metadata?: Record<string, unknown>): void;
}

export type Handler = (context: HandlerContext) => Promise<void> | void;

/** Every shell message type we handle; the handler table must cover all (a missing one is a compile error). */
export type ShellMsgType =
  | 'kernel_info_request' | 'execute_request' | 'complete_request' | 'inspect_request' | 'is_complete_request'
  | 'history_request' | 'comm_info_request' | 'comm_open' | 'comm_msg' | 'comm_close' | 'shutdown_request';
