/**
 * Finding and launching a Chromium for figure export. The project uses the system browser through `playwright-core`
 * (no browser download: research/compute.md §4): Debian's `chromium`, a path in `WHETSTONE_CHROMIUM`, or an installed
 * Google Chrome.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where browsers usually live, tried in order after `WHETSTONE_CHROMIUM`. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

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

/** Raised when no browser can be found or started; the message says how to get one. */
export class NoBrowserError extends Error {
  override name = 'NoBrowserError';
}

/**
 * The browser executable to use, or undefined: `WHETSTONE_CHROMIUM` if set (it must exist), then the usual paths.
 * @example
 *   findChromium() // '/usr/bin/chromium' on Debian after `apt-get install -y chromium`
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['WHETSTONE_CHROMIUM'];
  if (configured) {
    if (!existsSync(configured)) {
      throw new NoBrowserError(`WHETSTONE_CHROMIUM is set to ${configured}, which does not exist: point it at a Chromium or Chrome executable, or unset it`);
    }
    return configured;
  }
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

/** The message for a missing browser, naming what failed (e.g. "fig.save('a.png')"). */
export function noBrowserMessage(what: string): string {
  return `${what}: PNG/SVG export needs Chromium or Chrome and none was found. ` +
    'Install one (Debian/Ubuntu: apt-get install -y chromium; macOS/Windows: install Google Chrome) ' +
    'or set WHETSTONE_CHROMIUM=/path/to/chrome. Saving as .html or .json needs no browser.';
}

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
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new NoBrowserError(`${what}: could not start ${executablePath} (${reason}). ${noBrowserMessage(what).split(': ').slice(1).join(': ')}`);
  }
}
