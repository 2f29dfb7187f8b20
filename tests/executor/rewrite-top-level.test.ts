// The runtime form of cells (issue 2): declarations become globals, last expression is the value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { transpileCell } from '../../src/executor/transpile.js';

async function run(code: string): Promise<unknown> {
  const { js, names } = transpileCell(code, 'test-cell');
  for (const name of names) if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = undefined;
  return await (vm.runInThisContext(js) as Promise<unknown>);
}

test('const, let, destructuring, functions and classes become globals', async () => {
  await run('const a1 = 1; let { b1, c1: [d1 = 4] } = { b1: 2, c1: [] as number[] }; function f1() { return a1 + b1 + d1 } class K1 { v = 9 }');
  const g = globalThis as Record<string, unknown>;
  assert.equal(g['a1'], 1);
  assert.equal(g['b1'], 2);
  assert.equal(g['d1'], 4);
  assert.equal((g['f1'] as () => number)(), 7);
  assert.equal(new (g['K1'] as new () => { v: number })().v, 9);
});

test('the last expression is the value; a trailing declaration gives none', async () => {
  assert.equal(await run('const q1 = 2\nq1 * 21'), 42);
  assert.equal(await run('const q2 = 2'), undefined);
});

test('functions are hoisted and see later re-definitions of globals', async () => {
  await run('const hoistedValue = early1()\nfunction early1() { return "hoisted" }');
  assert.equal(await run('hoistedValue'), 'hoisted');
  await run('function helperA() { return 1 }\nfunction callerA() { return helperA() }');
  await run('function helperA() { return 2 }');
  assert.equal(await run('callerA()'), 2);
});

test('top-level await works', async () => {
  assert.equal(await run('await Promise.resolve(5)'), 5);
});

test('reported names are exactly the declared ones', () => {
  const { names } = transpileCell('const a = 1; let [b, ...c] = [1]; function d() {} class E {} enum F { X } interface G {}', 'x');
  assert.deepEqual(new Set(names), new Set(['a', 'b', 'c', 'd', 'E', 'F']));
});
