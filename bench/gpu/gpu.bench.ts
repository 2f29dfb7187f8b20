/**
 * GPU verification (issue 6): the same training and sampling cases on `webgpu` (Dawn) and on `wasm` in one run, plus
 * `tensorflow-gpu` when tfjs-node-gpu is installed. Prints the backend report, then: case, one column per backend
 * (median ms), and the speed-up of the fastest GPU backend over wasm. Target from the issue: webgpu ≥ 10× wasm on the
 * transformer step. A backend that cannot start is listed with its reason instead of failing the run.
 *
 * Run on the GPU machine: bash bench/gpu/run.sh   (or: node dist/bench/gpu/gpu.bench.js)
 * Env: BENCH_SECONDS per case (default 1), BENCH_BACKENDS (default "webgpu,tensorflow-gpu,wasm").
 */
import { info, use, type BackendName } from '../../src/toolkit/tensor/index.js';
import { toTextTable } from '../../src/toolkit/util/display.js';
import { matMulCase, mlpCase, multinomialCase, samplingCase, softmaxCase, timeCase, transformerStepCase, type BenchCase } from './cases.js';
import { fitCase } from './fit-case.js';

const CASES: [string, () => BenchCase][] = [
  ['matMul 1024', () => matMulCase(1024)],
  ['MLP step', mlpCase],
  ['transformer step (2L d128 T64 B16 V512)', transformerStepCase],
  ['softmax 4096x8192', () => softmaxCase()],
  ['softmax + multinomial 4096x8192', () => multinomialCase()],
  ['tinyTransformer sample 64x32 tokens', samplingCase],
  ['tinyTransformer fit 20 steps (addition)', fitCase],
];

async function main(): Promise<void> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 1);
  const wanted = (process.env['BENCH_BACKENDS'] ?? 'webgpu,tensorflow-gpu,wasm').split(',').map((s) => s.trim()) as BackendName[];
  const results: Record<string, Record<string, number>> = {};
  const devices: string[] = [];
  for (const backend of wanted) {
    try {
      await use(backend);
    } catch (error) {
      devices.push(`${backend}: unavailable (${(error as Error).message})`);
      continue;
    }
    devices.push(`${backend}: ${info().device}`);
    const times: Record<string, number> = {};
    for (const [name, make] of CASES) {
      const c = make();
      try {
        times[name] = await timeCase(c, seconds);
      } catch (error) {
        devices.push(`${backend}: '${name}' failed: ${(error as Error).message.split('\n')[0]}`);
        times[name] = NaN;
      } finally {
        c.dispose();
      }
      console.error(`${backend} ${name}: ${times[name]!.toFixed(2)} ms`);
    }
    results[backend] = times;
  }
  const ran = Object.keys(results);
  const gpus = ran.filter((b) => b !== 'wasm');
  const rows = CASES.map(([name]) => {
    const row: Record<string, string | number> = { case: name };
    for (const b of ran) row[`${b} (ms)`] = Number(results[b]![name]!.toFixed(2));
    const best = Math.min(...gpus.map((b) => results[b]![name]!).filter(Number.isFinite));
    if (results['wasm'] && Number.isFinite(best)) row['speed-up vs wasm'] = Number((results['wasm'][name]! / best).toFixed(1));
    return row;
  });
  console.log(devices.join('\n'));
  console.log(toTextTable(rows, { caption: 'GPU bench (median ms; speed-up = wasm / fastest GPU backend)' }));
}

await main();
