/** Ground truth for sharpening metrics and tables: which completions count as correct. */
import { fail } from '../util/check.js';
import type { Sample } from '../models/policy.js';

/** Which answers are correct: prompt → correct answer, or a predicate on a sample (its text and prompt). */
export type Correctness = Readonly<Record<string, string>> | ((sample: Pick<Sample, 'prompt' | 'text'>) => boolean);

/** Turns a Correctness into a predicate; `fn` names the caller in errors. */
export function correctness(correct: Correctness, fn: string): (s: Pick<Sample, 'prompt' | 'text'>) => boolean {
  if (typeof correct === 'function') return correct;
  if (correct === null || typeof correct !== 'object') fail(fn, 'correct must be a prompt → answer record or a predicate (sample) => boolean');
  return (s) => {
    const want = correct[s.prompt];
    if (want === undefined) fail(fn, `correct has no answer for prompt ${JSON.stringify(s.prompt)}`);
    return s.text === want;
  };
}
