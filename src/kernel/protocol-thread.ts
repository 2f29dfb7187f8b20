/**
 * The protocol thread: binds control, stdin and heartbeat, verifies and decodes their messages, answers control
 * (interrupt, shutdown, kernel_info) and heartbeat itself, and hands stdin replies to the main thread. It never runs
 * user code, so it stays responsive while a cell spins in a synchronous loop. Shell and iopub are the main thread's
 * (sockets.ts): the status messages around a control request cross to it to be published.
 */
import type { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';
import { childMessage, replyType, type Message, type Sender } from './message.js';
import { ThreadSockets } from './sockets.js';
import { decode, encode, Signer } from './wire.js';
import {
  INPUT_BUFFER_BYTES, INPUT_HEADER_BYTES, INPUT_STATE, RUN_STATE, reviveBuffers,
  type ProtocolThreadData, type ToMain, type ToProtocol,
} from './bridge.js';

const data = workerData as ProtocolThreadData;
const port = parentPort!;
const post = (message: ToMain) => port.postMessage(message);
const log = (line: string) => post({ kind: 'log', line });

const info = data.connection;
const signer = new Signer(info.key, info.signature_scheme);
const sender: Sender = { session: data.session, username: data.username };
const sockets = new ThreadSockets(info, log);
const inputState = new Int32Array(data.inputBuffer, 0, 2);
const runState = new Int32Array(data.runState);
const BLOCKED_AFTER_MS = 300;
/** Connected once the sockets are bound: loading the inspector delays the thread's start by ~3 ms. */
let inspectorSession: Session | undefined;
const inputBytes = new Uint8Array(data.inputBuffer, INPUT_HEADER_BYTES);

/** The main thread's current kernel_info content: posted before the thread starts, updated when it changes. */
let kernelInfo: Record<string, unknown> | undefined;
/** The input_request waiting for its reply, if any. */
let pendingInput: { parentId: string } | undefined;

function send(channel: 'control' | 'stdin', message: Message<unknown>): void {
  sockets.send(channel, encode(message, signer));
}

/** A status for iopub: the main thread publishes it (when it next yields, should a cell be blocking it). */
function publishStatus(parent: Message, state: 'busy' | 'idle'): void {
  post({ kind: 'publish', message: childMessage(sender, parent, 'status', { execution_state: state }, { identities: [] }) });
}

function receive(channel: 'control' | 'stdin', onMessage: (message: Message) => void): void {
  sockets.receive(channel, (frames) => {
    const result = decode(frames, signer);
    if (!result.ok) {
      log(`dropped a message on ${channel}: ${result.reason} (${result.detail})`);
      return;
    }
    onMessage(result.message);
  });
}

/** Control requests are answered here, bracketed by busy/idle like every request (spec "Kernel status"). */
function onControl(request: Message): void {
  const type = request.header.msg_type;
  // An interrupt acts at once: the messages around it take as long as the cell it stops has to wait for them.
  if (type === 'interrupt_request') interrupt();
  publishStatus(request, 'busy');
  let after: (() => void) | undefined;
  switch (type) {
    case 'kernel_info_request':
      send('control', childMessage(sender, request, 'kernel_info_reply', kernelInfo ?? { status: 'ok' }));
      break;
    case 'interrupt_request':
      send('control', childMessage(sender, request, 'interrupt_reply', { status: 'ok' }));
      break;
    case 'shutdown_request': {
      const restart = request.content['restart'] === true;
      send('control', childMessage(sender, request, 'shutdown_reply', { status: 'ok', restart }));
      after = () => post({ kind: 'shutdown', restart });
      break;
    }
    default:
      log(`unsupported control message ${type}`);
      send('control', childMessage(sender, request, replyType(type), {
        status: 'error', ename: 'NotImplemented', evalue: `${type} is not supported`, traceback: [],
      }));
  }
  publishStatus(request, 'idle');
  after?.();
}

/**
 * Interrupts the main thread: SIGINT stops a synchronous loop (vm breakOnSigint) or rejects the pending await
 * (the main thread's SIGINT listener); a blocked input() is woken with the interrupted state.
 */
function interrupt(): void {
  if (pendingInput) finishInput(INPUT_STATE.interrupted);
  Atomics.store(runState, RUN_STATE.interruptSeen, 0);
  const cell = Atomics.load(runState, RUN_STATE.cellRunning);
  process.kill(process.pid, 'SIGINT');
  if (cell !== 0) setTimeout(() => stopBlockedCell(cell), BLOCKED_AFTER_MS);
}

/**
 * A synchronous loop that started after an `await` (or in a timer) runs outside the vm call that breakOnSigint
 * guards, so SIGINT alone cannot stop it and the main thread's listener never runs. When a cell is still running and
 * the listener has not run by now, the main thread is blocked in user code: terminate that execution through the
 * inspector (V8 resumes normally afterwards), and the queued SIGINT then ends the cell with KeyboardInterrupt.
 */
function stopBlockedCell(cell: number): void {
  // Only the very cell that was interrupted, never the next one (terminating kernel code would break it).
  if (Atomics.load(runState, RUN_STATE.cellRunning) !== cell || Atomics.load(runState, RUN_STATE.interruptSeen) === 1) return;
  log('interrupt: the main thread is blocked in a synchronous loop; terminating it through the inspector');
  inspectorSession?.post('Runtime.terminateExecution');
}

/**
 * Runs the control path's codec (build, sign, verify, parse) on throwaway messages until V8 has compiled it: a session
 * sends this thread a handful of messages, so without this every interrupt_request was verified and parsed by the
 * interpreter: 0.3 ms between its arrival and the SIGINT in a kernel, 0.15-0.25 ms with this (measured with
 * timestamps; a first decode in a fresh process took 565 µs cold and 66 µs after these rounds). A Signer of its own,
 * so that the real one's record of seen signatures (replays) holds only what clients sent.
 */
function warmCodec(): void {
  const probeSigner = new Signer(info.key, info.signature_scheme);
  const probe: Message = childMessage(sender, undefined, 'interrupt_request', {}, { identities: [Buffer.from('warm-up')] });
  for (let i = 0; i < CODEC_WARM_ROUNDS; i++) {
    const decoded = decode(encode(probe, probeSigner), probeSigner);
    if (decoded.ok) encode(childMessage(sender, decoded.message, 'interrupt_reply', { status: 'ok' }), probeSigner);
    probe.header.msg_id = String(i);
  }
}
/** Enough rounds for V8's baseline compiler to take the codec: 15-20 ms of this thread's time (measured). */
const CODEC_WARM_ROUNDS = 300;
/** After the kernel's first reply (~0.1 s), so that on a small machine the rounds never delay it; a control message
 * arriving during them waits for them (zeromq queues it). */
const CODEC_WARM_DELAY_MS = 500;

function finishInput(state: number, value = ''): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > INPUT_BUFFER_BYTES - INPUT_HEADER_BYTES) {
    state = INPUT_STATE.tooLong;
  } else {
    inputBytes.set(bytes);
    Atomics.store(inputState, 1, bytes.length);
  }
  pendingInput = undefined;
  Atomics.store(inputState, 0, state);
  Atomics.notify(inputState, 0);
}

function onStdin(reply: Message): void {
  if (reply.header.msg_type !== 'input_reply') {
    log(`unexpected ${reply.header.msg_type} on stdin`);
    return;
  }
  if (!pendingInput) {
    log('input_reply with no input_request pending: dropped');
    return;
  }
  finishInput(INPUT_STATE.ready, String(reply.content['value'] ?? ''));
}

port.on('message', (message: ToProtocol) => {
  switch (message.kind) {
    case 'kernel-info':
      kernelInfo = message.content;
      break;
    case 'input-request': {
      const parent = reviveBuffers(message.parent) as Message;
      pendingInput = { parentId: parent.header.msg_id };
      send('stdin', childMessage(sender, parent, 'input_request', { prompt: message.prompt, password: message.password }));
      break;
    }
    case 'close':
      // Closing with linger lets queued replies (shutdown_reply) leave before the thread ends.
      sockets.close();
      port.close();
      break;
  }
});

try {
  await sockets.bind();
} catch (error) {
  // Reported and ended in order: a thread that ends with its sockets open takes the whole process down with a native
  // abort instead. The main thread stops the kernel when this thread exits.
  log(`cannot bind control, stdin and heartbeat on ${info.ip}: ${(error as Error).message}`);
  sockets.close();
  process.exit(1);
}
void sockets.serveHeartbeat();
setTimeout(warmCodec, CODEC_WARM_DELAY_MS);
receive('control', onControl);
receive('stdin', onStdin);
const inspector = await import('node:inspector');
inspectorSession = new inspector.Session();
inspectorSession.connectToMainThread();
