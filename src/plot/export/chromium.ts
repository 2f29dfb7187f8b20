/**
 * Launching a headless Chromium for figure export through `playwright-core`, with the system browser that
 * find-chromium.ts locates.
 */
import type { Browser } from 'playwright-core';
import { findChromium, NoBrowserError, noBrowserMessage } from './find-chromium.js';

export { CHROMIUM_CANDIDATES, findChromium, NoBrowserError, noBrowserMessage } from './find-chromium.js';

/**
 * Flags for headless export. GPU off; SwiftShader on, because recent Chromium no longer falls back to software WebGL by
 * itself and `scattergl` traces need WebGL. Background services off so that nothing reaches the network.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Launches the system browser headless with the export flags. `executablePath` defaults to `findChromium()`; null
 * means none was found.
 * @example
 *   const browser = await launchChromium('fig.save');
 */
export async function launchChromium(what: string, executablePath: string | null = findChromium() ?? null): Promise<Browser> {
  if (!executablePath) throw new NoBrowserError(noBrowserMessage(what));
  const { chromium } = await import('playwright-core');
  try {
    // Playwright's own SIGINT/SIGTERM/SIGHUP handlers would exit the process: in a kernel, Ctrl-C must interrupt the
    // cell, not end the kernel, while an export browser is open.
    return await chromium.launch({
      executablePath, args: [...CHROMIUM_ARGS], headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new NoBrowserError(`${what}: could not start ${executablePath} (${reason}). ${noBrowserMessage(what).split(': ').slice(1).join(': ')}`);
  }
}
