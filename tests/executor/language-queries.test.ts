// is_complete answers from the TypeScript parser (issue 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isComplete } from '../../src/executor/language-queries.js';

test('complete, incomplete (with indent) and invalid code', () => {
  assert.deepEqual(isComplete('const x = 1'), { status: 'complete' });
  assert.deepEqual(isComplete('function f() {'), { status: 'incomplete', indent: '  ' });
  assert.deepEqual(isComplete('if (a) {\n  for (const b of c) {'), { status: 'incomplete', indent: '    ' });
  assert.deepEqual(isComplete('const xs = [1, 2,'), { status: 'incomplete', indent: '  ' });
  assert.equal(isComplete('const s = `open template').status, 'incomplete');
  assert.deepEqual(isComplete('1 +* 2'), { status: 'invalid' });
  assert.deepEqual(isComplete('let x = );'), { status: 'invalid' });
});
