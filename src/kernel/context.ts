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
  /** Queued execute requests received at or before this time are aborted (stop_on_error). */
  abortQueuedBefore(time: number): void;
  shutdown(restart: boolean): void;
  log(line: string): void;
}

export interface HandlerContext {
  request: Message;
  /** When the protocol thread received the request. */
  receivedAt: number;
  kernel: KernelState;
  /** Sends the reply (`<type>_reply`) on shell. */
  reply(content: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /** Publishes on iopub with this request as parent. */
  publish(type: string, content: unknown, metadata?: Record<string, unknown>): void;
  /**
   * Sends what is queued now instead of when this thread next yields: the protocol thread then sends it (busy,
   * execute_input) while this one type-checks the cell.
   */
  flush(): void;
}

export type Handler = (context: HandlerContext) => Promise<void> | void;

/** Every shell message type we handle; the handler table must cover all (a missing one is a compile error). */
export type ShellMsgType =
  | 'kernel_info_request' | 'execute_request' | 'complete_request' | 'inspect_request' | 'is_complete_request'
  | 'history_request' | 'comm_info_request' | 'comm_open' | 'comm_msg' | 'comm_close' | 'shutdown_request';
