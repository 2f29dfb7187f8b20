/**
 * Benchmark: tensor backends against PyTorch on the CPU, in one run (issue 6, "Speed"). Cases: matMul 1024, an MLP
 * step (256 × 512 → 512 → 10, Adam), a 2-layer transformer step (d128, 4 heads, T64, B16, V512, Adam), softmax and
 * softmax + multinomial over 4096 × 8192, and tinyTransformer sampling (64 × 32 tokens). A first row times the MLP
 * step on wasm with tfjs's stock kernels, to show what installWasmKernels changes. Prints: case, ours (ms),
 * peer (ms), ratio (ours/peer; < 1 means we are faster). Medians after two warm-up runs.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/tensor.bench.js
 * Env: WHETSTONE_BACKEND (default: tensor.init's choice), BENCH_SECONDS per case (default 1), TORCH_PYTHON (default
 * /usr/bin/python3, which needs `apt-get install -y python3-torch libopenblas0-pthread`).
 */
import { execFileSync } from 'node:child_process';
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

function runPeer(seconds: number): Record<string, number | string> {
  const python = process.env['TORCH_PYTHON'] ?? '/usr/bin/python3';
  try {
    return JSON.parse(execFileSync(python, [peerPath(), String(seconds)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number | string>;
  } catch (error) {
    console.error(`tensor bench: the PyTorch peer did not run (${String((error as Error).message).split('\n')[0]}); ` +
      `install it with: apt-get install -y python3-torch libopenblas0-pthread`);
    return {};
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 1);
  const rows: Record<string, string | number>[] = [];
  const ours: Record<string, number> = {};
  // Stock kernels first: installWasmKernels has not run yet in this process.
  await tf.setBackend('wasm');
  const stock = mlpCase();
  ours['MLP step (wasm, stock tfjs kernels)'] = await timeCase(stock, seconds);
  stock.dispose();
  const report = await init();
  for (const [name, make] of CASES) {
    const c = make();
    ours[name] = await timeCase(c, seconds);
    c.dispose();
  }
  const peer = runPeer(seconds);
  for (const [name, ms] of Object.entries(ours)) {
    const peerName = name.startsWith('MLP step') ? 'MLP step' : name;
    const p = typeof peer[peerName] === 'number' ? (peer[peerName] as number) : undefined;
    rows.push({ case: name, 'ours (ms)': Number(ms.toFixed(2)), 'peer (ms)': p === undefined ? 'n/a' : Number(p.toFixed(2)), ratio: p === undefined ? 'n/a' : Number((ms / p).toFixed(2)) });
  }
  console.log(bannerLine(report));
  console.log(`peer: PyTorch ${peer['_version'] ?? '?'} on the CPU, ${peer['_threads'] ?? '?'} torch thread(s) (BLAS threads at their default)`);
  console.log(toTextTable(rows, { caption: `tensor bench (${report.backend} vs PyTorch-CPU; ratio = ours / peer)` }));
}

await main();
