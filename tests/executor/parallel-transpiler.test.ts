// Cells transpiled on the transpiler's thread come out exactly as on the main thread, and the kernel never depends
// on that thread: before it is warm, and after it is gone, cells are transpiled locally.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParallelTranspiler } from '../../src/executor/parallel-transpiler.js';
import { transpileCell } from '../../src/executor/transpile.js';

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
  transpiler.start();
  try {
    await whenReady(transpiler);
    for (const [index, code] of CELLS.entries()) {
      assert.deepEqual(await transpiler.transpile(code, `In[${index}]`), transpileCell(code, `In[${index}]`), code);
    }
  } finally {
    await transpiler.close();
  }
});

// A request sent just before the thread ends settles either way (answered by the thread, or redone here when the
// thread's exit finds it still owed); which one happens is up to the scheduler, so the test asserts the output only.
test('when the thread goes, a request sent just before still settles with the same output, and later cells are transpiled here', async () => {
  const transpiler = new ParallelTranspiler();
  transpiler.start();
  await whenReady(transpiler);
  const owed = transpiler.transpile(CELLS[4]!, 'In[8]');
  await transpiler.close();
  assert.deepEqual(await owed, transpileCell(CELLS[4]!, 'In[8]'));
  assert.deepEqual(await transpiler.transpile(CELLS[1]!, 'In[9]'), transpileCell(CELLS[1]!, 'In[9]'));
});
