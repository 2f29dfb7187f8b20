/**
 * Finding the system's Chromium or Chrome for figure export: `WHETSTONE_CHROMIUM`, Debian's `chromium`, or an
 * installed Google Chrome (no browser download: research/compute.md §4). Kept apart from launching so that the
 * toolkit's public types (`plot.findChromium`) do not pull playwright-core's declarations into every cell's checker.
 */
import { existsSync } from 'node:fs';

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
