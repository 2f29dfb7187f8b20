/**
 * Kernel speed, side by side in one run with the peers (issue 2): tslab 1.0.22 and Deno's kernel (from npm, see
 * bench/setup-peers.sh) and ipykernel as a reference. Every kernel is driven by the same client over ZeroMQ.
 * Prints one table: figure, Whetstone, each peer, and Whetstone's ratio to the best peer (< 1 is faster).
 *
 *   bash bench/setup-peers.sh && node dist/bench/kernel.bench.js [--quick] [--only=tslab,deno]
 */
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KernelProcess, sleep } from '../src/runner/kernel-process.js';
import { KERNEL_ROOT } from '../src/kernel/kernel.js';

interface Peer {
  name: string;
  argv: string[];
  interrupt: 'message' | 'signal';
  language: 'ts' | 'python';
}

const PEERS_DIR = join(KERNEL_ROOT, '.bench-peers', 'node_modules');
const quick = process.argv.includes('--quick');
/** `--only tslab,deno`: measure just these kernels (Whetstone is always measured, the table's reference). */
const onlyArgument = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArgument ? new Set(['whetstone', ...onlyArgument.split(',')]) : undefined;
const REPEAT_1P1 = quick ? 40 : 200;
const STARTS = quick ? 2 : 5;
const SESSION = quick ? 100 : 500;

function peers(): Peer[] {
  const list: Peer[] = [{
    name: 'whetstone', argv: [process.execPath, join(KERNEL_ROOT, 'dist', 'src', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'],
    interrupt: 'message', language: 'ts',
  }];
  const tslab = join(PEERS_DIR, 'tslab', 'bin', 'tslab');
  if (existsSync(tslab)) list.push({ name: 'tslab', argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'], interrupt: 'signal', language: 'ts' });
  const deno = join(PEERS_DIR, '@deno', 'linux-x64-glibc', 'deno');
  if (existsSync(deno)) list.push({ name: 'deno', argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'], interrupt: 'message', language: 'ts' });
  const python = join(KERNEL_ROOT, '.venv', 'bin', 'python');
  if (existsSync(python)) list.push({ name: 'ipykernel', argv: [python, '-m', 'ipykernel_launcher', '-f', '{connection_file}'], interrupt: 'signal', language: 'python' });
  return list;
}

/** The median of the measured values (NaN, a cell that missed its idle, is left out). */
const median = (xs: number[]) => { const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** A peer that answers nothing at all within this long has stopped: its run ends there. */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * tslab 1.0.22 sometimes sends a cell's reply and output but never its idle status (every few hundred cells). A
 * client waiting for idle would wait forever, so a cell whose idle has not come this long after its reply counts as
 * missing its idle: it is left out of the figures, counted in their own row, and the run goes on.
 */
const IDLE_GRACE_MS = 2_000;
let missingIdle = 0;

/** Sends a cell and resolves once its reply and idle have arrived: with the time taken, or NaN for a missing idle. */
async function execute(kernel: KernelProcess, code: string): Promise<number> {
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
    missingIdle++;
    return NaN;
  }
  return performance.now() - t0;
}

async function measure(peer: Peer, figures: Record<string, number>): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), `bench-${peer.name}-`));
  const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const k = new KernelProcess();
    await k.start({ argv: peer.argv, cwd, env, startupTimeoutMs: 120_000 });
    starts.push(k.firstReplyMs);
    await k.shutdown();
  }
  figures['start → kernel_info_reply (ms)'] = median(starts);
  const kernel = new KernelProcess();
  await kernel.start({ argv: peer.argv, cwd, env, startupTimeoutMs: 120_000 });
  try {
    await measureSession(peer, kernel, figures);
  } catch (error) {
    const stderr = kernel.stderr.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${(error as Error).message}${stderr ? `\n  kernel stderr: ${stderr}` : ''}`);
  } finally {
    await kernel.shutdown();
  }
}

async function measureSession(peer: Peer, kernel: KernelProcess, figures: Record<string, number>): Promise<void> {
  const ts = peer.language === 'ts';
  const one: number[] = [];
  await execute(kernel, '1+1');
  for (let i = 0; i < REPEAT_1P1; i++) one.push(await execute(kernel, '1+1'));
  figures['1+1 send → idle (ms, median)'] = median(one);
  const define = (i: number) => ts ? `function f${i}(a: number): number { return a * 2 + ${i} }` : `def f${i}(a):\n    return a * 2 + ${i}`;
  const early: number[] = [];
  for (let i = 0; i < 20; i++) early.push(await execute(kernel, define(i)));
  figures['function cell, cells 1-20 (ms)'] = median(early);
  for (let i = 20; i < SESSION; i++) await execute(kernel, ts ? `const v${i} = ${i}; ${define(i + 100000)}` : `v${i} = ${i}\n${define(i + 100000)}`);
  const late: number[] = [];
  for (let i = 0; i < 20; i++) late.push(await execute(kernel, define(i + 200000)));
  figures[`function cell after ${SESSION} cells (ms)`] = median(late);
  figures[`cell ${SESSION} / cell 10`] = median(late) / median(early);
  if (!ts) await execute(kernel, 'import math');
  const completeCode = ts ? 'Math.' : 'math.';
  const completions: number[] = [];
  for (let i = 0; i < 30; i++) completions.push(await timed(() => kernel.request('shell', 'complete_request', { code: completeCode, cursor_pos: completeCode.length })));
  figures['complete Math. (ms)'] = median(completions);
  const interrupts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const busy = execute(kernel, ts ? 'while (true) {}' : 'while True: pass');
    await sleep(500);
    const t0 = performance.now();
    if (peer.interrupt === 'signal') process.kill(kernel.pid!, 'SIGINT');
    else void kernel.interrupt();
    const done = await Promise.race([busy.then((ms) => !Number.isNaN(ms)), sleep(10_000).then(() => false)]);
    interrupts.push(done ? performance.now() - t0 : NaN);
    if (!done) break;
  }
  figures['interrupt busy loop (ms)'] = interrupts.some(Number.isNaN) ? NaN : median(interrupts);
  figures['cells that never sent idle (kernel bug)'] = missingIdle;
}

const results: Record<string, Record<string, number>> = {};
for (const peer of peers().filter((p) => !only || only.has(p.name))) {
  results[peer.name] = {};
  missingIdle = 0;
  try {
    await measure(peer, results[peer.name]!);
    process.stderr.write(`measured ${peer.name}\n`);
  } catch (error) {
    process.stderr.write(`${peer.name}: stopped early: ${(error as Error).message}\n`);
  }
}
const names = Object.keys(results);
const figures = Object.keys(results['whetstone'] ?? {});
const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : Number.isNaN(x) ? 'failed' : Number.isInteger(x) ? String(x) : x < 10 ? x.toFixed(2) : x.toFixed(1));
console.log(['figure', ...names, 'ratio to best peer'].map((c, i) => (i === 0 ? c.padEnd(36) : c.padStart(12))).join(' '));
for (const figure of figures) {
  const peerValues = names.filter((n) => n !== 'whetstone').map((n) => results[n]![figure]).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const best = figure.includes('(ms') ? Math.min(...peerValues) : undefined;
  const ours = results['whetstone']![figure]!;
  const ratio = best === undefined || !Number.isFinite(best) ? '' : (ours / best).toFixed(2);
  console.log([figure.padEnd(36), ...names.map((n) => fmt(results[n]![figure]).padStart(12)), ratio.padStart(12)].join(' '));
}
void resolve;
