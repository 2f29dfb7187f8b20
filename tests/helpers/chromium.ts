/**
 * Test helper: finds and launches the system Chromium with playwright-core, for export tests here and for the
 * JupyterLab browser test. Tests do not skip without a browser: they fail with the install instruction, because CI
 * must have one (`apt-get install -y chromium`).
 */
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium, noBrowserMessage } from '../../src/plot/export/chromium.js';

/** Path of the browser tests use; throws with the install instruction when there is none. */
export function testChromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error(noBrowserMessage('tests'));
  return path;
}

/**
 * Launches headless Chromium with the project's flags (no sandbox, software WebGL, no background networking).
 * @example
 *   const browser = await launchTestChromium();
 *   try { ... } finally { await browser.close(); }
 */
export async function launchTestChromium(): Promise<Browser> {
  return launchChromium('tests', testChromiumPath());
}

/**
 * Runs `fn` with a fresh page in a fresh browser and always closes the browser.
 * @example
 *   const title = await withPage(async (page) => { await page.setContent('<title>x</title>'); return page.title(); });
 */
export async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchTestChromium();
  try {
    return await fn(await browser.newPage());
  } finally {
    await browser.close();
  }
}
