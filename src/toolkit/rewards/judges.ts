/**
 * Judges with TRL's removed judge API as the shape anchor (toolkit-anchors §1.1, `9a1549e8c^:…/judges.py`): an
 * injected judge function (an LLM call, a reward model, a rule) wrapped as a pairwise, rank or binary judge. Every
 * verdict is −1 when the function throws or answers out of range, so one bad call never sinks a batch. `shuffle`
 * presents candidates in a seeded random order to counter position bias; `positionBias` measures that bias directly
 * by asking twice with the order swapped (LLM judges favor their own generations and a position: seeds.md a8).
 */
import { check, describe, fail } from '../util/check.js';
import { withTable } from '../util/display.js';
import { rng, DEFAULT_SEED } from '../util/random.js';

/** Options for a judging call. */
export interface JudgeOptions {
  /** Present candidates in a seeded random order; verdicts are mapped back. Default: false. */
  shuffle?: boolean;
  /** Seed for shuffling. Default: 0. */
  seed?: number;
  /** Calls in flight at once. Default: 8. */
  concurrency?: number;
}

/** Returns 0 when the first completion is better, 1 when the second is. */
export type PairwiseJudgeFn = (prompt: string, first: string, second: string) => number | Promise<number>;
/** Returns candidate indices ordered best first (a permutation of 0..m−1). */
export type RankJudgeFn = (prompt: string, completions: readonly string[]) => readonly number[] | Promise<readonly number[]>;
/** Returns 1/true when the completion is acceptable, 0/false otherwise. */
export type BinaryJudgeFn = (prompt: string, completion: string, gold?: string) => boolean | number | Promise<boolean | number>;

/** A pairwise judge built by {@link pairwiseJudge}. */
export interface PairwiseJudge {
  readonly kind: 'pairwise';
  /** Index (0 or 1) of the better completion of each pair, −1 on failure. */
  judge(prompts: readonly string[], pairs: readonly (readonly [string, string])[], options?: JudgeOptions): Promise<Int32Array>;
}
/** A rank judge built by {@link rankJudge}. */
export interface RankJudge {
  readonly kind: 'rank';
  /** Per prompt, candidate indices best first; a row of −1 on failure. */
  judge(prompts: readonly string[], completions: readonly (readonly string[])[], options?: JudgeOptions): Promise<Int32Array[]>;
}
/** A binary judge built by {@link binaryJudge}. */
export interface BinaryJudge {
  readonly kind: 'binary';
  /** 1 (acceptable), 0, or −1 on failure, per completion. */
  judge(prompts: readonly string[], completions: readonly string[], options?: JudgeOptions & { gold?: readonly string[] }): Promise<Int32Array>;
}

/** Runs fn over 0..n−1 with at most `limit` calls pending; a throwing call yields `onError`. */
async function mapLimit<T>(n: number, limit: number, fn: (i: number) => Promise<T>, onError: T): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      try { out[i] = await fn(i); } catch { out[i] = onError; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

function readOptions(options: JudgeOptions, fn: string) {
  return {
    shuffle: options.shuffle ?? false,
    gen: rng(options.seed ?? DEFAULT_SEED),
    limit: check.int(options.concurrency ?? 8, 'concurrency', fn, { min: 1 }),
  };
}

function requireFn(f: unknown, fn: string): void {
  if (typeof f !== 'function') fail(fn, `judge must be a function (got ${describe(f)})`);
}

/**
 * Wraps a pairwise judge function.
 *
 * @example
 * const j = rewards.pairwiseJudge(async (q, a, b) => (a.length <= b.length ? 0 : 1))
 * await j.judge(['q'], [['short', 'longer one']], { shuffle: true })   // Int32Array [0]
 */
export function pairwiseJudge(judgeFn: PairwiseJudgeFn): PairwiseJudge {
  requireFn(judgeFn, 'pairwiseJudge');
  return {
    kind: 'pairwise',
    judge: async (prompts, pairs, options = {}) => {
      const fn = 'pairwiseJudge';
      check.sameLength(prompts, 'prompts', pairs, 'pairs', fn);
      const { shuffle, gen, limit } = readOptions(options, fn);
      const swap = pairs.map(() => shuffle && gen.next() < 0.5);
      const verdicts = await mapLimit(pairs.length, limit, async (i) => {
        const [a, b] = pairs[i]!;
        const v = await judgeFn(prompts[i]!, swap[i] ? b : a, swap[i] ? a : b);
        if (v !== 0 && v !== 1) return -1;
        return swap[i] ? 1 - v : v;
      }, -1);
      return Int32Array.from(verdicts);
    },
  };
}

/**
 * Wraps a rank judge function.
 *
 * @example
 * const j = rewards.rankJudge((q, cs) => cs.map((_, i) => i).sort((x, y) => cs[x].length - cs[y].length))
 * await j.judge(['q'], [['ccc', 'a', 'bb']])   // [Int32Array [1, 2, 0]]
 */
export function rankJudge(judgeFn: RankJudgeFn): RankJudge {
  requireFn(judgeFn, 'rankJudge');
  return {
    kind: 'rank',
    judge: async (prompts, completions, options = {}) => {
      const fn = 'rankJudge';
      check.sameLength(prompts, 'prompts', completions, 'completions', fn);
      const { shuffle, gen, limit } = readOptions(options, fn);
      const orders = completions.map((cs) => {
        const order = Array.from(cs, (_, i) => i);
        if (shuffle) for (let i = order.length - 1; i > 0; i--) { const j = gen.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
        return order;
      });
      const fallback = null;
      const ranks = await mapLimit(completions.length, limit, async (p) => {
        const order = orders[p]!;
        const shown = order.map((i) => completions[p]![i]!);
        const r = await judgeFn(prompts[p]!, shown);
        if (!isPermutation(r, shown.length)) return fallback;
        return Int32Array.from(r, (i) => order[i]!);
      }, fallback);
      return ranks.map((r, p) => r ?? new Int32Array(completions[p]!.length).fill(-1));
    },
  };
}

function isPermutation(r: unknown, m: number): r is readonly number[] {
  if (!Array.isArray(r) || r.length !== m) return false;
  const seen = new Uint8Array(m);
  for (const i of r) {
    if (!Number.isInteger(i) || i < 0 || i >= m || seen[i]) return false;
    seen[i] = 1;
  }
  return true;
}

/**
 * Wraps a binary (accept/reject) judge function; `gold` answers, when given, are passed to it.
 *
 * @example
 * const j = rewards.binaryJudge((q, c, gold) => c.includes(gold ?? ''))
 * await j.judge(['2+2?'], ['it is 4'], { gold: ['4'] })   // Int32Array [1]
 */
export function binaryJudge(judgeFn: BinaryJudgeFn): BinaryJudge {
  requireFn(judgeFn, 'binaryJudge');
  return {
    kind: 'binary',
    judge: async (prompts, completions, options = {}) => {
      const fn = 'binaryJudge';
      check.sameLength(prompts, 'prompts', completions, 'completions', fn);
      if (options.gold) check.sameLength(completions, 'completions', options.gold, 'gold', fn);
      const { limit } = readOptions(options, fn);
      const verdicts = await mapLimit(completions.length, limit, async (i) => {
        const v = await judgeFn(prompts[i]!, completions[i]!, options.gold?.[i]);
        return v === true || v === 1 ? 1 : v === false || v === 0 ? 0 : -1;
      }, -1);
      return Int32Array.from(verdicts);
    },
  };
}

/** Position-bias measurement of a pairwise judge. */
export interface PositionBias {
  /** Share of pairs (judged validly both ways) whose preferred completion changes when the order is swapped. */
  flipRate: number;
  /** Share of valid verdicts, over both orders, that pick the first position (0.5 = no positional preference). */
  firstPositionRate: number;
  /** Pairs judged validly in both orders. */
  pairs: number;
  /** Verdicts that failed (−1). */
  failures: number;
}

/**
 * Asks the judge about every pair in both orders (no shuffling) and reports how often the verdict flips.
 *
 * @example
 * const bias = await rewards.positionBias(judge, prompts, pairs)
 * bias.flipRate   // 0 for a judge that only reads content
 */
export async function positionBias(judge: PairwiseJudge, prompts: readonly string[], pairs: readonly (readonly [string, string])[], options: Pick<JudgeOptions, 'concurrency'> = {}): Promise<PositionBias> {
  const fn = 'positionBias';
  if (!judge || judge.kind !== 'pairwise') fail(fn, 'judge must be a pairwiseJudge');
  check.sameLength(prompts, 'prompts', pairs, 'pairs', fn);
  const forward = await judge.judge(prompts, pairs, { concurrency: options.concurrency });
  const backward = await judge.judge(prompts, pairs.map(([a, b]) => [b, a] as const), { concurrency: options.concurrency });
  let valid = 0, flips = 0, first = 0, verdicts = 0, failures = 0;
  for (let i = 0; i < pairs.length; i++) {
    const f = forward[i]!, b = backward[i]!;
    for (const v of [f, b]) { if (v < 0) failures++; else { verdicts++; if (v === 0) first++; } }
    if (f < 0 || b < 0) continue;
    valid++;
    // Forward picks pairs[i][f]; backward (order b, a) picks pairs[i][1 − b].
    if (f !== 1 - b) flips++;
  }
  const result = { flipRate: valid ? flips / valid : NaN, firstPositionRate: verdicts ? first / verdicts : NaN, pairs: valid, failures };
  return withTable(result, () => [{ ...result }], { caption: 'pairwise judge position bias' });
}
