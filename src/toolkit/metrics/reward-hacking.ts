/**
 * Reward-hacking detectors over a per-step training log, after AvAdiii/rewardspy: variance collapse, component
 * dominance and length drift. Those fire on healthy runs too (jsboige/CoursIA PR #9583 found false positives), and
 * dominance is not exploitation, so the detector that matters most is the proxy–gold gap: the proxy reward rising
 * while a held-out gold reward does not (toolkit-anchors §2, §6 item 10). Each detector compares the last `window`
 * steps with the first `window` (the baseline).
 */
import { check, fail } from '../util/check.js';
import { withTable, type Displayable } from '../util/display.js';

/** Per-step training log. All series have one value per step. */
export interface RewardLog {
  /** Proxy (training) reward, batch mean per step. */
  reward: ArrayLike<number>;
  /** Within-batch reward std per step. Default: the std of `reward` inside each window. */
  rewardStd?: ArrayLike<number>;
  /** Weighted reward components w_k·r_k, batch mean per step. */
  components?: Record<string, ArrayLike<number>>;
  /** Mean completion length per step. */
  length?: ArrayLike<number>;
  /** Held-out gold reward per step. */
  gold?: ArrayLike<number>;
}

/** Options for {@link rewardHacking}. */
export interface RewardHackingOptions {
  /** Steps in the baseline and in the recent window. Default: 10. */
  window?: number;
  /** Variance collapse fires when recent std / baseline std < this. Default: 0.1. */
  varianceRatio?: number;
  /** Dominance fires when one component's share of Σ|w_k r_k| exceeds this. Default: 0.8. */
  dominance?: number;
  /** Length drift fires when |z| of the recent mean length exceeds this. Default: 3. */
  lengthZ?: number;
  /** Proxy–gold gap fires when Δproxy/σ_proxy − Δgold/σ_gold exceeds this. Default: 3. */
  gapZ?: number;
}

/** One detector's verdict. */
export interface DetectorResult {
  name: 'varianceCollapse' | 'componentDominance' | 'lengthDrift' | 'proxyGoldGap';
  fired: boolean;
  value: number;
  threshold: number;
  detail: string;
}

/** Result of {@link rewardHacking}. */
export interface RewardHackingReport {
  detectors: DetectorResult[];
  /** Names of detectors that fired. */
  fired: string[];
}

/**
 * Runs every detector whose inputs are present in the log.
 *
 * @example
 * metrics.rewardHacking({ reward: proxy, gold: heldOut, length: lengths }).fired; // e.g. ['proxyGoldGap']
 */
export function rewardHacking(log: RewardLog, options: RewardHackingOptions = {}): RewardHackingReport & Displayable {
  const fn = 'rewardHacking';
  if (!log || typeof log !== 'object') fail(fn, 'log must be an object with at least a reward series');
  const reward = check.numbers(log.reward, 'log.reward', fn);
  const steps = reward.length;
  const window = check.int(options.window ?? 10, 'window', fn, { min: 2 });
  if (2 * window > steps) fail(fn, `the log needs at least 2·window steps (got ${steps} steps, window=${window})`);
  const series = (v: ArrayLike<number>, name: string): Float64Array => {
    const s = check.numbers(v, name, fn);
    if (s.length !== steps) fail(fn, `${name} must have one value per step like log.reward (got ${s.length}, steps=${steps})`);
    return s;
  };
  const base = (s: Float64Array) => stats(s.subarray(0, window));
  const recent = (s: Float64Array) => stats(s.subarray(steps - window));
  const detectors: DetectorResult[] = [];

  const ratio = check.finite(options.varianceRatio ?? 0.1, 'varianceRatio', fn, { min: 0 });
  let baseStd: number, recentStd: number;
  if (log.rewardStd !== undefined) {
    const s = series(log.rewardStd, 'log.rewardStd');
    baseStd = base(s).mean; recentStd = recent(s).mean;
  } else {
    baseStd = base(reward).std; recentStd = recent(reward).std;
  }
  const varValue = baseStd === 0 ? (recentStd === 0 ? 1 : Infinity) : recentStd / baseStd;
  detectors.push({ name: 'varianceCollapse', fired: varValue < ratio, value: varValue, threshold: ratio, detail: `reward std ${fmt(baseStd)} → ${fmt(recentStd)}` });

  if (log.components !== undefined) {
    const limit = check.probability(options.dominance ?? 0.8, 'dominance', fn);
    const shares = Object.entries(log.components).map(([k, v]) => {
      const s = series(v, `log.components.${k}`);
      let m = 0;
      for (const x of s.subarray(steps - window)) m += Math.abs(x);
      return [k, m] as const;
    });
    const total = shares.reduce((acc, [, m]) => acc + m, 0);
    const [top, topMass] = shares.reduce((best, cur) => (cur[1] > best[1] ? cur : best), ['', -1] as readonly [string, number]);
    const share = total === 0 ? 0 : topMass / total;
    detectors.push({ name: 'componentDominance', fired: share > limit, value: share, threshold: limit, detail: `'${top}' carries ${fmt(100 * share)}% of Σ|w·r|` });
  }

  if (log.length !== undefined) {
    const limit = check.finite(options.lengthZ ?? 3, 'lengthZ', fn, { min: 0 });
    const s = series(log.length, 'log.length');
    const b = base(s), r = recent(s);
    const z = (r.mean - b.mean) / Math.max(b.std, 1e-3 * Math.abs(b.mean), 1e-12);
    detectors.push({ name: 'lengthDrift', fired: Math.abs(z) > limit, value: z, threshold: limit, detail: `mean length ${fmt(b.mean)} → ${fmt(r.mean)}` });
  }

  if (log.gold !== undefined) {
    const limit = check.finite(options.gapZ ?? 3, 'gapZ', fn, { min: 0 });
    const g = series(log.gold, 'log.gold');
    const bp = base(reward), rp = recent(reward), bg = base(g), rg = recent(g);
    const scale = (b: { mean: number; std: number }) => Math.max(b.std, 1e-3 * Math.abs(b.mean), 1e-12);
    const proxyGain = (rp.mean - bp.mean) / scale(bp);
    const goldGain = (rg.mean - bg.mean) / scale(bg);
    const gap = proxyGain - goldGain;
    detectors.push({ name: 'proxyGoldGap', fired: gap > limit, value: gap, threshold: limit, detail: `proxy ${fmt(proxyGain)}σ vs gold ${fmt(goldGain)}σ over baseline` });
  }
  const result = { detectors, fired: detectors.filter((d) => d.fired).map((d) => d.name) };
  return withTable(result, () => detectors.map((d) => ({ detector: d.name, fired: d.fired ? 'yes' : 'no', value: d.value, threshold: d.threshold, detail: d.detail })), { caption: 'reward-hacking detectors (last window vs first window)' });
}

function stats(s: Float64Array): { mean: number; std: number } {
  let m = 0;
  for (const v of s) m += v;
  m /= s.length;
  let v2 = 0;
  for (const v of s) v2 += (v - m) ** 2;
  return { mean: m, std: Math.sqrt(v2 / Math.max(s.length - 1, 1)) };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}
