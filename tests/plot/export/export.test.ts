// Issue 5: export with the real system browser. These tests need Chromium (apt-get install -y chromium); without one
// they fail with the install instruction rather than skip.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { line } from '../../../src/plot/line.js';
import { scatter } from '../../../src/plot/scatter.js';
import { Figure, PLOTLY_MIME } from '../../../src/plot/figure.js';
import { exportFigures } from '../../../src/plot/export/export-figures.js';
import { closeRenderer } from '../../../src/plot/export/renderer.js';
import { launchChromium, NoBrowserError } from '../../../src/plot/export/chromium.js';
import { setPlotlyEmbedding } from '../../../src/plot/html.js';
import { JUPYTER_DISPLAY } from '../../../src/toolkit/util/display.js';
import { rng } from '../../../src/toolkit/util/random.js';
import { launchTestChromium } from '../../helpers/chromium.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
let dir: string;
let browser: Browser;
let page: Page;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'whetstone-export-'));
  browser = await launchTestChromium();
  page = await browser.newPage();
});

after(async () => {
  await closeRenderer();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Parses SVG with the browser's XML parser: the trace groups, legend texts and embedded images it holds. */
async function inspectSvg(svg: string): Promise<{ error: boolean; traces: number; legend: string[]; images: number }> {
  return page.evaluate((text) => {
    // Runs in the page; the test build has no DOM types, hence the loose typing.
    const doc = new (globalThis as any).DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length > 0 || doc.documentElement.nodeName !== 'svg',
      traces: doc.querySelectorAll('g.trace').length,
      legend: [...doc.querySelectorAll('g.legend text.legendtext')].map((t: any) => String(t.textContent ?? '')),
      images: doc.querySelectorAll('image').length,
    };
  }, svg);
}

function pngSize(bytes: Buffer): [number, number] {
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

const lineChart = () => line([
  { name: 'run a', y: [[1, 2, 3, 4], [2, 2.5, 3.5, 4.5]] },
  { name: 'run b', y: [4, 3, 2, 1] },
], { title: 'export test' });

test('line chart → PNG (signature, 2x pixel size) and SVG (parses, has the traces and legend)', async () => {
  const fig = lineChart();
  const png = readFileSync(await fig.save(join(dir, 'line.png')));
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  assert.deepEqual(pngSize(png), [1440, 840]);
  assert.ok(png.length > 10_000, `png is ${png.length} bytes`);
  const svg = readFileSync(await fig.save(join(dir, 'line.svg')), 'utf8');
  const info = await inspectSvg(svg);
  assert.equal(info.error, false);
  assert.equal(info.traces, fig.data.length);
  assert.deepEqual(info.legend, ['run a', 'run b']);
});

test('100k-point scatter (WebGL) → PNG and SVG', async () => {
  const r = rng(3);
  const n = 100_000;
  const fig = scatter({ name: 'points', x: Array.from({ length: n }, () => r.normal()), y: Array.from({ length: n }, () => r.normal()) });
  assert.equal(fig.data[0]!['type'], 'scattergl');
  const png = await fig.toImage('png', { scale: 1 });
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  assert.deepEqual(pngSize(png), [720, 420]);
  assert.ok(png.length > 50_000, `a 100k-point PNG should not be blank (${png.length} bytes)`);
  const svg = readFileSync(await fig.save(join(dir, 'scatter.svg')), 'utf8');
  const info = await inspectSvg(svg);
  assert.equal(info.error, false);
  // plotly's SVG export rasterizes WebGL layers into an embedded <image>.
  assert.ok(info.images >= 1, 'the WebGL layer is embedded as an image');
});

test('exportFigures: writes each figure among notebook outputs as PNG and SVG, skipping other outputs', async () => {
  const out = join(dir, 'figures');
  const items = [{ 'text/plain': 'hello' }, lineChart()[JUPYTER_DISPLAY](), { 'text/html': '<b>x</b>' }, { [PLOTLY_MIME]: { data: [{ type: 'bar', y: [1, 3, 2] }], layout: {} } }];
  const written = await exportFigures(items, out, { formats: ['png', 'svg'] });
  assert.deepEqual(written.map((w) => [w.figure, w.item, w.format]), [[1, 1, 'png'], [1, 1, 'svg'], [2, 3, 'png'], [2, 3, 'svg']]);
  assert.deepEqual(readdirSync(out).sort(), ['figure-1.png', 'figure-1.svg', 'figure-2.png', 'figure-2.svg']);
  const bar = await inspectSvg(readFileSync(join(out, 'figure-2.svg'), 'utf8'));
  assert.equal(bar.traces, 1);
  await assert.rejects(exportFigures(items, out, { formats: ['pdf' as never] }), { message: `exportFigures: formats must contain only 'png', 'svg', 'html', 'json' (got "pdf")` });
});

test('notebook HTML draws offline: one output embeds plotly.js, figures before and after it wait for it', async () => {
  setPlotlyEmbedding('once');
  const first = lineChart()[JUPYTER_DISPLAY]()['text/html'] as string;
  const bars = () => Figure.from({ data: [{ type: 'bar', y: [1, 2] }], layout: { width: 400, height: 300 } })[JUPYTER_DISPLAY]()['text/html'] as string;
  const before = bars();
  const after = bars();
  const p = await browser.newPage();
  try {
    await p.route('**/*', (route) => route.abort()); // no network at all
    // A figure before the embedding output (run first, so it must wait in the queue) and one after it.
    await p.setContent(`<!doctype html><html><body>${before}${first}${after}</body></html>`);
    await p.waitForFunction("document.querySelectorAll('.whetstone-figure .main-svg').length >= 3", undefined, { timeout: 30_000 });
    const counts = await p.evaluate("[...document.querySelectorAll('.whetstone-figure')].map((el) => el.querySelectorAll('g.trace').length)");
    assert.deepEqual(counts, [1, lineChart().data.length, 1]);
  } finally {
    await p.close();
  }
});

test('a missing or broken browser gives a message that says how to install one', async () => {
  await assert.rejects(launchChromium("fig.save('a.png')", null), (error: unknown) => {
    assert.ok(error instanceof NoBrowserError);
    assert.match(error.message, /^fig\.save\('a\.png'\): PNG\/SVG export needs Chromium or Chrome and none was found\. Install one \(Debian\/Ubuntu: apt-get install -y chromium/);
    return true;
  });
  await assert.rejects(launchChromium('t', '/nonexistent/chrome'), { name: 'NoBrowserError', message: /^t: could not start \/nonexistent\/chrome/ });
});
