/**
 * Reward definitions with TRL's contract (toolkit-anchors §1.1): a reward is a named, weighted function scored once
 * per completion, sync or async, returning a number or `null` for "not applicable" (multi-task batches; trl PR #6427
 * shows why a default 0 for unscorable rows is a reward hack). Extra dataset columns (e.g. the gold `answer`) reach
 * the function as fields of its sample.
 */
import { check, describe, fail } from '../util/check.js';
import { withTable } from '../util/display.js';
import type { Sample } from '../models/policy.js';

/** One completion as a reward function sees it: the completion, its prompt, its row index and every batch column. */
export interface RewardSample {
  completion: string;
  prompt: string;
  index: number;
  [column: string]: unknown;
}

/** What a reward function returns per completion: a number, null (not applicable), or that with the extracted answer. */
export type RewardValue = number | null | { reward: number | null; extracted?: string | null };

/** A per-completion reward function, sync or async. */
export type RewardFn = (sample: RewardSample) => RewardValue | Promise<RewardValue>;

/**
 * A batch to score: `completions`, optional `prompts` (one per completion), and any other columns with one entry per
 * completion (e.g. `answer`).
 */
export interface RewardBatch {
  completions: readonly string[];
  prompts?: readonly string[];
  [column: string]: readonly unknown[] | undefined;
}

/** Scores of one reward over a batch. `values` holds NaN where the reward returned null. */
export interface RewardScores {
  name: string;
  weight: number;
  values: Float64Array;
  /** Extracted answers, when the reward reports them (verifiers do). */
  extracted?: (string | null)[];
}

/** A named, weighted reward. */
export interface Reward {
  readonly name: string;
  readonly weight: number;
  /** Scores every completion of the batch (async functions run concurrently). */
  score(batch: RewardBatch): Promise<RewardScores>;
}

/** Options for {@link define}. */
export interface DefineOptions {
  /** Weight in {@link combine}. Default: 1. */
  weight?: number;
}

/**
 * Defines a reward from a per-completion function.
 *
 * @example
 * const short = rewards.define('short', (s) => (s.completion.length < 200 ? 1 : 0), { weight: 0.5 })
 * await short.score({ completions: ['a', 'b'.repeat(300)] })     // values [1, 0]
 */
export function define(name: string, fn: RewardFn, options: DefineOptions = {}): Reward {
  if (typeof name !== 'string' || name.length === 0) fail('define', `name must be a non-empty string (got ${describe(name)})`);
  if (typeof fn !== 'function') fail('define', `fn must be a function (got ${describe(fn)})`);
  const weight = check.finite(options.weight ?? 1, 'weight', 'define');
  return {
    name,
    weight,
    score: async (batch) => {
      const rows = batchRows(batch, `reward "${name}"`);
      const raw = await Promise.all(rows.map((row) => fn(row)));
      return toScores(name, weight, raw);
    },
  };
}

/** Expands a batch into per-completion samples, checking that every column has one entry per completion. */
export function batchRows(batch: RewardBatch, fn: string): RewardSample[] {
  if (batch === null || typeof batch !== 'object' || !Array.isArray(batch.completions)) {
    fail(fn, 'batch must be an object with a completions array');
  }
  const n = batch.completions.length;
  const columns = Object.keys(batch).filter((c) => c !== 'completions' && batch[c] !== undefined);
  for (const c of columns) {
    if (c === 'completion' || c === 'prompt' || c === 'index') {
      fail(fn, `batch.${c} is reserved for the per-sample field; pass ${c === 'index' ? 'a different column name' : `batch.${c}s`}`);
    }
    const col = batch[c];
    if (!Array.isArray(col)) fail(fn, `batch.${c} must be an array with one entry per completion (got ${describe(col)})`);
    if (col.length !== n) fail(fn, `batch.${c} must have one entry per completion (got ${col.length} entries for ${n} completions)`);
  }
  return batch.completions.map((completion, index) => {
    const row: RewardSample = { completion, prompt: batch.prompts?.[index] ?? '', index };
    for (const c of columns) if (c !== 'prompts') row[c] = batch[c]![index];
    return row;
  });
}

function toScores(name: string, weight: number, raw: RewardValue[]): RewardScores {
  const fn = `reward "${name}"`;
  const values = new Float64Array(raw.length);
  let extracted: (string | null)[] | undefined;
  raw.forEach((v, i) => {
    let r: unknown = v;
    if (v !== null && typeof v === 'object') {
      r = v.reward;
      extracted ??= new Array<string | null>(raw.length).fill(null);
      extracted[i] = v.extracted ?? null;
    }
    if (r === null || r === undefined) { values[i] = NaN; return; }
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      fail(fn, `returned ${describe(r)} for completion ${i}; return a finite number, or null when the reward does not apply`);
    }
    values[i] = r;
  });
  const result: RewardScores = extracted ? { name, weight, values, extracted } : { name, weight, values };
  return withTable(result, () => Array.from(values, (v, i) => ({ index: i, [name]: Number.isNaN(v) ? null : v, ...(extracted ? { extracted: extracted[i] } : {}) })), { caption: `reward ${name} (weight ${weight})` });
}

/**
 * Builds a batch from policy samples (`policy.sample` returns one group per prompt): groups are laid out
 * contiguously, so groupSize = samples per prompt. Columns `tokenLogProbs`, `tokenIds`, `finishReason` and `length`
 * (tokens) come from the samples; `perPrompt` columns (e.g. `{ answer: golds }`) are repeated for every sample.
 *
 * @example
 * const groups = await policy.sample(prompts, { n: 8, seed: 1 })
 * await rewards.boxedAnswer().score(rewards.fromSamples(groups, { answer: golds }))
 */
export function fromSamples(samples: readonly (readonly Sample[])[], perPrompt: Record<string, readonly unknown[]> = {}): RewardBatch {
  const fn = 'fromSamples';
  if (!Array.isArray(samples)) fail(fn, 'samples must be an array of sample groups (one per prompt)');
  for (const [name, col] of Object.entries(perPrompt)) {
    if (!Array.isArray(col) || col.length !== samples.length) {
      fail(fn, `perPrompt.${name} must have one entry per prompt (got ${Array.isArray(col) ? col.length : describe(col)} for ${samples.length} prompts)`);
    }
  }
  const flat = samples.flatMap((group, p) => {
    if (!Array.isArray(group)) fail(fn, `samples[${p}] must be an array of samples`);
    return group.map((s) => ({ s, p }));
  });
  const batch: RewardBatch = {
    completions: flat.map(({ s }) => s.text),
    prompts: flat.map(({ s }) => s.prompt),
    tokenLogProbs: flat.map(({ s }) => s.tokenLogProbs),
    tokenIds: flat.map(({ s }) => s.tokenIds),
    finishReason: flat.map(({ s }) => s.finishReason),
    length: flat.map(({ s }) => s.tokenIds.length),
  };
  for (const [name, col] of Object.entries(perPrompt)) batch[name] = flat.map(({ p }) => col[p]);
  return batch;
}
