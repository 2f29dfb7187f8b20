import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlBundle, latexBundle, markdownBundle, svgBundle } from '../../../src/display/formatters/index.js';

test('markdownBundle and htmlBundle carry plain text without markup or ANSI codes', () => {
  assert.deepEqual(markdownBundle('**pass@1** = 0.3'), { 'text/markdown': '**pass@1** = 0.3', 'text/plain': '**pass@1** = 0.3' });
  assert.deepEqual(htmlBundle('<b>done</b> &amp; 1 &lt; 2'), { 'text/html': '<b>done</b> &amp; 1 &lt; 2', 'text/plain': 'done & 1 < 2' });
});

test('latexBundle wraps a bare expression in $$ and keeps delimited input', () => {
  assert.equal(latexBundle('x^2')['text/latex'], '$$x^2$$');
  assert.equal(latexBundle('$x$')['text/latex'], '$x$');
  assert.equal(latexBundle('\\begin{align}a\\end{align}')['text/latex'], '\\begin{align}a\\end{align}');
  assert.equal(latexBundle('x^2')['text/plain'], 'x^2');
});

test('svgBundle reads the size for its text line', () => {
  assert.deepEqual(svgBundle('<svg width="720" height="420"></svg>'), { 'image/svg+xml': '<svg width="720" height="420"></svg>', 'text/plain': '<SVG image 720×420>' });
  assert.equal(svgBundle('<svg></svg>')['text/plain'], '<SVG image>');
});
