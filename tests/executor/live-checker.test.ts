// The live checker (one long-lived type checker for self-contained cells) must judge every cell exactly as the
// language service does, carry declarations the same way, and hand over cleanly when a cell needs the slow path.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { Executor } from '../../src/executor/executor.js';
import { complete } from '../../src/executor/language-queries.js';
import { LiveChecker } from '../../src/executor/live-checker.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

const require = createRequire(import.meta.url);
const tfPackage = dirname(require.resolve('@tensorflow/tfjs/package.json'));

function makeChecker(live: boolean): CellChecker {
  const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
  checker.liveChecking = live;
  checker.preloadModule(tfPackage, [], 'tf');
  return checker;
}

/** Diagnostics as the kernel shows them, committing clean cells like the executor does. */
function run(checker: CellChecker, code: string): string[] {
  const result = checker.check(code);
  if (result.diagnostics.length === 0) result.commit();
  return result.diagnostics.map((d) => `${d.line}:${d.column} TS${d.code} ${d.message}`);
}

const CELLS = [
  'const a = 1; let b = "two"; function twice(x: number) { return x * 2; }',
  'const c: number = twice(a); b = "three";',
  'const d: string = twice(a)',
  'a = 2',
  'interface Point { x: number; y: number }\nconst origin: Point = { x: 0, y: 0 }',
  'const p: Point = { x: 1 }',
  'interface Point { x: number; y: number; z: number }',
  'const q: Point = { x: 1, y: 2, z: 3 }; const r: Point = origin',
  'const a = "now a string"; const e: string = a',
  'const f: number = a',
  'class Counter { count = 0; bump(): number { return ++this.count; } }\nconst counter = new Counter()',
  'const g: string = counter.bump()',
  'type Pair<T> = [T, T]; function swap<T>(p: Pair<T>): Pair<T> { return [p[1], p[0]]; }',
  'const h: Pair<string> = swap(["x", "y"]); const i: Pair<number> = swap(["x", "y"])',
  'const j = await Promise.resolve(42); const k: number = j',
  'const t = tf.tensor([1, 2, 3]).square().sum(); const u: tf.Tensor = t',
  't.notAnOp()',
  'enum Colour { Red, Green } const colour: Colour = Colour.Green',
  'const { first, second: [s0] } = { first: 1, second: ["s"] }; const l: number = first; const m: number = s0',
  'import { readFileSync } from "node:fs"; const read: (p: string) => Buffer = readFileSync',
  'const n: string = read("x"); const o: number = a',
  'export const exported = 5; export interface Shape { sides: number }',
  'const sq: Shape = { sides: exported }; const bad: Shape = { sides: "4" }',
  'namespace Geometry { export const pi = 3.14; } const circumference = 2 * Geometry.pi',
  'const v: string = circumference',
  'function overloaded(x: string): string; function overloaded(x: number): number; function overloaded(x: any) { return x; }',
  'const w: number = overloaded(1); const y: number = overloaded("s")',
  'const z = undefinedName + 1',
  'let later: number; later = twice(21)',
  'const syntax = (1 +',
  'declare global { var augmented: number } augmented = 1',
];

test('the live checker and the language service agree on every cell, and carry the same declarations', () => {
  const live = makeChecker(true);
  const service = makeChecker(false);
  for (const code of CELLS) assert.deepEqual(run(live, code), run(service, code), code);
  live.languageService(); // the live checker's declaration files reach the store when the service is needed
  assert.deepEqual(live.store.names().sort(), service.store.names().sort());
  const text = (checker: CellChecker) => checker.store.fileNames().map((f) => checker.store.get(f)?.text ?? '').join('\n')
    .replace(/__w\d+_/g, '__w_');
  assert.equal(text(live), text(service));
  assert.ok(live.liveChecks >= CELLS.length - 6, `${live.liveChecks} live checks`);
  assert.equal(service.liveChecks, 0);
});

test('the diagnostics name earlier cells\' types and reject errors without recording the cell', () => {
  const checker = makeChecker(true);
  assert.deepEqual(run(checker, 'interface Box { size: number }\nconst box: Box = { size: 1 }'), []);
  assert.deepEqual(run(checker, 'const bad: Box = { size: "big" }; const rejected = 1'), [
    "1:20 TS2322 Type 'string' is not assignable to type 'number'.",
  ]);
  assert.deepEqual(run(checker, 'rejected'), ["1:1 TS2304 Cannot find name 'rejected'."]);
  // Completion goes through the language service, which gets the live cells' declarations when it is asked.
  assert.ok(complete(checker, 'bo', 2).matches.includes('box'));
  // The expression only ends at the line the checker appends: the error still belongs to the cell, at its end.
  assert.deepEqual(run(checker, 'const unfinished = (1 +'), ['1:24 TS1109 Expression expected.']);
  assert.deepEqual(run(checker, 'unfinished'), ["1:1 TS2304 Cannot find name 'unfinished'."]);
  assert.equal(checker.liveChecks, 5);
});

test('a retired base hands over to a new one with every declaration intact', () => {
  const previous = LiveChecker.cellsPerBase;
  LiveChecker.cellsPerBase = 3;
  try {
    const checker = makeChecker(true);
    for (let i = 0; i < 10; i++) assert.deepEqual(run(checker, `const v${i}: number = ${i === 0 ? '0' : `v${i - 1} + 1`}`), []);
    assert.deepEqual(run(checker, 'const s: string = v9'), ["1:7 TS2322 Type 'number' is not assignable to type 'string'."]);
    assert.equal(checker.liveChecks, 11);
  } finally {
    LiveChecker.cellsPerBase = previous;
  }
});

test('a base retires on the cell text it has checked, so long cells take new bases sooner than short ones', () => {
  const saved = { text: LiveChecker.textPerBase, cells: LiveChecker.cellsPerBase, over: LiveChecker.over };
  let bases = 0;
  LiveChecker.over = (...args) => {
    bases++;
    return saved.over.apply(LiveChecker, args);
  };
  LiveChecker.textPerBase = 400;
  LiveChecker.cellsPerBase = 1000;
  try {
    const basesFor = (cell: (i: number) => string) => {
      const checker = makeChecker(true);
      bases = 0;
      for (let i = 0; i < 12; i++) assert.deepEqual(run(checker, cell(i)), []);
      return bases;
    };
    // About 20 characters a cell with the appended line: 12 cells fit in one base.
    assert.equal(basesFor((i) => `const s${i} = ${i}`), 1);
    // About 140 characters a cell: a new base every third cell.
    const long = (i: number) => `const l${i}: number[] = [${Array.from({ length: 40 }, (_, k) => k).join(',')}].map((x) => x + ${i})`;
    assert.equal(basesFor(long), 4);
    // Declarations survive every hand-over.
    const checker = makeChecker(true);
    for (let i = 0; i < 6; i++) run(checker, long(i));
    assert.deepEqual(run(checker, 'const t: string = l0'), ["1:7 TS2322 Type 'number[]' is not assignable to type 'string'."]);
  } finally {
    LiveChecker.textPerBase = saved.text;
    LiveChecker.cellsPerBase = saved.cells;
    LiveChecker.over = saved.over;
  }
});

test('after cells pause, the executor hands the live checker\'s declarations to the language service', async () => {
  const executor = new Executor({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
  try {
    const outcome = await executor.execute('const pausedAfter = 41 + 1', 'In[1]');
    assert.equal(outcome.kind, 'value');
    assert.equal(executor.checker.liveChecks, 1);
    assert.ok(!executor.checker.store.names().includes('pausedAfter'), 'declaration files wait while cells keep coming');
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.ok(executor.checker.store.names().includes('pausedAfter'));
  } finally {
    await executor.transpiler.close();
  }
});

test('a cell run again unchanged reuses its diagnostics until a global changes', () => {
  const checker = makeChecker(true);
  assert.match(run(checker, 'later + 1').join('\n'), /TS2304 Cannot find name 'later'/);
  const checks = checker.liveChecks;
  assert.match(run(checker, 'later + 1').join('\n'), /TS2304/);
  assert.equal(checker.liveChecks, checks, 'the second run was checked again');
  // A cell that declares changes the globals: the same text is checked anew, and now passes.
  assert.deepEqual(run(checker, 'const later = 1'), []);
  assert.deepEqual(run(checker, 'later + 1'), []);
  assert.equal(checker.liveChecks, checks + 2);
  // So does a preload.
  checker.preloadModule(tfPackage, [], 'tf2');
  assert.deepEqual(run(checker, 'later + 1'), []);
  assert.equal(checker.liveChecks, checks + 3);
  // Cells that declare are always checked (their own names shadow the globals they replace).
  run(checker, 'const again = later');
  run(checker, 'const again = later');
  assert.equal(checker.liveChecks, checks + 5);
});
