/**
 * `plot.rankFrequency`: frequency against rank on log-log axes, the standard picture of vocabulary or answer
 * diversity (Zipf). Model collapse shows as the tail dropping away generation by generation (arXiv:2305.17493).
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { baseLayout, colorAt, type CommonOptions, type Trace } from './style.js';

/** Counts in any of the usual shapes: counts, a Map or record of counts, or the raw tokens to count. */
export type Counts = ArrayLike<number> | ReadonlyMap<unknown, number> | Readonly<Record<string, number>> | readonly string[];

/** One distribution. */
export interface RankFrequencySeries {
  /** Legend name. Default: "series i". */
  name?: string;
  counts: Counts;
}

/** Options of `plot.rankFrequency`. */
export interface RankFrequencyOptions extends CommonOptions {
  /** Plot relative frequency (count / total) rather than raw counts. Default: true. */
  normalize?: boolean;
  /** Most points drawn per series; ranks are thinned log-uniformly beyond this (invisible on log-x). Default: 1000. */
  maxPoints?: number;
}

const DEFAULTS = { normalize: true, maxPoints: 1000 };

/** Counts sorted descending, zeros dropped (they have no place on a log axis). */
export function sortedCounts(counts: Counts, fn: string, where: string): number[] {
  let values: number[];
  if (counts instanceof Map) values = [...counts.values()];
  else if (Array.isArray(counts) && counts.length > 0 && typeof counts[0] === 'string') {
    const tally = new Map<string, number>();
    for (const t of counts as readonly string[]) tally.set(t, (tally.get(t) ?? 0) + 1);
    values = [...tally.values()];
  } else if (Array.isArray(counts) || ArrayBuffer.isView(counts)) values = [...(counts as ArrayLike<number>) as number[]];
  else if (counts !== null && typeof counts === 'object') values = Object.values(counts as Record<string, number>);
  else fail(fn, `${where} must be counts, a Map, a record of counts or an array of tokens (got ${describe(counts)})`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(fn, `${where}[${i}] must be a finite count ≥ 0 (got ${describe(v)})`);
  });
  return values.filter((v) => v > 0).sort((a, b) => b - a);
}

/** 0-based indices kept when thinning n ranks to about `max`, log-uniformly, always keeping the first and last. */
export function thinRanks(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const keep = new Set<number>([0, n - 1]);
  for (let j = 0; j < max; j++) keep.add(Math.min(n - 1, Math.round(Math.exp((Math.log(n) * j) / (max - 1))) - 1));
  return [...keep].sort((a, b) => a - b);
}

/**
 * Rank-frequency plot(s), log-log.
 * @example
 *   plot.rankFrequency(tokens)  // an array of strings is counted first
 *   plot.rankFrequency([{ name: 'gen 0', counts: c0 }, { name: 'gen 5', counts: c5 }])
 */
export function rankFrequency(data: Counts | RankFrequencySeries | readonly RankFrequencySeries[], options: RankFrequencyOptions = {}): Figure {
  const fn = 'plot.rankFrequency';
  const normalize = options.normalize ?? DEFAULTS.normalize;
  const maxPoints = check.int(options.maxPoints ?? DEFAULTS.maxPoints, 'maxPoints', fn, { min: 2 });
  const isSeries = (d: unknown) => d !== null && typeof d === 'object' && 'counts' in (d as object);
  const list: RankFrequencySeries[] = isSeries(data)
    ? [data as RankFrequencySeries]
    : Array.isArray(data) && data.length > 0 && isSeries(data[0])
      ? (data as RankFrequencySeries[])
      : [{ name: 'counts', counts: data as Counts }];
  const traces: Trace[] = list.map((s, i) => {
    const name = s.name ?? `series ${i}`;
    const sorted = sortedCounts(s.counts, fn, `series ${JSON.stringify(name)}: counts`);
    if (sorted.length === 0) fail(fn, `series ${JSON.stringify(name)} has no positive counts`);
    const total = sorted.reduce((a, b) => a + b, 0);
    const idx = thinRanks(sorted.length, maxPoints);
    const color = colorAt(i);
    return {
      type: 'scatter',
      mode: idx.length > 200 ? 'lines' : 'lines+markers',
      name,
      x: idx.map((j) => j + 1),
      y: idx.map((j) => (normalize ? sorted[j]! / total : sorted[j]!)),
      line: { color, width: 2 },
      marker: { color, size: 5 },
    };
  });
  const layout = baseLayout(fn, options, {
    xLabel: 'rank',
    yLabel: normalize ? 'frequency' : 'count',
    xType: 'log',
    yType: 'log',
    legend: list.length > 1,
  });
  return new Figure({ data: traces, layout }, 'rankFrequency');
}
