/**
 * The training case of the GPU bench: 20 `fit` steps of tinyTransformer on single-digit addition (the task the test
 * in tests/toolkit/models/tiny-transformer.test.ts learns on wasm), timed end to end including batch assembly.
 */
import { tinyTransformer } from '../../src/toolkit/models/tiny-transformer.js';
import type { BenchCase } from './cases.js';

export function fitCase(): BenchCase {
  const data: string[] = [];
  for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) data.push(`${a}+${b}=${a + b}`);
  const model = tinyTransformer({ corpus: data, dModel: 64, layers: 2, heads: 4, context: 8, seed: 0 });
  let seed = 0;
  return {
    run: async () => model.fit(data, { steps: 20, batchSize: 64, lr: 5e-3, seed: seed++ }).losses.at(-1),
    dispose: () => model.dispose(),
  };
}
