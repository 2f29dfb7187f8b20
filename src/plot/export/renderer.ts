/**
 * One warm headless page per process that has plotly.js loaded, so that a figure after the first costs tens of
 * milliseconds instead of a second-plus cold start (research/compute.md §4: about 1.1 s cold, then about 50 ms per PNG
 * and 25 ms per SVG).
 *
 * Lifetime: an open browser keeps Node's event loop alive, so a plain script would never exit. Inside a kernel (a
 * display hook is installed) the browser stays up until the process exits; elsewhere it closes after
 * `IDLE_CLOSE_MS` without renders. playwright kills the browser when the process exits either way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { displayHook } from '../../toolkit/util/display-hook.js';
import { plotlyPath } from '../html.js';
import { launchChromium } from './chromium.js';

/** Idle time after which a headless script's browser closes. */
export const IDLE_CLOSE_MS = 1500;

interface Warm {
  browser: Browser;
  page: Page;
}

let warm: Promise<Warm> | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let pending = 0;
let idleCloseMs: number | null | undefined;

/**
 * Sets how long the export browser stays open without renders: milliseconds, or null to keep it until exit.
 * Default: kept while a kernel display hook is installed, else 1500 ms.
 * @example
 *   setRendererIdleClose(null); // keep warm in a long-running process
 */
export function setRendererIdleClose(ms: number | null | undefined): void {
  idleCloseMs = ms;
}

/**
 * The page loads plotly.js from a file: URL rather than through `addScriptTag`: the browser then streams and compiles
 * the 10 MB script off the main thread instead of receiving it as one protocol message, which measured about 1 s
 * faster per cold start (and a faster first figure) on the 2-core dev machine.
 */
async function start(what: string): Promise<Warm> {
  const browser = await launchChromium(what);
  const dir = mkdtempSync(join(tmpdir(), 'whetstone-render-'));
  try {
    const page = await browser.newPage();
    const html = join(dir, 'render.html');
    writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(plotlyPath()).href}"></script></head><body></body></html>`);
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction('typeof window.Plotly === "object" || typeof window.Plotly === "function"');
    browser.on('disconnected', () => {
      warm = undefined;
    });
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a browser is up (or starting). */
export function rendererIsWarm(): boolean {
  return warm !== undefined;
}

/**
 * Starts the export browser now (e.g. at kernel start-up, so the first `fig.save` is fast). Call it after the kernel's
 * display hook is installed, or after `setRendererIdleClose(null)`, or the idle timer closes it again.
 * @example
 *   await warmRenderer();
 */
export async function warmRenderer(what = 'warmRenderer'): Promise<void> {
  warm ??= start(what);
  try {
    await warm;
  } catch (error) {
    warm = undefined;
    throw error;
  }
  scheduleIdleClose();
}

/**
 * Closes the export browser (no-op when none is running). The notebook runner calls this after `exportFigures`.
 * @example
 *   await closeRenderer();
 */
export async function closeRenderer(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const current = warm;
  warm = undefined;
  if (!current) return;
  const w = await current.catch(() => undefined);
  await w?.browser.close().catch(() => undefined);
}

function scheduleIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const ms = idleCloseMs === undefined ? (displayHook() ? null : IDLE_CLOSE_MS) : idleCloseMs;
  if (ms === null || pending > 0) return;
  idleTimer = setTimeout(() => void closeRenderer(), ms);
  idleTimer.unref();
}

/** Image request sent into the page. */
export interface RenderRequest {
  spec: { data: unknown[]; layout: Record<string, unknown> };
  format: 'png' | 'svg';
  width: number;
  height: number;
  scale: number;
}

/**
 * Renders a figure in the warm page with `Plotly.toImage` and returns PNG bytes or SVG text.
 * @example
 *   const svg = await renderInBrowser({ spec, format: 'svg', width: 720, height: 420, scale: 1 }, 'fig.save');
 */
export async function renderInBrowser(request: RenderRequest, what: string): Promise<Buffer | string> {
  pending++;
  if (idleTimer) clearTimeout(idleTimer);
  try {
    warm ??= start(what);
    let w: Warm;
    try {
      w = await warm;
    } catch (error) {
      warm = undefined;
      throw error;
    }
    // The request travels as one JSON string: playwright's structured argument serializer took over a second for a
    // 100k-point figure, JSON.stringify + JSON.parse about 0.2 s.
    const url = await w.page.evaluate(async (json: string) => {
      const r = JSON.parse(json) as RenderRequest;
      const plotly = (globalThis as unknown as { Plotly: { toImage(fig: unknown, opts: unknown): Promise<string> } }).Plotly;
      return plotly.toImage({ data: r.spec.data, layout: r.spec.layout }, { format: r.format, width: r.width, height: r.height, scale: r.scale });
    }, JSON.stringify(request));
    const comma = url.indexOf(',');
    const header = url.slice(0, comma);
    const body = url.slice(comma + 1);
    if (request.format === 'png') return Buffer.from(body, 'base64');
    return header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
  } finally {
    pending--;
    scheduleIdleClose();
  }
}
