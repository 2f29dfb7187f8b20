/**
 * Proxy–gold gap: the reward-hacking signal of toolkit-anchors §7.29 and seeds.md a8 (*Spontaneous Reward Hacking*,
 * *Can Large Reasoning Models Self-Train?*): the proxy reward being optimized keeps rising while a held-out gold
 * measure stays flat or falls. Component dominance is not exploitation; divergence from gold is.
 */
import { check } from '../util/check.js';
import type { NumericArray } from '../util/check.js';
import { withTable } from '../util/display.js';

/** The gap series and trend summaries. */
export interface ProxyGoldGap {
  /** gap_t = (proxy_t − proxy_0) − (gold_t − gold_0): proxy gains not matched by gold gains. */
  gap: Float64Array;
  /** Least-squares slope per step of each series. */
  proxySlope: number;
  goldSlope: number;
  /** Pearson correlation of the two series (NaN when either is constant). */
  correlation: number;
  /** True when the proxy trends up while gold does not (slope ≤ 0) and the final gap is positive. */
  diverging: boolean;
  rows: { step: number; proxy: number; gold: number; gap: number }[];
}

/**
 * Compares a proxy reward with a gold measure over training steps (one value per step each).
 *
 * @example
 * const g = rewards.proxyGoldGap([0.2, 0.5, 0.8], [0.3, 0.3, 0.25])
 * g.diverging   // true
 */
export function proxyGoldGap(proxy: NumericArray, gold: NumericArray): ProxyGoldGap {
  const fn = 'proxyGoldGap';
  const p = check.numbers(proxy, 'proxy', fn), g = check.numbers(gold, 'gold', fn);
  check.sameLength(p, 'proxy', g, 'gold', fn);
  const n = p.length;
  const gap = p.map((v, t) => v - p[0]! - (g[t]! - g[0]!));
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / n;
  const tBar = (n - 1) / 2, pBar = mean(p), gBar = mean(g);
  let stt = 0, stp = 0, stg = 0, spp = 0, sgg = 0, spg = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - tBar, dp = p[t]! - pBar, dg = g[t]! - gBar;
    stt += dt * dt; stp += dt * dp; stg += dt * dg; spp += dp * dp; sgg += dg * dg; spg += dp * dg;
  }
  const proxySlope = stt > 0 ? stp / stt : 0, goldSlope = stt > 0 ? stg / stt : 0;
  const correlation = spp > 0 && sgg > 0 ? spg / Math.sqrt(spp * sgg) : NaN;
  const diverging = proxySlope > 0 && goldSlope <= 0 && gap[n - 1]! > 0;
  const rows = Array.from(p, (v, t) => ({ step: t, proxy: v, gold: g[t]!, gap: gap[t]! }));
  return withTable({ gap, proxySlope, goldSlope, correlation, diverging, rows }, () => rows, { caption: `proxy slope ${proxySlope.toPrecision(3)}, gold slope ${goldSlope.toPrecision(3)}${diverging ? ' — diverging' : ''}` });
}
