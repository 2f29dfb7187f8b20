// Member completions from the live checker must be exactly the language service's (names, order and kinds), and every
// case that is not plainly a global value's members must go to the language service (issue 2: completion).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { complete } from '../../src/executor/language-queries.js';
import { memberAccessAt } from '../../src/executor/member-completion.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const require = createRequire(import.meta.url);
const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
checker.preloadModule(dirname(require.resolve('@tensorflow/tfjs/package.json')), [], 'tf');
checker.preloadModule(join(KERNEL_ROOT, 'dist', 'src', 'toolkit', 'index.js'), ['select']);
checker.preloadModule(join(KERNEL_ROOT, 'dist', 'src', 'display', 'index.js'), ['display']);

const CELLS = [
  'interface Run { name: string; score?: number; run(): void; get total(): number; readonly tags: string[] }\nconst run: Run = { name: "a", run() {}, total: 1, tags: [] }',
  'class Meter { private secret = 1; protected prot = 2; #hash = 3; static make() { return new Meter() } add(x: number) { return this } label = "m"; set volume(v: number) {} }\nconst meter = new Meter()',
  'const arr = [1, 2, 3]; const s = "x"; const n = 3; const m = new Map<string, number>(); const tuple = [1, "a"] as const',
  'const nested = { inner: { value: 1, valid: true, "not an identifier": 2, [Symbol.iterator]: null }, list: [1] }',
  'enum Color { Red, Green }\nnamespace NS { export const a = 1; export function f() {} }',
  'let maybe: { a: number } | undefined = undefined; let anyValue: any = 1; let either: { a: number } | { b: string } = { a: 1 }',
  'function make() { return { x: 1 } }',
  'const fn = (a: number) => a; const withCall = Object.assign(() => 1, { extra: 2 }); const Ctor = class { static s = 1 }',
  'const holder = { method() { return 1 }, arrow: () => 2, klass: class {} }',
  'const kw = { default: 1, class: 2, "a-b": 3, ünï: 4 }; const dict: Record<string, number> = {}; const both = { get level() { return 1 }, set level(v: number) {} }',
  'class Box<T> { constructor(readonly item: T) {} peek(): T { return this.item } }\nconst box = new Box(new Map<string, number[]>())',
];
for (const cell of CELLS) {
  const result = checker.check(cell);
  assert.deepEqual(result.diagnostics, [], cell);
  result.commit();
}

/** Completion by the language service alone (the live checker switched off for the call). */
function byService(code: string, cursor: number) {
  checker.liveChecking = false;
  try {
    return complete(checker, code, cursor);
  } finally {
    checker.liveChecking = true;
  }
}

const PLAIN = [
  'Math.', 'Math.ma', 'run.', 'run.na', 'run.tags.', 'meter.', 'arr.', 's.', 'n.', 'm.',
  'tuple.', 'nested.', 'nested.inner.', 'nested.inner.va', 'nested.list.', 'const q = 1;\nMath.', 'Math.max(1, Math.',
  '`${meter.', 'if (run.name) {\n  arr.', 'meter.label.', 'Math.\nconst after = 1', 'fn.', 'withCall.', 'Ctor.',
  'holder.', 'holder.arrow.', 'holder.klass.', 'process.', 'JSON.', 'Promise.', 'Symbol.',
  'Object.', 'Number.', 'kw.', 'both.', 'box.', 'box.item.', 'this.x; Math.',
];

test('member completions of global values come from the live checker and equal the language service\'s', () => {
  for (const code of PLAIN) {
    const cursor = code.startsWith('Math.\n') ? 'Math.'.length : code.length;
    const access = memberAccessAt(code, cursor);
    assert.ok(access, `not taken as a plain member access: ${code}`);
    assert.ok(checker.liveMembers(access.chain), `the live checker did not answer: ${code}`);
    const fast = complete(checker, code, cursor);
    assert.ok(fast.matches.length > 0, `no members for ${code}`);
    assert.deepEqual(fast, byService(code, cursor), code);
  }
});

const OTHERS = [
  'select.', 'globalThis.Math.', 'display.', 'display.ht', 'tf.', 'tf.tensor.', 'console.', 'Meter.', 'Color.', 'NS.', 'maybe.', 'anyValue.', 'either.', 'make().', 'run?.name.',
  '"Math.', '// Math.', '/* Math.', '`Math.', 'function g(Math: number) { return Math.', 'let x: Math.',
  'class K implements run.', 'const { length: Math } = arr; Math.', 'nowhere.', 'run.run.', 'run.score.',
  'nested["inner"].', 'ünïcode.', 'Math .', 'arr[0].', 'dict.', 'this.', 'box.peek.',
];

test('everything else goes to the language service, with the same answer as before', () => {
  for (const code of OTHERS) {
    const access = memberAccessAt(code, code.length);
    const members = access && checker.liveMembers(access.chain);
    assert.equal(members, undefined, `the live checker answered ${code}`);
    assert.deepEqual(complete(checker, code, code.length), byService(code, code.length), code);
  }
});

test('a cell accepted a moment ago is completed from the live checker at once', () => {
  const result = checker.check('const fresh = { justNow: 1, alsoNew: "x" }');
  result.commit();
  assert.deepEqual(checker.liveMembers(['fresh'])?.map((m) => m.name).sort(), ['alsoNew', 'justNow'], 'not from the live checker');
  assert.deepEqual(complete(checker, 'fresh.', 6).matches, ['alsoNew', 'justNow']);
  const redeclared = checker.check('const fresh = { other: 2 }');
  redeclared.commit();
  assert.deepEqual(checker.liveMembers(['fresh'])?.map((m) => m.name), ['other'], 'not from the live checker');
  assert.deepEqual(complete(checker, 'fresh.', 6).matches, ['other']);
});
