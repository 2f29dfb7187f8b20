/**
 * Benchmark: collapse loops and diversity metrics against NumPy in the same run (issue 4, "Speed"). Cases: the 1-D
 * Gaussian replace loop (2,000 generations × 1,000 points, W2 each generation); a 2-D GMM replace loop (1,000 points,
 * 100 generations, 20 warm-started EM steps each, closed-form L2 each generation); Vendi (q = 1) of 2,000 samples
 * × 128 dims via the dual Gram matrix, and of a 300 × 300 kernel matrix; distinct-2 and self-BLEU-4 on 10,000
 * grammar sentences. Prints: case, ours (ms), peer (ms), ratio (ours/peer; < 1 means Whetstone is faster), and for
 * cases with identical inputs the absolute difference of the two results. Medians after a warm-up.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/toolkit-collapse.bench.js [repeats=5]
 */
import { peerScript, timed } from './harness.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gaussianLoop, gmmLoop, grammarCorpus } from '../src/toolkit/collapse/index.js';
import { distinctN, selfBLEU, vendi } from '../src/toolkit/metrics/index.js';
import { toTextTable, type Cell } from '../src/toolkit/util/display.js';
import { rng } from '../src/toolkit/util/random.js';

const SIZES = { gaussN: 1000, gaussGenerations: 2000, gmmN: 1000, gmmGenerations: 100, gmmEm: 20, vendiN: 2000, vendiD: 128, vendiKN: 300, texts: 10_000 };



function main(): void {
  const repeats = Number(process.argv[2] ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-collapse-bench-'));
  try {
    const gen = rng(2026);
    // Vendi inputs: embeddings with a decaying spectrum (a few strong directions, like sentence embeddings).
    const X: number[][] = Array.from({ length: SIZES.vendiN }, () => Array.from({ length: SIZES.vendiD }, (_, j) => gen.normal() / (1 + j / 8)));
    const small = X.slice(0, SIZES.vendiKN).map((x) => { const n = Math.hypot(...x); return x.map((v) => v / n); });
    const K = small.map((a) => small.map((b) => a.reduce((s, v, i) => s + v * b[i]!, 0)));
    for (let i = 0; i < SIZES.vendiKN; i++) K[i]![i] = 1;
    const texts = grammarCorpus({ sentences: SIZES.texts, seed: 7 });
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(SIZES));
    writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts));
    writeFileSync(join(dir, 'vendi_x.f64'), Float64Array.from(X.flat()));
    writeFileSync(join(dir, 'vendi_k.f64'), Float64Array.from(K.flat()));

    const gmmRepeats = Math.max(1, repeats >> 1);
    const ours = {
      gaussian: timed(() => gaussianLoop({ n: SIZES.gaussN, generations: SIZES.gaussGenerations }).metrics.variance.at(-1)!, repeats, 'median'),
      gmm: timed(() => gmmLoop({ dim: 2, n: SIZES.gmmN, generations: SIZES.gmmGenerations, emIterations: SIZES.gmmEm }).metrics.l2!.at(-1)!, gmmRepeats, 'median'),
      vendiX: timed(() => vendi(X, { q: 1 }), repeats, 'median'),
      vendiK: timed(() => vendi({ K }, { q: 1 }), repeats, 'median'),
      distinct: timed(() => distinctN(texts, { n: 2 }), repeats, 'median'),
      selfBleu: timed(() => selfBLEU(texts, { n: 4 }).value, repeats, 'median'),
    };
    const peer = JSON.parse(execFileSync('python3', [peerScript('collapse_numpy.py'), dir, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 24 })) as Record<string, { ms: number; value: number }> & { _numpy: string };
    const label: Record<keyof typeof ours, string> = {
      gaussian: `gaussianLoop 1-D replace: ${SIZES.gaussGenerations} gens × ${SIZES.gaussN} pts`,
      gmm: `gmmLoop 2-D: ${SIZES.gmmGenerations} gens × ${SIZES.gmmN} pts × ${SIZES.gmmEm} EM steps`,
      vendiX: `vendi q=1: ${SIZES.vendiN} samples × ${SIZES.vendiD} dims (dual)`,
      vendiK: `vendi q=1: ${SIZES.vendiKN}×${SIZES.vendiKN} kernel matrix`,
      distinct: `distinctN n=2: ${SIZES.texts} sentences`,
      selfBleu: `selfBLEU n=4: ${SIZES.texts} sentences (all others as refs)`,
    };
    const sameInputs = new Set(['vendiX', 'vendiK', 'distinct', 'selfBleu']);
    const rows: Record<string, Cell>[] = (Object.keys(ours) as (keyof typeof ours)[]).map((name) => ({
      case: label[name],
      'ours (ms)': ours[name].ms,
      'peer (ms)': peer[name]!.ms,
      ratio: ours[name].ms / peer[name]!.ms,
      '|Δ result|': sameInputs.has(name) ? Math.abs(ours[name].out - peer[name]!.value) : 'own RNG',
    }));
    console.log(toTextTable(rows, { caption: `toolkit-collapse vs NumPy ${peer._numpy} (median of ${repeats}, GMM ${gmmRepeats}; ratio < 1 means Whetstone is faster)`, digits: 3 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
