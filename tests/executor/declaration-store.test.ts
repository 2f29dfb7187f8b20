// Cross-cell declarations: redeclaration replaces, and the file list stays stable (issue 2: flat per-cell cost).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';
import { checkCell } from '../helpers/check-cell.js';

const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });

const cell = (code: string) => checkCell(checker, code);

test('types flow from earlier cells and re-declaration replaces them', () => {
  assert.deepEqual(cell('const n = 1; interface Pt { x: number }'), []);
  assert.deepEqual(cell('const p: Pt = { x: n }'), []);
  assert.deepEqual(cell('const s: string = n'), ['1:7 TS2322']);
  assert.deepEqual(cell('const n = "now a string"; interface Pt { y: string }'), []);
  assert.deepEqual(cell('const t: string = n; const q: Pt = { y: "a" }'), []);
  assert.deepEqual(cell('const r: Pt = { x: 1 }'), ['1:17 TS2353']);
});

test('imports carry their types to later cells', () => {
  assert.deepEqual(cell('import * as pathModule from "node:path"'), []);
  assert.deepEqual(cell('const joined: string = pathModule.join("a", "b")'), []);
  assert.deepEqual(cell('const wrong: number = pathModule.join("a")'), ['1:7 TS2322']);
});

test('on the language service path, a new cell reuses the previous program structure completely', () => {
  checker.liveChecking = false;
  try {
    cell('const warm = 1');
    cell('const warm2 = warm + 1');
  } finally {
    checker.liveChecking = true;
  }
  // 2 = StructureIsReused.Completely: no library file is walked again for a cell without imports.
  assert.equal((checker.service.getProgram() as unknown as { structureIsReused: number }).structureIsReused, 2);
});

test('after hundreds of cells the program holds a ring of slots and a few archives, and old names still work', () => {
  cell('const first = { kind: "early" as const }; type Early = typeof first');
  for (let i = 0; i < 200; i++) assert.deepEqual(cell(`const many${i}: number = ${i}`), []);
  const declarationFiles = checker.service.getProgram()!.getSourceFiles().filter((f) => f.fileName.includes('__whetstone_'));
  assert.ok(declarationFiles.length <= 64 + 4 + 2, `${declarationFiles.length} declaration files`);
  assert.deepEqual(cell('const k: "early" = first.kind; const e: Early = first; const sum: number = many0 + many199'), []);
  assert.deepEqual(cell('const wrong: string = many7'), ['1:7 TS2322']);
  assert.deepEqual(cell('const many7 = "redeclared in an archived name"'), []);
  assert.deepEqual(cell('const nowString: string = many7'), []);
});
