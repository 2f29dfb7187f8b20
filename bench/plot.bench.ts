/**
 * Figure export and table display timings (issue 5), Whetstone against its peers in the same run:
 * matplotlib (Agg) for PNG/SVG export and pandas for a 10,000-row table repr (bench/peers/plot.py).
 * Run: npx tsc -p tsconfig.json && node dist/bench/plot.bench.js
 * Whetstone renders through headless Chromium kept warm; "cold" includes launching it and loading plotly.js.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { line, scatter } from '../src/plot/index.js';
import { closeRenderer } from '../src/plot/export/renderer.js';
import { formatValue } from '../src/display/formatters/index.js';
import { rng } from '../src/toolkit/util/random.js';

const REPS = { line: 5, scatterPng: 3, scatterSvg: 2, table: 20 };

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => unknown | Promise<unknown>, reps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function ours(): Promise<Record<string, number>> {
  const xs = Array.from({ length: 1000 }, (_, x) => x);
  const lineFig = line([0, 1, 2].map((j) => ({ name: `run ${j}`, x: xs, y: xs.map((x) => Math.sin(x / 50 + j) + 0.001 * x) })), { title: 'line chart' });
  const r = rng(3);
  const n = 100_000;
  const scatterFig = scatter({ name: 'points', x: Array.from({ length: n }, () => r.normal()), y: Array.from({ length: n }, () => r.normal()) });
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ step: i, reward: i / 3, tag: i % 2 ? 'odd' : 'even' }));
  const out: Record<string, number> = {};
  await closeRenderer();
  out['cold: first line PNG'] = await time(() => lineFig.toImage('png'), 1);
  out['line PNG'] = await time(() => lineFig.toImage('png'), REPS.line);
  out['line SVG'] = await time(() => lineFig.toImage('svg'), REPS.line);
  out['100k scatter PNG'] = await time(() => scatterFig.toImage('png'), REPS.scatterPng);
  out['100k scatter SVG'] = await time(() => scatterFig.toImage('svg'), REPS.scatterSvg);
  await closeRenderer();
  out['10k-row table display'] = await time(() => formatValue(rows), REPS.table);
  return out;
}

function peer(): { times: Record<string, number>; names: Record<string, string> } {
  const text = execFileSync('python3', [join(repoRoot(), 'bench', 'peers', 'plot.py')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const parsed = JSON.parse(text) as Record<string, number> & { peer: Record<string, string> };
  const { peer: names, ...times } = parsed;
  return { times: times as Record<string, number>, names };
}

const mine = await ours();
const other = peer();
const rowsOut = Object.keys(mine).map((k) => {
  const p = other.times[k];
  return { case: k, ours: mine[k]!, peer: p, ratio: p === undefined ? undefined : mine[k]! / p, peerName: other.names[k] ?? 'n/a (install matplotlib/pandas)' };
});
const fmt = (v: number | undefined, d = 1) => (v === undefined ? '–' : v.toFixed(d));
const header = ['case', 'ours (ms)', 'peer (ms)', 'ratio', 'peer'];
const table = [header, ...rowsOut.map((r) => [r.case, fmt(r.ours), fmt(r.peer), fmt(r.ratio, 2), r.peerName])];
const widths = header.map((_, j) => Math.max(...table.map((row) => row[j]!.length)));
for (const row of table) console.log(row.map((c, j) => (j === 0 || j === 4 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
console.log('ratio = ours / peer (below 1: Whetstone faster). Export: headless Chromium + plotly.js; peer: matplotlib Agg.');
