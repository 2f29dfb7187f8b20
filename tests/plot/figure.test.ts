import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Figure, PLOTLY_MIME } from '../../src/plot/figure.js';
import { setPlotlyEmbedding } from '../../src/plot/html.js';
import { line } from '../../src/plot/line.js';
import { JUPYTER_DISPLAY } from '../../src/toolkit/util/display.js';

const LOADER = 'DecompressionStream';

test('display bundle: plotly JSON equal to toJSON, HTML with a div and draw script, plain text', () => {
  setPlotlyEmbedding('once');
  const fig = line({ name: 'r', y: [1, 2] }, { title: 'reward' });
  const bundle = fig[JUPYTER_DISPLAY]();
  assert.deepEqual(bundle[PLOTLY_MIME], fig.toJSON());
  assert.equal(bundle['text/plain'], 'Figure(line): 1 trace "reward" 720×420');
  const html = bundle['text/html'] as string;
  assert.match(html, /<div id="whetstone-fig-[\w-]+" class="whetstone-figure" style="width:720px;height:420px"><\/div>/);
  assert.ok(html.includes('__whetstonePlotlyQueue'));
  // base64 has no ':' so any URL would show; plotly.js itself travels compressed.
  assert.ok(!html.includes('http:') && !html.includes('https:') && !html.includes('<script src'), 'no network references');
});

test("embedding: plotly.js goes into the first figure only ('once'), or every figure ('always')", () => {
  setPlotlyEmbedding('once');
  const first = line({ y: [1] })[JUPYTER_DISPLAY]()['text/html'] as string;
  const second = line({ y: [2] })[JUPYTER_DISPLAY]()['text/html'] as string;
  assert.ok(first.includes(LOADER));
  assert.ok(!second.includes(LOADER));
  assert.ok(first.length > 1_000_000 && second.length < 5_000, `${first.length} / ${second.length}`);
  setPlotlyEmbedding('always');
  assert.ok((line({ y: [3] })[JUPYTER_DISPLAY]()['text/html'] as string).includes(LOADER));
  setPlotlyEmbedding('once');
});

test('html: figure text cannot close the script element', () => {
  const fig = line({ name: '</script><b>x</b>', y: [1] });
  const html = fig[JUPYTER_DISPLAY]()['text/html'] as string;
  const drawScript = html.slice(html.lastIndexOf('<script'));
  assert.equal(drawScript.indexOf('</script>'), drawScript.length - '</script>'.length);
  assert.ok(drawScript.includes('\\u003c/script>'));
});

test('Figure.from accepts plotly JSON and rejects other values; toString counts traces', () => {
  const fig = Figure.from({ data: [{ type: 'bar', y: [1] }, { type: 'bar', y: [2] }] });
  assert.equal(fig.toString(), 'Figure(figure): 2 traces');
  assert.deepEqual(fig.toJSON(), { data: [{ type: 'bar', y: [1] }, { type: 'bar', y: [2] }], layout: {} });
  assert.throws(() => Figure.from({ layout: {} }), { message: 'Figure.from: expected plotly JSON with a data array, e.g. {data: [...], layout: {...}}' });
});

test('save: .json and .html need no browser; unknown extensions are named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-fig-'));
  try {
    const fig = line({ name: 'r', y: [1, 2, 3] });
    const json = await fig.save(join(dir, 'sub', 'f.json'));
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), JSON.parse(JSON.stringify(fig.toJSON())));
    const html = readFileSync(await fig.save(join(dir, 'f.html')), 'utf8');
    assert.ok(html.startsWith('<!doctype html>'));
    assert.ok(html.includes(LOADER));
    await assert.rejects(fig.save(join(dir, 'f.pdf')), {
      message: `fig.save("${join(dir, 'f.pdf')}"): cannot tell the format of "${join(dir, 'f.pdf')}": use an extension .png, .svg, .html or .json, or the format option (got 'pdf')`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('save: a configured browser path that does not exist is named, with the remedy', async () => {
  const saved = process.env['WHETSTONE_CHROMIUM'];
  process.env['WHETSTONE_CHROMIUM'] = '/nonexistent/chrome';
  try {
    await assert.rejects(line({ y: [1] }).save(join(tmpdir(), 'never.png')), {
      name: 'NoBrowserError',
      message: 'WHETSTONE_CHROMIUM is set to /nonexistent/chrome, which does not exist: point it at a Chromium or Chrome executable, or unset it',
    });
  } finally {
    if (saved === undefined) delete process.env['WHETSTONE_CHROMIUM'];
    else process.env['WHETSTONE_CHROMIUM'] = saved;
  }
});
