// Issue 5: a real JupyterLab (from PyPI, loopback, token auth) with the Whetstone kernel, driven by Debian's Chromium
// through playwright-core. Cells print, show a table, a plotly figure and a progress bar; we assert on the DOM and
// keep a screenshot in tests/artifacts/.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';
import { launchTestChromium } from '../helpers/chromium.js';

const PYTHON = join(KERNEL_ROOT, '.venv', 'bin', 'python');
const ARTIFACTS = join(KERNEL_ROOT, 'tests', 'artifacts');
const token = randomBytes(12).toString('hex');
let port = 0;
let lab: ChildProcess | undefined;
let browser: Browser | undefined;
let labLog = '';

const CELLS = [
  "console.log('printed from whetstone')",
  "[{ method: 'replace', variance: 0.001 }, { method: 'accumulate', variance: 0.97 }, { method: 'fresh', variance: 1.0 }]",
  "plot.line({ name: 'reward', y: [0.1, 0.4, 0.35, 0.7, 0.8] }, { title: 'browser test figure' })",
  "for (const _ of progress(Array.from({ length: 15 }), { label: 'steps' })) await new Promise((r) => setTimeout(r, 30))",
];

function notebookJson(): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'whetstone', display_name: 'TypeScript (Whetstone)', language: 'typescript' } },
    cells: CELLS.map((source, i) => ({ id: `c${i}`, cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null })),
  });
}

/** The page's document, inside functions that run in the browser (this file compiles without lib.dom). */
interface DomNode {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode> & Iterable<DomNode>;
}
declare function dom(): DomNode & { body: { innerText: string } };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

before(async () => {
  const root = mkdtempSync(join(tmpdir(), 'whetstone-lab-'));
  const jupyterPrefix = join(root, 'jupyter');
  const install = spawnSync(process.execPath, [join(KERNEL_ROOT, 'dist', 'src', 'cli', 'main.js'), 'install', '--prefix', jupyterPrefix]);
  assert.equal(install.status, 0, String(install.stderr));
  const work = join(root, 'work');
  mkdirSync(work);
  writeFileSync(join(work, 'browser.ipynb'), notebookJson());
  port = await freePort();
  lab = spawn(PYTHON, ['-m', 'jupyterlab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${work}`, '--ServerApp.open_browser=False', '--allow-root', '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'], {
    env: { ...process.env, JUPYTER_PATH: join(jupyterPrefix, 'share', 'jupyter'), JUPYTER_CONFIG_DIR: join(root, 'config'), JUPYTER_DATA_DIR: join(root, 'data'), JUPYTER_RUNTIME_DIR: join(root, 'runtime') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  lab.stdout!.on('data', (d: Buffer) => { labLog += d; });
  lab.stderr!.on('data', (d: Buffer) => { labLog += d; });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`JupyterLab did not start:\n${labLog.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchTestChromium();
});

after(async () => {
  await browser?.close();
  lab?.kill('SIGTERM');
});

async function runAll(page: Page): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/lab/tree/browser.ipynb?token=${token}`);
  await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60_000 });
  // The kernel is ready when the toolbar's kernel name shows Whetstone and the status is idle.
  await page.waitForFunction(() => dom().body.innerText.includes('TypeScript (Whetstone)'), undefined, { timeout: 60_000 });
  await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 90_000 });
  await page.click('.jp-Notebook');
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click({ timeout: 10_000 });
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click({ timeout: 10_000 });
}

test('JupyterLab runs Whetstone cells: stream, table, plotly figure, progress bar', { timeout: 240_000 }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.addInitScript('window.dom = () => document');
  try {
    await runAll(page);
    await page.waitForFunction(() => dom().body.innerText.includes('printed from whetstone'), undefined, { timeout: 90_000 });
    const rows = await page.waitForFunction(() => {
      const tables: DomNode[] = [...dom().querySelectorAll('.jp-OutputArea-output table')];
      const table = tables.find((t) => t.textContent?.includes('accumulate'));
      return table ? table.querySelectorAll('tbody tr').length : 0;
    }, undefined, { timeout: 60_000 });
    assert.equal(await rows.jsonValue(), 3);
    await page.waitForSelector('.jp-OutputArea-output .js-plotly-plot svg.main-svg', { timeout: 90_000 });
    const traces = await page.$$eval('.js-plotly-plot .scatterlayer .trace', (nodes) => nodes.length);
    assert.ok(traces >= 1, `figure has ${traces} traces`);
    await page.waitForFunction(() => ([...dom().querySelectorAll('.jp-OutputArea-output')] as DomNode[])
      .some((o) => /steps/.test(o.textContent ?? '') && /100\s*%/.test(o.textContent ?? '')), undefined, { timeout: 60_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'jupyterlab.png'), fullPage: true });
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'jupyterlab-failure.png'), fullPage: true }).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n--- JupyterLab log tail ---\n${labLog.slice(-2000)}`);
  } finally {
    await page.close();
  }
});
