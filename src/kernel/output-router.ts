/**
 * Routes everything a cell prints or displays to the request being executed: cells run one at a time, so output
 * from timers and promises a cell started goes to that cell while it runs; once it has finished, such output goes
 * to the cell running now (or the last one), never after a running cell's idle. (No AsyncLocalStorage: its async
 * hooks would also break the interrupt of a loop blocked in a promise continuation, see protocol-thread.ts.)
 * stdout/stderr are buffered and sent in chunks; a cell's stream output is capped so a 50 MB print cannot
 * swamp the frontend.
 */
import type { MimeBundle } from '../toolkit/util/display.js';
import type { OutputSink } from '../display/output-sink.js';
import { childMessage, type Message, type Sender } from './message.js';
import type { ProtocolChannel } from './protocol-channel.js';

/** One execution's output state. */
export interface CellRun {
  request: Message;
  silent: boolean;
  allowStdin: boolean;
  active: boolean;
  streamBytes: number;
  droppedBytes: number;
}

type StreamName = 'stdout' | 'stderr';

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 50;
/** Per-cell stream cap; the rest is counted and reported in one notice. */
export const MAX_STREAM_BYTES = 8 * 1024 * 1024;

export class OutputRouter implements OutputSink {
  private current: CellRun | undefined;
  private last: CellRun | undefined;
  private buffers: { run: CellRun; name: StreamName; text: string }[] = [];
  private bufferedBytes = 0;
  private lastFlush = Date.now();
  private timer: NodeJS.Timeout | undefined;
  readonly originalStderrWrite: typeof process.stderr.write;

  constructor(private readonly channel: ProtocolChannel, private readonly sender: Sender) {
    this.originalStderrWrite = process.stderr.write.bind(process.stderr);
    this.capture(process.stdout, 'stdout');
    this.capture(process.stderr, 'stderr');
  }

  begin(request: Message, options: { silent: boolean; allowStdin: boolean }): CellRun {
    const run: CellRun = { request, ...options, active: true, streamBytes: 0, droppedBytes: 0 };
    this.current = run;
    this.last = run;
    return run;
  }

  /** Flushes the run's output and marks it finished; call before the reply and idle. */
  end(run: CellRun): void {
    this.flush();
    if (run.droppedBytes > 0) {
      this.publishStream(run, 'stderr', `\n[Whetstone: output truncated: ${(run.droppedBytes / 1048576).toFixed(1)} MB more was not sent (limit ${MAX_STREAM_BYTES / 1048576} MB per cell)]\n`);
    }
    run.active = false;
    if (this.current === run) this.current = undefined;
  }

  /** The run that output produced now belongs to. */
  target(): CellRun | undefined {
    return this.current ?? this.last;
  }

  /** The run executing now, if any. */
  running(): CellRun | undefined {
    return this.current;
  }

  publish(run: CellRun | undefined, type: string, content: unknown, metadata?: Record<string, unknown>, buffers: Uint8Array[] = []): void {
    if (!run || run.silent) return;
    this.flush();
    this.channel.send('iopub', childMessage(this.sender, run.request, type, content, { metadata, identities: [], buffers: buffers.map((b) => Buffer.from(b)) }));
  }

  write(name: StreamName, text: string): void {
    const run = this.target();
    if (!run || run.silent) {
      this.originalStderrWrite(text);
      return;
    }
    const room = MAX_STREAM_BYTES - run.streamBytes;
    if (room <= 0) {
      run.droppedBytes += Buffer.byteLength(text);
      return;
    }
    if (text.length > room) {
      run.droppedBytes += Buffer.byteLength(text.slice(room));
      text = text.slice(0, room);
    }
    run.streamBytes += text.length;
    const tail = this.buffers[this.buffers.length - 1];
    if (tail && tail.run === run && tail.name === name) tail.text += text;
    else this.buffers.push({ run, name, text });
    this.bufferedBytes += text.length;
    // Flush on size or age, so a long synchronous loop still streams; otherwise on the next tick.
    if (this.bufferedBytes >= FLUSH_BYTES || Date.now() - this.lastFlush >= FLUSH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const pending = this.buffers;
    this.buffers = [];
    this.bufferedBytes = 0;
    this.lastFlush = Date.now();
    for (const { run, name, text } of pending) {
      for (let i = 0; i < text.length; i += FLUSH_BYTES * 16) this.publishStream(run, name, text.slice(i, i + FLUSH_BYTES * 16));
    }
  }

  private publishStream(run: CellRun, name: StreamName, text: string): void {
    this.channel.send('iopub', childMessage(this.sender, run.request, 'stream', { name, text }, { identities: [] }));
  }

  // OutputSink: what the display API calls.
  displayData(bundle: MimeBundle, metadata: Record<string, unknown>, displayId?: string): void {
    this.publish(this.target(), 'display_data', { data: bundle, metadata, transient: displayId ? { display_id: displayId } : {} });
  }

  updateDisplayData(bundle: MimeBundle, metadata: Record<string, unknown>, displayId: string): void {
    this.publish(this.target(), 'update_display_data', { data: bundle, metadata, transient: { display_id: displayId } });
  }

  clearOutput(wait: boolean): void {
    this.publish(this.target(), 'clear_output', { wait });
  }

  private capture(stream: NodeJS.WriteStream, name: StreamName): void {
    stream.write = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8');
      this.write(name, text);
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
