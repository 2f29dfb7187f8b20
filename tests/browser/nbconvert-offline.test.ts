// Issue 5: a committed notebook's figures survive `jupyter nbconvert --to html` and render with no network access.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { KERNEL_ROOT } from '../../src/kernel/kernel.js';
import { withPage } from '../helpers/chromium.js';

test('nbconvert HTML of the collapse notebook draws every figure offline', { timeout: 120_000 }, async () => {
  const html = execFileSync(join(KERNEL_ROOT, '.venv', 'bin', 'jupyter'), ['nbconvert', '--to', 'html', '--stdout', join(KERNEL_ROOT, 'notebooks', 'collapse.ipynb')], { maxBuffer: 64 * 1024 * 1024 }).toString();
  const file = join(mkdtempSync(join(tmpdir(), 'whetstone-nbconvert-')), 'collapse.html');
  writeFileSync(file, html);
  const blocked: string[] = [];
  const figures = await withPage(async (page) => {
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction('document.querySelectorAll(".js-plotly-plot .main-svg").length >= 2', undefined, { timeout: 60_000 });
    return page.evaluate('document.querySelectorAll(".js-plotly-plot").length');
  });
  assert.ok((figures as number) >= 2, `rendered ${String(figures)} figures`);
  assert.ok(blocked.every((url) => !/plotly/i.test(url)), `tried to fetch plotly from the network: ${blocked.join(', ')}`);
});
