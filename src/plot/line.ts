/**
 * `plot.line`: metrics over training steps or generations, one line per series, with a band across seeds.
 * Series form: `{name, x?, y}` where `y` is one run or an array of runs (one per seed). Record form (Observable-like):
 * `line(rows, {x: 'step', y: 'reward', z: 'method'})`; rows sharing z and x are the seeds of that point.
 */
import { check, describe, fail } from '../toolkit/util/check.js';
import { Figure } from './figure.js';
import { present, summarize, type BandKind } from './stats.js';
import { baseLayout, colorAt, type CommonOptions, type Trace } from './style.js';
import { bandTraces, jsonNumbers } from './traces.js';

/** One line: a single run (`y: number[]`) or several seeds (`y: number[][]`, one row per seed). */
export interface LineSeries {
  /** Legend name. Default: "series i". */
  name?: string;
  /** Step of each point. Default: 0, 1, 2, … */
  x?: ArrayLike<number>;
  /** Values, or one array per seed (NaN marks a missing value). */
  y: ArrayLike<number> | readonly ArrayLike<number>[];
}

/** Options of `plot.line`. */
export interface LineOptions extends CommonOptions {
  /** Band across seeds: 'sd' (mean ± sd), 'se', 'ci95' (Student t), 'minmax', or 'none'. Default: 'sd'. */
  band?: BandKind;
  /** Record form: key of the x value in each row. Default: none (series form). */
  x?: string;
  /** Record form: key of the y value (setting it selects the record form). */
  y?: string;
  /** Record form: key whose value names the series. Default: one series. */
  z?: string;
  /** Draw point markers too. Default: false. */
  markers?: boolean;
}

const DEFAULTS = { band: 'sd' as BandKind, xLabel: 'step', markers: false };
const BANDS: readonly BandKind[] = ['sd', 'se', 'ci95', 'minmax', 'none'];

/** A series reduced to one value list per step. */
export interface SteppedSeries {
  name: string;
  x: number[];
  values: number[][];
}

function fromSeries(data: LineSeries, i: number, fn: string): SteppedSeries {
  const name = data.name ?? `series ${i}`;
  const where = `series ${JSON.stringify(name)}`;
  if (data.y === undefined || typeof (data.y as ArrayLike<unknown>).length !== 'number') {
    fail(fn, `${where}: y must be an array of numbers or an array of runs (got ${describe(data.y)})`);
  }
  const first = (data.y as ArrayLike<unknown>)[0];
  const runs = typeof first === 'object' && first !== null
    ? (data.y as readonly ArrayLike<number>[]).map((r, s) => check.numbers(r, `y[${s}]`, `${fn}: ${where}`, { allowNaN: true, allowEmpty: true }))
    : [check.numbers(data.y, 'y', `${fn}: ${where}`, { allowNaN: true, allowEmpty: true })];
  const steps = Math.max(0, ...runs.map((r) => r.length));
  runs.forEach((r, s) => {
    if (r.length !== steps) fail(fn, `${where}: every run must have the same length (y[0] has ${runs[0]!.length}, y[${s}] has ${r.length}); pad with NaN`);
  });
  const x = data.x === undefined ? Array.from({ length: steps }, (_, k) => k) : [...check.numbers(data.x, 'x', `${fn}: ${where}`, { allowEmpty: true })];
  if (x.length !== steps) fail(fn, `${where}: x and y must have the same length (got ${x.length} and ${steps})`);
  return { name, x, values: x.map((_, k) => present(runs.map((r) => r[k]!))) };
}

function fromRecords(rows: readonly Record<string, unknown>[], options: LineOptions, fn: string): SteppedSeries[] {
  const xKey = options.x;
  const yKey = options.y!;
  const groups = new Map<string, Map<number, number[]>>();
  rows.forEach((row, i) => {
    const x = xKey === undefined ? i : row[xKey];
    const y = row[yKey];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(fn, `rows[${i}].${xKey} must be a finite number (got ${describe(x)})`);
    if (typeof y !== 'number') fail(fn, `rows[${i}].${yKey} must be a number (got ${describe(y)})`);
    const z = options.z === undefined ? yKey : String(row[options.z]);
    let steps = groups.get(z);
    if (!steps) groups.set(z, (steps = new Map()));
    let values = steps.get(x);
    if (!values) steps.set(x, (values = []));
    if (!Number.isNaN(y)) values.push(y);
  });
  return [...groups].map(([name, steps]) => {
    const xs = [...steps.keys()].sort((a, b) => a - b);
    return { name, x: xs, values: xs.map((x) => steps.get(x)!) };
  });
}

/** Mean line plus band traces of stepped series (also used by other builders that plot over steps). */
export function lineTraces(series: readonly SteppedSeries[], band: BandKind, markers: boolean): Trace[] {
  const traces: Trace[] = [];
  series.forEach((s, i) => {
    const color = colorAt(i);
    const stats = s.values.map((v) => summarize(v, band));
    const seeded = s.values.some((v) => v.length > 1);
    if (band !== 'none' && seeded) {
      traces.push(...bandTraces(s.x, stats.map((t) => t.lower), stats.map((t) => t.upper), color, s.name, s.name));
    }
    traces.push({
      type: 'scatter',
      mode: markers ? 'lines+markers' : 'lines',
      name: s.name,
      legendgroup: s.name,
      x: jsonNumbers(s.x),
      y: jsonNumbers(stats.map((t) => t.mean)),
      line: { color, width: 2 },
      ...(markers ? { marker: { color, size: 6 } } : {}),
    });
  });
  return traces;
}

/**
 * Lines over steps with a band across seeds (mean ± sd by default).
 * @example
 *   plot.line({ name: 'GRPO', y: [[0.1, 0.3, 0.5], [0.2, 0.35, 0.45]] }, { band: 'ci95', yLabel: 'pass@1' })
 *   plot.line(rows, { x: 'step', y: 'reward', z: 'method' })
 */
export function line(data: LineSeries | readonly LineSeries[] | readonly Record<string, unknown>[], options: LineOptions = {}): Figure {
  const fn = 'plot.line';
  const band = check.oneOf(options.band ?? DEFAULTS.band, BANDS, 'band', fn);
  let series: SteppedSeries[];
  if (options.y !== undefined) {
    if (!Array.isArray(data)) fail(fn, `with option y (record form), data must be an array of rows (got ${describe(data)})`);
    series = fromRecords(data as readonly Record<string, unknown>[], options, fn);
  } else {
    const list = (Array.isArray(data) ? data : [data]) as readonly LineSeries[];
    if (list.length > 0 && list.every((d) => d !== null && typeof d === 'object' && !('y' in d))) {
      fail(fn, "data looks like rows of records: pass the keys as options, e.g. {x: 'step', y: 'reward', z: 'run'}");
    }
    series = list.map((d, i) => fromSeries(d, i, fn));
  }
  const layout = baseLayout(fn, options, { xLabel: DEFAULTS.xLabel, legend: series.length > 1 });
  return new Figure({ data: lineTraces(series, band, options.markers ?? DEFAULTS.markers), layout }, 'line');
}
