/**
 * Benchmark: select and rewards hot paths against NumPy on the same data in the same run (issue 3, "Speed").
 * Cases: pass@k for 10,000 problems × n = 256 × every k; exact maj@k for 1,000 problems × n = 64 at k = 1, 2, …, 64;
 * GRPO group advantages for 1M rewards (groups of 16). Prints: case, ours (ms), peer (ms), ratio (ours/peer), and the
 * largest absolute difference between the two results. Times are the best of `repeats` runs after a warm-up on each
 * side: the machine is shared, and the minimum is the least noisy estimate of the cost (as Python's timeit advises).
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/toolkit-select.bench.js [repeats=7]
 */
import { peerScript, timed } from './harness.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { majAtK, passAtKCurve } from '../src/toolkit/select/index.js';
import { groupAdvantages } from '../src/toolkit/rewards/index.js';
import { toTextTable } from '../src/toolkit/util/display.js';
import { rng } from '../src/toolkit/util/random.js';

const SIZES = { passProblems: 10_000, passN: 256, majProblems: 1_000, majN: 64, majKs: [1, 2, 4, 8, 16, 32, 64], advRewards: 1_000_000, advGroup: 16 };



function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function main(): void {
  const repeats = Number(process.argv[2] ?? 7);
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-select-bench-'));
  try {
    const gen = rng(2024);
    // pass@k: correct counts from a U-shaped solve-rate distribution, like real benchmarks (many 0s and ns).
    const c = Int32Array.from({ length: SIZES.passProblems }, () => Math.round(SIZES.passN * gen.next() ** 3 * (gen.next() < 0.5 ? 1 : 0.2)));
    // maj@k: each problem has 8 candidate answers with Zipf-like weights; answer 0..7, gold chosen at random.
    const answers = new Int32Array(SIZES.majProblems * SIZES.majN);
    const gold = new Int32Array(SIZES.majProblems);
    const zipf = Array.from({ length: 8 }, (_, i) => 1 / (i + 1));
    for (let p = 0; p < SIZES.majProblems; p++) {
      const perm = Array.from({ length: 8 }, (_, i) => i);
      for (let i = 7; i > 0; i--) { const j = gen.int(i + 1); [perm[i], perm[j]] = [perm[j]!, perm[i]!]; }
      for (let i = 0; i < SIZES.majN; i++) answers[p * SIZES.majN + i] = perm[gen.categorical(zipf)]!;
      gold[p] = gen.int(8);
    }
    const rewards = Float64Array.from({ length: SIZES.advRewards }, () => (gen.next() < 0.4 ? 1 : 0) + 0.1 * gen.normal());
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(SIZES));
    writeFileSync(join(dir, 'pass_c.i32'), c);
    writeFileSync(join(dir, 'maj_answers.i32'), answers);
    writeFileSync(join(dir, 'maj_gold.i32'), gold);
    writeFileSync(join(dir, 'adv_rewards.f64'), rewards);

    const ours = {
      passAtK: timed(() => passAtKCurve(SIZES.passN, c).values, repeats),
      majAtK: timed(() => {
        const out = new Float64Array(SIZES.majProblems * SIZES.majKs.length);
        for (let p = 0; p < SIZES.majProblems; p++) {
          out.set(majAtK(answers.subarray(p * SIZES.majN, (p + 1) * SIZES.majN), gold[p]!, SIZES.majKs), p * SIZES.majKs.length);
        }
        return out;
      }, repeats),
      groupAdvantages: timed(() => groupAdvantages(rewards, SIZES.advGroup), repeats),
    };

    const peer = JSON.parse(execFileSync('python3', [peerScript('select_numpy.py'), dir, String(repeats)], { encoding: 'utf8' })) as Record<string, number>;
    const label: Record<keyof typeof ours, string> = {
      passAtK: `passAtK: ${SIZES.passProblems} problems × n=${SIZES.passN} × all k`,
      majAtK: `majAtK exact: ${SIZES.majProblems} problems × n=${SIZES.majN} × k∈{1..64, ×2}`,
      groupAdvantages: `groupAdvantages: ${SIZES.advRewards} rewards, G=${SIZES.advGroup}`,
    };
    const rows = (Object.keys(ours) as (keyof typeof ours)[]).map((name) => {
      const peerOut = new Float64Array(readFileSync(join(dir, `${name}.peer.f64`)).buffer.slice(0));
      return {
        case: label[name],
        'ours (ms)': ours[name].ms,
        'peer (ms)': peer[name]!,
        ratio: ours[name].ms / peer[name]!,
        'max |Δ|': maxDiff(ours[name].out, peerOut),
      };
    });
    console.log(toTextTable(rows, { caption: `toolkit-select vs NumPy (best of ${repeats}; ratio < 1 means Whetstone is faster)`, digits: 3 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
