// is_complete answers from the TypeScript parser; inspect shows signatures and doc comments (issue 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { CellChecker } from '../../src/executor/cell-checker.js';
import { docCommentBefore, parseDocComment } from '../../src/executor/doc-comments.js';
import { inspect, isComplete } from '../../src/executor/language-queries.js';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';

test('complete, incomplete (with indent) and invalid code', () => {
  assert.deepEqual(isComplete('const x = 1'), { status: 'complete' });
  assert.deepEqual(isComplete('function f() {'), { status: 'incomplete', indent: '  ' });
  assert.deepEqual(isComplete('if (a) {\n  for (const b of c) {'), { status: 'incomplete', indent: '    ' });
  assert.deepEqual(isComplete('const xs = [1, 2,'), { status: 'incomplete', indent: '  ' });
  assert.equal(isComplete('const s = `open template').status, 'incomplete');
  assert.deepEqual(isComplete('1 +* 2'), { status: 'invalid' });
  assert.deepEqual(isComplete('let x = );'), { status: 'invalid' });
});

test('inspect shows the signature and the doc comment of lib, toolkit and cell declarations', () => {
  const checker = new CellChecker({ cwd: process.cwd(), kernelRoot: KERNEL_ROOT });
  checker.preloadModule(join(KERNEL_ROOT, 'dist', 'src', 'toolkit', 'index.js'), ['select']);
  const max = inspect(checker, 'Math.max', 8);
  assert.match(max.signature, /max\(\.\.\.values: number\[\]\): number/);
  assert.match(max.documentation, /Returns the larger of a set of supplied numeric expressions/);
  const passAtK = inspect(checker, 'select.passAtK', 14);
  assert.match(passAtK.signature, /passAtK\(n: number, c: number, k: number\): number/);
  assert.match(passAtK.documentation, /^Unbiased pass@k/);
  const result = checker.check('/** Doubles.\n * @param x any number\n */\nfunction twice(x: number) { return 2 * x }');
  result.commit();
  const twice = inspect(checker, 'twice', 5);
  assert.equal(twice.documentation, 'Doubles.\n@param x any number');
});

test('doc comments: description, tags with continuation lines, and none when code sits between', () => {
  assert.deepEqual(parseDocComment('*\n * Sums.\n * Twice.\n * @example\n *   sum([1])\n '), { text: 'Sums.\nTwice.', tags: ['@example\n  sum([1])'] });
  const text = '/** About a. */\nconst a = 1;\nconst b = 2;';
  assert.deepEqual(docCommentBefore(text, text.indexOf('a =')), { text: 'About a.', tags: [] });
  assert.equal(docCommentBefore(text, text.indexOf('b =')), undefined);
});
