// The packed type environment: cells check against one file, packed types keep their identity, and the on-disk
// cache follows its inputs (issue 2: a cell's cost must not depend on how many declaration files packages ship).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { cellCompilerOptions } from '../../src/executor/language-host.js';
import { loadTypeEnvironment } from '../../src/executor/type-environment.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';
import { checkCell } from '../helpers/check-cell.js';

const require = createRequire(import.meta.url);
const tfPackage = dirname(require.resolve('@tensorflow/tfjs/package.json'));
const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
checker.preloadModule(tfPackage, [], 'tf');

const cell = (code: string) => checkCell(checker, code);

test('cells check against the pack: no package or lib file is read as a file of its own', () => {
  assert.deepEqual(cell('const t = tf.tensor([1, 2]).add(1); const s: string = "x"'), []);
  assert.deepEqual(cell('const wrong: string = t'), ['1:7 TS2322']);
  assert.deepEqual(cell('import { readFileSync } from "node:fs"; const read: (p: string) => Buffer = readFileSync'), []);
  const files = checker.service.getProgram()!.getSourceFiles().map((f) => f.fileName);
  assert.deepEqual(files.filter((f) => f.includes('/node_modules/')), []);
  assert.ok(files.length < 200, `${files.length} files`);
});

test('a package imported by name, by deep path or by file path has the same types as the preloaded global', () => {
  assert.deepEqual(cell('import * as tfjs from "@tensorflow/tfjs"; const a: tf.Tensor = tfjs.zeros([1])'), []);
  assert.deepEqual(cell('import type { Tensor } from "@tensorflow/tfjs-core/dist/tensor"; const b: Tensor = t'), []);
  assert.deepEqual(cell(`import * as byPath from ${JSON.stringify(tfPackage)}; const c: tf.Tensor = byPath.ones([1])`), []);
  assert.deepEqual(cell('const d: number = tfjs.zeros([1])'), ['1:7 TS2322']);
});

test('the chained-op augmentations inside packed modules still apply', () => {
  assert.deepEqual(cell('const e: tf.Tensor = tf.ones([2]).square().mean()'), []);
  assert.deepEqual(cell('tf.ones([2]).notAnOp()'), ['1:14 TS2339']);
});

test('the cache is rebuilt when an input file changes', () => {
  const root = mkdtempSync(join(tmpdir(), 'whetstone-env-'));
  mkdirSync(join(root, 'lib'));
  const module = join(root, 'lib', 'values.d.ts');
  writeFileSync(module, 'export declare const value: number;\n');
  const options = cellCompilerOptions({ cwd: root, kernelRoot: root });
  const first = loadTypeEnvironment([module], options, root);
  assert.match(first.text, /declare module "whetstone\/lib\/values" \{\s*export declare const value: number;/);
  assert.equal(first.modules.get(module)?.id, 'whetstone/lib/values');
  writeFileSync(module, 'export declare const value: string;\nexport default value;\n');
  utimesSync(module, new Date(), new Date(Date.now() + 5000));
  const second = loadTypeEnvironment([module], options, root);
  assert.match(second.text, /export declare const value: string;/);
  assert.equal(second.modules.get(module)?.hasDefault, true);
});
