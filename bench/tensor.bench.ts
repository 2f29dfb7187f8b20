/**
 * Benchmark: tensor backends against PyTorch on the CPU, in one run (issue 6, "Speed"). Cases: matMul 1024, an MLP
 * step (256 × 512 → 512 → 10, Adam), a 2-layer transformer step (d128, 4 heads, T64, B16, V512, Adam), softmax and
 * softmax + multinomial over 4096 × 8192, and tinyTransformer sampling (64 × 32 tokens). A first row times the MLP
 * step on wasm with tfjs's stock kernels, to show what installWasmKernels changes. Prints: case, ours (ms),
 * peer (ms), ratio (ours/peer; < 1 means we are faster). Medians after two warm-up runs; each case runs ours then the
 * peer's back to back, so a busy shared machine slows both alike.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/tensor.bench.js
 * Env: WHETSTONE_BACKEND (default: tensor.init's choice), BENCH_SECONDS per case (default 1), TORCH_PYTHON (default
 * /usr/bin/python3, which needs `apt-get install -y python3-torch libopenblas0-pthread`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { bannerLine, init } from '../src/toolkit/tensor/index.js';
import { toTextTable } from '../src/toolkit/util/display.js';
import { matMulCase, mlpCase, multinomialCase, samplingCase, softmaxCase, timeCase, transformerStepCase, type BenchCase } from './gpu/cases.js';

const CASES: [string, () => BenchCase][] = [
  ['matMul 1024', () => matMulCase(1024)],
  ['MLP step', mlpCase],
  ['transformer step', transformerStepCase],
  ['softmax 4096x8192', () => softmaxCase()],
  ['softmax + multinomial 4096x8192', () => multinomialCase()],
  ['tinyTransformer sample 64x32 tokens', samplingCase],
];

function peerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'peers/torch_tensor.py'), resolve(here, '../../bench/peers/torch_tensor.py')]) if (existsSync(p)) return p;
  throw new Error('tensor bench: bench/peers/torch_tensor.py not found; run from the repository checkout');
}

/** The PyTorch peer as a subprocess answering one case at a time, so both sides run under the same load. */
class Peer {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;
  meta: { _threads?: number; _version?: string } = {};

  constructor(seconds: number) {
    const python = process.env['TORCH_PYTHON'] ?? '/usr/bin/python3';
    this.#child = spawn(python, [peerPath(), String(seconds), '--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  async start(): Promise<boolean> {
    const first = await this.#next();
    if (!first) return false;
    this.meta = first as Peer['meta'];
    return true;
  }

  async time(name: string): Promise<number | undefined> {
    this.#child.stdin.write(name + '\n');
    const reply = await this.#next();
    return typeof reply?.['ms'] === 'number' ? reply['ms'] : undefined;
  }

  close(): void {
    this.#child.stdin.end();
  }

  async #next(): Promise<Record<string, unknown> | undefined> {
    const { value, done } = await this.#lines.next();
    return done ? undefined : (JSON.parse(value) as Record<string, unknown>);
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 1);
  const peer = new Peer(seconds);
  const peerOk = await peer.start().catch(() => false);
  if (!peerOk) console.error('tensor bench: the PyTorch peer did not start; install it with: apt-get install -y python3-torch libopenblas0-pthread');
  const rows: Record<string, string | number>[] = [];
  const add = (name: string, ms: number, p: number | undefined) =>
    rows.push({ case: name, 'ours (ms)': Number(ms.toFixed(2)), 'peer (ms)': p === undefined ? 'n/a' : Number(p.toFixed(2)), ratio: p === undefined ? 'n/a' : Number((ms / p).toFixed(2)) });
  // Stock kernels first: installWasmKernels has not run yet in this process.
  await tf.setBackend('wasm');
  const stock = mlpCase();
  const stockMs = await timeCase(stock, seconds);
  stock.dispose();
  add('MLP step (wasm, stock tfjs kernels)', stockMs, peerOk ? await peer.time('MLP step') : undefined);
  const report = await init();
  for (const [name, make] of CASES) {
    const c = make();
    const ms = await timeCase(c, seconds);
    c.dispose();
    add(name, ms, peerOk ? await peer.time(name) : undefined);
  }
  peer.close();
  console.log(bannerLine(report));
  console.log(`peer: PyTorch ${peer.meta._version ?? '?'} on the CPU, ${peer.meta._threads ?? '?'} torch thread(s) (BLAS threads at their default); cases interleaved`);
  console.log(toTextTable(rows, { caption: `tensor bench (${report.backend} vs PyTorch-CPU; ratio = ours / peer)` }));
}

await main();
