// Cells transpiled on the transpiler's thread come out exactly as on the main thread, and the kernel never depends
// on that thread: before it is warm, and after it is gone, cells are transpiled locally.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { ParallelTranspiler } from '../../src/executor/parallel-transpiler.js';
import { transpileCell } from '../../src/executor/transpile.js';
import { SAMPLES } from '../../src/executor/warm-up.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const CELLS = [
  'const a: number = 1; a + 1',
  'function twice(x: number): number { return x * 2 }\ntwice(a)',
  'import { join } from "node:path"; join("a", "b")',
  'enum Colour { Red, Green } Colour.Green',
  'class Box<T> { constructor(private readonly value: T) {} get(): T { return this.value } }\nnew Box(1).get()',
  'const { x, y: [z] } = { x: 1, y: [2] }; await Promise.resolve(x + z)',
];

async function whenReady(transpiler: ParallelTranspiler): Promise<void> {
  for (let i = 0; i < 200 && !(transpiler as unknown as { ready: boolean }).ready; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok((transpiler as unknown as { ready: boolean }).ready, 'the transpiler thread never became ready');
}

test('the transpiler thread gives the main thread\'s output, source map and names', async () => {
  const transpiler = new ParallelTranspiler();
  try {
    await whenReady(transpiler);
    for (const [index, code] of CELLS.entries()) {
      assert.deepEqual(await transpiler.transpile(code, `In[${index}]`), transpileCell(code, `In[${index}]`), code);
    }
  } finally {
    await transpiler.close();
  }
});

test('when the thread goes, what it owed and every later cell are transpiled on the main thread', async () => {
  const transpiler = new ParallelTranspiler();
  await whenReady(transpiler);
  const owed = transpiler.transpile(CELLS[4]!, 'In[8]');
  await transpiler.close();
  assert.deepEqual(await owed, transpileCell(CELLS[4]!, 'In[8]'));
  assert.deepEqual(await transpiler.transpile(CELLS[1]!, 'In[9]'), transpileCell(CELLS[1]!, 'In[9]'));
});

test('every warm-up sample checks clean, so warming up exercises the same paths as real cells', () => {
  const require = createRequire(import.meta.url);
  const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
  checker.preloadModule(dirname(require.resolve('@tensorflow/tfjs/package.json')), [], 'tf');
  for (const sample of SAMPLES) assert.deepEqual(checker.check(sample.replaceAll('@', '1')).diagnostics, [], sample);
});
