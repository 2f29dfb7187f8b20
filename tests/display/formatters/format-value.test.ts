import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue, RECORDS_MAX_ROWS } from '../../../src/display/formatters/index.js';
import { line } from '../../../src/plot/line.js';
import { PLOTLY_MIME } from '../../../src/plot/figure.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';

const ANSI = /\u001b\[/;

test('formatValue: undefined for values plain text shows best, strings included (SVG is not sniffed)', () => {
  for (const v of [undefined, null, 1, 'hello', '<svg xmlns="http://www.w3.org/2000/svg"></svg>', true, 10n, () => 1, {}, { a: 1 }, [1, 2], [], [{ a: 1 }, 2], new Uint8Array([1, 2, 3]), new Map()]) {
    assert.equal(formatValue(v), undefined, String(v));
  }
});

test('formatValue: a Figure gives plotly JSON, HTML and text', () => {
  const fig = line({ y: [1, 2] });
  const bundle = formatValue(fig)!;
  assert.deepEqual(bundle[PLOTLY_MIME], fig.toJSON());
  assert.equal(typeof bundle['text/html'], 'string');
  assert.equal(bundle['text/plain'], 'Figure(line): 1 trace 720×420');
});

test('formatValue: self-displaying values are honoured and their text/plain loses ANSI codes', () => {
  const value = { [JUPYTER_DISPLAY]: () => ({ 'text/plain': '\u001b[31mred\u001b[0m and \u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'text/html': '<b>x</b>' }) };
  assert.deepEqual(formatValue(value), { 'text/plain': 'red and link', 'text/html': '<b>x</b>' });
});

test('formatValue: arrays of records become tables limited to RECORDS_MAX_ROWS rows, with a count footer', () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => ({ step: i, reward: i / 3, tag: i % 2 ? 'odd' : '<even>' }));
  const bundle = formatValue(rows)!;
  const html = bundle['text/html'] as string;
  assert.equal(html.match(/<tr>/g)!.length, RECORDS_MAX_ROWS + 1); // + header row
  assert.ok(html.includes('&lt;even&gt;'));
  assert.ok(html.includes(`${10_000 - RECORDS_MAX_ROWS} more rows (10000 in all)`));
  const text = bundle['text/plain'] as string;
  assert.ok(!ANSI.test(text));
  assert.equal(text.split('\n')[0]!.trim().split(/\s+/).join(' '), 'step reward tag');
  assert.equal(text.split('\n').length, 1 + RECORDS_MAX_ROWS + 1);
});

test('formatValue: record cells that are not scalars are shown as short text', () => {
  const bundle = formatValue([{ when: new Date(Date.UTC(2026, 0, 2)), big: 12n, nested: { a: [1, 2] }, fn: () => 1 }])!;
  const text = bundle['text/plain'] as string;
  for (const part of ['2026-01-02T00:00:00.000Z', '12n', '{"a":[1,2]}', '[function]']) assert.ok(text.includes(part), part);
});

test('formatters never import danfojs-node or tfjs (importing danfojs costs about a second)', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../src/display/formatters');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    assert.ok(!/from ['"](danfojs|@tensorflow)/.test(code) && !/import\(['"](danfojs|@tensorflow)/.test(code), file);
  }
});
