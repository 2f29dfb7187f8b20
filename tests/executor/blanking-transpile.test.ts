// The quick transpiler against TypeScript's emit: the same sessions of cells run through both, each in a realm of
// its own, must do the same (values, globals, output, errors and where they point), and cells it cannot handle
// must be refused, not mistranslated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import vm from 'node:vm';
import { blankingTranspile } from '../../src/executor/blanking-transpile.js';
import { parseCell } from '../../src/executor/cell-names.js';
import { StackMapper } from '../../src/executor/stack-trace.js';
import { transpileCell, type TranspiledCell } from '../../src/executor/transpile.js';

/** Sessions: cells run in order in one realm, so later cells see what earlier ones left. */
const SESSIONS: string[][] = [
  ['1+1', '1+1;', '1+1;;', '"use strict"\n1', '', '// only a comment', '/* a */ 2 /* b */'],
  [
    'const x: number = 1',
    'let y: string\ny',
    'var z = 3, w\n[z, w]',
    'let q = 1, r; [q, r]',
    'const x: number = 2; x * 10',
    'x',
  ],
  [
    'const { a, b: [c = 1, ...d], ...e } = { a: 1, b: [] as number[], f: 2 }\n[a, c, d, e]',
    'let [p, , s = 5] = [1, 2]; p + s',
    'const { deep: { er } } = { deep: { er: "x" } }, plain = 3\n[er, plain]',
    'console.log("before")\nconst [m, n] = [1, 2]',
    '[m, n]',
  ],
  [
    'function f(a: number): number { return a * 2 }',
    'function over(a: string): string;\nfunction over(a: number): number;\nfunction over(a: any) { return a }\nover(2)',
    'function g(this: unknown, ...rest: number[]) { return rest.length }\ng(1, 2)',
    'async function* gen(): AsyncGenerator<number> { yield 1; yield 2 }\nconst got: number[] = []\nfor await (const v of gen()) got.push(v)\ngot',
    'function callsLater() { return later() }\nfunction later() { return "later" }\ncallsLater()',
    'function f(a: number): number { return a * 3 }\nf(2)',
    'const h = <T,>(v: T): T => v; h<number>(4)',
    'const k = async (v: number): Promise<number> => v + 1\nawait k(1)',
    'const opt = (a?: number, b: number = 2) => (a ?? 0) + b\nopt()',
    'const gen2 = function* <T>(xs: T[]): Generator<T> { yield* xs };\n[...gen2([1, 2, 3])]',
  ],
  [
    'interface Point { x: number; y: number }\ntype Pair = [number, number]\nconst pt: Point = { x: 1, y: 2 }',
    'declare const declared: number\ndeclare function declaredFn(): void\ndeclare class Declared {}\npt.x',
    'const asserted = (pt as unknown as Point).y\nconst sat = { k: 1 } satisfies Record<string, number>\nconst nn = pt!.x\n[asserted, sat, nn]',
    'const arr = [1, 2, 3] as const\narr.length',
    'const maybe: number | undefined = 3\nconst sure = maybe!\nsure',
    'let definite!: number\ndefinite = 4\ndefinite',
    'const m = new Map<string, number[]>()\nm.set("a", [1]);\n[...m.keys()]',
    'const tagged = ((s: TemplateStringsArray) => s.raw[0])<string>`raw`\ntagged',
    'try { throw new Error("e") } catch (err: unknown) { (err as Error).message }',
    'try { JSON.parse("{") } catch (err: any) { err.name }',
  ],
  [
    'abstract class Shape<T> { abstract area(): number; describe(): string { return `area ${this.area()}` } }',
    'class Square extends Shape<number> implements Iterable<number> {\n  private readonly side: number = 2\n  declare tag: string\n  public static count?: number\n  side2!: number\n  [key: string]: unknown\n  constructor(side: number)\n  constructor(side: number, extra?: string)\n  constructor(side: number) { super(); this.side = side }\n  override area(): number { return this.side ** 2 }\n  *[Symbol.iterator](): Iterator<number> { yield this.side }\n  get double(): number { return this.side * 2 }\n  set double(v: number) {}\n  static { Square.count = 0 }\n  #secret = 1\n  reveal(): number { return this.#secret }\n}',
    'const sq = new Square(3)\n[sq.area(), sq.describe(), [...sq], sq.double, sq.reveal(), Object.keys(sq)]',
    'class Box<T> { value?: T; constructor(v: T) { this.value = v } }\nnew Box<number>(5).value',
    'const Anon = class<T> { x: T | undefined = undefined }\nnew Anon<number>().x',
    'class Counter { n = 0\n  inc(this: Counter): this { this.n++; return this }\n}\nnew Counter().inc().inc().n',
  ],
  [
    'let total = 0\nfor (let i: number = 0; i < 3; i++) total += i\ntotal',
    'label: for (;;) { break label }\n"after label"',
    'const obj = { method<T>(v: T): T { return v }, get g(): number { return 1 }, ["k" + 1]: 2 }\n[obj.method(1), obj.g, obj.k1]',
    'const fnType: (a: number) => number = (a) => a + 1\nfnType(1)',
    'const w = await new Promise<number>((resolve) => setTimeout(() => resolve(7), 1))\nw',
    'const cond = true ? (1 as number) : (2 as number)\ncond',
    'const chain = { a: { b: 1 } } as { a?: { b: number } }\nchain?.a!.b',
    'const xs: Array<number> = [3, 1, 2]\nxs.sort((p: number, q: number): number => p - q)',
    'const big = 10n ** 3n; const sep = 1_000; [big, sep]',
    'let u = 1\nu ||= 2\nu &&= 3\nu ??= 4\nu',
  ],
  [
    // Blanked types must not join what TypeScript kept apart (each of these would run differently without the `;`).
    'let joined: number[] = []\nconst y2 = 5 as number\n[1, 2].forEach((v) => joined.push(v))\njoined',
    'const arrow = (v: number) => v as number\n(0)\narrow(3)',
    'let fn2 = () => 1\nlet z2 = fn2 as () => number\n(fn2)\nz2()',
    'interface A {}\n[1].length',
    'type T1 = number\n(1 + 1)',
    'function ov(): void\nfunction ov() {}\n(2)',
  ],
  [
    // Errors: same message, same cell position.
    'throw new Error("boom")',
    'const fails = (v: number): number => { throw new RangeError(`bad ${v}`) }\n\nfails(1)',
    'function deep(n: number): number { return n === 0 ? (null as any).x : deep(n - 1) }\ndeep(2)',
    '  const indented: number = 1;  undefinedName + indented',
    'const { missing } = (undefined as any)',
  ],
];

/** Cells it must leave to TypeScript's emit. */
const REFUSED = [
  'import { readFileSync } from "node:fs"; readFileSync',
  'import type { Foo } from "./foo"; 1',
  'export const e1 = 1',
  'enum E { A, B }',
  'const enum CE { A }',
  'namespace N { export const q = 1 }',
  'class P { constructor(private x: number) {} }',
  'const asserted = <number>(1 as unknown)',
  '{ using r = { [Symbol.dispose]() {} } }',
  'class Acc { accessor a = 1 }',
  'import("node:os")',
  'import.meta',
  'f()\nfunction f() { return 1 }',
  'const instantiated = Array<number>',
  'const arrow = (a: number):\n  number => a',
  '#!/usr/bin/env node\n1',
];

interface Observed {
  value?: string;
  error?: string;
  at?: string;
  logs: string[];
  globals: string;
}

/** Runs a session's cells in a fresh realm through one transpiler and records what each did. */
async function observe(session: string[], transpile: (code: string, label: string) => TranspiledCell): Promise<Observed[]> {
  const logs: string[] = [];
  const realm = vm.createContext({ console: { log: (...args: unknown[]) => logs.push(args.map((a) => inspect(a)).join(' ')) }, setTimeout });
  const stack = new StackMapper([]);
  const assigned = new Set<string>();
  const observed: Observed[] = [];
  for (const [index, code] of session.entries()) {
    const label = `In[${index + 1}]`;
    const compiled = transpile(code, label);
    stack.register(label, compiled.sourceMap, code.split('\n').length, compiled.copiedStretches);
    for (const name of compiled.names) {
      assigned.add(name);
      if (!(name in realm)) vm.runInContext(`globalThis[${JSON.stringify(name)}] = undefined`, realm);
    }
    logs.length = 0;
    const record: Observed = { logs: [], globals: '' };
    try {
      const value = await (new vm.Script(compiled.js, { filename: label }).runInContext(realm) as Promise<unknown>);
      record.value = inspect(value, { depth: 4 });
    } catch (error) {
      const cellError = stack.toCellError(error);
      record.error = `${cellError.ename}: ${cellError.evalue}`;
      // Where in the cell it was thrown (the innermost frame of the cell's own code).
      record.at = cellError.traceback.find((line) => line.includes(label));
    }
    record.logs = [...logs];
    record.globals = inspect(Object.fromEntries([...assigned].sort().map((n) => [n, (realm as Record<string, unknown>)[n]])), { depth: 3 });
    observed.push(record);
  }
  return observed;
}

function quick(code: string, label: string): TranspiledCell {
  const compiled = blankingTranspile(parseCell(code), label);
  assert.ok(compiled, `the quick transpiler refused:\n${code}`);
  return compiled;
}

for (const [index, session] of SESSIONS.entries()) {
  test(`session ${index + 1} runs the same through the quick transpiler and through TypeScript's emit`, async () => {
    const reference = await observe(session, transpileCell);
    const blanked = await observe(session, quick);
    for (const [cell, code] of session.entries()) {
      assert.deepEqual(blanked[cell], reference[cell], `cell ${cell + 1}:\n${code}\n--- quick output:\n${quick(code, 'In[1]').js}`);
    }
  });
}

test('the quick transpiler refuses what only TypeScript emits right', () => {
  for (const code of REFUSED) assert.equal(blankingTranspile(parseCell(code), 'In[1]'), undefined, code);
});

test('errors point at the cell position TypeScript maps them to, columns included', async () => {
  const [observed] = await observe(['const a: number = 1;  null!.boom'], quick);
  assert.match(observed!.at!, /In\[1\]:1:29/);
});

test('output keeps every line of the cell where it was', () => {
  const code = 'interface I {\n  a: number\n}\nconst v: I = {\n  a: 1,\n}\nv.a';
  const { js } = quick(code, 'In[1]');
  const lines = js.split('\n');
  assert.equal(lines.length, code.split('\n').length + 1); // and the wrapper's closing line
  assert.match(lines[4]!, /^\s+a: 1,$/);
  assert.match(lines[6]!, /^return v\.a$/);
});
