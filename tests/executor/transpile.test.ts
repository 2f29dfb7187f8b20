// Cell transpilation without a program per cell: the fast path must give exactly what ts.transpileModule gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { checkerTranspile, fastTranspile, transpileCell } from '../../src/executor/transpile.js';

/** Cells that need no type checker to emit: the fast path takes them. */
const PLAIN = [
  '1+1',
  '',
  '// only a comment',
  'const x: number = 1',
  'let y\nvar z = 3, w',
  'function f(a: number): number { return a * 2 }',
  'function over(a: string): string; function over(a: number): number; function over(a: any) { return a }\nover(1)',
  'const fn = <T,>(x: T) => x; fn<number>(3)',
  'interface I { a: number } type T = string | number; declare const d: number; declare function g(): void',
  'const a = [1, 2] as const; const b = a satisfies readonly number[]; const c = (a as any)!.length; const e = <number>(1 as unknown)',
  'const { a1, b1: [c1 = 1, ...d1], ...e1 } = { a1: 1, b1: [] as number[] }',
  'async function* gen() { yield 1 }\nfor await (const v of gen()) console.log(v)',
  'await new Promise((r) => setTimeout(r, 1)); 5',
  'let counter = 0; for (let i = 0; i < 3; i++) counter += i; counter',
  'function withThis(this: unknown, ...rest: number[]) { return rest }',
  'label: for (;;) { break label }',
  'x!; y?.z; a ?? b; a ||= 1',
  'throw new Error("boom")',
  'const s = `template ${1 + 1}`\n\n/* trailing */',
  'if (true) { const inner = 1 }\nconsole.log("done")',
  'import("node:os").then((m) => m.cpus().length)',
  'declare global { var gg: number }',
  'const t = 1 satisfies number',
  '{ using r = { [Symbol.dispose]() {} } }',
  'import type { Foo } from "./foo"; 1',
];

/** Cells whose emit asks the checker (import elision, enum values, namespace exports, class facts). */
const NEEDS_CHECKER = [
  'import { readFileSync } from "node:fs"; readFileSync',
  'enum E { A, B = 3, C } E.C',
  'namespace N { export const q = 1; export function r() { return q } } N.r()',
  'class P { constructor(private readonly a: number, protected b = 2) {} }',
];

test('the fast path takes plain cells and gives exactly the output of ts.transpileModule', () => {
  for (const code of PLAIN) {
    const fast = fastTranspile(code, 'In[7]');
    assert.ok(fast, `fast path declined: ${code}`);
    assert.deepEqual(fast, checkerTranspile(code, 'In[7]'), code);
  }
});

test('cells that need the checker are left to it, and still run', async () => {
  for (const code of NEEDS_CHECKER) assert.equal(fastTranspile(code, 'In[8]'), undefined, code);
  const { js, names } = transpileCell('enum Colour { Red = 2, Green }\nColour.Green', 'In[9]');
  for (const name of names) (globalThis as Record<string, unknown>)[name] = undefined;
  assert.equal(await (vm.runInThisContext(js) as Promise<unknown>), 3);
});

test('a re-run cell reuses its output under its new label', () => {
  const code = 'const rerun: number = 41\nrerun + 1';
  const first = transpileCell(code, 'In[10]');
  const again = transpileCell(code, 'In[11]');
  assert.equal(again.js, first.js);
  assert.deepEqual(again.names, first.names);
  assert.deepEqual(JSON.parse(again.sourceMap), JSON.parse(checkerTranspile(code, 'In[11]').sourceMap));
});
