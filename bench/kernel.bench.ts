/**
 * Kernel speed, side by side in one run with the peers (issue 2): tslab 1.0.22 and Deno's kernel (from npm, see
 * bench/setup-peers.sh) and ipykernel as a reference. Every kernel is driven by the same client over ZeroMQ.
 * Prints one table: figure, Whetstone, each peer, and Whetstone's ratio to the best peer (< 1 is faster).
 *
 * The kernels are measured interleaved, not one after the other: on a small shared machine the background load
 * drifts by more than the differences being measured (Deno's own figures moved by 2.4× between sequential runs),
 * and a kernel measured during a noisy stretch looked slow. So every kernel's session is open at once and each step
 * (a start, a block of cells or completions, an interrupt) is taken by every kernel in turn before the next step:
 * whatever the machine does meanwhile falls on all of them alike. Within its block a kernel gets its cells back to
 * back (each sent as soon as the previous one is idle), and the session figures pool `SESSIONS` fresh sessions per
 * kernel. The early and late function cells of "cell 500 / cell 10" come from two sessions open side by side (see
 * `measureSession`), so that both are timed at the same moment.
 *
 *   bash bench/setup-peers.sh && node dist/bench/kernel.bench.js [--quick] [--only=tslab,deno]
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelProcess, sleep } from '../src/runner/kernel-process.js';
import { KERNEL_ROOT } from '../src/kernel/kernel.js';
import { median, medianRatioInterval } from './median-ratio.js';
import { processCpuMs } from './process-cpu.js';

type InterruptMode = 'message' | 'signal';

interface Peer {
  name: string;
  argv: string[];
  /** How the kernel can be interrupted: `interrupt_request` on control (message) and/or SIGINT (signal). */
  interrupts: readonly InterruptMode[];
  language: 'ts' | 'python';
}

const PEERS_DIR = join(KERNEL_ROOT, '.bench-peers', 'node_modules');
const quick = process.argv.includes('--quick');
/** `--only=tslab,deno`: measure just these kernels (Whetstone is always measured, the table's reference). */
const onlyArgument = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArgument ? new Set(['whetstone', ...onlyArgument.split(',')]) : undefined;
const REPEAT_1P1 = quick ? 40 : 200;
const STARTS = quick ? 2 : 9;
const SESSION = quick ? 100 : 500;
/** Each session gives every function-cell figure two blocks of samples: enough blocks for the interval to mean something. */
const SESSIONS = quick ? 1 : 4;
const COMPLETIONS = 30;
const INTERRUPT_FIGURE = { message: 'interrupt busy loop, message (ms)', signal: 'interrupt busy loop, SIGINT (ms)' } as const;
const INTERRUPTS = quick ? 3 : 5;

function peers(): Peer[] {
  const list: Peer[] = [{
    name: 'whetstone', argv: [process.execPath, join(KERNEL_ROOT, 'dist', 'src', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'],
    interrupts: ['message', 'signal'], language: 'ts',
  }];
  const tslab = join(PEERS_DIR, 'tslab', 'bin', 'tslab');
  if (existsSync(tslab)) list.push({ name: 'tslab', argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'], interrupts: ['signal'], language: 'ts' });
  const deno = join(PEERS_DIR, '@deno', 'linux-x64-glibc', 'deno');
  if (existsSync(deno)) list.push({ name: 'deno', argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], interrupts: ['message'], language: 'ts' });
  const python = join(KERNEL_ROOT, '.venv', 'bin', 'python');
  if (existsSync(python)) list.push({ name: 'ipykernel', argv: [python, '-m', 'ipykernel_launcher', '-f', '{connection_file}'], interrupts: ['signal'], language: 'python' });
  return list;
}

/** A peer that answers nothing at all within this long has stopped: its run ends there. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * tslab 1.0.22 sometimes sends a cell's reply and output but never its idle status (every few hundred cells). A
 * client waiting for idle would wait forever, so a cell whose idle has not come this long after its reply counts as
 * missing its idle: it is left out of the figures, counted in their own row, and the run goes on.
 */
const IDLE_GRACE_MS = 2_000;

/** One kernel under measurement: its spec, its open session, the samples taken so far, and why it stopped if it did. */
class Subject {
  /** The session that runs 500 cells (and takes the completions and interrupts after them). */
  kernel: KernelProcess | undefined;
  /** A session opened once `kernel` has run its 500 cells, whose first cells are timed beside `kernel`'s last. */
  young: KernelProcess | undefined;
  /** Each figure's samples, one block per turn that took any (see eachInTurn): the bootstrap redraws whole turns. */
  readonly samples = new Map<string, number[][]>();
  /** Counts this kernel's turns, so that `record` knows when a new block starts. */
  turn = 0;
  private readonly blockTurn = new Map<string, number>();
  missingIdle = 0;
  stopped: string | undefined;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly peer: Peer) {
    this.cwd = mkdtempSync(join(tmpdir(), `bench-${peer.name}-`));
    this.env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  }

  get ts(): boolean {
    return this.peer.language === 'ts';
  }

  record(figure: string, ms: number): void {
    let blocks = this.samples.get(figure);
    if (!blocks) this.samples.set(figure, (blocks = []));
    if (this.blockTurn.get(figure) !== this.turn) {
      blocks.push([]);
      this.blockTurn.set(figure, this.turn);
    }
    blocks.at(-1)!.push(ms);
  }

  /** All of a figure's samples, in the order taken. */
  all(figure: string): number[] {
    return (this.samples.get(figure) ?? []).flat();
  }

  async open(): Promise<KernelProcess> {
    const kernel = new KernelProcess();
    await kernel.start({ argv: this.peer.argv, cwd: this.cwd, env: this.env, startupTimeoutMs: 120_000 });
    return kernel;
  }

  /** Sends a cell and resolves once its reply and idle have arrived: with the time taken, or NaN for a missing idle. */
  async execute(code: string, kernel = this.kernel!): Promise<number> {
    const t0 = performance.now();
    let replied!: () => void;
    const reply = new Promise<void>((resolve) => { replied = resolve; });
    const request = kernel.request('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false }, { onReply: () => replied() });
    const outcome = await Promise.race([
      request.then(() => 'done' as const),
      reply.then(() => sleep(IDLE_GRACE_MS)).then(() => 'no idle' as const),
      sleep(REQUEST_TIMEOUT_MS).then(() => 'silent' as const),
    ]);
    if (outcome === 'silent') throw new Error(`no reply within ${REQUEST_TIMEOUT_MS / 1000} s for: ${code.slice(0, 60)}`);
    if (outcome === 'no idle') {
      this.missingIdle++;
      return NaN;
    }
    return performance.now() - t0;
  }

  async timed(request: () => Promise<unknown>): Promise<number> {
    const t0 = performance.now();
    await Promise.race([request(), sleep(REQUEST_TIMEOUT_MS).then(() => { throw new Error('no reply within 60 s'); })]);
    return performance.now() - t0;
  }

  /** Interrupts a busy loop by `interrupt_request` (message) or SIGINT (signal); the time until the cell is idle. */
  async interruptBusyLoop(mode: InterruptMode): Promise<number> {
    const busy = this.execute(this.ts ? 'while (true) {}' : 'while True: pass');
    await sleep(500);
    const t0 = performance.now();
    if (mode === 'signal') process.kill(this.kernel!.pid!, 'SIGINT');
    else void this.kernel!.interrupt();
    const done = await Promise.race([busy.then((ms) => !Number.isNaN(ms)), sleep(10_000).then(() => false)]);
    if (!done) throw new Error('a busy loop was not interrupted within 10 s');
    return performance.now() - t0;
  }

  stop(error: unknown): void {
    const stderr = this.kernel?.stderr.trim().split('\n').slice(-5).join('\n');
    this.stopped = `${(error as Error).message}${stderr ? `\n  kernel stderr: ${stderr}` : ''}`;
    process.stderr.write(`${this.peer.name}: stopped early: ${this.stopped}\n`);
  }
}

/**
 * Cells (or completions) a kernel takes back to back in its turn. Turns of one request each made every request a
 * first one after an idle stretch (its threads asleep, its caches cold): every kernel's `1+1` took twice as long as
 * back to back, which is another figure. A block of 20 is over in 20–60 ms for the fast kernels, well inside the
 * stretches over which the machine's load drifts.
 */
const BLOCK = 20;

/** One step for every kernel still running, in turn (see the header); a kernel that fails is stopped, the rest go on. */
async function eachInTurn(subjects: Subject[], step: (subject: Subject) => Promise<void>): Promise<void> {
  for (const subject of subjects) {
    if (subject.stopped) continue;
    subject.turn++;
    try {
      await step(subject);
    } catch (error) {
      subject.stop(error);
    }
  }
}

/**
 * Spawn → first kernel_info_reply. The client retries its refused first connect every few milliseconds (see
 * ClientSockets.connect), so this is when the kernel can answer rather than when zeromq's 100-200 ms retry came.
 */
async function measureStarts(subjects: Subject[]): Promise<void> {
  for (let i = 0; i < STARTS; i++) {
    await eachInTurn(subjects, async (s) => {
      const kernel = await s.open();
      s.record('start → kernel_info_reply (ms)', kernel.firstReplyMs);
      await kernel.shutdown();
    });
  }
}

/**
 * Waits until every open session has gone quiet on its own, as in the pause before a person's first cell: a kernel
 * may go on with start-up work after its first reply (Whetstone warms its checker for a few seconds, using up to a
 * core), and on a small machine that work would fall on whichever kernel is timed meanwhile. Quiet is under
 * `SETTLE_SHARE` of a core over `SETTLE_WINDOW_MS`; after `SETTLE_LIMIT_MS` the run goes on and says which kernel
 * never settled.
 */
async function settle(subjects: Subject[]): Promise<void> {
  const sessions = subjects.filter((s) => !s.stopped).flatMap((s) => [s.kernel, s.young].map((kernel) => ({ name: s.peer.name, pid: kernel?.pid })));
  const started = performance.now();
  let before = sessions.map((session) => session.pid && processCpuMs(session.pid));
  let busy = sessions;
  while (performance.now() - started < SETTLE_LIMIT_MS) {
    await sleep(SETTLE_WINDOW_MS);
    const now = sessions.map((session) => session.pid && processCpuMs(session.pid));
    busy = sessions.filter((_, i) => (now[i] ?? 0) - (before[i] ?? 0) > SETTLE_SHARE * SETTLE_WINDOW_MS);
    if (busy.length === 0) {
      process.stderr.write(`sessions settled in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return;
    }
    before = now;
  }
  process.stderr.write(`still busy after ${SETTLE_LIMIT_MS / 1000} s: ${[...new Set(busy.map((s) => s.name))].join(', ')}; measuring anyway\n`);
}
const SETTLE_WINDOW_MS = 500;
const SETTLE_SHARE = 0.05;
const SETTLE_LIMIT_MS = 30_000;

const functionCell = (s: Subject, i: number) => s.ts ? `function f${i}(a: number): number { return a * 2 + ${i} }` : `def f${i}(a):\n    return a * 2 + ${i}`;
const fillerCell = (s: Subject, i: number) => s.ts ? `const v${i} = ${i}; ${functionCell(s, i + 100000)}` : `v${i} = ${i}\n${functionCell(s, i + 100000)}`;

/**
 * Two fresh sessions per kernel, all open at once, measured step by step in turn. Both take the same 201 `1+1`
 * cells (the first session's are the `1+1` figure); then the first runs its 500 cells while the second waits; then
 * the second's first function cells and the first's cells 501-520 are timed in alternating half blocks, so that the
 * two sessions differ only in the 300 cells of declarations in between. Timed minutes apart, early and late cells
 * differed by the machine's drift (in one run every kernel's late cells came out 1.33x its early ones), which is not
 * what "cell 500 / cell 10" asks about.
 */
async function measureSession(subjects: Subject[]): Promise<void> {
  await eachInTurn(subjects, async (s) => { s.kernel = await s.open(); });
  await eachInTurn(subjects, async (s) => { s.young = await s.open(); });
  try {
    await settle(subjects);
    await eachInTurn(subjects, async (s) => {
      await s.execute('1+1');
      await s.execute('1+1', s.young);
    });
    for (let block = 0; block < REPEAT_1P1; block += BLOCK) {
      await eachInTurn(subjects, async (s) => {
        for (let i = block; i < block + BLOCK; i++) s.record('1+1 send → idle (ms, median)', await s.execute('1+1'));
      });
      await eachInTurn(subjects, async (s) => {
        for (let i = block; i < block + BLOCK; i++) await s.execute('1+1', s.young);
      });
    }
    for (let block = REPEAT_1P1 + 1; block < SESSION; block += BLOCK) {
      await eachInTurn(subjects, async (s) => {
        for (let i = block; i < Math.min(block + BLOCK, SESSION); i++) await s.execute(fillerCell(s, i));
      });
    }
    for (let half = 0; half < 20; half += BLOCK / 2) {
      await eachInTurn(subjects, async (s) => {
        for (let i = half; i < half + BLOCK / 2; i++) s.record('function cell, cells 1-20 (ms)', await s.execute(functionCell(s, i), s.young));
      });
      await eachInTurn(subjects, async (s) => {
        for (let i = half; i < half + BLOCK / 2; i++) s.record(`function cell after ${SESSION} cells (ms)`, await s.execute(functionCell(s, i + 200000)));
      });
    }
    await eachInTurn(subjects, async (s) => {
      await s.young?.shutdown();
      s.young = undefined;
    });
    await eachInTurn(subjects, async (s) => { if (!s.ts) await s.execute('import math'); });
    for (let block = 0; block < COMPLETIONS; block += BLOCK / 2) {
      await eachInTurn(subjects, async (s) => {
        const code = s.ts ? 'Math.' : 'math.';
        for (let i = 0; i < BLOCK / 2; i++) {
          s.record('complete Math. (ms)', await s.timed(() => s.kernel!.request('shell', 'complete_request', { code, cursor_pos: code.length })));
        }
      });
    }
    // Each way of interrupting is compared among the kernels that offer it: a signal skips the control message's
    // round trip, so tslab (signal only) against Deno (message only) would compare two different paths.
    for (let i = 0; i < INTERRUPTS; i++) {
      for (const mode of ['message', 'signal'] as const) {
        await eachInTurn(subjects, async (s) => {
          if (s.peer.interrupts.includes(mode)) s.record(INTERRUPT_FIGURE[mode], await s.interruptBusyLoop(mode));
        });
      }
    }
  } finally {
    await Promise.all(subjects.map(async (s) => {
      await s.kernel?.shutdown().catch(() => undefined);
      await s.young?.shutdown().catch(() => undefined);
      s.kernel = undefined;
      s.young = undefined;
    }));
  }
}

const subjects = peers().filter((p) => !only || only.has(p.name)).map((p) => new Subject(p));
await measureStarts(subjects);
for (let session = 0; session < SESSIONS; session++) await measureSession(subjects);
process.stderr.write(`measured ${subjects.map((s) => s.peer.name).join(', ')} interleaved (${SESSIONS} session${SESSIONS > 1 ? 's' : ''} each)\n`);

const figure = (s: Subject, name: string) => median(s.all(name));
const EARLY = 'function cell, cells 1-20 (ms)';
const LATE = `function cell after ${SESSION} cells (ms)`;
const GROWTH = `cell ${SESSION} / cell 10`;
const FIGURES = [
  'start → kernel_info_reply (ms)', '1+1 send → idle (ms, median)', EARLY, LATE, GROWTH, 'complete Math. (ms)',
  INTERRUPT_FIGURE.message, INTERRUPT_FIGURE.signal,
  'cells that never sent idle (kernel bug)',
];
const blocks = (s: Subject, name: string) => s.samples.get(name) ?? [];
function value(s: Subject, name: string): number | undefined {
  if (name === GROWTH) return figure(s, LATE) / figure(s, EARLY);
  if (name === 'cells that never sent idle (kernel bug)') return s.missingIdle;
  return s.samples.has(name) ? figure(s, name) : undefined;
}
const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : Number.isNaN(x) ? 'failed' : Number.isInteger(x) ? String(x) : x < 10 ? x.toFixed(2) : x.toFixed(1));
const whetstone = subjects[0]!;
const others = subjects.slice(1);

/** Whetstone's ratio to the best peer (the one with the lowest median), and its interval; or its own growth ratio. */
function ratioOf(name: string): { ratio: string; interval: string } {
  const none = { ratio: '', interval: '' };
  const interval = (top: number[][], bottom: number[][]) => {
    const r = medianRatioInterval(top, bottom);
    return Number.isFinite(r.low) ? `${r.low.toFixed(2)}–${r.high.toFixed(2)}` : '';
  };
  if (name === GROWTH) return { ratio: '', interval: whetstone.samples.has(LATE) ? interval(blocks(whetstone, LATE), blocks(whetstone, EARLY)) : '' };
  if (!name.includes('(ms')) return none;
  const ours = value(whetstone, name);
  const best = others
    .map((s) => ({ s, v: value(s, name) }))
    .filter((p): p is { s: Subject; v: number } => p.v !== undefined && Number.isFinite(p.v))
    .sort((a, b) => a.v - b.v)[0];
  if (!best || ours === undefined) return none;
  return { ratio: (ours / best.v).toFixed(2), interval: interval(blocks(whetstone, name), blocks(best.s, name)) };
}

console.log(['figure', ...subjects.map((s) => s.peer.name), 'ratio to best peer', '90% interval'].map((c, i) => (i === 0 ? c.padEnd(36) : c.padStart(12))).join(' '));
for (const name of FIGURES) {
  const { ratio, interval } = ratioOf(name);
  console.log([name.padEnd(36), ...subjects.map((s) => fmt(value(s, name)).padStart(12)), ratio.padStart(18), interval.padStart(12)].join(' '));
}
console.log(`90% interval: the ratio's spread within this run, by block bootstrap (bench/median-ratio.ts); one that holds 1 is a tie at this run's noise.
For "${GROWTH}" it is Whetstone's own ratio, whose target is 1.2 or less.`);
for (const s of subjects.filter((s) => s.stopped)) console.log(`${s.peer.name} stopped early (its figures cover what it measured): ${s.stopped!.split("\n")[0]}`);
