/**
 * Benchmark: categorical sampling from 4096 × 8192 rows against NumPy on the same weights in the same run (issue 3,
 * "Speed": target at or below NumPy's time). Cases: one draw per row (Whetstone: total + subtract-walk; NumPy: the
 * faster of cumsum + compare and cumsum + argmax), and 64 draws per row (Whetstone: cumulative sums + binary search per
 * row; NumPy: cumsum + one global searchsorted). Weights are float32 (what a logits buffer holds), unnormalized.
 * Prints: case, ours (ms), peer (ms), ratio (ours/peer; < 1 means Whetstone is faster), and a sanity check: the mean
 * drawn index of each side minus the exact expected index (both should be within sampling noise of 0).
 * Times are the best of `repeats` runs after a warm-up on each side (the machine is shared).
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/toolkit-sampling.bench.js [repeats=5]
 */
import { peerScript, timed } from './harness.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleCategorical } from '../src/toolkit/models/sample-categorical.js';
import { toTextTable } from '../src/toolkit/util/display.js';
import { rng } from '../src/toolkit/util/random.js';

const SIZES = { rows: 4096, cols: 8192, samples: 64 };



/** Mean drawn index minus the exact expected index, averaged over rows. */
function meanIndexError(draws: Int32Array, perRow: number, expected: Float64Array): number {
  let err = 0;
  for (let r = 0; r < SIZES.rows; r++) {
    let s = 0;
    for (let j = 0; j < perRow; j++) s += draws[r * perRow + j]!;
    err += s / perRow - expected[r]!;
  }
  return err / SIZES.rows;
}

function main(): void {
  const repeats = Number(process.argv[2] ?? 5);
  const { rows, cols, samples } = SIZES;
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-sampling-bench-'));
  try {
    // Softmax-like rows: exp of Gaussian logits with a per-row scale, so some rows are flat and some peaked.
    const gen = rng(99);
    const probs = new Float32Array(rows * cols);
    const expected = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const scale = 0.5 + 3 * gen.next();
      let total = 0, weighted = 0;
      for (let c = 0; c < cols; c++) {
        const w = Math.fround(Math.exp(scale * gen.normal()));
        probs[r * cols + c] = w;
        total += w;
        weighted += w * c;
      }
      expected[r] = weighted / total;
    }
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(SIZES));
    writeFileSync(join(dir, 'probs.f32'), probs);

    const ours = {
      oneDraw: timed(() => sampleCategorical(probs, rows, cols, { seed: 1 }), repeats),
      manyDraws: timed(() => sampleCategorical(probs, rows, cols, { seed: 1, samples }), repeats),
    };
    const peer = JSON.parse(execFileSync('python3', [peerScript('sampling_numpy.py'), dir, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number | string>;
    const perRow = { oneDraw: 1, manyDraws: samples };
    const label = { oneDraw: `1 draw per row, ${rows} × ${cols}`, manyDraws: `${samples} draws per row, ${rows} × ${cols}` };
    const rowsOut = (Object.keys(ours) as (keyof typeof ours)[]).map((name) => {
      const peerDraws = new Int32Array(readFileSync(join(dir, `${name}.peer.i32`)).buffer.slice(0));
      return {
        case: label[name],
        'ours (ms)': ours[name].ms,
        'peer (ms)': peer[name] as number,
        ratio: ours[name].ms / (peer[name] as number),
        'peer method': peer[`${name}_method`] as string,
        'ours Δmean idx': meanIndexError(ours[name].out, perRow[name], expected),
        'peer Δmean idx': meanIndexError(peerDraws, perRow[name], expected),
      };
    });
    console.log(toTextTable(rowsOut, { caption: `toolkit-sampling vs NumPy ${peer['_numpy']} (float32 weights; best of ${repeats}; ratio < 1 means Whetstone is faster)`, digits: 3 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
