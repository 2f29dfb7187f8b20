import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { matchSnapshot, normalize, OUTPUT_DIR } from './snapshot.js';
import { figureOf } from '../../src/plot/export/export-figures.js';
import { Figure, PLOTLY_MIME } from '../../src/plot/figure.js';

test('normalize: rounds to 6 significant digits, keeps integers, drops undefined fields', () => {
  assert.deepEqual(normalize({ a: 0.1 + 0.2, b: [1 / 3, 7], c: undefined, d: 'x' }), { a: 0.3, b: [0.333333, 7], d: 'x' });
});

test('matchSnapshot: writes a missing snapshot, passes on a match, writes <name>-changed.json on a mismatch', () => {
  const name = `self-test-${process.pid}`;
  const path = join(OUTPUT_DIR, `${name}.json`);
  const changed = join(OUTPUT_DIR, `${name}-changed.json`);
  try {
    matchSnapshot(name, { data: [1] });
    assert.ok(existsSync(path));
    matchSnapshot(name, { data: [1.0000000001] });
    assert.throws(() => matchSnapshot(name, { data: [2] }), { message: `figure snapshot ${name} changed: compare tests/output/${name}.json with tests/output/${name}-changed.json` });
    assert.deepEqual(JSON.parse(readFileSync(changed, 'utf8')), { data: [2] });
    matchSnapshot(name, { data: [1] });
    assert.ok(!existsSync(changed), 'a passing run removes the stale -changed file');
  } finally {
    rmSync(path, { force: true });
    rmSync(changed, { force: true });
  }
});

test('figureOf: Figures, plotly JSON and plotly MIME bundles are figures; other outputs are not', () => {
  const spec = { data: [{ type: 'bar', y: [1] }], layout: {} };
  assert.ok(figureOf(new Figure(spec)) instanceof Figure);
  assert.deepEqual(figureOf({ [PLOTLY_MIME]: spec, 'text/plain': 'x' })!.toJSON(), spec);
  assert.deepEqual(figureOf(spec)!.toJSON(), spec);
  for (const other of [{ 'text/plain': 'x' }, { 'image/png': 'AAAA' }, null, 'fig', 3]) assert.equal(figureOf(other), undefined);
});
